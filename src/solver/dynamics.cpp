#include "bigcert/solver/dynamics.hpp"

#include <cmath>
#include <map>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/solver/dominant_strategy.hpp"
#include "bigcert/solver/dynamics_best_response.hpp"
#include "bigcert/solver/solver.hpp"

namespace bigcert {
namespace {

Selection extreme_selection(const FiniteChoice& choice, DynamicsStart start) {
    const std::size_t m = choice.items.size(), k = choice.choose;
    Selection selection(k);
    for (std::size_t j = 0; j < k; ++j) {
        if (choice.repeats)
            selection[j] = start == DynamicsStart::first ? 0 : m - 1;
        else
            selection[j] = start == DynamicsStart::first ? j : m - k + j;
    }
    return selection;
}

Vector extreme_point(const ActionSet& set, DynamicsStart start) {
    if (set.kind() == ActionSet::Kind::interval)
        return {start == DynamicsStart::first ? set.as_interval().lo : set.as_interval().hi};
    std::vector<Vector> vertices = set.vertices();
    return start == DynamicsStart::first ? vertices.front() : vertices.back();
}

// The exact check that matches the game.
CheckReport check_profile(const Instance& instance, const DynamicsProfile& profile, const Vector& receiver) {
    if (!profile.selections.empty()) return check_finite_equilibrium(instance, profile.selections);
    if (instance.loss == Loss::inner) {
        std::string failure = check_weak_dominance(instance, profile.actions);
        return {failure.empty(), failure};
    }
    return check_equilibrium(instance, profile.actions, receiver);
}

std::string profile_key(const DynamicsProfile& profile) {
    std::string key;
    if (!profile.selections.empty()) {
        for (const Selection& s : profile.selections) {
            for (std::size_t position : s) key += std::to_string(position) + ",";
            key += ";";
        }
        return key;
    }
    for (const Vector& a : profile.actions) {
        for (const Rational& x : a) key += to_string(x) + ",";
        key += ";";
    }
    return key;
}

double approximate_distance(const Vector& a, const Vector& b) {
    return std::sqrt(to_double(squared_norm(a - b)));
}

class Dynamics {
  public:
    Dynamics(const Instance& instance, DynamicsProfile start, const DynamicsOptions& options,
             const DynamicsObserver& observer)
        : instance_(instance), options_(options), observer_(observer), finite_(is_finite_game(instance)) {
        result_.profile = std::move(start);
        if (finite_)
            for (const ActionSet& set : instance.action_sets)
                sums_.push_back(achievable_sums(set.as_finite()));
        result_.receiver = instance.receiver(result_.profile.actions);
    }

    DynamicsResult run() {
        if (options_.simultaneous)
            run_simultaneous();
        else
            run_round_robin();
        return std::move(result_);
    }

  private:
    // Player i's best response to the current profile; true when it differs from its current action.
    bool best_response(std::size_t i, Vector& action, Selection& selection) const {
        Vector others = result_.receiver;
        add_scaled(others, -instance_.players[i].weight, result_.profile.actions[i]);
        if (finite_) {
            const FiniteChoice& choice = instance_.set_of(i).as_finite();
            selection = finite_best_response(instance_, i, others, result_.profile.selections[i],
                                             sums_[instance_.players[i].action_set]);
            action = selection_sum(choice, selection);
            return selection != result_.profile.selections[i];
        }
        action = convex_best_response(instance_, i, others, result_.profile.actions[i]);
        return action != result_.profile.actions[i];
    }

    void report(std::optional<std::size_t> player) {
        result_.potential = dynamics_potential(instance_, result_.profile.actions, result_.receiver);
        if (observer_)
            observer_(
                DynamicsStep{result_.steps, player, &result_.profile, result_.receiver, result_.potential});
    }

    void finish_at_equilibrium() {
        CheckReport check = check_profile(instance_, result_.profile, result_.receiver);
        if (!check.ok)
            throw InternalError("dynamics stopped at a profile the exact check rejects: " + check.failure);
        result_.outcome = DynamicsResult::Outcome::equilibrium;
        result_.message = "reached a pure equilibrium after " + std::to_string(result_.steps) +
                          " best responses (" + std::to_string(result_.moves) + " moves), verified exactly";
    }

    // At the cap: how far the profile moved during the last round (Euclidean, over all players).
    void finish_at_cap(const std::vector<Vector>& actions_before_round) {
        result_.outcome = DynamicsResult::Outcome::step_cap;
        result_.message = "stopped at the step cap (" + std::to_string(options_.max_steps) +
                          " best responses) without reaching an exact equilibrium";
        Rational moved = 0;
        for (std::size_t i = 0; i < actions_before_round.size(); ++i)
            moved += squared_norm(result_.profile.actions[i] - actions_before_round[i]);
        result_.last_round_movement = std::sqrt(to_double(moved));
        if (!finite_) {
            // Exact best responses on convex sets may converge only in the limit: say how far we are.
            Solution exact = solve(instance_);
            result_.distance_to_equilibrium_receiver = approximate_distance(result_.receiver, exact.receiver);
        }
    }

    void run_round_robin() {
        const std::size_t n = instance_.players.size();
        std::size_t unchanged = 0;  // consecutive best responses that kept the action
        std::vector<Vector> round_start = result_.profile.actions;
        report(std::nullopt);
        for (std::size_t i = 0;; i = (i + 1) % n) {
            if (unchanged >= n) return finish_at_equilibrium();
            if (result_.steps >= options_.max_steps) return finish_at_cap(round_start);
            if (i == 0) round_start = result_.profile.actions;
            ++result_.steps;
            Vector action;
            Selection selection;
            if (!best_response(i, action, selection)) {
                ++unchanged;
                continue;
            }
            unchanged = 0;
            ++result_.moves;
            add_scaled(result_.receiver, instance_.players[i].weight, action - result_.profile.actions[i]);
            result_.profile.actions[i] = std::move(action);
            if (finite_) result_.profile.selections[i] = std::move(selection);
            report(i);
        }
    }

    void run_simultaneous() {
        const std::size_t n = instance_.players.size();
        std::map<std::string, std::size_t> seen;  // profile -> round at which it was current
        std::vector<Vector> previous = result_.profile.actions;
        report(std::nullopt);
        for (std::size_t round = 0;; ++round) {
            auto [where, fresh] = seen.emplace(profile_key(result_.profile), round);
            if (!fresh) {
                result_.outcome = DynamicsResult::Outcome::cycle;
                result_.cycle_start = where->second;
                result_.cycle_length = round - where->second;
                result_.message = "simultaneous best responses cycle: the profile of round " +
                                  std::to_string(round) + " repeats round " + std::to_string(where->second) +
                                  " (cycle of length " + std::to_string(result_.cycle_length) + ")";
                return;
            }
            if (result_.steps + n > options_.max_steps) return finish_at_cap(previous);
            DynamicsProfile next = result_.profile;
            bool changed = false;
            for (std::size_t i = 0; i < n; ++i) {
                Selection selection;
                if (best_response(i, next.actions[i], selection)) changed = true, ++result_.moves;
                if (finite_) next.selections[i] = std::move(selection);
            }
            result_.steps += n;
            if (!changed) return finish_at_equilibrium();
            previous = result_.profile.actions;
            result_.profile = std::move(next);
            result_.receiver = instance_.receiver(result_.profile.actions);
            report(std::nullopt);
        }
    }

    const Instance& instance_;
    const DynamicsOptions& options_;
    const DynamicsObserver& observer_;
    const bool finite_;
    std::vector<std::vector<SumValue>> sums_;  // by action-set index (finite games)
    DynamicsResult result_;
};

}  // namespace

DynamicsProfile starting_profile(const Instance& instance, DynamicsStart start) {
    DynamicsProfile profile;
    const bool finite = is_finite_game(instance);
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        const ActionSet& set = instance.set_of(i);
        if (finite) {
            profile.selections.push_back(extreme_selection(set.as_finite(), start));
            profile.actions.push_back(selection_sum(set.as_finite(), profile.selections.back()));
        } else {
            profile.actions.push_back(extreme_point(set, start));
        }
    }
    return profile;
}

DynamicsProfile profile_from_actions(const Instance& instance,
                                     const std::vector<std::vector<Vector>>& actions) {
    const std::size_t n = instance.players.size();
    if (actions.size() != n)
        throw InputError("actions",
                         "expected " + std::to_string(n) + " actions, got " + std::to_string(actions.size()));
    DynamicsProfile profile;
    const bool finite = is_finite_game(instance);
    for (std::size_t i = 0; i < n; ++i) {
        const std::string path = "actions[" + std::to_string(i) + "]";
        const ActionSet& set = instance.set_of(i);
        if (finite) {
            profile.selections.push_back(selection_from_items(set.as_finite(), actions[i], path));
            profile.actions.push_back(selection_sum(set.as_finite(), profile.selections.back()));
            continue;
        }
        if (actions[i].size() != 1 || actions[i][0].size() != instance.dimension)
            throw InputError(path, "expected a point of dimension " + std::to_string(instance.dimension));
        if (!set.contains(actions[i][0])) throw InputError(path, "not in the player's action set");
        profile.actions.push_back(actions[i][0]);
    }
    return profile;
}

Rational dynamics_potential(const Instance& instance, const std::vector<Vector>& actions,
                            const Vector& receiver) {
    if (instance.loss == Loss::inner) return inner_potential(instance, actions);
    return instance.potential(actions, receiver);
}

DynamicsResult run_best_response_dynamics(const Instance& instance, DynamicsProfile start,
                                          const DynamicsOptions& options, const DynamicsObserver& observer) {
    return Dynamics(instance, std::move(start), options, observer).run();
}

}  // namespace bigcert
