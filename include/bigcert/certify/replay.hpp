// Replaying a proof log with the stock solver binaries: every query file must still have its recorded
// SHA-256, no file may be missing or extra, and `z3 FILE` (and `cvc5 FILE` when installed) must give the
// expected answer. Artifacts with a `kind` are re-checked too (an "smt2" file must give its expected answer
// in z3; an "algebraic-claim" is re-derived, algebraic_claim.hpp; a "finite-deviations" profile is compared
// again with every deviation, finite_deviations.hpp), and a bundle in which nothing was
// re-checked (no query, no such artifact) fails: a replay that checked nothing shows nothing.
#pragma once

#include <string>
#include <vector>

namespace bigcert {

struct ReplayLine {
    std::string file;
    std::string expected;  // what the query was designed to show (unsat: no improving deviation)
    std::string recorded;  // Z3's answer when bigcert ran it; replay must reproduce it
    std::string z3_answer;
    std::string cvc5_answer;  // "" when cvc5 is not installed or the logic is not one cvc5 decides well
    bool agrees = false;
    std::string problem;
};

// One artifact re-checked beyond its digest.
struct ArtifactCheck {
    std::string file, kind, expected;
    std::string outcome;  // what replay found (z3's answer, or what was re-derived)
    bool passed = false;
    std::string problem;
};

struct ReplayReport {
    std::vector<ReplayLine> lines;
    std::vector<ArtifactCheck> artifacts;
    std::vector<std::string> problems;  // bundle-level: missing, extra, edited files
    bool ok() const;
};

ReplayReport replay_proof_log(const std::string& directory, double timeout_seconds = 60,
                              bool use_cvc5 = true);

}  // namespace bigcert
