// A game on boxes held as one LineGame per coordinate (MODEL.md §3e; the split is argued in
// src/solver/box_split.hpp): with the squared loss and every X_i a box Π_c [lo_ic, hi_ic], coordinate c
// is the 1-D game with targets t_ic, weights w_i, bias w0·x0_c and intervals [lo_ic, hi_ic]. Every number
// a SmallFraction, stored column-wise: 10^6 players cost a few flat arrays per coordinate, no GMP number
// and no per-player allocation. Exists only when every number fits; otherwise the Instance is used.
#pragma once

#include <string>
#include <vector>

#include "bigcert/core/line_game.hpp"

namespace bigcert {

struct BoxGame {
    std::string name;
    // coordinates[c]: coordinate c's game; the same weights, set indices and players in each. Player
    // names, when any player has one, are kept in coordinates[0] only.
    std::vector<LineGame> coordinates;

    std::size_t dimension() const { return coordinates.size(); }
    std::size_t size() const { return coordinates.empty() ? 0 : coordinates[0].size(); }
};

}  // namespace bigcert
