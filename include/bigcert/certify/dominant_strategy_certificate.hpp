// Z3 certification of weak dominance for the inner-product loss (paper §5.1, Theorem 5).
//
// Claim, per player i: for EVERY profile x_-i of the others and every y in X_i, l_i(y, x_-i) >= l_i(x_i,
// x_-i). How it is decided (each step logged as SMT-LIB2 in the proof log):
//   1. lemma (symbolic, once per dimension d): with the others' part of the receiver z = w0 x0 + sum_{j!=i}
//   w_j x_j
//      left free, l_i(y, x_-i) - l_i(x_i, x_-i) = -w t·(y - x_i) for all z, w, t, y, x_i in R^d. Z3 proves
//      the negation unsat. So the universally quantified claim reduces, soundly, to one without the others.
//   2. reduced query (QF_LRA, per player): exists y in X_i with w_i t_i·y > w_i t_i·x_i? unsat = certified.
//   3. definition query (QF_LRA, per player, when n·d is small): the same with every other player's action
//      as a variable constrained to its set and the loss written out from x̂; unsat as extra evidence.
// A sat answer is reported as "refuted" only after its deviation passed the exact check; unknown (rlimit)
// is "not certified". Every query runs through the common runner (smt_query.hpp) and is recorded in the
// ProofLog, so its bundle has a manifest that `bigcert replay` and stock z3 re-run.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/io/solution_writer.hpp"

namespace bigcert {

struct DominanceCertifyOptions {
    unsigned rlimit = 20'000'000;  // Z3 resource limit per query (deterministic)
    double timeout_seconds = 0;    // Z3 timeout per query (0: none); running out is "not certified"
    std::size_t max_definition_variables = 4000;  // n·d above this: the definition query is skipped (logged)
    unsigned threads = 0;                         // players in parallel (0: all cores)
};

struct PlayerDominanceVerdict {
    std::size_t index = 0;
    std::string verdict;     // "certified", "refuted", "not certified"
    std::string reason;      // for "not certified"
    Vector deviation;        // for "refuted": an exact action that is strictly better against every profile
    std::string definition;  // the definition query's answer: "unsat", "sat", "unknown" or "skipped"
};

struct DominanceCertificate {
    std::string verdict;  // "certified" iff the lemma and every player's reduced query are unsat
    bool lemma_proved = false;
    std::vector<PlayerDominanceVerdict> players;
    std::string proof_log;  // the bundle's directory ("" when none was written)
    std::string manifest_sha256;
};

// Pre: instance.loss == Loss::inner with convex action sets; actions[i] in X_i (checked; not in the set is
// "refuted" with the reason). Records every query in `log` and finishes it (its manifest is written).
DominanceCertificate certify_weak_dominance(const Instance& instance, const std::vector<Vector>& actions,
                                            ProofLog& log, const DominanceCertifyOptions& options = {});

// FORMAT.md's verdict object ("bigcert-certificate/1") with "method": "weak dominance (Theorem 5)".
Json dominance_certificate_json(const Instance& instance, const DominanceCertificate& certificate);

}  // namespace bigcert
