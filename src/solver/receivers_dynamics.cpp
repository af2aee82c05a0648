// Exact best-response dynamics for several receivers (docs/model.md §8.7).
#include "bigcert/solver/receivers_dynamics.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "bigcert/core/errors.hpp"
#include "bigcert/solver/dynamics_best_response.hpp"

namespace bigcert {
namespace {

// sum_{k != i} C_ik x_k + q_i: player i's gradient without its own term (half the gradient of l_i is
// C_ii x_i plus this).
Vector others_gradient(const ReceiverGame& game, std::size_t i, const std::vector<Vector>& actions) {
    Vector r = game.offset[i];
    for (std::size_t k = 0; k < game.players; ++k)
        if (k != i && sign(game.cross[i][k]) != 0) add_scaled(r, game.cross[i][k], actions[k]);
    return r;
}

// The dynamics' game: intervals and polytopes, every own loss convex (as the solver requires, §8.1).
void require_dynamics_game(const Instance& instance, const ReceiverGame& game) {
    if (instance.loss != Loss::squared)
        throw UnsupportedError("loss", "dynamics with several receivers and the inner loss");
    if (!instance.rule.is_mean())
        throw UnsupportedError("rule", "dynamics with several receivers and a rule");
    for (std::size_t i = 0; i < game.players; ++i) {
        const ActionSet::Kind kind = instance.set_of(i).kind();
        if (kind != ActionSet::Kind::interval && kind != ActionSet::Kind::polytope)
            throw UnsupportedError("players[" + std::to_string(i) + "].action_set",
                                   "dynamics with several receivers on intervals and polytopes only");
        if (sign(game.cross[i][i]) < 0)
            throw UnsupportedError("players[" + std::to_string(i) + "].care",
                                   "the player's loss is concave in its own action (sum_j v_ij w_ji^2 = " +
                                       to_string(game.cross[i][i]) + " < 0)");
    }
}

std::string profile_key(const std::vector<Vector>& actions) {
    std::string key;
    for (const Vector& a : actions) {
        for (const Rational& x : a) key += to_string(x) + ",";
        key += ";";
    }
    return key;
}

std::vector<Vector> all_receivers(const Instance& instance, const std::vector<Vector>& actions) {
    std::vector<Vector> points;
    for (std::size_t j = 0; j < instance.receivers.size(); ++j)
        points.push_back(receiver_point(instance, j, actions));
    return points;
}

class ReceiversDynamics {
  public:
    ReceiversDynamics(const Instance& instance, std::vector<Vector> start, const DynamicsOptions& options,
                      const ReceiversDynamicsObserver& observer)
        : instance_(instance), game_(receiver_game_of(instance)), options_(options), observer_(observer) {
        require_dynamics_game(instance, game_);
        result_.potential_kind = classify_potential(game_);
        result_.actions = std::move(start);
    }

    ReceiversDynamicsResult run() {
        if (options_.simultaneous)
            run_simultaneous();
        else
            run_round_robin();
        result_.receivers = all_receivers(instance_, result_.actions);
        result_.potential = receivers_potential_value(game_, result_.potential_kind, result_.actions);
        return std::move(result_);
    }

  private:
    void report(std::optional<std::size_t> player) {
        if (!observer_) return;
        observer_(ReceiversDynamicsStep{
            result_.steps, player, &result_.actions, all_receivers(instance_, result_.actions),
            receivers_potential_value(game_, result_.potential_kind, result_.actions)});
    }

    // A whole round (or n consecutive best responses) changed nothing: every player is at its best
    // response, so the profile is an equilibrium; the §8.1 identity decides it independently.
    void finish_at_equilibrium() {
        const std::string failure = receivers_equilibrium_failure(instance_, game_, result_.actions);
        if (!failure.empty())
            throw InternalError("dynamics stopped at a profile the exact check rejects: " + failure);
        result_.outcome = DynamicsResult::Outcome::equilibrium;
        result_.message = "reached a pure equilibrium after " + std::to_string(result_.steps) +
                          " best responses (" + std::to_string(result_.moves) + " moves), verified exactly";
    }

    void finish_at_cycle(std::size_t round, std::size_t first) {
        result_.outcome = DynamicsResult::Outcome::cycle;
        result_.cycle_start = first;
        result_.cycle_length = round - first;
        result_.message = std::string(options_.simultaneous ? "simultaneous" : "round-robin") +
                          " best responses cycle: the profile at the start of round " +
                          std::to_string(round) + " repeats round " + std::to_string(first) +
                          " (cycle of length " + std::to_string(result_.cycle_length) + " from round " +
                          std::to_string(first) + ")";
    }

    // How far the profile moved during the last round (Euclidean, over all players; a double).
    void finish_at_cap(const std::vector<Vector>& before_round) {
        result_.outcome = DynamicsResult::Outcome::step_cap;
        result_.message = "stopped at the step cap (" + std::to_string(options_.max_steps) +
                          " best responses) without reaching an exact equilibrium";
        Rational moved = 0;
        for (std::size_t i = 0; i < before_round.size(); ++i)
            moved += squared_norm(result_.actions[i] - before_round[i]);
        result_.last_round_movement = std::sqrt(to_double(moved));
    }

    // The best responses depend on the current profile only, so a profile seen at the start of an earlier
    // round means the rounds repeat from there on.
    void run_round_robin() {
        const std::size_t n = instance_.players.size();
        std::unordered_map<std::string, std::size_t> seen;  // profile at a round's start -> that round
        std::size_t unchanged = 0, round = 0;               // consecutive best responses that kept the action
        std::vector<Vector> round_start = result_.actions;
        report(std::nullopt);
        for (std::size_t i = 0;; i = (i + 1) % n) {
            if (unchanged >= n) return finish_at_equilibrium();
            if (i == 0) {
                auto [where, fresh] = seen.emplace(profile_key(result_.actions), round);
                if (!fresh) return finish_at_cycle(round, where->second);
                round_start = result_.actions;
                ++round;
            }
            if (result_.steps >= options_.max_steps) return finish_at_cap(round_start);
            ++result_.steps;
            Vector action = receivers_best_response(instance_, game_, i, result_.actions);
            if (action == result_.actions[i]) {
                ++unchanged;
                continue;
            }
            unchanged = 0;
            ++result_.moves;
            result_.actions[i] = std::move(action);
            report(i);
        }
    }

    void run_simultaneous() {
        const std::size_t n = instance_.players.size();
        std::unordered_map<std::string, std::size_t> seen;
        std::vector<Vector> previous = result_.actions;
        report(std::nullopt);
        for (std::size_t round = 0;; ++round) {
            auto [where, fresh] = seen.emplace(profile_key(result_.actions), round);
            if (!fresh) return finish_at_cycle(round, where->second);
            if (result_.steps + n > options_.max_steps) return finish_at_cap(previous);
            std::vector<Vector> next = result_.actions;
            bool changed = false;
            for (std::size_t i = 0; i < n; ++i) {
                next[i] = receivers_best_response(instance_, game_, i, result_.actions);
                if (next[i] != result_.actions[i]) changed = true, ++result_.moves;
            }
            result_.steps += n;
            if (!changed) return finish_at_equilibrium();
            previous = std::move(result_.actions);
            result_.actions = std::move(next);
            report(std::nullopt);
        }
    }

    const Instance& instance_;
    const ReceiverGame game_;
    const DynamicsOptions& options_;
    const ReceiversDynamicsObserver& observer_;
    ReceiversDynamicsResult result_;
};

}  // namespace

Vector receivers_best_response(const Instance& instance, const ReceiverGame& game, std::size_t i,
                               const std::vector<Vector>& actions) {
    const ActionSet& set = instance.set_of(i);
    const Vector r = others_gradient(game, i, actions);
    const Rational& own = game.cross[i][i];
    if (sign(own) < 0)
        throw UnsupportedError("players[" + std::to_string(i) + "].care",
                               "the player's loss is concave in its own action");
    if (sign(own) == 0) {
        // l_i = 2 r·x_i + const: a minimiser of r·y; ties keep the current action (dynamics.hpp's rule).
        const Vector down = Rational(-1) * r;
        if (dot(down, actions[i]) == set.support_value(down)) return actions[i];
        return set.support_face(down).front();
    }
    // l_i = C_ii |x_i|^2 + 2 r·x_i + const = C_ii |x_i - aim|^2 + const: the nearest point to aim.
    const Vector aim = (Rational(-1) / own) * r;
    if (set.kind() == ActionSet::Kind::interval) {
        const Interval& interval = set.as_interval();
        return {std::clamp(aim[0], interval.lo, interval.hi)};
    }
    if (set.kind() == ActionSet::Kind::polytope) return project_onto_polytope(set.as_polytope(), aim);
    throw UnsupportedError("players[" + std::to_string(i) + "].action_set",
                           "best responses with several receivers on intervals and polytopes only");
}

std::optional<Rational> receivers_potential_value(const ReceiverGame& game, const PotentialKind& potential,
                                                  const std::vector<Vector>& actions) {
    if (potential.kind == PotentialKind::Kind::none) return std::nullopt;
    Rational phi = 0;
    for (std::size_t i = 0; i < game.players; ++i) {
        const Rational& lambda = potential.weights[i];
        Rational term = dot(game.offset[i], actions[i]);
        for (std::size_t k = 0; k < game.players; ++k)
            if (sign(game.cross[i][k]) != 0) term += game.cross[i][k] * dot(actions[i], actions[k]) / 2;
        phi += lambda * term;
    }
    return phi;
}

ReceiversDynamicsResult run_receivers_dynamics(const Instance& instance, std::vector<Vector> start,
                                               const DynamicsOptions& options,
                                               const ReceiversDynamicsObserver& observer) {
    if (start.size() != instance.players.size())
        throw InputError("actions", "expected one action per player");
    return ReceiversDynamics(instance, std::move(start), options, observer).run();
}

}  // namespace bigcert
