// Exact best responses (Definition 3): player i, facing the rest of the receiver `others` = x̂ - w_i x_i,
// minimises its own loss over its own set.
//   squared loss, convex set: the Euclidean projection of (t_i - others)/w_i onto X_i (an exact clamp on
//     an interval, an exact small QP on a polytope);
//   inner-product loss: a point of argmax_{y in X_i} w_i t_i·y (Theorem 5);
//   finite set: a selection whose sum minimises the loss (any loss).
// Ties keep the current action, so that dynamics stop exactly at equilibria. w_i = 0 keeps the action.
#pragma once

#include "bigcert/core/finite_game.hpp"
#include "bigcert/core/instance.hpp"

namespace bigcert {

// The nearest point of the polytope to `point` (exact): the KKT system of min |y - point|^2 is solved for
// each linearly independent set of active facets until one has non-negative multipliers and a feasible y.
Vector project_onto_polytope(const Polytope& polytope, const Vector& point);

Vector convex_best_response(const Instance& instance, std::size_t player, const Vector& others,
                            const Vector& current);

Selection finite_best_response(const Instance& instance, std::size_t player, const Vector& others,
                               const Selection& current, const std::vector<SumValue>& sums);

}  // namespace bigcert
