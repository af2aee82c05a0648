// The solver for instances with balls or ellipsoids (MODEL.md §3d, §3g): certified rational enclosures.
//
//   Solution solve_curved(const Instance&, const SolveOptions&)
// Pre: squared loss, convex action sets, at least one curved set.
// Post: solution.enclosed is true; receiver_enclosure and every action_enclosures[i] have width
//       <= 2^-options.precision and provably contain the exact equilibrium values. The argument (checked in
//       exact rational arithmetic, never floating point):
//   1. ψ(λ) = |λ|² - 2λ·(w0x0) + 2Σ h_i(w_i(t_i - λ)) is 2-strongly convex, and x̂* minimises it, so for
//      any λ and any g ∈ ∂ψ(λ): |λ - x̂*| <= |g|/2 (from (g - 0)·(λ - x̂*) >= 2|λ - x̂*|²).
//   2. g = 2(λ - w0x0 - Σ w_i s_i(λ)) with s_i(λ) a support point at u_i = w_i(t_i - λ); for a curved set
//      s_i = c + M⁻¹u/sqrt(uᵀM⁻¹u), enclosed with rational square-root bounds; for a polytope an exact
//      vertex.
//   3. The actions at x̂*: a curved player's support map is Lipschitz away from u = 0,
//      |s(u) - s(u')| <= 2·λmax(M⁻¹)·|u - u'| / sqrt(uᵀM⁻¹u), with |u - u*| <= |w_i|·ρ; a polytope player's
//      vertex is kept when it stays the unique maximiser over the whole ball |λ' - λ| <= ρ; at most one
//      player not separated this way (an interior player, w_i(t_i - x̂*) = 0) gets its action from the
//      receiver equation x_k = (x̂* - w0x0 - Σ_{j≠k} w_j x_j) / w_k.
// Throws UnsupportedError when two or more players cannot be separated (ties at the equilibrium).
#pragma once

#include "bigcert/core/game_kind.hpp"  // has_curved_set
#include "bigcert/core/instance.hpp"
#include "bigcert/core/solution.hpp"
#include "bigcert/solver/solver.hpp"

namespace bigcert {

Solution solve_curved(const Instance& instance, const SolveOptions& options);

}  // namespace bigcert
