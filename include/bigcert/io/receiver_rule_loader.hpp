// Reading a receiver rule (docs/format.md "Receiver rules") on its own, as `bigcert mechanism --rule JSON`
// gives it; the instance loader reads the same object under the key "rule".
#pragma once

#include <string>
#include <string_view>

#include "bigcert/core/instance.hpp"
#include "bigcert/core/receiver_rule.hpp"
#include "bigcert/io/instance_loader.hpp"

namespace bigcert {

// `path` names the rule in errors ("--rule", "--compare[1]"). Throws InputError naming the key.
ReceiverRule load_receiver_rule_text(std::string_view json, std::size_t dimension, const std::string& path,
                                     const LoadLimits& limits = {});

// The checks that need the players: trimmed-mean needs 2·trim < n (some report remains); the unweighted
// rules refuse weights and a bias (they would be silently ignored). `path` names the rule.
void check_rule_fits_instance(const ReceiverRule& rule, const Instance& instance, const std::string& path);

// Commands that solve the paper's game (the mean) refuse another rule, pointing to `bigcert mechanism`.
void require_mean_rule(const Instance& instance);

}  // namespace bigcert
