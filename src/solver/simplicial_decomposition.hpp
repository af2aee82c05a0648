// Exact minimisation of the potential over any product of polytopes (MODEL.md §3f).
//
// Works in the lifted space R^{d+1}: q = (y, s) with y = receiver, s = sum_i w_i t_i·x_i, and
// Phi = |y|^2 - 2s, minimised over the Minkowski sum Q = (w0 x0, 0) + sum_i {(w_i v, w_i t_i·v) : v in X_i}.
// Simplicial decomposition keeps a few vertices of Q (atoms, at most d+3), minimises Phi over their convex
// hull exactly, and asks the linear-optimisation oracle (one support point per player) for a better atom
// until none exists. All of its arithmetic is exact; only the oracle's vertex choices are located in
// floating point and confirmed exactly (support_oracle.hpp). The work per iteration is O(n) in the players
// but the exact linear algebra lives in d+1 dimensions.
#pragma once

#include <cstddef>
#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/core/linear_algebra.hpp"
#include "solver/support_oracle.hpp"

namespace bigcert {

struct DecompositionResult {
    Vector receiver;
    std::vector<Vector> actions;
    std::size_t iterations = 0;
};

// The master problem over atoms q_j = (ys[j], ss[j]) of Q: a minimiser mu (in the simplex) of
// |sum mu_j y_j|^2 - 2 sum mu_j s_j, with minimal support, the first found trying supports smallest first in
// lexicographic order (so every caller with the same atoms gets the same mu). Shared with the polygon
// route (vertex_solver.hpp), which must take the same steps.
std::vector<Rational> minimise_over_atom_hull(const std::vector<Vector>& ys, const std::vector<Rational>& ss);
// The same master problem for any positive semidefinite Gram matrix G of the atoms (an inner product other
// than the Euclidean one, e.g. the lifted potential of several receivers, docs/model.md §8.3): a minimiser
// of mu^T G mu - 2 sum mu_j ss_j over the simplex, with minimal support.
std::vector<Rational> minimise_over_gram(const Matrix& gram, const std::vector<Rational>& ss);
// The same problem, a minimiser without the minimal-support promise: the support of every atom and those
// missing one atom are tried first (in simplicial decomposition the new atom usually enters and at most one
// leaves), then minimise_over_gram. Any KKT point is a minimiser, so the answer is as exact.
std::vector<Rational> minimise_over_gram_warm(const Matrix& gram, const std::vector<Rational>& ss);

// Each player's action at the point of the atoms' hull with weights mu: the vertex every atom chooses for
// it, else the mu-combination of the atoms' vertices. Atoms have `choice[i]`, an index into vertices_of(i).
template <class Atom, class VerticesOf>
std::vector<Vector> actions_at_hull_point(std::size_t players, std::size_t dimension,
                                          const std::vector<Atom>& atoms, const std::vector<Rational>& mu,
                                          VerticesOf&& vertices_of) {
    std::vector<Vector> actions(players);
    for (std::size_t i = 0; i < players; ++i) {
        bool same = true;
        for (const Atom& atom : atoms) same = same && atom.choice[i] == atoms[0].choice[i];
        if (same) {
            actions[i] = vertices_of(i)[atoms[0].choice[i]];
            continue;
        }
        Vector x(dimension, Rational(0));
        for (std::size_t a = 0; a < atoms.size(); ++a)
            add_scaled(x, mu[a], vertices_of(i)[atoms[a].choice[i]]);
        actions[i] = std::move(x);
    }
    return actions;
}

DecompositionResult minimise_potential_by_decomposition(const Instance& instance, const SupportOracle& oracle,
                                                        unsigned threads);

}  // namespace bigcert
