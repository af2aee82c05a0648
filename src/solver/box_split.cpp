#include "solver/box_split.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/line_game.hpp"
#include "bigcert/core/parallel.hpp"
#include "bigcert/solver/line_solver.hpp"
#include "solver/equilibrium_set.hpp"

namespace bigcert {
namespace {

// Each distinct box's bounds, from its vertices (Polytope::box keeps no lo/hi; a degenerate coordinate has
// lo = hi and its duplicate corners merged).
struct BoxBounds {
    Vector lo, hi;
};

std::optional<std::vector<BoxBounds>> box_bounds(const Instance& instance) {
    const std::size_t d = instance.dimension;
    std::vector<BoxBounds> boxes;
    for (const ActionSet& set : instance.action_sets) {
        if (set.kind() != ActionSet::Kind::polytope || set.origin() != "box") return std::nullopt;
        const std::vector<Vector>& vertices = set.as_polytope().vertices();
        BoxBounds box{vertices.front(), vertices.front()};
        for (const Vector& v : vertices)
            for (std::size_t c = 0; c < d; ++c) {
                if (v[c] < box.lo[c]) box.lo[c] = v[c];
                if (box.hi[c] < v[c]) box.hi[c] = v[c];
            }
        boxes.push_back(std::move(box));
    }
    return boxes;
}

// Coordinate c of the game as a LineGame; nothing when a number does not fit a SmallFraction. No names:
// the labels in Theorem 4's premise are built here from the Instance, not by the coordinate games.
std::optional<LineGame> coordinate_game(const Instance& instance, const std::vector<BoxBounds>& boxes,
                                        std::size_t c) {
    LineGame game;
    auto bias = small_fraction_of(instance.bias()[c]);
    if (!bias) return std::nullopt;
    game.bias = *bias;
    for (const BoxBounds& box : boxes) {
        auto lo = small_fraction_of(box.lo[c]), hi = small_fraction_of(box.hi[c]);
        if (!lo || !hi) return std::nullopt;
        game.lows.push_back(*lo);
        game.highs.push_back(*hi);
    }
    const std::size_t n = instance.players.size();
    game.targets.reserve(n), game.weights.reserve(n), game.set_of_player.reserve(n);
    for (const Player& p : instance.players) {
        auto target = small_fraction_of(p.target[c]), weight = small_fraction_of(p.weight);
        if (!target || !weight) return std::nullopt;
        game.targets.push_back(*target);
        game.weights.push_back(*weight);
        game.set_of_player.push_back(static_cast<std::uint32_t>(p.action_set));
    }
    return game;
}

// The profile, losses and potential: coordinate c of everything from coordinate game c.
void fill_profile(const Instance& instance, const std::vector<LineSolution>& lines, Solution& s,
                  unsigned threads) {
    const std::size_t n = instance.players.size(), d = lines.size();
    s.receiver.resize(d);
    for (std::size_t c = 0; c < d; ++c) s.receiver[c] = to_rational(lines[c].receiver);
    s.actions.assign(n, Vector());
    s.losses.assign(n, Rational(0));
    parallel_chunks(n, worker_count(threads, n, 1024), [&](unsigned, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            s.actions[i].resize(d);
            for (std::size_t c = 0; c < d; ++c) {
                s.actions[i][c] = to_rational(lines[c].actions[i]);
                Rational offset = s.receiver[c] - instance.players[i].target[c];  // may outgrow 64 bits
                s.losses[i] += offset * offset;
            }
        }
    });
    s.potential = 0;
    for (const LineSolution& line : lines) s.potential += line.potential;  // Φ = Σ_c Φ_c
}

// Where the equilibrium is not unique the general path prints the point its decomposition stops at; this
// route prints a canonical point of the same set, which is that point on the paper's examples: a weightless
// player at its set's first vertex (the support oracle's lowest-index tie, all vertices tying), and in each
// coordinate the tied weighted players (w_i ≠ 0, t_ic = x̂_c) sharing their required contribution
// Σ w_i x_ic at the same fraction λ of each one's range [min w_i x, max w_i x], instead of one after another.
void print_canonical_point(const Instance& instance, const std::vector<BoxBounds>& boxes,
                           const std::vector<LineSolution>& lines, Solution& s) {
    for (std::size_t c = 0; c < lines.size(); ++c) {
        std::vector<std::size_t> tied;
        for (std::size_t i : lines[c].free_players)
            if (sign(instance.players[i].weight) != 0) tied.push_back(i);
        if (tied.size() < 2) continue;
        Rational total, low, high;
        for (std::size_t i : tied) {
            total += instance.players[i].weight * s.actions[i][c];
        }
        std::vector<std::pair<Rational, Rational>> ranges;  // (min, max) of w_i x_ic
        for (std::size_t i : tied) {
            const Rational& w = instance.players[i].weight;
            const BoxBounds& box = boxes[instance.players[i].action_set];
            Rational a = w * box.lo[c], b = w * box.hi[c];
            ranges.emplace_back(std::min(a, b), std::max(a, b));
            low += ranges.back().first;
            high += ranges.back().second;
        }
        Rational lambda = (total - low) / (high - low);  // high > low: each tied range is non-degenerate
        Rational moved_total;
        for (std::size_t k = 0; k < tied.size(); ++k) {
            const auto& [from, to] = ranges[k];
            const Rational& w = instance.players[tied[k]].weight;
            s.actions[tied[k]][c] = (from + lambda * (to - from)) / w;
            moved_total += w * s.actions[tied[k]][c];
        }
        // The re-check of what moved (the coordinate game's exact re-check covered the rest): the tied
        // players' objective has coefficient w_i (t_ic - x̂_c) = 0 in this coordinate, so any point of
        // their range is a best response, and the receiver stays x̂ iff their total is unchanged.
        bool in_range = sign(lambda) >= 0 && lambda <= Rational(1);
        if (!in_range || moved_total != total)
            throw InternalError("the exact re-check rejected the printed point of the equilibrium set");
    }
    // A weightless player's objective is 0 and it moves no receiver coordinate: any vertex of its set will
    // do.
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        if (sign(instance.players[i].weight) == 0)
            s.actions[i] = instance.set_of(i).as_polytope().vertices().front();
}

// F_i is the product of the coordinates' faces: the whole [lo_ic, hi_ic] where coordinate c is free, the
// point x_ic elsewhere. Listed as the general path lists it: the set's vertices in their order, filtered.
void fill_faces(const Instance& instance, const std::vector<LineSolution>& lines,
                std::vector<std::uint32_t>& free_mask, Solution& s) {
    const std::size_t n = instance.players.size(), d = lines.size();
    free_mask.assign(n, 0);
    for (std::size_t c = 0; c < d; ++c)
        for (std::size_t i : lines[c].free_players) free_mask[i] |= std::uint32_t{1} << c;
    s.face_vertices.assign(n, {});
    for (std::size_t i = 0; i < n; ++i) {
        if (free_mask[i] == 0) continue;
        for (const Vector& v : instance.set_of(i).as_polytope().vertices()) {
            bool in_face = true;
            for (std::size_t c = 0; c < d && in_face; ++c)
                in_face = (free_mask[i] >> c & 1) || v[c] == s.actions[i][c];
            if (in_face) s.face_vertices[i].push_back(v);
        }
    }
}

// Theorem 4's report as the general path gives it (fill_exaggeration in equilibrium_set.cpp). x_i is
// interior in the box iff interior in every coordinate; since the equilibrium set is a product over the
// coordinates, x_i can be interior at some equilibrium iff in every coordinate it can be, at independently
// chosen equilibria of the coordinate games: their ever_interior lists intersected.
void fill_exaggeration(const Instance& instance, const std::vector<LineSolution>& lines,
                       const std::vector<std::uint32_t>& free_mask, Solution& s) {
    const std::size_t n = instance.players.size(), d = lines.size();
    ExaggerationReport& report = s.exaggeration;
    for (std::size_t i = 0; i < n; ++i) {
        const ActionSet& set = instance.set_of(i);
        if (free_mask[i] == 0 && !set.is_single_point()) continue;  // at a single support vertex
        if (set.in_interior(s.actions[i])) report.interior.push_back(i);
        if (set.in_relative_interior(s.actions[i])) report.relative_interior.push_back(i);
    }
    fill_theorem4_premise(instance, report);
    std::vector<std::uint8_t> interior_coordinates(n, 0);
    for (const LineSolution& line : lines)
        for (std::size_t i : line.exaggeration.ever_interior) ++interior_coordinates[i];
    const std::uint32_t all_free = static_cast<std::uint32_t>((std::uint64_t{1} << d) - 1);
    for (std::size_t i = 0; i < n; ++i) {
        // Only a player whose face is its whole full-dimensional set: free in every coordinate (a free
        // coordinate has lo < hi), and interior-capable in each coordinate game.
        if (free_mask[i] == all_free && interior_coordinates[i] == d) report.ever_interior.push_back(i);
    }
    report.at_most_one_interior = report.ever_interior.size() <= 1;
    for (std::size_t i : report.ever_interior)
        if (instance.players[i].target != s.receiver) report.interior_player_at_target = false;
}

}  // namespace

std::optional<std::vector<LineSolution>> solve_box_coordinates(const BoxGame& game, unsigned threads,
                                                               LineOffsets offsets) {
    const std::size_t d = game.dimension();
    std::vector<std::optional<LineSolution>> solved(d);
    // The coordinate games are independent. With up to twice as many as there are cores, each gets a thread
    // of its own and the system shares the cores (d = 3 on 2 cores: 1.5 games' time, not 2); with more, one
    // core each while there are enough of them left, then the rest one after another with all the cores.
    const unsigned workers = worker_count(threads, d, 1);
    if (workers > 1 && d <= 2 * workers) {
        parallel_chunks(d, static_cast<unsigned>(d), [&](unsigned, std::size_t c, std::size_t) {
            solved[c] = solve_line_game(game.coordinates[c], 1, LinePremise::skip, offsets);
        });
    } else {
        const std::size_t side_by_side = workers > 1 ? d - d % workers : 0;
        parallel_chunks(side_by_side, workers, [&](unsigned, std::size_t begin, std::size_t end) {
            for (std::size_t c = begin; c < end; ++c)
                solved[c] = solve_line_game(game.coordinates[c], 1, LinePremise::skip, offsets);
        });
        for (std::size_t c = side_by_side; c < d; ++c)
            solved[c] = solve_line_game(game.coordinates[c], threads, LinePremise::skip, offsets);
    }
    std::vector<LineSolution> lines;
    lines.reserve(d);
    for (std::optional<LineSolution>& line : solved) {
        if (!line) return std::nullopt;  // a number left the machine-integer range
        lines.push_back(std::move(*line));
    }
    return lines;
}

std::optional<Solution> solve_box_game(const Instance& instance, unsigned threads) {
    const std::size_t d = instance.dimension;
    if (d < 2 || d > 31 || instance.loss != Loss::squared) return std::nullopt;
    if (instance.players.size() > UINT32_MAX || instance.action_sets.size() > UINT32_MAX) return std::nullopt;
    std::optional<std::vector<BoxBounds>> boxes = box_bounds(instance);
    if (!boxes) return std::nullopt;
    std::optional<std::vector<LineSolution>> lines;
    {
        BoxGame game;
        for (std::size_t c = 0; c < d; ++c) {
            std::optional<LineGame> coordinate = coordinate_game(instance, *boxes, c);
            if (!coordinate) return std::nullopt;
            game.coordinates.push_back(std::move(*coordinate));
        }
        // Each re-checked exactly (line_solver.hpp); the losses are formed below, in GMP.
        lines = solve_box_coordinates(game, threads, LineOffsets::in_writer);
    }
    if (!lines) return std::nullopt;
    Solution s;
    fill_profile(instance, *lines, s, threads);
    print_canonical_point(instance, *boxes, *lines, s);
    std::vector<std::uint32_t> free_mask;
    fill_faces(instance, *lines, free_mask, s);
    s.count = EquilibriumCount::one;
    for (const LineSolution& line : *lines)
        if (line.count == EquilibriumCount::infinite) s.count = EquilibriumCount::infinite;
    fill_exaggeration(instance, *lines, free_mask, s);
    s.method = box_method;
    return s;
}

}  // namespace bigcert
