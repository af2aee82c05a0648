#include "solver/equilibrium_set.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/exact_sum.hpp"
#include "bigcert/core/linear_algebra.hpp"
#include "bigcert/core/parallel.hpp"
#include "solver/tangent_cone.hpp"

namespace bigcert {
namespace {

bool is_free(const Solution& s, std::size_t i) { return !s.face_vertices[i].empty(); }

// ---- d = 1 -----------------------------------------------------------------------------------------

// Range of sum w_i x_i over the free players' intervals.
void free_range(const Instance& instance, const std::vector<std::size_t>& players, Rational& low,
                Rational& high) {
    low = 0, high = 0;
    for (std::size_t i : players) {
        const Interval& set = instance.set_of(i).as_interval();
        Rational a = instance.players[i].weight * set.lo, b = instance.players[i].weight * set.hi;
        low += std::min(a, b);
        high += std::max(a, b);
    }
}

EquilibriumCount count_on_line(const Instance& instance, const Solution& s,
                               const std::vector<std::size_t>& free_weighted) {
    if (free_weighted.size() <= 1) return EquilibriumCount::one;
    Rational low, high, current = 0;
    free_range(instance, free_weighted, low, high);
    for (std::size_t i : free_weighted) current += instance.players[i].weight * s.actions[i][0];
    // With two or more free players the aggregate constraint leaves a segment, unless it pins them all
    // to the end of their range.
    return (current == low || current == high) ? EquilibriumCount::one : EquilibriumCount::infinite;
}

// The free weighted players' aggregate sum w_i x_i and its range over their intervals, computed once so that
// each candidate costs O(1) (ties can involve all n players).
struct LineAggregate {
    Rational total, low, high;
};

LineAggregate line_aggregate(const Instance& instance, const Solution& s,
                             const std::vector<std::size_t>& free_weighted) {
    LineAggregate a;
    free_range(instance, free_weighted, a.low, a.high);
    for (std::size_t i : free_weighted) a.total += instance.players[i].weight * s.actions[i][0];
    return a;
}

bool can_be_interior_on_line(const Instance& instance, const LineAggregate& aggregate,
                             std::size_t candidate) {
    const Interval& set = instance.set_of(candidate).as_interval();
    const Rational& w = instance.players[candidate].weight;
    if (sign(w) == 0) return set.lo < set.hi;
    Rational own_low = std::min(w * set.lo, w * set.hi), own_high = std::max(w * set.lo, w * set.hi);
    Rational others_low = aggregate.low - own_low, others_high = aggregate.high - own_high;
    // w x must lie in [total - others_high, total - others_low] and strictly between w lo and w hi.
    Rational from = std::max(aggregate.total - others_high, own_low),
             to = std::min(aggregate.total - others_low, own_high);
    return from < to || (from == to && own_low < from && from < own_high);
}

// ---- d >= 2: small exact linear programs over the faces ----------------------------------------------

// Which weighted players can be interior at some equilibrium (derived, MODEL.md §3c). Let W be the free
// weighted players, M = Σ_{i∈W} w_i F_i and R = Σ_{i∈W} w_i x_i at the printed equilibrium (the others are
// fixed). A weighted player c with F_c = X_c full-dimensional is interior somewhere iff int(w_c X_c) meets
// R − Σ_{i≠c} w_i F_i; for a full-dimensional convex A and a convex C, int A ∩ C ≠ ∅ iff ri A ∩ ri C ≠ ∅ iff
// 0 ∈ ri A − ri C = ri(A − C) (Rockafellar, Convex Analysis, Cor. 6.6.2), here iff R ∈ ri M = int M. So the
// answer is one and the same for every such player. For polytopes cone(M − R) = Σ_i cone(w_i (F_i − x_i)), so
// R ∈ int M iff the vectors w_i (v − x_i), v a vertex of F_i, positively span R^d: each of e_1, ..., e_d and
// −(e_1 + ... + e_d) is a non-negative combination of them. d + 1 exact LPs with d rows, O(n) memory.
bool aggregate_in_interior(const Instance& instance, const Solution& s,
                           const std::vector<std::size_t>& free_weighted) {
    const std::size_t d = instance.dimension;
    std::vector<Vector> directions;
    for (std::size_t i : free_weighted)
        for (const Vector& v : s.face_vertices[i])
            if (v != s.actions[i]) directions.push_back(instance.players[i].weight * (v - s.actions[i]));
    if (directions.size() < d + 1) return false;  // d + 1 vectors at least positively span R^d
    Matrix a(d, directions.size());
    for (std::size_t c = 0; c < directions.size(); ++c)
        for (std::size_t j = 0; j < d; ++j) a.at(j, c) = directions[c][j];
    const Vector no_objective(directions.size(), Rational(0));
    for (std::size_t k = 0; k <= d; ++k) {
        Vector u(d, Rational(k == d ? -1 : 0));
        if (k < d) u[k] = 1;
        if (solve_linear_program(a, u, no_objective).status == LinearProgramResult::Status::infeasible)
            return false;
    }
    return true;
}

// Unique iff the tangent cone of the equilibrium set at the found point is {0}: no direction that moves
// some free player inside its face while keeping the aggregate fixed (tangent_cone.hpp, one block: x̂).
EquilibriumCount count_by_lp(const Instance& instance, const Solution& s,
                             const std::vector<std::size_t>& free_weighted) {
    if (free_weighted.size() <= 1) return EquilibriumCount::one;
    std::vector<FreeFace> faces;
    for (std::size_t i : free_weighted)
        faces.push_back({&s.actions[i], &s.face_vertices[i], {instance.players[i].weight}});
    return equilibrium_set_is_a_point(faces, instance.dimension, 1) ? EquilibriumCount::one
                                                                    : EquilibriumCount::infinite;
}

// Targets pairwise distinct? Sorting by the doubles puts exactly equal targets next to each other.
// The doubles sit in one flat array (one allocation, not one per player: 10^6 players).
bool targets_distinct(const Instance& instance, std::size_t& first, std::size_t& second) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    std::vector<double> approx(n * d);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t c = 0; c < d; ++c) approx[i * d + c] = to_double(instance.players[i].target[c]);
    auto coordinates = [&](std::size_t i) { return approx.begin() + static_cast<long>(i * d); };
    auto less = [&](std::size_t a, std::size_t b) {
        return std::lexicographical_compare(coordinates(a), coordinates(a) + static_cast<long>(d),
                                            coordinates(b), coordinates(b) + static_cast<long>(d));
    };
    auto same = [&](std::size_t a, std::size_t b) {
        return std::equal(coordinates(a), coordinates(a) + static_cast<long>(d), coordinates(b));
    };
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), less);
    for (std::size_t begin = 0; begin < n;) {
        std::size_t end = begin + 1;
        while (end < n && same(order[end], order[begin])) ++end;
        for (std::size_t a = begin; a < end; ++a)
            for (std::size_t b = a + 1; b < end; ++b)
                if (instance.players[order[a]].target == instance.players[order[b]].target) {
                    first = std::min(order[a], order[b]), second = std::max(order[a], order[b]);
                    return false;
                }
        begin = end;
    }
    return true;
}

}  // namespace

void fill_theorem4_premise(const Instance& instance, ExaggerationReport& report) {
    std::size_t first = 0, second = 0;
    std::vector<std::string> reasons;
    if (!targets_distinct(instance, first, second))
        reasons.push_back("players " + instance.numbered_label(first) + " and " +
                          instance.numbered_label(second) + " have the same target");
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        if (sign(instance.players[i].weight) == 0) {
            reasons.push_back("player " + instance.numbered_label(i) + " has weight 0");
            break;
        }
    report.premise_met = reasons.empty();
    for (const std::string& r : reasons)
        report.premise_detail += (report.premise_detail.empty() ? "" : "; ") + r;
}

namespace {

void fill_exaggeration(const Instance& instance, Solution& s, const std::vector<std::size_t>& free_weighted) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    ExaggerationReport& report = s.exaggeration;
    for (std::size_t i = 0; i < n; ++i) {
        const ActionSet& set = instance.set_of(i);
        // A player at a single support vertex is on the boundary, unless its set is a point.
        if (!is_free(s, i) && !set.is_single_point()) continue;
        if (set.in_interior(s.actions[i])) report.interior.push_back(i);
        if (set.in_relative_interior(s.actions[i])) report.relative_interior.push_back(i);
    }
    fill_theorem4_premise(instance, report);

    // Only a player whose face is its whole full-dimensional set (w_i (t_i - x̂*) = 0) can be interior
    // anywhere. A zero-weight one always can; the weighted ones all can or all cannot
    // (aggregate_in_interior), and by convexity players interior at different equilibria are interior
    // together at their midpoint.
    std::optional<LineAggregate> line;
    if (d == 1) line = line_aggregate(instance, s, free_weighted);
    std::optional<bool> weighted_can;  // decided once, on the first weighted candidate
    for (std::size_t i = 0; i < n; ++i) {
        const ActionSet& set = instance.set_of(i);
        if (!is_free(s, i) || set.affine_dimension() != d) continue;
        if (s.face_vertices[i].size() != set.vertices().size()) continue;
        bool possible = sign(instance.players[i].weight) == 0;
        if (!possible && d == 1) possible = can_be_interior_on_line(instance, *line, i);
        if (!possible && d > 1) {
            if (!weighted_can)
                weighted_can =
                    set.in_interior(s.actions[i]) || aggregate_in_interior(instance, s, free_weighted);
            possible = *weighted_can;
        }
        if (possible) report.ever_interior.push_back(i);
    }
    report.at_most_one_interior = report.ever_interior.size() <= 1;
    for (std::size_t i : report.ever_interior)
        if (instance.players[i].target != s.receiver) report.interior_player_at_target = false;
}

}  // namespace

void describe_equilibrium_set(const Instance& instance, const SupportOracle& oracle, Solution& s,
                              unsigned threads) {
    const std::size_t n = instance.players.size();
    s.face_vertices.assign(n, {});
    QueryPoint y(s.receiver);
    parallel_chunks(n, worker_count(threads, n), [&](unsigned, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            std::vector<std::size_t> face = oracle.face(i, y);
            if (face.size() > 1)
                for (std::size_t v : face) s.face_vertices[i].push_back(oracle.vertices_of(i)[v]);
        }
    });
    std::vector<std::size_t> free_weighted;
    bool free_unweighted = false;
    for (std::size_t i = 0; i < n; ++i) {
        if (!is_free(s, i)) continue;
        if (sign(instance.players[i].weight) == 0)
            free_unweighted = true;
        else
            free_weighted.push_back(i);
    }
    if (free_unweighted)
        s.count = EquilibriumCount::infinite;
    else if (instance.dimension == 1 && instance.action_sets.front().kind() == ActionSet::Kind::interval)
        s.count = count_on_line(instance, s, free_weighted);
    else
        s.count = count_by_lp(instance, s, free_weighted);
    fill_exaggeration(instance, s, free_weighted);
}

std::vector<Vector> interval_profile(const Instance& instance, const Rational& receiver, unsigned threads) {
    const std::size_t n = instance.players.size();
    std::vector<Vector> actions(n);
    const double receiver_approx = to_double(receiver);
    unsigned workers = worker_count(threads, n);
    std::vector<ExactSum> fixed(workers);
    std::vector<std::vector<std::size_t>> tied(workers);
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const Player& p = instance.players[i];
            const Interval& set = instance.set_of(i).as_interval();
            int side = compare_filtered(p.target[0], to_double(p.target[0]), receiver, receiver_approx) *
                       sign(p.weight);
            if (sign(p.weight) == 0) {
                actions[i] = Vector{std::clamp(p.target[0], set.lo, set.hi)};
                continue;
            }
            if (side == 0 && set.lo != set.hi) {
                tied[w].push_back(i);
                continue;
            }
            actions[i] = Vector{side > 0 ? set.hi : set.lo};
            fixed[w].add_product(p.weight, actions[i][0]);
        }
    });
    for (unsigned w = 1; w < workers; ++w) {
        fixed[0].merge(fixed[w]);
        tied[0].insert(tied[0].end(), tied[w].begin(), tied[w].end());
    }
    // The tied players must contribute exactly the remainder: start each at its lowest contribution and
    // raise them in turn.
    Rational remainder = receiver - instance.bias()[0] - fixed[0].value();
    for (std::size_t i : tied[0]) {
        const Interval& set = instance.set_of(i).as_interval();
        const Rational& w = instance.players[i].weight;
        Rational low = std::min(w * set.lo, w * set.hi), high = std::max(w * set.lo, w * set.hi);
        remainder -= low;
        actions[i] = Vector{low / w};
    }
    for (std::size_t i : tied[0]) {
        if (sign(remainder) <= 0) break;
        const Interval& set = instance.set_of(i).as_interval();
        const Rational& w = instance.players[i].weight;
        Rational room = abs(w) * (set.hi - set.lo);
        Rational take = std::min(room, remainder);
        actions[i][0] += take / w;
        remainder -= take;
    }
    if (sign(remainder) != 0)
        throw InternalError("the interval sweep's receiver is not attainable by support points");
    return actions;
}

}  // namespace bigcert
