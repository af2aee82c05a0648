// Properties proven over EVERY equilibrium of an instance (`bigcert check`, docs/cli.md), squared loss with
// interval, polytope, ball or ellipsoid sets (curved sets: QF_NRA, see CheckOptions). Two methods:
// "structure" (the default) certifies the solver's profile x* per player and reads
// every equilibrium off the faces F_i = argmax_{X_i} w_i (t_i - x̂*)·y (docs/model.md "Checking every
// equilibrium from the certified structure"; certify/structured_check.hpp); "full" describes the whole
// equilibrium set to Z3 exactly (MODEL.md §3b-c, first-order conditions of the convex potential): x is a NE
// iff, with r = w0·x0 + sum_i w_i x_i,
//     x_i ∈ X_i  and  w_i (t_i - r) = sum_f lambda_if a_f + sum_e mu_ie e_e,  lambda_if >= 0,
//     lambda_if = 0 or a_f·x_i = b_f                                        (KKT of max_{y ∈ X_i} w_i(t_i -
//     r)·y)
// which is linear arithmetic with disjunctions (QF_LRA). A property "holds" only when Z3 proved its negation
// unsat; "fails" only with a counterexample equilibrium that passed the exact equilibrium check; else
// "unknown".
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/core/instance.hpp"

namespace bigcert {

struct CheckOptions {
    // "structure" (and "auto"): certify the solver's profile per player and decide the properties from its
    // faces (docs/model.md "Checking every equilibrium from the certified structure"); "full": one query over
    // the whole equilibrium description below. On ball/ellipsoid sets the structure method proves the
    // receiver box instead of the profile (curved_structured_check.hpp).
    std::string method = "auto";
    std::size_t face_batch_blocks = 200;  // per-player claims per SMT-LIB file (structure)
    // structure on polytopes and intervals: optimality as variable-free cone facts and faces by their active
    // facets (docs/model.md §3a′, cone_facts.hpp); false: by the direction of g_i (the earlier form, to
    // compare)
    bool cone_facts = true;
    unsigned threads = 0;         // structure: batches decided in parallel (0: every core)
    double timeout_seconds = 60;  // per Z3 query, wall clock
    unsigned rlimit = 0;          // per query, deterministic (0: none)
    // Curved sets (§3g): the description is nonlinear (QF_NRA) and Z3 may not finish; its queries run for
    // at most this long and only up to this many players, and what they leave open is settled, where it can
    // be, by the solver's certified enclosure (curved_properties.hpp).
    double curved_timeout_seconds = 5;
    // Z3 4.8.12 did not honour the wall-clock timeout on these queries (a two-disc receiver-unique query ran
    // past 60 s with a 5 s timeout); a deterministic resource limit does stop it (used when --rlimit is not
    // given).
    unsigned curved_rlimit = 2'000'000;
    std::size_t curved_max_players = 3;
};

struct PropertyVerdict {
    std::string property;  // "exaggeration", "receiver-unique", "count", "potential"
    std::string verdict;   // "holds", "fails", "unknown"
    std::string value;     // count: "one" or "infinite"
    std::string premise;   // exaggeration: "met" or "not met"
    std::string premise_detail;
    std::string reason;  // for unknown, or what was shown
    std::vector<std::vector<Vector>>
        counterexample;  // equilibria (exactly checked) witnessing a failure / a count
    // "structure" or "full" (the method asked for), or "enclosure" (curved sets: the exact argument from the
    // certified enclosure)
    std::string method;
    // exaggeration on curved sets (the strictly convex refinement): players proven to sit at the unique
    // support point of their set in the direction w_i (t_i - x̂*) at every equilibrium.
    std::vector<std::size_t> at_unique_support_point;
};

// "auto", "structure" or "full" (InputError("--method") otherwise).
std::string check_method_name(const std::string& requested);

// The properties by name; "all" expands to every one. Throws InputError("--property") on an unknown name.
std::vector<std::string> property_names(const std::string& requested);

std::vector<PropertyVerdict> check_properties(const Instance& instance,
                                              const std::vector<std::string>& properties, ProofLog& log,
                                              const CheckOptions& options = {});

nlohmann::ordered_json check_json(const Instance& instance, const std::vector<PropertyVerdict>& verdicts,
                                  const std::string& proof_log);

}  // namespace bigcert
