// The exact re-check every reported equilibrium passes first (MODEL.md §3b): each action lies in its set,
// the receiver is recomputed exactly from the actions, and each action is a support point,
//     w_i (t_i - x̂)·(v - x_i) <= 0 for every vertex v of X_i,
// which by convexity of the loss in the player's own action is exactly "no deviation helps".
// It shares no code with the solvers' search.
#pragma once

#include <string>
#include <vector>

#include "bigcert/core/instance.hpp"

namespace bigcert {

struct CheckReport {
    bool ok = true;
    std::string failure;  // the first violated condition, in the user's vocabulary
};

CheckReport check_equilibrium(const Instance& instance, const std::vector<Vector>& actions,
                              const Vector& receiver, unsigned threads = 0);

}  // namespace bigcert
