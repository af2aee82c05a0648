// The "rule" object of an instance (docs/format.md "Receiver rules"), read with the JSON path in every error.
// Internal to the io layer: the instance loader and load_receiver_rule_text share it.
#pragma once

#include <simdjson.h>

#include "bigcert/core/rational.hpp"
#include "bigcert/core/receiver_rule.hpp"
#include "bigcert/io/json_path.hpp"

namespace bigcert {

ReceiverRule read_receiver_rule(simdjson::ondemand::value value, const JsonPath& path, std::size_t dimension,
                                const NumberLimits& limits);

}  // namespace bigcert
