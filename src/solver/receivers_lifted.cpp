// Several receivers with a convex potential of the lifted form (docs/model.md §8.3): the minimiser of the
// lifted potential gives one equilibrium, re-checked exactly; the whole equilibrium set is
// {y : y_i in F_i, sum_i w_ji y_i = x̂_j - b_j for every receiver j in the lift}, F_i = argmin over X_i of
// g_i(x)·y, because every equilibrium minimises the convex potential and so has the same x̂_j (v_j > 0).
#include "bigcert/core/errors.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/solver/receivers.hpp"
#include "solver/lifted_potential.hpp"
#include "solver/receivers_equilibrium_report.hpp"
#include "solver/receivers_requirements.hpp"
#include "solver/tangent_cone.hpp"

namespace bigcert {
namespace {

// The vertices of argmin over X_i of g·y: F_i in vertex form (exact).
std::vector<Vector> face_vertices(const std::vector<Vector>& vertices, const Vector& g) {
    std::vector<Vector> face;
    Rational best;
    for (const Vector& v : vertices) {
        Rational value = dot(g, v);
        if (face.empty() || value < best) {
            best = std::move(value);
            face.assign(1, v);
        } else if (value == best) {
            face.push_back(v);
        }
    }
    return face;
}

// C = sum_j v_j w_j w_j^T has rank at most m, so it is positive definite only when n <= m; C is formed only
// then (docs/model.md §8.3, uniqueness by monotonicity).
bool unique_by_monotonicity(const Instance& instance) {
    if (instance.players.size() > instance.receivers.size()) return false;
    return is_positive_definite(receiver_game_of(instance).cross);
}

}  // namespace

bool has_lifted_potential(const Instance& instance) { return lifted_game_of(instance).has_value(); }

ReceiversSolution solve_receivers_lifted(const Instance& instance) {
    require_squared_loss_and_mean(instance);
    const std::optional<LiftedGame> game = lifted_game_of(instance);
    if (!game)
        throw UnsupportedError(
            "players",
            "the lifted method needs care v_ij = v_j >= 0 on every receiver a player moves, "
            "and intervals or polytopes (docs/model.md §8.3)");
    return solve_lifted_game(instance, *game);
}

ReceiversSolution solve_lifted_game(const Instance& instance, const LiftedGame& game) {
    const LiftedMinimum minimum = minimise_lifted_potential(game);
    const std::vector<Vector>& actions = minimum.actions;
    const std::string failure = receivers_equilibrium_failure(instance, actions);
    if (!failure.empty()) throw InternalError("the exact re-check rejected an equilibrium: " + failure);

    // Faces from the gradients at the re-checked equilibrium itself, not from the decomposition's z*.
    const std::vector<Vector> gradients = receivers_gradients(instance, actions);
    std::vector<std::vector<Vector>> faces(game.players);
    std::vector<FreeFace> free;
    for (std::size_t i = 0; i < game.players; ++i) {
        faces[i] = face_vertices(game.vertices_of(i), gradients[i]);
        if (faces[i].size() > 1) free.push_back({&actions[i], &faces[i], game.weights[i]});
    }
    const bool one = free.empty() || equilibrium_set_is_a_point(free, game.dimension, game.receivers.size());

    ReceiversSolution solution;
    solution.method = "lifted-potential";
    solution.potential.kind = PotentialKind::Kind::exact;  // C = sum_j v_j w_j w_j^T is symmetric
    solution.potential.weights.assign(game.players, Rational(1));
    solution.unique_by_monotonicity = unique_by_monotonicity(instance);
    if (solution.unique_by_monotonicity && !one)
        throw InternalError("several receivers: monotone game but a continuum of equilibria");
    solution.degenerate = !one;  // one point of a continuum is listed, not every equilibrium
    solution.count = one ? "one" : "infinite";
    solution.equilibria.push_back(actions);
    add_equilibrium_report(instance, actions, solution);
    return solution;
}

}  // namespace bigcert
