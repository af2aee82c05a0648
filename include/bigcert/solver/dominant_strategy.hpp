// The inner-product loss l_i = -t_i·x̂ (paper §5.1, Theorem 5): x̂ is affine in x_i with coefficient w_i, so
//     l_i(y, x_-i) - l_i(x_i, x_-i) = -w_i t_i·(y - x_i)
// whatever the others play. Every y in F_i = argmax_{y in X_i} w_i t_i·y is therefore a weakly dominant
// strategy, and the profiles with x_i in F_i for all i are exactly the weakly dominant strategy
// equilibria (wDSE). The exact potential is Phi(x) = -sum_i w_i t_i·x_i.
#pragma once

#include "bigcert/solver/solver.hpp"

namespace bigcert {

// Pre: instance.loss == Loss::inner, convex action sets.
// Post: one wDSE (a vertex of each F_i), face_vertices[i] = vertices of F_i when F_i is not one point,
//       count = infinite iff some F_i is not a single point; verified by the vertex check below.
Solution solve_dominant_strategy(const Instance& instance, const SolveOptions& options = {});

// The exact check of weak dominance, independent of the face computation: w_i t_i·(v - x_i) <= 0 for
// every vertex v of X_i (a linear function on a polytope is maximal at a vertex). Empty when it holds,
// else the first failing player's description.
std::string check_weak_dominance(const Instance& instance, const std::vector<Vector>& actions);

// Phi(x) = -sum_i w_i t_i·x_i, the exact potential of the inner-product loss.
Rational inner_potential(const Instance& instance, const std::vector<Vector>& actions);

}  // namespace bigcert
