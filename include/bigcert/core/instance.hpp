// The Battling Influencers Game (MODEL.md §1): players, targets, weights, action sets, the receiver.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bigcert/core/action_set.hpp"
#include "bigcert/core/receiver.hpp"
#include "bigcert/core/receiver_rule.hpp"
#include "bigcert/core/vector.hpp"

namespace bigcert {

enum class Loss {
    squared,  // l_i = |x̂ - t_i|^2 (the paper's game)
    inner,    // l_i = -t_i·x̂ (paper §5.1)
};

struct Player {
    std::string name;
    Vector target;
    Rational weight;
    std::size_t action_set = 0;  // index into Instance::action_sets (shared sets are stored once)
    std::vector<Rational> care;  // v_ij per receiver (docs/model.md §8); empty: all 1
};

struct Instance {
    std::string name;
    Loss loss = Loss::squared;
    std::size_t dimension = 1;
    Rational bias_weight = 0;  // w0
    Vector bias_point;         // x0
    std::vector<ActionSet> action_sets;
    std::vector<Player> players;
    ReceiverRule
        rule;  // the mean (weights and bias above) unless the instance names another (docs/model.md §5)
    // Several receivers (docs/model.md §8); empty: the paper's single receiver above.
    std::vector<Receiver> receivers;

    const ActionSet& set_of(std::size_t player) const { return action_sets[players[player].action_set]; }
    // w0·x0, the receiver's fixed background term.
    Vector bias() const;
    // x̂ = w0·x0 + sum_i w_i·x_i for a profile of actions.
    Vector receiver(const std::vector<Vector>& actions) const;
    // l_i for a profile (either loss).
    Rational loss_of(std::size_t player, const Vector& receiver) const;
    // Phi(x) = |x̂|^2 - 2 sum_i w_i t_i·x_i (Theorem 1), for the squared loss.
    Rational potential(const std::vector<Vector>& actions, const Vector& receiver) const;
    // The player's name if it has one, else its 0-based index: an identifier (figures, JSON "name" fields).
    std::string label(std::size_t player) const;
    // How text output and messages name a player (cli.md "Player numbering"): its 0-based index, as in the
    // JSON output, and its name in parentheses when it has one: "0 (left)", "1".
    std::string numbered_label(std::size_t player) const;
};

}  // namespace bigcert
