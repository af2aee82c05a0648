// An independent exact method for small games, for cross-checking the solvers: try every combination of
// faces (vertex, edge, ..., whole set) of the players' sets, solve the stationarity conditions of the
// potential on the product of the faces' affine hulls exactly, and keep the points that pass the exact
// equilibrium check. Exponential in n; shares no code with src/solver.
#pragma once

#include <functional>
#include <vector>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/core/linear_algebra.hpp"

namespace bigcert::testing {

struct FaceParameterisation {
    std::vector<Vector> vertices;
    Vector anchor;
    std::vector<Vector> directions;  // a basis of the face's direction space
};

inline FaceParameterisation parameterise(std::vector<Vector> vertices) {
    FaceParameterisation face{vertices, vertices[0], {}};
    const std::size_t d = vertices[0].size();
    Matrix basis(0, d);
    for (std::size_t k = 1; k < vertices.size(); ++k) {
        Matrix trial = basis;
        trial.append_row(vertices[k] - vertices[0]);
        if (rank(trial) > basis.rows()) {
            basis = trial;
            face.directions.push_back(vertices[k] - vertices[0]);
        }
    }
    return face;
}

// Every face of a set, each as its vertex list (points, edges from facets, the whole set).
inline std::vector<FaceParameterisation> faces_of(const ActionSet& set) {
    std::vector<FaceParameterisation> faces;
    std::vector<Vector> vertices = set.vertices();
    for (const Vector& v : vertices) faces.push_back(parameterise({v}));
    if (set.kind() == ActionSet::Kind::polytope) {
        const Polytope& p = set.as_polytope();
        for (const Halfspace& f : p.facets()) {
            std::vector<Vector> on;
            for (const Vector& v : vertices)
                if (dot(f.normal, v) == f.offset) on.push_back(v);
            if (on.size() > 1) faces.push_back(parameterise(on));
        }
    }
    if (vertices.size() > 1) faces.push_back(parameterise(vertices));
    return faces;
}

// Calls found(actions, receiver) for every verified equilibrium found through some face combination.
inline void enumerate_face_equilibria(
    const Instance& game, const std::function<void(const std::vector<Vector>&, const Vector&)>& found) {
    const std::size_t n = game.players.size(), d = game.dimension;
    std::vector<std::vector<FaceParameterisation>> options;
    for (std::size_t i = 0; i < n; ++i) options.push_back(faces_of(game.set_of(i)));
    std::vector<std::size_t> pick(n, 0);
    for (;;) {
        // Unknowns: z_i for every player; x_i = anchor_i + B_i z_i.
        std::vector<std::size_t> offset(n + 1, 0);
        for (std::size_t i = 0; i < n; ++i) offset[i + 1] = offset[i] + options[i][pick[i]].directions.size();
        const std::size_t unknowns = offset[n];
        Vector fixed = game.bias();
        for (std::size_t i = 0; i < n; ++i)
            add_scaled(fixed, game.players[i].weight, options[i][pick[i]].anchor);
        Matrix system(0, unknowns);
        Vector rhs;
        // d/dz_i of Phi: 2 w_i B_i^T (x̂ - t_i) = 0 with x̂ = fixed + sum_j w_j B_j z_j.
        for (std::size_t i = 0; i < n; ++i)
            for (const Vector& direction : options[i][pick[i]].directions) {
                Vector row(unknowns, Rational(0));
                for (std::size_t j = 0; j < n; ++j)
                    for (std::size_t k = 0; k < options[j][pick[j]].directions.size(); ++k)
                        row[offset[j] + k] = game.players[i].weight * game.players[j].weight *
                                             dot(direction, options[j][pick[j]].directions[k]);
                system.append_row(row);
                rhs.push_back(game.players[i].weight * dot(direction, game.players[i].target - fixed));
            }
        std::optional<LinearSolution> solution =
            unknowns == 0 ? LinearSolution{} : solve_linear_system(system, rhs);
        if (solution) {
            std::vector<Vector> actions(n);
            for (std::size_t i = 0; i < n; ++i) {
                actions[i] = options[i][pick[i]].anchor;
                for (std::size_t k = 0; k < options[i][pick[i]].directions.size(); ++k)
                    add_scaled(actions[i], solution->particular[offset[i] + k],
                               options[i][pick[i]].directions[k]);
            }
            bool inside = true;
            for (std::size_t i = 0; i < n; ++i) inside = inside && game.set_of(i).contains(actions[i]);
            if (inside) {
                Vector receiver = game.receiver(actions);
                if (check_equilibrium(game, actions, receiver, 1).ok) found(actions, receiver);
            }
        }
        std::size_t i = 0;
        while (i < n && ++pick[i] == options[i].size()) pick[i++] = 0;
        if (i == n) return;
    }
    (void)d;
}

}  // namespace bigcert::testing
