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

// One equilibrium with receiver x̂*: each player at its support point; the players whose target is x̂*
// share the remainder in index order (as interval_profile()).
std::vector<SmallFraction> line_profile(const LineGame& game, const SmallFraction& receiver,
                                        unsigned threads);

}  // namespace bigcert
