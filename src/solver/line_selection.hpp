// Locating x̂* without sorting the players (docs/internals.md).
//
// The sweep of line_sweep.hpp sorts all n targets, yet x̂* depends on the order only near x̂*: on the
// open gap between two consecutive targets F is constant, and x - F(x) increases (MODEL.md §3e). So a
// quickselect in doubles finds the gap (or target) where x - F(x) changes sign, in expected O(n), and the
// exact stage then proves it: one exact evaluation of F left of that target and exact steps to the
// neighbouring targets, each found by a linear scan. Doubles only guess; every decision is exact.
//
// Needs keys that order the targets exactly (|num|, den <= 2^53, see TargetKeys in line_support.hpp);
// otherwise, or when the guess is more than a few exact steps off, nothing is returned and the caller sorts
// (line_sweep.hpp).
#pragma once

#include <optional>
#include <vector>

#include "bigcert/core/line_game.hpp"
#include "solver/line_support.hpp"

namespace bigcert {

// x̂*, exactly; nothing when keys are not monotone or the guess was too far off. Throws LineOverflow.
std::optional<SmallFraction> line_receiver_by_selection(const LineGame& game, const TargetKeys& keys,
                                                        unsigned threads);
// The same x̂* as a Rational, for the wide route (line_solver.hpp), where it may outgrow 64-bit fractions.
std::optional<Rational> exact_line_receiver_by_selection(const LineGame& game, const TargetKeys& keys,
                                                         unsigned threads);

}  // namespace bigcert
