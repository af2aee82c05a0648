// JSON for the readers built on nlohmann (sweep specs, align configs, dynamics start files, solutions to
// plot). Two things nlohmann does not do by default: decimal literals are kept as their text (a string,
// read exactly later; FORMAT.md "Numbers": 0.1 is 1/10, never a double), and a key repeated in one object
// is an InputError naming its path (nlohmann would silently keep the last copy).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "bigcert/core/rational.hpp"
#include "bigcert/io/json_path.hpp"
#include "bigcert/io/solution_writer.hpp"  // Json

namespace bigcert {

// Throws InputError (invalid JSON, or "PATH: duplicate key").
Json parse_exact_json(const std::string& text);

// A number of such a document read exactly: a string holding its text (decimals, "p/q") or an integer.
// InputError "PATH: not a number: ..." otherwise.
Rational exact_number(const Json& value, const std::string& path);

// Every key of the object `value` at `path` must be one of `known` (json_keys.hpp's message otherwise).
void require_known_keys(const Json& value, const JsonPath& path, std::span<const std::string_view> known);

}  // namespace bigcert
