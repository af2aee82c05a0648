// The whole equilibrium set around a verified equilibrium (MODEL.md §3b-c): every player's face
// F_i = argmax_{y in X_i} w_i (t_i - x̂*)·y, the decision "one or infinitely many", and Theorem 4's
// exaggeration report over every equilibrium.
#pragma once

#include "bigcert/core/instance.hpp"
#include "bigcert/core/solution.hpp"
#include "solver/support_oracle.hpp"

namespace bigcert {

// Pre: solution.receiver and solution.actions form a verified equilibrium.
// Post: face_vertices, count and exaggeration are filled in.
void describe_equilibrium_set(const Instance& instance, const SupportOracle& oracle, Solution& solution,
                              unsigned threads);

// Theorem 4's premise (pairwise distinct targets, non-zero weights): fills premise_met and premise_detail.
void fill_theorem4_premise(const Instance& instance, ExaggerationReport& report);

// For d = 1: fixes the players on the side of x̂* their targets lie, and spreads the remainder over the
// players whose target equals x̂* (and picks the projection of the target for zero-weight players), so that
// the receiver is exactly x̂*. Throws InternalError when x̂* is not reachable (the sweep was wrong).
std::vector<Vector> interval_profile(const Instance& instance, const Rational& receiver, unsigned threads);

}  // namespace bigcert
