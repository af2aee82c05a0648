// Properties proven over EVERY equilibrium of an instance (issue 3, `bigcert check`), squared loss with
// interval or polytope sets. The equilibrium set is described to Z3 exactly (MODEL.md §3b-c, first-order
// conditions of the convex potential): x is a NE iff, with r = w0·x0 + sum_i w_i x_i,
//     x_i ∈ X_i  and  w_i (t_i - r) = sum_f lambda_if a_f + sum_e mu_ie e_e,  lambda_if >= 0,
//     lambda_if = 0 or a_f·x_i = b_f                                        (KKT of max_{y ∈ X_i} w_i(t_i - r)·y)
// which is linear arithmetic with disjunctions (QF_LRA). A property "holds" only when Z3 proved its negation
// unsat; "fails" only with a counterexample equilibrium that passed the exact equilibrium check; else "unknown".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bigcert/instance.hpp"
#include "bigcert/proof_log.hpp"

namespace bigcert {

struct CheckOptions {
    double timeout_seconds = 60;  // per Z3 query, wall clock
    unsigned rlimit = 0;          // per query, deterministic (0: none)
};

struct PropertyVerdict {
    std::string property;  // "exaggeration", "receiver-unique", "count", "potential"
    std::string verdict;   // "holds", "fails", "unknown"
    std::string value;     // count: "one" or "infinite"
    std::string premise;   // exaggeration: "met" or "not met"
    std::string premise_detail;
    std::string reason;    // for unknown, or what was shown
    std::vector<std::vector<Vector>> counterexample;  // equilibria (exactly checked) witnessing a failure / a count
};

// The properties by name; "all" expands to every one. Throws InputError("--property") on an unknown name.
std::vector<std::string> property_names(const std::string& requested);

std::vector<PropertyVerdict> check_properties(const Instance& instance, const std::vector<std::string>& properties,
                                              ProofLog& log, const CheckOptions& options = {});

nlohmann::ordered_json check_json(const Instance& instance, const std::vector<PropertyVerdict>& verdicts,
                                  const std::string& proof_log);

}  // namespace bigcert
