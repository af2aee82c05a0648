#include "bigcert/core/player_list.hpp"

namespace bigcert {

std::string player_list_text(const Instance& instance, const std::vector<std::size_t>& players,
                             std::size_t shown) {
    if (players.size() == 1) return "player " + instance.numbered_label(players.front());
    const std::size_t listed = players.size() <= shown + 1 ? players.size() : shown;
    std::string text = "players ";
    for (std::size_t k = 0; k < listed; ++k) {
        if (k > 0) text += k + 1 == listed && listed == players.size() ? " and " : ", ";
        text += instance.numbered_label(players[k]);
    }
    if (listed < players.size()) text += " and " + std::to_string(players.size() - listed) + " others";
    return text;
}

}  // namespace bigcert
