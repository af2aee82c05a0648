// The exact answer of `solve --algebraic` as a re-checkable proof-log artifact (docs/cli.md). The
// in-house steps that found it (lattice reduction, the fixed-point check over a quotient algebra,
// elimination, Z3's algebraic numbers) are not replayed; `bigcert replay` re-derives the claim from the
// artifact alone, by other code and other mathematics:
//   1. each coordinate is a rational, or a polynomial with exactly one real root in its interval, counted by
//      Sturm's theorem in exact rationals (an implementation of its own here, not polynomial.hpp's);
//   2. the query "the coordinates pinned (p(v) = 0, lo <= v <= hi) and not an equilibrium" must be unsat in
//      the `z3` binary. Not an equilibrium: the receiver differs from w0 x0 + Σ w_i x_i, or a curved player
//      leaves its set or, with g = w_i (t_i - x̂) != 0, is not the support point c + M⁻¹g / sqrt(gᵀM⁻¹g), or a
//      polytope player leaves its set or has y in it with g·(y - x_i) > 0 (MODEL.md §3b, §3g). An equilibrium
//      has the unique x̂* (MODEL.md §3a) and, with g != 0 on a strictly convex set, the unique support point,
//      so the printed numbers are the answer. Step 1 rules out an empty pin (a vacuous unsat). The
//      support-point form, not the definition with a deviation y, because nlsat decides it in 0.2 s on
//      disc-two where the definition ran past 60 s (measured, Z3 4.8.12).
// The companion query file must equal the text regenerated from the claim and the instance, so that a stock
// `z3 FILE` replays the very claim.
// The query states players by index only (r_j, x_i_j), never by name.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/core/polynomial.hpp"

namespace bigcert {

// One printed coordinate: `value` when rational, else the only root of `polynomial` (x^k coefficient k,
// constant first) in [lo, hi].
struct ClaimedCoordinate {
    std::string variable;  // r_j, then x_i_j (player-major)
    std::optional<Rational> value;
    std::vector<Integer> polynomial;
    Rational lo, hi;
};

inline const char* algebraic_claim_format = "bigcert-algebraic-claim/1";

// The names r_0.., x_0_0.. of `instance`'s coordinates, in the claim's order.
std::vector<std::string> claim_variables(const Instance& instance);

nlohmann::ordered_json algebraic_claim_json(const std::vector<ClaimedCoordinate>& coordinates);

// Reads a claim for `instance`; nothing (and `problem` says why) when it is malformed or lists other
// variables.
std::optional<std::vector<ClaimedCoordinate>> parse_algebraic_claim(const Instance& instance,
                                                                    const nlohmann::json& claim,
                                                                    std::string& problem);

// Step 2's query (QF_NRA, expected unsat). Pre: the instance has no finite action set.
std::string algebraic_claim_query(const Instance& instance,
                                  const std::vector<ClaimedCoordinate>& coordinates);

// Step 1: "" when every polynomial has exactly one real root in its interval, else which one fails.
std::string check_isolation(const std::vector<ClaimedCoordinate>& coordinates);

}  // namespace bigcert
