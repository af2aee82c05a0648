// Boxes solved coordinate by coordinate (MODEL.md §2 Prop. 2, §3e): with the squared loss and every X_i a
// box Π_c [lo_ic, hi_ic], the potential Φ = |x̂|² - 2 Σ_i w_i t_i·x_i is Σ_c Φ_c, each Φ_c depending only on
// coordinate c of every action, over a product domain. Its minimisers (the equilibria) are therefore the
// products of the equilibria of d one-dimensional games (targets t_ic, weights w_i, bias w0·x0_c, intervals
// [lo_ic, hi_ic]), each solved by the d = 1 fast path (line_solver.hpp) and re-checked exactly there; a
// profile is an equilibrium of the box game iff each coordinate's is one (the best response to a linear
// objective over a box is chosen coordinate by coordinate).
//
//   std::optional<Solution> solve_box_game(const Instance&, unsigned threads)
// Pre:  instance.loss == Loss::squared (solve() routes the other losses first).
// Post: nothing when the instance is not d >= 2 with every set a "box", or a number leaves the machine-
//       integer range (the caller then uses the general path). Otherwise the answer of the general path:
//       receiver, losses, potential, faces, count and Theorem 4's report are the same (ever_interior with
//       the same early stop after two); the printed profile is the same whenever the equilibrium is unique,
//       and is another point of the same equilibrium set when it is not (ties are split as in d = 1).

#pragma once

#include <optional>

#include "bigcert/core/instance.hpp"
#include "bigcert/core/solution.hpp"
#include "bigcert/solver/box_solver.hpp"

namespace bigcert {

std::optional<Solution> solve_box_game(const Instance& instance, unsigned threads = 0);

}  // namespace bigcert
