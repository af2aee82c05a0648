#include "bigcert/solver/dominant_strategy.hpp"

#include "bigcert/core/errors.hpp"
#include "bigcert/core/exact_sum.hpp"

namespace bigcert {
namespace {

Vector dominance_direction(const Instance& instance, std::size_t i) {
    return instance.players[i].weight * instance.players[i].target;
}

// Theorem 4 is about the squared loss; for a wDSE the players are independent, so "interior somewhere"
// means the face is the whole (full-dimensional) set, i.e. w_i t_i = 0.
ExaggerationReport exaggeration_for_inner_loss(const Instance& instance, const Solution& s) {
    ExaggerationReport e;
    e.premise_met = false;
    e.premise_detail = "inner-product loss: Theorem 4 concerns the squared loss";
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        const ActionSet& set = instance.set_of(i);
        if (set.in_interior(s.actions[i])) e.interior.push_back(i);
        if (set.in_relative_interior(s.actions[i]) && !set.is_single_point())
            e.relative_interior.push_back(i);
        if (is_zero(dominance_direction(instance, i)) && set.affine_dimension() == instance.dimension)
            e.ever_interior.push_back(i);
    }
    e.at_most_one_interior = e.ever_interior.size() <= 1;
    e.interior_player_at_target = e.ever_interior.empty();
    return e;
}

}  // namespace

Rational inner_potential(const Instance& instance, const std::vector<Vector>& actions) {
    ExactSum sum;
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        for (std::size_t j = 0; j < instance.dimension; ++j)
            sum.add_product(instance.players[i].weight * instance.players[i].target[j], actions[i][j]);
    return -sum.value();
}

std::string check_weak_dominance(const Instance& instance, const std::vector<Vector>& actions) {
    if (actions.size() != instance.players.size()) return "the profile has the wrong number of actions";
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        const ActionSet& set = instance.set_of(i);
        if (actions[i].size() != instance.dimension || !set.contains(actions[i]))
            return "player " + instance.numbered_label(i) + ": the action is not in its action set";
        Vector g = dominance_direction(instance, i);
        for (const Vector& v : set.vertices())
            if (sign(dot(g, v - actions[i])) > 0)
                return "player " + instance.numbered_label(i) +
                       ": a vertex of its set is strictly better against every profile";
    }
    return {};
}

Solution solve_dominant_strategy(const Instance& instance, const SolveOptions&) {
    const std::size_t n = instance.players.size();
    Solution s;
    s.method = "weak-dominance (Theorem 5: argmax of w_i t_i·y per player)";
    s.set_description =
        "every profile with x_i in conv(faces[i].vertices) for the listed players and the printed action for "
        "the "
        "others: each such x_i is weakly dominant (Theorem 5), so all are equilibria; the receiver varies "
        "with them";
    s.actions.resize(n);
    s.face_vertices.resize(n);
    s.count = EquilibriumCount::one;
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<Vector> face = instance.set_of(i).support_face(dominance_direction(instance, i));
        if (face.empty())
            throw InternalError("player " + instance.numbered_label(i) + ": empty support face");
        s.actions[i] = face.front();
        if (face.size() > 1) {
            s.face_vertices[i] = std::move(face);
            s.count = EquilibriumCount::infinite;
        }
    }
    std::string failure = check_weak_dominance(instance, s.actions);
    if (!failure.empty())
        throw InternalError("the exact re-check rejected the dominant strategies: " + failure);
    s.receiver = instance.receiver(s.actions);
    for (std::size_t i = 0; i < n; ++i) s.losses.push_back(instance.loss_of(i, s.receiver));
    s.potential = inner_potential(instance, s.actions);
    s.exaggeration = exaggeration_for_inner_loss(instance, s);
    return s;
}

}  // namespace bigcert
