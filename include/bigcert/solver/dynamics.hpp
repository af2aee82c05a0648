// Best-response dynamics (Definition 3), exact. Round-robin: players move one at a time, in order, each to
// an exact best response (dynamics_best_response.hpp); this is coordinate descent on the potential, so
// on finite sets it stops at a pure equilibrium (Proposition 6), while on convex sets it may approach the
// equilibrium only in the limit. Simultaneous: everybody moves at once; this can cycle, which is detected
// exactly (a profile seen before) and reported.
// A stop "at an equilibrium" is declared only after the exact check of the game (check_equilibrium,
// check_finite_equilibrium or check_weak_dominance) accepted the profile.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bigcert/core/finite_game.hpp"
#include "bigcert/core/instance.hpp"

namespace bigcert {

// A profile: actions[i] is the point (convex sets) or the item sum (finite sets, with selections[i]).
struct DynamicsProfile {
    std::vector<Vector> actions;
    std::vector<Selection> selections;  // finite games only
};

enum class DynamicsStart { first, last };
// first: lower ends / first vertices / first items; last: upper ends / last vertices / last items.
DynamicsProfile starting_profile(const Instance& instance, DynamicsStart start);
// A profile given by the user: convex actions, or (finite games) each player's list of chosen items.
DynamicsProfile profile_from_actions(const Instance& instance,
                                     const std::vector<std::vector<Vector>>& actions);

struct DynamicsOptions {
    std::size_t max_steps = 10'000;  // single-player moves (a simultaneous round counts n)
    bool simultaneous = false;
};

// One change of the profile: a player's move (round-robin) or a whole round (simultaneous, no player).
struct DynamicsStep {
    std::size_t step = 0;
    std::optional<std::size_t> player;
    const DynamicsProfile* profile = nullptr;
    Vector receiver;
    Rational potential;
};

struct DynamicsResult {
    enum class Outcome { equilibrium, step_cap, cycle };
    Outcome outcome = Outcome::step_cap;
    DynamicsProfile profile;
    Vector receiver;
    Rational potential;
    std::size_t steps = 0, moves = 0;               // best responses computed; how many changed the profile
    std::size_t cycle_start = 0, cycle_length = 0;  // rounds, for Outcome::cycle
    // At the step cap on a convex game: |x̂ - x̂*| with x̂* from the exact solver, and how far the profile
    // moved in the last round (Euclidean norm over all actions); both approximations, labelled as such.
    std::optional<double> distance_to_equilibrium_receiver, last_round_movement;
    std::string message;
};

using DynamicsObserver = std::function<void(const DynamicsStep&)>;

// The potential that the dynamics descends: Theorem 1's for the squared loss, -sum w_i t_i·x_i otherwise.
Rational dynamics_potential(const Instance& instance, const std::vector<Vector>& actions,
                            const Vector& receiver);

DynamicsResult run_best_response_dynamics(const Instance& instance, DynamicsProfile start,
                                          const DynamicsOptions& options,
                                          const DynamicsObserver& observer = {});

}  // namespace bigcert
