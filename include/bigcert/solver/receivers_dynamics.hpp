// Exact best-response dynamics for several receivers (docs/model.md §8.7): each player in turn (round-robin)
// or all at once (simultaneous) moves to its exact best response to the others, the minimiser of its own loss
// l_i over its interval or polytope. Without a potential the dynamics may cycle; a repeated profile is
// detected exactly (exact profiles, compared as text) and reported with the round it repeats. A round that
// changes nothing is a fixed point, i.e. an equilibrium, re-checked by receivers_equilibrium_failure.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/solver/dynamics.hpp"
#include "bigcert/solver/receivers.hpp"

namespace bigcert {

// Player i's exact best response to the others (docs/model.md §8.7). With C_ii > 0 it is the Euclidean
// projection of -(sum_{k != i} C_ik x_k + q_i) / C_ii onto X_i (l_i = C_ii |x_i - aim|^2 + const); with
// C_ii = 0 the loss is linear in x_i, and the current action is kept when it is a minimiser, else the first
// vertex (in the set's vertex order) of the minimising face is taken. UnsupportedError for C_ii < 0 and for
// sets other than intervals and polytopes.
Vector receivers_best_response(const Instance& instance, const ReceiverGame& game, std::size_t player,
                               const std::vector<Vector>& actions);

// The potential the best responses descend when the game has one (docs/model.md §8.2):
// Phi = sum_i lambda_i q_i·x_i + 1/2 sum_{i,k} lambda_i C_ik x_i·x_k; nothing for Kind::none.
std::optional<Rational> receivers_potential_value(const ReceiverGame& game, const PotentialKind& potential,
                                                  const std::vector<Vector>& actions);

// One change of the profile: a player's move (round-robin) or a whole round (simultaneous, no player).
struct ReceiversDynamicsStep {
    std::size_t step = 0;
    std::optional<std::size_t> player;
    const std::vector<Vector>* actions = nullptr;
    std::vector<Vector> receivers;  // x̂_j for every receiver
    std::optional<Rational> potential;
};
using ReceiversDynamicsObserver = std::function<void(const ReceiversDynamicsStep&)>;

struct ReceiversDynamicsResult {
    DynamicsResult::Outcome outcome = DynamicsResult::Outcome::step_cap;
    std::vector<Vector> actions, receivers;
    std::optional<Rational> potential;
    PotentialKind potential_kind;
    std::size_t steps = 0, moves = 0;               // best responses computed; how many changed the profile
    std::size_t cycle_start = 0, cycle_length = 0;  // rounds, for Outcome::cycle
    std::optional<double> last_round_movement;      // at the step cap (approximate, a double)
    std::string message;
};

// How a receiver is shown in the dynamics' text: its name, else its 0-based position.
inline std::string receiver_label(const Instance& instance, std::size_t j) {
    return instance.receivers[j].name.empty() ? std::to_string(j) : instance.receivers[j].name;
}

// `start` is one point per player (in its set). options.max_steps caps the best responses (exit 5 in the
// CLI); a cycle or a fixed point is decided exactly.
ReceiversDynamicsResult run_receivers_dynamics(const Instance& instance, std::vector<Vector> start,
                                               const DynamicsOptions& options,
                                               const ReceiversDynamicsObserver& observer = {});

}  // namespace bigcert
