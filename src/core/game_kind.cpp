#include "bigcert/core/game_kind.hpp"

#include "bigcert/core/errors.hpp"
#include "bigcert/core/finite_game.hpp"

namespace bigcert {

GameKind classify_game(const Instance& instance) {
    if (!instance.receivers.empty()) return GameKind::several_receivers;
    if (!instance.rule.is_mean()) return GameKind::receiver_rule;
    if (is_finite_game(instance)) return GameKind::finite;
    if (instance.loss == Loss::inner) return GameKind::inner_loss;
    if (has_curved_set(instance)) return GameKind::curved;
    return GameKind::polytope;
}

std::string game_kind_name(GameKind kind) {
    switch (kind) {
        case GameKind::several_receivers:
            return "several-receivers";
        case GameKind::receiver_rule:
            return "receiver-rule";
        case GameKind::finite:
            return "finite";
        case GameKind::inner_loss:
            return "inner-loss";
        case GameKind::curved:
            return "curved";
        case GameKind::polytope:
            return "polytope";
    }
    return "unknown";
}

bool has_curved_set(const Instance& instance) {
    for (const ActionSet& set : instance.action_sets)
        if (set.is_curved()) return true;
    return false;
}

bool is_finite_game(const Instance& instance) {
    std::size_t finite = 0;
    for (const ActionSet& set : instance.action_sets) finite += set.is_finite() ? 1 : 0;
    if (finite == 0) return false;
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        if (!instance.set_of(i).is_finite())
            throw UnsupportedError("players[" + std::to_string(i) + "].action_set",
                                   "a game mixing finite and convex action sets");
    return true;
}

}  // namespace bigcert
