// Lists of players in text output and messages (docs/cli.md "Player numbering"): every player by its numbered
// label (0-based index, name in parentheses), and a long list cut after a few, so that a message about 10^6
// players stays one short line.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bigcert/core/instance.hpp"

namespace bigcert {

// "player 3 (a)", "players 3 and 7", "players 3, 7, 12 and 41 others" (at most `shown` named, `shown` >= 1).
std::string player_list_text(const Instance& instance, const std::vector<std::size_t>& players,
                             std::size_t shown = 3);

}  // namespace bigcert
