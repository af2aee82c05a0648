// Exact best response under a coordinate-wise rule (median, generalized median, trimmed mean) when the
// player's set is a polygon (docs/model.md §6.5): the others' values cut the plane into a grid of cells in
// which each outcome coordinate is affine in the own report, so the loss is a separable convex quadratic on
// each cell's piece of the polygon and its minimum is at a stationary point or on an edge of that piece.
#pragma once

#include "bigcert/mechanism/rule_outcome.hpp"

namespace bigcert {

// A report of `set` (a polytope in the plane) minimising |map(y) - target|^2 exactly: `current` when it is
// optimal, else the optimal candidate nearest `truthful`.
Vector polygon_best_response(const ActionSet& set, const OwnReportMap& map, const Vector& target,
                             const Vector& current, const Vector& truthful);

}  // namespace bigcert
