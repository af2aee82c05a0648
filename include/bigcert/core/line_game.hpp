// A one-dimensional instance held in machine integers: the d = 1 fast path's model (docs/internals.md).
//
// The same game as an Instance with dimension 1, squared loss and intervals (MODEL.md §3e), but every
// number a SmallFraction and the players stored column-wise, so that 10^6 players cost a few flat arrays
// instead of millions of heap-allocated GMP numbers. Exists only when every number fits; otherwise the
// Instance and the GMP path are used (line_game_of() and the loader say so by returning nothing).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/core/small_fraction.hpp"

namespace bigcert {

struct LineGame {
    std::string name;
    SmallFraction bias;  // w0·x0
    std::vector<SmallFraction> targets, weights;
    std::vector<SmallFraction> lows, highs;    // the distinct action sets, as in Instance::action_sets
    std::vector<std::uint32_t> set_of_player;  // index into lows/highs
    std::vector<std::string> names;            // empty when no player has a name

    std::size_t size() const { return targets.size(); }
    const SmallFraction& lo(std::size_t player) const { return lows[set_of_player[player]]; }
    const SmallFraction& hi(std::size_t player) const { return highs[set_of_player[player]]; }
    // Instance::label: the player's name if it has one, else its 0-based index.
    std::string label(std::size_t player) const;
    // Instance::numbered_label: "0 (left)", "1".
    std::string numbered_label(std::size_t player) const;
};

// The instance as a LineGame: nothing when it is not 1-D with intervals and the squared loss, or when a
// number does not fit a SmallFraction.
std::optional<LineGame> line_game_of(const Instance& instance);

}  // namespace bigcert
