#include "bigcert/solver/polygon_solver.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/exact_sum.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/core/parallel.hpp"
#include "solver/equilibrium_set.hpp"
#include "solver/simplicial_decomposition.hpp"
#include "solver/support_oracle.hpp"

namespace bigcert {
namespace {

constexpr double unit_roundoff = std::numeric_limits<double>::epsilon() / 2;
// A vertex coordinate is a float (relative error at most 2^-24 + 3 unit roundoffs: PolygonGame), the other
// doubles come from SmallFractions by two conversions and a division (3 roundings, where the general path's
// conversions have one), then a few operations: 2^-23 + 64 unit roundoffs of the magnitude bound the error
// of a score with room to spare.
constexpr double score_error_factor = 0x1p-23 + 64 * unit_roundoff;

Vector point_of(const PolygonGame& game, std::uint32_t vertex) {
    return Vector{to_rational(game.vertices[2 * vertex]), to_rational(game.vertices[2 * vertex + 1])};
}

// The receiver at which support points are asked for, exactly and as doubles.
struct Query {
    explicit Query(const Vector& y) : exact(y) {
        for (std::size_t j = 0; j < 2; ++j) {
            approx[j] = to_double(y[j]);
            trusted = trusted && converts_faithfully(y[j], approx[j]);
        }
    }
    const Vector& exact;
    double approx[2]{};
    bool trusted = true;
};

// argmax over the player's vertices of w_i (t_i - y)·v (MODEL.md §3b), as the general path's SupportOracle
// decides it: located in doubles, confirmed exactly.
class PolygonOracle {
  public:
    explicit PolygonOracle(const PolygonGame& game) : game_(game) {}

    // The lowest local index attaining the maximum.
    std::uint32_t best_vertex(std::size_t player, const Query& y) const {
        std::uint32_t candidates[64];
        std::uint32_t count = 0;
        if (float_candidates(player, y, candidates, count) && count == 1) return candidates[0];
        return exact_maximisers(player, y, candidates, count).front();
    }
    // Every local index attaining the maximum (the face F_i(y)), or one index when the face is a vertex.
    std::vector<std::uint32_t> face(std::size_t player, const Query& y) const {
        std::uint32_t candidates[64];
        std::uint32_t count = 0;
        if (float_candidates(player, y, candidates, count) && count == 1) return {candidates[0]};
        return exact_maximisers(player, y, candidates, count);
    }

  private:
    // True with the candidates within the rounding bound of the best score; false when doubles cannot be
    // trusted (then every vertex is a candidate) or the polygon has more than 64 vertices.
    bool float_candidates(std::size_t player, const Query& y, std::uint32_t* candidates,
                          std::uint32_t& count) const {
        const std::uint32_t m = game_.vertex_count(player);
        count = 0;
        if (!y.trusted || m > 64) return false;
        const double w = to_double(game_.weights[player]);
        const double t[2] = {to_double(game_.targets[2 * player]), to_double(game_.targets[2 * player + 1])};
        double u[2], a[2];
        for (std::size_t j = 0; j < 2; ++j) {
            u[j] = w * (t[j] - y.approx[j]);
            a[j] = std::fabs(w) * (std::fabs(t[j]) + std::fabs(y.approx[j]));
        }
        const float* v = &game_.vertices_approx[2 * game_.vertex_index(player, 0)];
        double score[64];
        double best = -std::numeric_limits<double>::infinity(), magnitude = 0;
        for (std::uint32_t k = 0; k < m; ++k) {
            score[k] = u[0] * v[2 * k] + u[1] * v[2 * k + 1];
            best = std::max(best, score[k]);
            magnitude = std::max(magnitude, a[0] * std::fabs(v[2 * k]) + a[1] * std::fabs(v[2 * k + 1]));
        }
        const double threshold =
            best - 2 * score_error_factor * magnitude - std::numeric_limits<double>::denorm_min();
        for (std::uint32_t k = 0; k < m; ++k)
            if (score[k] >= threshold) candidates[count++] = k;
        return true;
    }

    std::vector<std::uint32_t> exact_maximisers(std::size_t player, const Query& y,
                                                const std::uint32_t* candidates, std::uint32_t count) const {
        std::vector<std::uint32_t> all;
        if (count == 0) {  // doubles not trusted: every vertex
            all.resize(game_.vertex_count(player));
            std::iota(all.begin(), all.end(), 0u);
            candidates = all.data(), count = static_cast<std::uint32_t>(all.size());
        }
        const Rational w = to_rational(game_.weights[player]);
        const Vector u{w * (to_rational(game_.targets[2 * player]) - y.exact[0]),
                       w * (to_rational(game_.targets[2 * player + 1]) - y.exact[1])};
        std::vector<std::uint32_t> result;
        Rational best;
        for (std::uint32_t c = 0; c < count; ++c) {
            Rational s = dot(u, point_of(game_, game_.vertex_index(player, candidates[c])));
            if (result.empty() || s > best) {
                best = std::move(s);
                result.assign(1, candidates[c]);
            } else if (s == best) {
                result.push_back(candidates[c]);
            }
        }
        return result;
    }

    const PolygonGame& game_;
};

// Sums over the players of w_i·v and w_i t_i·v (the lifted coordinates, MODEL.md §3f), exactly.
struct LiftedSums {
    ExactSum y[2], s;
    void add(const PolygonGame& game, std::size_t player, std::uint32_t vertex, bool negate) {
        SmallFraction w = game.weights[player], wt0 = game.weighted_targets[2 * player],
                      wt1 = game.weighted_targets[2 * player + 1];
        if (negate) w.num = -w.num, wt0.num = -wt0.num, wt1.num = -wt1.num;
        const SmallFraction* v = &game.vertices[2 * vertex];
        y[0].add_product(w, v[0]), y[1].add_product(w, v[1]);
        s.add_product(wt0, v[0]), s.add_product(wt1, v[1]);
    }
    void merge(const LiftedSums& other) { y[0].merge(other.y[0]), y[1].merge(other.y[1]), s.merge(other.s); }
};

struct Atom {
    std::vector<std::uint32_t> choice;  // local vertex index per player
    Vector y;
    Rational s;
};

// simplicial_decomposition.cpp's loop, step for step, on the machine-integer game.
class PolygonDecomposition {
  public:
    PolygonDecomposition(const PolygonGame& game, const PolygonOracle& oracle, unsigned threads)
        : game_(game), oracle_(oracle), workers_(worker_count(threads, game.size())) {}

    void run(PolygonAnswer& answer);

  private:
    std::vector<std::uint32_t> oracle_choices(const Vector& y) const {
        Query query(y);
        std::vector<std::uint32_t> choice(game_.size());
        parallel_chunks(choice.size(), workers_, [&](unsigned, std::size_t begin, std::size_t end) {
            for (std::size_t i = begin; i < end; ++i) choice[i] = oracle_.best_vertex(i, query);
        });
        return choice;
    }
    Vector bias() const { return Vector{to_rational(game_.bias[0]), to_rational(game_.bias[1])}; }
    Atom atom_from_scratch(std::vector<std::uint32_t> choice) const {
        std::vector<LiftedSums> partial(workers_);
        parallel_chunks(choice.size(), workers_, [&](unsigned w, std::size_t begin, std::size_t end) {
            for (std::size_t i = begin; i < end; ++i)
                partial[w].add(game_, i, game_.vertex_index(i, choice[i]), false);
        });
        for (std::size_t w = 1; w < partial.size(); ++w) partial[0].merge(partial[w]);
        Atom atom{std::move(choice), bias(), partial[0].s.value()};
        for (std::size_t j = 0; j < 2; ++j) atom.y[j] += partial[0].y[j].value();
        return atom;
    }
    Atom atom_relative_to(const Atom& reference, std::vector<std::uint32_t> choice) const {
        LiftedSums delta;
        for (std::size_t i = 0; i < choice.size(); ++i) {
            if (choice[i] == reference.choice[i]) continue;
            delta.add(game_, i, game_.vertex_index(i, choice[i]), false);
            delta.add(game_, i, game_.vertex_index(i, reference.choice[i]), true);
        }
        Atom atom{std::move(choice), reference.y, reference.s + delta.s.value()};
        for (std::size_t j = 0; j < 2; ++j) atom.y[j] += delta.y[j].value();
        return atom;
    }

    const PolygonGame& game_;
    const PolygonOracle& oracle_;
    unsigned workers_;
};

void PolygonDecomposition::run(PolygonAnswer& answer) {
    const std::size_t n = game_.size();
    std::vector<Atom> atoms;
    atoms.push_back(atom_from_scratch(oracle_choices(bias())));
    constexpr std::size_t max_iterations = 100000;
    for (std::size_t iteration = 1; iteration <= max_iterations; ++iteration) {
        std::vector<Vector> ys;
        std::vector<Rational> ss;
        for (const Atom& atom : atoms) ys.push_back(atom.y), ss.push_back(atom.s);
        std::vector<Rational> mu = minimise_over_atom_hull(ys, ss);
        std::vector<Atom> kept;
        std::vector<Rational> kept_mu;
        for (std::size_t j = 0; j < atoms.size(); ++j)
            if (sign(mu[j]) > 0) kept.push_back(std::move(atoms[j])), kept_mu.push_back(mu[j]);
        atoms = std::move(kept);
        Vector y(2, Rational(0));
        Rational s = 0;
        for (std::size_t j = 0; j < atoms.size(); ++j) {
            add_scaled(y, kept_mu[j], atoms[j].y);
            s += kept_mu[j] * atoms[j].s;
        }
        Atom next = atom_relative_to(atoms.back(), oracle_choices(y));
        Rational gap = 2 * dot(y, next.y - y) - 2 * (next.s - s);
        if (sign(gap) < 0) {
            atoms.push_back(std::move(next));
            continue;
        }
        answer.action_vertex.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            bool same = true;
            for (const Atom& atom : atoms) same = same && atom.choice[i] == atoms[0].choice[i];
            answer.action_vertex[i] = game_.vertex_index(i, atoms[0].choice[i]);
            if (same) continue;
            Vector x(2, Rational(0));
            for (std::size_t j = 0; j < atoms.size(); ++j)
                add_scaled(x, kept_mu[j], point_of(game_, game_.vertex_index(i, atoms[j].choice[i])));
            answer.moved_actions.emplace_back(i, std::move(x));
        }
        // Φ = |x̂|² − 2 Σ w_i t_i·x_i, and Σ w_i t_i·x_i = Σ_j mu_j s_j for the printed profile.
        answer.potential = dot(y, y) - 2 * s;
        answer.receiver = std::move(y);
        return;
    }
    throw InternalError("simplicial decomposition did not converge");
}

// ---- The exact re-check (equilibrium_check.hpp's conditions, on the machine-integer game) ----------

// Is w (t - y)·(v - x) <= 0? Decided in doubles when the value is clearly negative, exactly otherwise.
// The action is `moved` when given, else vertex `at` (formed exactly only when doubles cannot decide).
bool no_improvement(const PolygonGame& game, std::size_t player, const Query& y, const double* x_approx,
                    const Vector* moved, std::uint32_t at, std::uint32_t vertex) {
    const float* v = &game.vertices_approx[2 * vertex];
    if (y.trusted) {
        const double w = to_double(game.weights[player]);
        double value = 0, magnitude = 0;
        for (std::size_t j = 0; j < 2; ++j) {
            const double t = to_double(game.targets[2 * player + j]);
            value += w * (t - y.approx[j]) * (v[j] - x_approx[j]);
            magnitude += std::fabs(w) * (std::fabs(t) + std::fabs(y.approx[j])) *
                         (std::fabs(v[j]) + std::fabs(x_approx[j]));
        }
        if (value < -2 * score_error_factor * magnitude) return true;
    }
    const Rational w = to_rational(game.weights[player]);
    const Vector u{w * (to_rational(game.targets[2 * player]) - y.exact[0]),
                   w * (to_rational(game.targets[2 * player + 1]) - y.exact[1])};
    return sign(dot(u, point_of(game, vertex) - (moved ? *moved : point_of(game, at)))) <= 0;
}

// A moved action lies in its polygon: on the inner side of every counter-clockwise edge.
bool inside_polygon(const PolygonGame& game, std::size_t player, const Vector& x) {
    const std::uint32_t m = game.vertex_count(player);
    for (std::uint32_t k = 0; k < m; ++k) {
        Vector a = point_of(game, game.vertex_index(player, k)),
               b = point_of(game, game.vertex_index(player, (k + 1) % m));
        if (sign((b[0] - a[0]) * (x[1] - a[1]) - (b[1] - a[1]) * (x[0] - a[0])) < 0) return false;
    }
    return true;
}

void check_polygon_equilibrium(const PolygonGame& game, const PolygonAnswer& answer, unsigned threads) {
    const std::size_t n = game.size();
    const unsigned workers = worker_count(threads, n);
    std::vector<ExactSum> sums(2 * workers);
    std::vector<bool> is_moved(n, false);
    for (const auto& [player, x] : answer.moved_actions) is_moved[player] = true;
    std::atomic<bool> failed{false};
    std::atomic<std::size_t> first_failure{n};
    const Query y(answer.receiver);
    // Support condition for the vertex players, and their share of the receiver.
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            if (is_moved[i]) continue;
            const std::uint32_t at = answer.action_vertex[i];
            sums[2 * w].add_product(game.weights[i], game.vertices[2 * at]);
            sums[2 * w + 1].add_product(game.weights[i], game.vertices[2 * at + 1]);
            const double x_approx[2] = {game.vertices_approx[2 * at], game.vertices_approx[2 * at + 1]};
            const std::uint32_t m = game.vertex_count(i);
            for (std::uint32_t k = 0; k < m; ++k) {
                const std::uint32_t v = game.vertex_index(i, k);
                if (v == at) continue;
                if (!no_improvement(game, i, y, x_approx, nullptr, at, v)) {
                    std::size_t expected = first_failure.load();
                    while (i < expected && !first_failure.compare_exchange_weak(expected, i)) {
                    }
                    failed = true;
                }
            }
        }
    });
    ExactSum receiver[2];
    for (unsigned w = 0; w < workers; ++w) receiver[0].merge(sums[2 * w]), receiver[1].merge(sums[2 * w + 1]);
    for (const auto& [player, x] : answer.moved_actions) {
        if (!inside_polygon(game, player, x))
            throw InternalError("the exact re-check rejected the computed equilibrium: player " +
                                game.numbered_label(player) + ": the action is not in its action set");
        const Rational w = to_rational(game.weights[player]);
        receiver[0].add_product(w, x[0]), receiver[1].add_product(w, x[1]);
        const double x_approx[2] = {to_double(x[0]), to_double(x[1])};
        for (std::uint32_t k = 0; k < game.vertex_count(player); ++k)
            if (!no_improvement(game, player, y, x_approx, &x, 0, game.vertex_index(player, k)))
                failed = true, first_failure = std::min<std::size_t>(first_failure.load(), player);
    }
    if (failed)
        throw InternalError("the exact re-check rejected the computed equilibrium: player " +
                            game.numbered_label(first_failure.load()) +
                            ": moving towards a vertex lowers its loss");
    for (std::size_t j = 0; j < 2; ++j)
        if (to_rational(game.bias[j]) + receiver[j].value() != answer.receiver[j])
            throw InternalError(
                "the exact re-check rejected the computed equilibrium: the receiver is not w0·x0 + sum w_i "
                "x_i of "
                "the actions");
}

// ---- The equilibrium set -------------------------------------------------------------------------

Vector action_of(const PolygonGame& game, const PolygonAnswer& answer, std::size_t player) {
    for (const auto& [moved, x] : answer.moved_actions)
        if (moved == player) return x;
    return point_of(game, answer.action_vertex[player]);
}

// Theorem 4's premise over every player: pairwise distinct targets, non-zero weights. The exact test for
// repeated targets is a sort of the lowest-terms fields; when a pair exists, the general path's own
// function names it (its order of discovery decides which pair).
void fill_premise(const PolygonGame& game, ExaggerationReport& report) {
    const std::size_t n = game.size();
    // The fields sorted in place (contiguous: sorting indices by a key read through them cost twice as much).
    std::vector<std::array<std::int64_t, 4>> keys(n);
    for (std::size_t i = 0; i < n; ++i) {
        const SmallFraction* t = &game.targets[2 * i];
        keys[i] = {t[0].num, t[0].den, t[1].num, t[1].den};
    }
    std::sort(keys.begin(), keys.end());
    const bool repeated = std::adjacent_find(keys.begin(), keys.end()) != keys.end();
    keys = {};
    report.premise_met = true, report.premise_detail.clear();  // the reduced game's verdict is replaced
    if (repeated) {
        Instance light;  // targets and weights only: all fill_theorem4_premise reads
        light.dimension = 2;
        light.players.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            light.players[i].target =
                Vector{to_rational(game.targets[2 * i]), to_rational(game.targets[2 * i + 1])};
            light.players[i].weight = to_rational(game.weights[i]);
            if (!game.names.empty()) light.players[i].name = game.names[i];
        }
        fill_theorem4_premise(light, report);
        return;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (sign(game.weights[i]) == 0) {
            report.premise_met = false;
            report.premise_detail = "player " + game.numbered_label(i) + " has weight 0";
            return;
        }
}

void describe_polygon_answer(const PolygonGame& game, PolygonAnswer& answer, unsigned threads) {
    const std::size_t n = game.size();
    const Query y(answer.receiver);
    const PolygonOracle oracle(game);
    const unsigned workers = worker_count(threads, n);
    std::vector<std::vector<std::size_t>> free_players(workers);
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            if (oracle.face(i, y).size() > 1) free_players[w].push_back(i);
    });
    for (unsigned w = 1; w < workers; ++w)
        free_players[0].insert(free_players[0].end(), free_players[w].begin(), free_players[w].end());
    const std::vector<std::size_t>& free = free_players[0];
    // The count and Theorem 4's report concern only the players whose face is not a point (non-free
    // players on full-dimensional polygons are on the boundary and fixed): the general path's code on them.
    Instance reduced;
    reduced.name = game.name;
    reduced.dimension = 2;
    Solution s;
    s.receiver = answer.receiver;
    for (std::size_t i : free) {
        std::vector<Vector> polygon;
        for (std::uint32_t k = 0; k < game.vertex_count(i); ++k)
            polygon.push_back(point_of(game, game.vertex_index(i, k)));
        reduced.action_sets.push_back(ActionSet::polytope(Polytope::from_vertices(polygon, 2), "vertices"));
        Player p;
        p.target = Vector{to_rational(game.targets[2 * i]), to_rational(game.targets[2 * i + 1])};
        p.weight = to_rational(game.weights[i]);
        p.action_set = reduced.action_sets.size() - 1;
        if (!game.names.empty()) p.name = game.names[i];
        reduced.players.push_back(std::move(p));
        s.actions.push_back(action_of(game, answer, i));
    }
    SupportOracle reduced_oracle(reduced);
    describe_equilibrium_set(reduced, reduced_oracle, s, threads);
    for (std::size_t k = 0; k < free.size(); ++k)
        if (!s.face_vertices[k].empty()) answer.faces.emplace_back(free[k], std::move(s.face_vertices[k]));
    answer.count = s.count;
    ExaggerationReport& report = answer.exaggeration;
    report = s.exaggeration;
    for (std::vector<std::size_t>* list :
         {&report.interior, &report.relative_interior, &report.ever_interior})
        for (std::size_t& index : *list) index = free[index];
    fill_premise(game, report);
}

}  // namespace

Solution polygon_solution(const Instance& instance, const PolygonGame& game, PolygonAnswer answer,
                          unsigned threads) {
    const std::size_t n = game.size();
    Solution s;
    s.method = polygon_method;
    s.actions.resize(n);
    parallel_chunks(n, worker_count(threads, n), [&](unsigned, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) s.actions[i] = point_of(game, answer.action_vertex[i]);
    });
    for (auto& [player, x] : answer.moved_actions) s.actions[player] = std::move(x);
    s.receiver = std::move(answer.receiver);
    s.potential = std::move(answer.potential);
    s.face_vertices.assign(n, {});
    for (auto& [player, vertices] : answer.faces) s.face_vertices[player] = std::move(vertices);
    s.count = answer.count;
    s.exaggeration = std::move(answer.exaggeration);
    s.losses.assign(n, Rational(0));
    parallel_chunks(n, worker_count(threads, n, 1024), [&](unsigned, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) s.losses[i] = instance.loss_of(i, s.receiver);
    });
    return s;
}

PolygonAnswer solve_polygon_game(const PolygonGame& game, unsigned threads) {
    PolygonAnswer answer;
    PolygonOracle oracle(game);
    PolygonDecomposition(game, oracle, threads).run(answer);
    check_polygon_equilibrium(game, answer, threads);
    describe_polygon_answer(game, answer, threads);
    return answer;
}

}  // namespace bigcert
