// What every several-receivers solver reports of an equilibrium it lists (docs/model.md §8.1, §8.4).
#pragma once

#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/solver/receivers.hpp"

namespace bigcert {

// Appends x̂_j for every receiver, every player's loss and the players interior to their sets at `actions`
// (an equilibrium already re-checked exactly) to solution.receivers, .losses and .interior.
void add_equilibrium_report(const Instance& instance, const std::vector<Vector>& actions,
                            ReceiversSolution& solution);

}  // namespace bigcert
