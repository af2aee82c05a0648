// Which end of its interval a player of a LineGame plays on each side of its target (MODEL.md §3e): the
// sweep (line_sweep.cpp) and the selection (line_selection.cpp) read the same rule.
#pragma once

#include "bigcert/line_game.hpp"

namespace bigcert {

// The bound a player plays when its target lies above the receiver (it pushes up), and below.
inline const SmallFraction& high_side(const LineGame& game, std::size_t i) {
    return sign(game.weights[i]) > 0 ? game.hi(i) : game.lo(i);
}
inline const SmallFraction& low_side(const LineGame& game, std::size_t i) {
    return sign(game.weights[i]) > 0 ? game.lo(i) : game.hi(i);
}

// A player whose contribution jumps at its target: w != 0 and lo < hi.
inline bool jumps(const LineGame& game, std::size_t i) {
    return sign(game.weights[i]) != 0 && compare(game.lo(i), game.hi(i)) < 0;
}

}  // namespace bigcert
