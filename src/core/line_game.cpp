#include "bigcert/core/line_game.hpp"

#include "bigcert/core/display_text.hpp"

namespace bigcert {

std::string LineGame::label(std::size_t player) const {
    return names.empty() || names[player].empty() ? std::to_string(player) : names[player];
}

std::string LineGame::numbered_label(std::size_t player) const {
    const bool named = !names.empty() && !names[player].empty();
    return std::to_string(player) + (named ? " (" + display_text(names[player]) + ")" : "");
}

std::optional<LineGame> line_game_of(const Instance& instance) {
    if (instance.dimension != 1 || instance.loss != Loss::squared) return std::nullopt;
    for (const ActionSet& set : instance.action_sets)
        if (set.kind() != ActionSet::Kind::interval) return std::nullopt;
    // Player and set indices are stored in 32 bits.
    if (instance.players.size() > UINT32_MAX || instance.action_sets.size() > UINT32_MAX) return std::nullopt;
    LineGame game;
    game.name = instance.name;
    auto bias = small_fraction_of(instance.bias()[0]);
    if (!bias) return std::nullopt;
    game.bias = *bias;
    for (const ActionSet& set : instance.action_sets) {
        auto lo = small_fraction_of(set.as_interval().lo), hi = small_fraction_of(set.as_interval().hi);
        if (!lo || !hi) return std::nullopt;
        game.lows.push_back(*lo);
        game.highs.push_back(*hi);
    }
    const std::size_t n = instance.players.size();
    game.targets.reserve(n), game.weights.reserve(n), game.set_of_player.reserve(n);
    bool named = false;
    for (const Player& p : instance.players) {
        auto target = small_fraction_of(p.target[0]), weight = small_fraction_of(p.weight);
        if (!target || !weight) return std::nullopt;
        game.targets.push_back(*target);
        game.weights.push_back(*weight);
        game.set_of_player.push_back(static_cast<std::uint32_t>(p.action_set));
        named = named || !p.name.empty();
    }
    if (named)
        for (const Player& p : instance.players) game.names.push_back(p.name);
    return game;
}

}  // namespace bigcert
