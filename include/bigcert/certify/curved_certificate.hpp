// Z3 side of curved sets (docs/model.md §3g; certify layer). Pieces the certification engineer can plug in:
//   smt_curved_membership: the quadratic constraint putting a point in a ball or ellipsoid;
//   smt_curved_support:    KKT of "x maximises u·y over the set" (necessary and sufficient, the set is
//   convex):
//                          u = ν·M(x - c) (ν·(x - c) for a ball), ν >= 0, ν = 0 or x on the boundary;
//   certify_enclosure_with_z3: "no equilibrium outside this box" as one QF_NRA query (expect unsat).
#pragma once

#include <string>
#include <vector>

#include "bigcert/certify/certificate.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/core/solution.hpp"

namespace bigcert {

std::string smt_curved_membership(const CurvedSet& set, const std::vector<std::string>& point);
// The point strictly inside the set, and on its boundary.
std::string smt_curved_interior(const CurvedSet& set, const std::vector<std::string>& point);
std::string smt_curved_boundary(const CurvedSet& set, const std::vector<std::string>& point);
// `direction` are SMT terms for u; `multiplier` a declared real variable name.
std::vector<std::string> smt_curved_support(const CurvedSet& set, const std::vector<std::string>& point,
                                            const std::vector<std::string>& direction,
                                            const std::string& multiplier);

struct EnclosureZ3Result {
    std::string
        answer;  // "unsat" = certified: every equilibrium has its receiver in the box; else not certified
    std::string reason;
    std::string query;  // the SMT-LIB2 text Z3 ran (for the proof log)
};

// Pre: every action set is curved, solution.enclosed. Limited to small games (Z3's nonlinear arithmetic).
EnclosureZ3Result certify_enclosure_with_z3(const Instance& instance, const Solution& solution,
                                            unsigned timeout_ms = 30000);

// For `certify` without a profile: proves "every equilibrium lies in the solver's boxes" (receiver
// and every action) as one QF_NRA query over the exact equilibrium description (mixed curved and polytope
// sets), expected unsat, logged. Verdict "certified" only on unsat, "not certified" (with Z3's reason)
// otherwise; the players carry the same verdict. Pre: solution.enclosed.
Certificate certify_enclosure(const Instance& instance, const Solution& solution, ProofLog& log,
                              const CertifyOptions& options);

// For `solve`: when every set is curved and n <= max_players, runs the query above and records its outcome in
// solution.enclosure_proof ("unsat": confirmed; otherwise "not certified by Z3", the exact argument stands);
// writes the SMT-LIB2 text to `query_path` when given. Does nothing for larger or mixed games.
void confirm_enclosure_with_z3(const Instance& instance, Solution& solution, const std::string& query_path,
                               std::size_t max_players = 4);

}  // namespace bigcert
