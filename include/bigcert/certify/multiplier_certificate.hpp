// The exact optimality certificate of one player's action (MODEL.md §3b, as a linear program): with
// g = 2 w_i (x̂ - t_i), x_i minimises g·y over X_i = {y : A y <= b, E y = f} iff there are lambda >= 0,
// zero off the facets tight at x_i, and mu with g + Aᵀ lambda + Eᵀ mu = 0. Then for every y in X_i,
// g·(y - x_i) = -lambda·(A y - b) >= 0. The finder uses bigcert's exact simplex; the checker is a few lines
// of exact arithmetic that share nothing with the solver.
#pragma once

#include <optional>
#include <vector>

#include "bigcert/core/action_set.hpp"

namespace bigcert {

struct Multipliers {
    std::vector<Halfspace> facets;     // A, b (an interval is written as y <= hi, -y <= -lo)
    std::vector<Halfspace> equations;  // E, f
    Vector lambda, mu;
};

// nullopt when no multipliers exist (x is not a minimiser of g·y over the set).
std::optional<Multipliers> find_multipliers(const ActionSet& set, const Vector& x, const Vector& g);

// Independent exact check: x in the set description, lambda >= 0, complementary slackness, stationarity.
bool check_multipliers(const Multipliers& m, const Vector& x, const Vector& g);

}  // namespace bigcert
