// `certify` for several receivers (docs/model.md §8.5): the solver's equilibrium, re-checked exactly, then
// per player the variational inequality as a QF_LRA query and the definition as a QF_NRA query, both expected
// unsat, written to a proof bundle that `bigcert replay` re-runs in stock z3.
#pragma once

#include <string>
#include <vector>

#include "bigcert/certify/certificate.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/io/solution_writer.hpp"

namespace bigcert {

struct ReceiversCertificate {
    std::string verdict;  // "certified", "not certified" (an unknown answer)
    Json json;            // docs/format.md "Verdicts", plus the profile and receivers
    std::vector<Vector> actions;
    std::vector<std::string> player_verdicts;
};

// Certifies the first equilibrium solve_receivers prints. `instance_text` is stored in the bundle.
ReceiversCertificate certify_receivers(const Instance& instance, const std::string& proof_log,
                                       const std::string& instance_text, const CertifyOptions& options);

}  // namespace bigcert
