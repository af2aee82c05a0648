// `check` on curved sets without Z3: what the solver's certified enclosure proves exactly.
//
// Facts used (MODEL.md §3a-c): x̂* is the same at every equilibrium; solve_curved proves (exact rational
// arithmetic) that x̂* lies in the receiver box B and that the equilibrium is unique when it reports count
// "one" (every player separated: a curved player with u_i = w_i (t_i - x̂*) ≠ 0 has exactly one maximiser of
// u_i·y because its set is strictly convex, a polytope player's vertex stays the unique maximiser over the
// whole ball around B's centre, and at most one player is fixed by the receiver equation).
// Exaggeration with the strictly convex refinement: a player with w_i ≠ 0 and t_i ∉ B has u_i ≠ 0 at x̂*, so
// its action maximises a non-zero linear function: it is on the boundary (never interior), and on a ball or
// ellipsoid it is the unique support point. If at most one player k is not of that kind (and w_k ≠ 0),
// Theorem 4's conclusion holds: only k can be interior, and then u_k = 0, i.e. x̂* = t_k.
#pragma once

#include "bigcert/certify/properties.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/core/solution.hpp"

namespace bigcert {

// Players with w_i ≠ 0 whose target lies outside the receiver enclosure (exact comparison).
std::vector<std::size_t> players_away_from_target(const Instance& instance, const Solution& solution);

// The property ("exaggeration", "receiver-unique", "count") decided from an enclosed or exact curved
// solution; verdict "unknown" where the argument does not apply. Pre: solution from solve() on this instance.
PropertyVerdict curved_property_from_enclosure(const Instance& instance, const Solution& solution,
                                               const std::string& property);

}  // namespace bigcert
