#include "bigcert/solver/vertex_solver.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <map>
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
// A vertex coordinate is a float (relative error at most 2^-24 + 3 unit roundoffs: VertexGame), the other
// doubles come from SmallFractions by two conversions and a division (3 roundings, where the general path's
// conversions have one), then a few operations: 2^-23 + 64 unit roundoffs of the magnitude bound the error
// of a score with room to spare.
constexpr double score_error_factor = 0x1p-23 + 64 * unit_roundoff;

// The internals below take the dimension D (2 or 3) as a template argument, so that the loops over the
// coordinates of the hot paths (10^6 players) have a constant length.

template <std::size_t D>
Vector point_of(const VertexGame& game, std::uint32_t vertex) {
    Vector point(D);
    for (std::size_t j = 0; j < D; ++j) point[j] = to_rational(game.vertices[D * vertex + j]);
    return point;
}

template <std::size_t D>
Vector target_of(const VertexGame& game, std::size_t player) {
    Vector target(D);
    for (std::size_t j = 0; j < D; ++j) target[j] = to_rational(game.targets[D * player + j]);
    return target;
}

// The receiver at which support points are asked for, exactly and as doubles.
template <std::size_t D>
struct Query {
    explicit Query(const Vector& y) : exact(y) {
        for (std::size_t j = 0; j < D; ++j) {
            approx[j] = to_double(y[j]);
            trusted = trusted && converts_faithfully(y[j], approx[j]);
        }
    }
    const Vector& exact;
    double approx[D]{};
    bool trusted = true;
};

// argmax over the player's vertices of w_i (t_i - y)·v (MODEL.md §3b), as the general path's SupportOracle
// decides it: located in doubles, confirmed exactly.
template <std::size_t D>
class VertexOracle {
  public:
    explicit VertexOracle(const VertexGame& game) : game_(game) {}

    // The lowest local index attaining the maximum.
    std::uint32_t best_vertex(std::size_t player, const Query<D>& y) const {
        std::uint32_t candidates[64];
        std::uint32_t count = 0;
        if (float_candidates(player, y, candidates, count) && count == 1) return candidates[0];
        return exact_maximisers(player, y, candidates, count).front();
    }
    // Every local index attaining the maximum (the face F_i(y)), or one index when the face is a vertex.
    std::vector<std::uint32_t> face(std::size_t player, const Query<D>& y) const {
        std::uint32_t candidates[64];
        std::uint32_t count = 0;
        if (float_candidates(player, y, candidates, count) && count == 1) return {candidates[0]};
        return exact_maximisers(player, y, candidates, count);
    }

  private:
    // True with the candidates within the rounding bound of the best score; false when doubles cannot be
    // trusted (then every vertex is a candidate) or the polytope has more than 64 vertices.
    bool float_candidates(std::size_t player, const Query<D>& y, std::uint32_t* candidates,
                          std::uint32_t& count) const {
        const std::uint32_t m = game_.vertex_count(player);
        count = 0;
        if (!y.trusted || m > 64) return false;
        const double w = to_double(game_.weights[player]);
        double u[D], a[D];
        for (std::size_t j = 0; j < D; ++j) {
            const double t = to_double(game_.targets[D * player + j]);
            u[j] = w * (t - y.approx[j]);
            a[j] = std::fabs(w) * (std::fabs(t) + std::fabs(y.approx[j]));
        }
        const float* v = &game_.vertices_approx[D * game_.vertex_index(player, 0)];
        double score[64];
        double best = -std::numeric_limits<double>::infinity(), magnitude = 0;
        for (std::uint32_t k = 0; k < m; ++k) {
            double value = 0, size = 0;
            for (std::size_t j = 0; j < D; ++j)
                value += u[j] * v[D * k + j], size += a[j] * std::fabs(v[D * k + j]);
            score[k] = value;
            best = std::max(best, value);
            magnitude = std::max(magnitude, size);
        }
        const double threshold =
            best - 2 * score_error_factor * magnitude - std::numeric_limits<double>::denorm_min();
        for (std::uint32_t k = 0; k < m; ++k)
            if (score[k] >= threshold) candidates[count++] = k;
        return true;
    }

    std::vector<std::uint32_t> exact_maximisers(std::size_t player, const Query<D>& y,
                                                const std::uint32_t* candidates, std::uint32_t count) const {
        std::vector<std::uint32_t> all;
        if (count == 0) {  // doubles not trusted: every vertex
            all.resize(game_.vertex_count(player));
            std::iota(all.begin(), all.end(), 0u);
            candidates = all.data(), count = static_cast<std::uint32_t>(all.size());
        }
        const Vector u = to_rational(game_.weights[player]) * (target_of<D>(game_, player) - y.exact);
        std::vector<std::uint32_t> result;
        Rational best;
        for (std::uint32_t c = 0; c < count; ++c) {
            Rational s = dot(u, point_of<D>(game_, game_.vertex_index(player, candidates[c])));
            if (result.empty() || s > best) {
                best = std::move(s);
                result.assign(1, candidates[c]);
            } else if (s == best) {
                result.push_back(candidates[c]);
            }
        }
        return result;
    }

    const VertexGame& game_;
};

// Sums over the players of w_i·v and w_i t_i·v (the lifted coordinates, MODEL.md §3f), exactly.
template <std::size_t D>
struct LiftedSums {
    ExactSum y[D], s;
    void add(const VertexGame& game, std::size_t player, std::uint32_t vertex, bool negate) {
        SmallFraction w = game.weights[player];
        if (negate) w.num = -w.num;
        const SmallFraction* v = &game.vertices[D * vertex];
        for (std::size_t j = 0; j < D; ++j) {
            SmallFraction wt = game.weighted_targets[D * player + j];
            if (negate) wt.num = -wt.num;
            y[j].add_product(w, v[j]), s.add_product(wt, v[j]);
        }
    }
    void merge(const LiftedSums& other) {
        for (std::size_t j = 0; j < D; ++j) y[j].merge(other.y[j]);
        s.merge(other.s);
    }
};

struct Atom {
    std::vector<std::uint32_t> choice;  // local vertex index per player
    Vector y;
    Rational s;
};

// simplicial_decomposition.cpp's loop, step for step, on the machine-integer game.
template <std::size_t D>
class VertexDecomposition {
  public:
    VertexDecomposition(const VertexGame& game, const VertexOracle<D>& oracle, unsigned threads)
        : game_(game), oracle_(oracle), workers_(worker_count(threads, game.size())) {}

    void run(VertexAnswer& answer);

  private:
    std::vector<std::uint32_t> oracle_choices(const Vector& y) const {
        Query<D> query(y);
        std::vector<std::uint32_t> choice(game_.size());
        parallel_chunks(choice.size(), workers_, [&](unsigned, std::size_t begin, std::size_t end) {
            for (std::size_t i = begin; i < end; ++i) choice[i] = oracle_.best_vertex(i, query);
        });
        return choice;
    }
    Vector bias() const {
        Vector b(D);
        for (std::size_t j = 0; j < D; ++j) b[j] = to_rational(game_.bias[j]);
        return b;
    }
    Atom atom_from_scratch(std::vector<std::uint32_t> choice) const {
        std::vector<LiftedSums<D>> partial(workers_);
        parallel_chunks(choice.size(), workers_, [&](unsigned w, std::size_t begin, std::size_t end) {
            for (std::size_t i = begin; i < end; ++i)
                partial[w].add(game_, i, game_.vertex_index(i, choice[i]), false);
        });
        for (std::size_t w = 1; w < partial.size(); ++w) partial[0].merge(partial[w]);
        Atom atom{std::move(choice), bias(), partial[0].s.value()};
        for (std::size_t j = 0; j < D; ++j) atom.y[j] += partial[0].y[j].value();
        return atom;
    }
    Atom atom_relative_to(const Atom& reference, std::vector<std::uint32_t> choice) const {
        LiftedSums<D> delta;
        for (std::size_t i = 0; i < choice.size(); ++i) {
            if (choice[i] == reference.choice[i]) continue;
            delta.add(game_, i, game_.vertex_index(i, choice[i]), false);
            delta.add(game_, i, game_.vertex_index(i, reference.choice[i]), true);
        }
        Atom atom{std::move(choice), reference.y, reference.s + delta.s.value()};
        for (std::size_t j = 0; j < D; ++j) atom.y[j] += delta.y[j].value();
        return atom;
    }

    const VertexGame& game_;
    const VertexOracle<D>& oracle_;
    unsigned workers_;
};

template <std::size_t D>
void VertexDecomposition<D>::run(VertexAnswer& answer) {
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
        Vector y(D, Rational(0));
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
            Vector x(D, Rational(0));
            for (std::size_t j = 0; j < atoms.size(); ++j)
                add_scaled(x, kept_mu[j], point_of<D>(game_, game_.vertex_index(i, atoms[j].choice[i])));
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
template <std::size_t D>
bool no_improvement(const VertexGame& game, std::size_t player, const Query<D>& y, const double* x_approx,
                    const Vector* moved, std::uint32_t at, std::uint32_t vertex) {
    const float* v = &game.vertices_approx[D * vertex];
    if (y.trusted) {
        const double w = to_double(game.weights[player]);
        double value = 0, magnitude = 0;
        for (std::size_t j = 0; j < D; ++j) {
            const double t = to_double(game.targets[D * player + j]);
            value += w * (t - y.approx[j]) * (v[j] - x_approx[j]);
            magnitude += std::fabs(w) * (std::fabs(t) + std::fabs(y.approx[j])) *
                         (std::fabs(v[j]) + std::fabs(x_approx[j]));
        }
        if (value < -2 * score_error_factor * magnitude) return true;
    }
    const Vector u = to_rational(game.weights[player]) * (target_of<D>(game, player) - y.exact);
    return sign(dot(u, point_of<D>(game, vertex) - (moved ? *moved : point_of<D>(game, at)))) <= 0;
}

// The player's set as the general path holds it (its facets), for the few questions asked of single sets.
template <std::size_t D>
Polytope polytope_of(const VertexGame& game, std::size_t player) {
    std::vector<Vector> vertices;
    for (std::uint32_t k = 0; k < game.vertex_count(player); ++k)
        vertices.push_back(point_of<D>(game, game.vertex_index(player, k)));
    return Polytope::from_vertices(vertices, D);
}

// A moved action lies in its set. d = 2: on the inner side of every counter-clockwise edge; d = 3: inside
// every facet of the hull, computed afresh from the vertices (the few moved players' sets only, each once).
template <std::size_t D>
class MembershipTest {
  public:
    explicit MembershipTest(const VertexGame& game) : game_(game) {}
    bool contains(std::size_t player, const Vector& x) {
        if constexpr (D == 2) {
            const std::uint32_t m = game_.vertex_count(player);
            for (std::uint32_t k = 0; k < m; ++k) {
                Vector a = point_of<D>(game_, game_.vertex_index(player, k)),
                       b = point_of<D>(game_, game_.vertex_index(player, (k + 1) % m));
                if (sign((b[0] - a[0]) * (x[1] - a[1]) - (b[1] - a[1]) * (x[0] - a[0])) < 0) return false;
            }
            return true;
        } else {
            auto [at, added] = sets_.try_emplace(game_.set_of_player[player]);
            if (added) at->second = polytope_of<D>(game_, player);
            return at->second.contains(x);
        }
    }

  private:
    const VertexGame& game_;
    std::map<std::uint32_t, Polytope> sets_;
};

template <std::size_t D>
void check_vertex_equilibrium(const VertexGame& game, const VertexAnswer& answer, unsigned threads) {
    const std::size_t n = game.size();
    const unsigned workers = worker_count(threads, n);
    std::vector<ExactSum> sums(D * workers);
    std::vector<bool> is_moved(n, false);
    for (const auto& [player, x] : answer.moved_actions) is_moved[player] = true;
    std::atomic<bool> failed{false};
    std::atomic<std::size_t> first_failure{n};
    const Query<D> y(answer.receiver);
    // Support condition for the vertex players, and their share of the receiver.
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            if (is_moved[i]) continue;
            const std::uint32_t at = answer.action_vertex[i];
            double x_approx[D];
            for (std::size_t j = 0; j < D; ++j) {
                sums[D * w + j].add_product(game.weights[i], game.vertices[D * at + j]);
                x_approx[j] = game.vertices_approx[D * at + j];
            }
            const std::uint32_t m = game.vertex_count(i);
            for (std::uint32_t k = 0; k < m; ++k) {
                const std::uint32_t v = game.vertex_index(i, k);
                if (v == at) continue;
                if (!no_improvement<D>(game, i, y, x_approx, nullptr, at, v)) {
                    std::size_t expected = first_failure.load();
                    while (i < expected && !first_failure.compare_exchange_weak(expected, i)) {
                    }
                    failed = true;
                }
            }
        }
    });
    ExactSum receiver[D];
    for (unsigned w = 0; w < workers; ++w)
        for (std::size_t j = 0; j < D; ++j) receiver[j].merge(sums[D * w + j]);
    MembershipTest<D> membership(game);
    for (const auto& [player, x] : answer.moved_actions) {
        if (!membership.contains(player, x))
            throw InternalError("the exact re-check rejected the computed equilibrium: player " +
                                game.numbered_label(player) + ": the action is not in its action set");
        const Rational w = to_rational(game.weights[player]);
        double x_approx[D];
        for (std::size_t j = 0; j < D; ++j) receiver[j].add_product(w, x[j]), x_approx[j] = to_double(x[j]);
        for (std::uint32_t k = 0; k < game.vertex_count(player); ++k)
            if (!no_improvement<D>(game, player, y, x_approx, &x, 0, game.vertex_index(player, k)))
                failed = true, first_failure = std::min<std::size_t>(first_failure.load(), player);
    }
    if (failed)
        throw InternalError("the exact re-check rejected the computed equilibrium: player " +
                            game.numbered_label(first_failure.load()) +
                            ": moving towards a vertex lowers its loss");
    for (std::size_t j = 0; j < D; ++j)
        if (to_rational(game.bias[j]) + receiver[j].value() != answer.receiver[j])
            throw InternalError(
                "the exact re-check rejected the computed equilibrium: the receiver is not w0·x0 + sum w_i "
                "x_i of "
                "the actions");
}

// ---- The equilibrium set -------------------------------------------------------------------------

template <std::size_t D>
Vector action_of(const VertexGame& game, const VertexAnswer& answer, std::size_t player) {
    for (const auto& [moved, x] : answer.moved_actions)
        if (moved == player) return x;
    return point_of<D>(game, answer.action_vertex[player]);
}

// Theorem 4's premise over every player: pairwise distinct targets, non-zero weights. The exact test for
// repeated targets is a sort of the lowest-terms fields; when a pair exists, the general path's own
// function names it (its order of discovery decides which pair).
template <std::size_t D>
void fill_premise(const VertexGame& game, ExaggerationReport& report) {
    const std::size_t n = game.size();
    // The fields sorted in place (contiguous: sorting indices by a key read through them cost twice as much).
    std::vector<std::array<std::int64_t, 2 * D>> keys(n);
    for (std::size_t i = 0; i < n; ++i) {
        const SmallFraction* t = &game.targets[D * i];
        for (std::size_t j = 0; j < D; ++j) keys[i][2 * j] = t[j].num, keys[i][2 * j + 1] = t[j].den;
    }
    std::sort(keys.begin(), keys.end());
    const bool repeated = std::adjacent_find(keys.begin(), keys.end()) != keys.end();
    keys = {};
    report.premise_met = true, report.premise_detail.clear();  // the reduced game's verdict is replaced
    if (repeated) {
        Instance light;  // targets and weights only: all fill_theorem4_premise reads
        light.dimension = D;
        light.players.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            light.players[i].target = target_of<D>(game, i);
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

template <std::size_t D>
void describe_vertex_answer(const VertexGame& game, VertexAnswer& answer, unsigned threads) {
    const std::size_t n = game.size();
    const Query<D> y(answer.receiver);
    const VertexOracle<D> oracle(game);
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
    // players on full-dimensional sets are on the boundary and fixed): the general path's code on them.
    Instance reduced;
    reduced.name = game.name;
    reduced.dimension = D;
    Solution s;
    s.receiver = answer.receiver;
    for (std::size_t i : free) {
        reduced.action_sets.push_back(ActionSet::polytope(polytope_of<D>(game, i), "vertices"));
        Player p;
        p.target = target_of<D>(game, i);
        p.weight = to_rational(game.weights[i]);
        p.action_set = reduced.action_sets.size() - 1;
        if (!game.names.empty()) p.name = game.names[i];
        reduced.players.push_back(std::move(p));
        s.actions.push_back(action_of<D>(game, answer, i));
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
    fill_premise<D>(game, report);
}

template <std::size_t D>
VertexAnswer solve_in_dimension(const VertexGame& game, unsigned threads) {
    VertexAnswer answer;
    VertexOracle<D> oracle(game);
    VertexDecomposition<D>(game, oracle, threads).run(answer);
    check_vertex_equilibrium<D>(game, answer, threads);
    describe_vertex_answer<D>(game, answer, threads);
    return answer;
}

}  // namespace

Solution vertex_solution(const Instance& instance, const VertexGame& game, VertexAnswer answer,
                         unsigned threads) {
    const std::size_t n = game.size();
    Solution s;
    s.method = vertex_method;
    s.actions.resize(n);
    parallel_chunks(n, worker_count(threads, n), [&](unsigned, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            s.actions[i] = game.dimension == 2 ? point_of<2>(game, answer.action_vertex[i])
                                               : point_of<3>(game, answer.action_vertex[i]);
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

VertexAnswer solve_vertex_game(const VertexGame& game, unsigned threads) {
    switch (game.dimension) {
        case 2:
            return solve_in_dimension<2>(game, threads);
        case 3:
            return solve_in_dimension<3>(game, threads);
    }
    throw InternalError("the vertex route takes d = 2 or 3 only");
}

}  // namespace bigcert
