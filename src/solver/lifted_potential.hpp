// The lifted method for several receivers with a convex potential (docs/model.md §8.3). When every player
// that moves receiver j cares about it equally, v_ij = v_j >= 0, the potential is
// Phi(x) = 1/2 sum_j v_j |x̂_j|^2 + sum_i c_i·x_i (+ const), c_i = -sum_j v_j w_ji t_i, a function of the
// lifted point z = (x̂_1, ..., x̂_m', s) in R^{m' d + 1} (s = sum_i c_i·x_i, m' the receivers with v_j > 0). z
// ranges over the Minkowski sum Z = b + sum_i L_i(X_i), L_i(y) = (w_1i y, ..., w_m'i y, c_i·y), and linear
// optimisation over Z is one vertex scan per player, so simplicial decomposition with an exact master
// problem (simplicial_decomposition.hpp, in the metric diag(v_j)) minimises F(z) = 1/2 sum_j v_j |z_j|^2 + s
// over Z exactly, in a dimension independent of n.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "bigcert/core/instance.hpp"

namespace bigcert {

struct LiftedGame {
    std::size_t players = 0, dimension = 0;
    std::vector<std::size_t> receivers;          // the receivers in the lift: v_j > 0 and some w_ji != 0
    std::vector<Rational> care;                  // v_j, in that order
    std::vector<std::vector<Rational>> weights;  // weights[i][k] = w_{receivers[k], i}
    std::vector<Vector> cost;                    // c_i
    Vector bias;                                 // b in the lift: (b_j for the receivers in the lift, 0)
    std::vector<std::size_t> set_of_player;
    std::vector<std::vector<Vector>> set_vertices;

    std::size_t lifted_dimension() const { return receivers.size() * dimension + 1; }
    const std::vector<Vector>& vertices_of(std::size_t player) const {
        return set_vertices[set_of_player[player]];
    }
};

// The game in lifted form when its potential has the convex form above (decided exactly, O(n m)): for every
// receiver, every player with a non-zero weight on it has the same care v_j >= 0; and every set is an
// interval or a polytope. Nothing otherwise.
std::optional<LiftedGame> lifted_game_of(const Instance& instance);

struct LiftedMinimum {
    Vector point;                 // z*, the minimiser of F over Z
    std::vector<Vector> actions;  // a profile with b + sum_i L_i(x_i) = z*: a minimiser of Phi
    std::size_t iterations = 0;
};

LiftedMinimum minimise_lifted_potential(const LiftedGame& game);

struct ReceiversSolution;
// solve_receivers_lifted (receivers.hpp) for a game already in lifted form; the caller has checked the loss
// and the rule.
ReceiversSolution solve_lifted_game(const Instance& instance, const LiftedGame& game);

}  // namespace bigcert
