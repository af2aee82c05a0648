// Theorem 4's premise asks for pairwise distinct targets (docs/model.md §4). On the machine-integer routes
// a target is a vector of SmallFractions, one per coordinate game (a single LineGame in d = 1), and those
// are in lowest terms, so two targets are equal exactly when their fields are: a hash table on the fields
// decides it in expected O(n d) without sorting.
#pragma once

#include <span>

#include "bigcert/core/line_game.hpp"

namespace bigcert {

// Whether two players have equal target vectors; `coordinates` are the coordinate games of one game (the
// same players in each). On up to `threads` cores (0: all) when n is large.
bool has_repeated_target(std::span<const LineGame> coordinates, unsigned threads = 1);

inline bool has_repeated_target(const LineGame& game) { return has_repeated_target({&game, 1}); }

}  // namespace bigcert
