// The interval sweep of MODEL.md §3e on a LineGame (the d = 1 fast path): the same method as
// interval_sweep.hpp and interval_profile(), with the per-player work in machine integers. Throws
// LineOverflow (line_arithmetic.hpp) when a number leaves the SmallFraction range.
#pragma once

#include <cstdint>
#include <vector>

#include "bigcert/core/line_game.hpp"
#include "solver/line_support.hpp"

namespace bigcert {

// Every player, sorted by target exactly (ties by index): the sweep's breakpoints.
std::vector<std::uint32_t> players_by_target(const LineGame& game, const TargetKeys& keys);

// x̂*: located in floating point, then computed and corrected exactly (as sweep_receiver()).
SmallFraction line_receiver(const LineGame& game, const std::vector<std::uint32_t>& by_target,
                            unsigned threads);
// The same x̂* as a Rational, for the wide route (line_solver.hpp), where it may outgrow 64-bit fractions.
Rational exact_line_receiver(const LineGame& game, const std::vector<std::uint32_t>& by_target,
                             unsigned threads);

// One equilibrium with receiver x̂*: each player at its support point; the players whose target is x̂*
// share the remainder in index order (as interval_profile()).
std::vector<SmallFraction> line_profile(const LineGame& game, const SmallFraction& receiver,
                                        unsigned threads);
// The same when x̂* is no SmallFraction (the wide route): then it is no target, so no player ties, and each
// weighted player plays the end of its interval on its target's side. Throws InternalError on a tie.
std::vector<SmallFraction> wide_line_profile(const LineGame& game, const Rational& receiver,
                                             unsigned threads);

}  // namespace bigcert
