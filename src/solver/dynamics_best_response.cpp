#include "bigcert/solver/dynamics_best_response.hpp"

#include <algorithm>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/linear_algebra.hpp"

namespace bigcert {
namespace {

// KKT of min |y - p|^2 s.t. a·y <= b (facets), e·y = f (affine hull), with `active` facets tight:
//     y + sum_a lambda_a a + sum_e mu_e e = p,   a·y = b_a (a active),   e·y = f_e.
// Returns y when the system has a unique solution with lambda >= 0 and y in the polytope.
std::optional<Vector> kkt_point(const Polytope& polytope, const Vector& p,
                                const std::vector<std::size_t>& active) {
    const std::size_t d = polytope.dimension(), a = active.size(), e = polytope.equations().size();
    const std::size_t unknowns = d + a + e;
    Matrix m(unknowns, unknowns);
    Vector rhs(unknowns, Rational(0));
    auto normal = [&](std::size_t k) -> const Halfspace& {
        return k < a ? polytope.facets()[active[k]] : polytope.equations()[k - a];
    };
    for (std::size_t c = 0; c < d; ++c) {
        m.at(c, c) = 1;
        for (std::size_t k = 0; k < a + e; ++k) m.at(c, d + k) = normal(k).normal[c];
        rhs[c] = p[c];
    }
    for (std::size_t k = 0; k < a + e; ++k) {
        for (std::size_t c = 0; c < d; ++c) m.at(d + k, c) = normal(k).normal[c];
        rhs[d + k] = normal(k).offset;
    }
    std::optional<LinearSolution> solution = solve_linear_system(m, rhs);
    if (!solution || !solution->null_space.empty())
        return std::nullopt;  // dependent normals: a smaller set works
    const Vector& x = solution->particular;
    for (std::size_t k = 0; k < a; ++k)
        if (sign(x[d + k]) < 0) return std::nullopt;
    Vector y(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(d));
    if (!polytope.contains(y)) return std::nullopt;
    return y;
}

}  // namespace

Vector project_onto_polytope(const Polytope& polytope, const Vector& point) {
    const std::size_t facets = polytope.facets().size();
    const std::size_t most =
        std::min(facets, polytope.dimension() - std::min(polytope.dimension(), polytope.equations().size()));
    std::size_t systems = 0;
    for (std::size_t size = 0; size <= most && systems <= 2'000'000; ++size)
        systems += binomial_saturating(facets, size);  // stops before the saturated terms could overflow
    if (systems > 2'000'000)
        throw LimitError("an exact projection onto a polytope with " + std::to_string(facets) +
                         " facets in dimension " + std::to_string(polytope.dimension()) + " would try " +
                         std::to_string(systems) + " KKT systems (limit 2000000)");
    std::optional<Vector> found;
    // By Carathéodory a linearly independent active set always suffices, so sizes up to d - #equations.
    for (std::size_t size = 0; size <= most && !found; ++size) {
        for_each_subset(facets, size, [&](const std::vector<std::size_t>& active) {
            found = kkt_point(polytope, point, active);
            return !found;
        });
    }
    if (!found) throw InternalError("no KKT point found for the projection onto a polytope");
    return *found;
}

Vector convex_best_response(const Instance& instance, std::size_t i, const Vector& others,
                            const Vector& current) {
    const Player& player = instance.players[i];
    const ActionSet& set = instance.set_of(i);
    if (sign(player.weight) == 0) return current;
    if (instance.loss == Loss::inner) {
        Vector direction = player.weight * player.target;
        if (dot(direction, current) == set.support_value(direction)) return current;
        return set.support_face(direction).front();
    }
    // min |others + w y - t|^2 = w^2 |y - (t - others)/w|^2: the projection of (t - others)/w.
    Vector aim = (1 / player.weight) * (player.target - others);
    if (set.kind() == ActionSet::Kind::interval) {
        const Interval& interval = set.as_interval();
        return {std::clamp(aim[0], interval.lo, interval.hi)};
    }
    return project_onto_polytope(set.as_polytope(), aim);
}

Selection finite_best_response(const Instance& instance, std::size_t i, const Vector& others,
                               const Selection& current, const std::vector<SumValue>& sums) {
    const FiniteChoice& choice = instance.set_of(i).as_finite();
    std::vector<std::size_t> best = best_response_sums(instance, i, others, sums);
    Vector own = selection_sum(choice, current);
    for (std::size_t index : best)
        if (sums[index].sum == own) return current;
    return selections_with_sum(choice, sums[best.front()].sum, 1).front();
}

}  // namespace bigcert
