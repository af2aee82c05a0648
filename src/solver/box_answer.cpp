#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "bigcert/core/action_set.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/polytope.hpp"
#include "bigcert/solver/box_solver.hpp"
#include "solver/repeated_target.hpp"

namespace bigcert {
namespace {

// The exact ActionSet of a player's box, built on first use: only the special players need one, so 10^6
// players on one common box build it once and per-player boxes build a few hundred.
class LazySets {
  public:
    explicit LazySets(const BoxGame& game) : game_(game) {}
    const ActionSet& of(std::size_t player) {
        const std::uint32_t k = game_.coordinates[0].set_of_player[player];
        auto found = built_.find(k);
        if (found != built_.end()) return found->second;
        Vector lo, hi;
        for (const LineGame& c : game_.coordinates)
            lo.push_back(to_rational(c.lows[k])), hi.push_back(to_rational(c.highs[k]));
        return built_.emplace(k, ActionSet::polytope(Polytope::box(lo, hi), "box")).first->second;
    }

  private:
    const BoxGame& game_;
    std::unordered_map<std::uint32_t, ActionSet> built_;
};

bool single_point_set(const BoxGame& game, std::size_t player) {
    for (const LineGame& c : game.coordinates)
        if (!(c.lo(player) == c.hi(player))) return false;
    return true;
}

// print_canonical_point of box_split.cpp on the special players' actions: in each coordinate the tied
// weighted players share their total Σ w_i x_ic at one fraction λ of their ranges.
void share_ties(const BoxGame& game, const std::vector<LineSolution>& lines,
                std::unordered_map<std::size_t, Vector>& actions) {
    for (std::size_t c = 0; c < lines.size(); ++c) {
        const LineGame& coordinate = game.coordinates[c];
        std::vector<std::size_t> tied;
        for (std::size_t i : lines[c].free_players)
            if (sign(coordinate.weights[i]) != 0) tied.push_back(i);
        if (tied.size() < 2) continue;
        Rational total, low, high;
        std::vector<std::pair<Rational, Rational>> ranges;  // (min, max) of w_i x_ic
        for (std::size_t i : tied) {
            Rational w = to_rational(coordinate.weights[i]);
            total += w * actions.at(i)[c];
            Rational a = w * to_rational(coordinate.lo(i)), b = w * to_rational(coordinate.hi(i));
            ranges.emplace_back(std::min(a, b), std::max(a, b));
            low += ranges.back().first;
            high += ranges.back().second;
        }
        Rational lambda = (total - low) / (high - low);
        Rational moved_total;
        for (std::size_t k = 0; k < tied.size(); ++k) {
            const auto& [from, to] = ranges[k];
            Rational w = to_rational(coordinate.weights[tied[k]]);
            actions.at(tied[k])[c] = (from + lambda * (to - from)) / w;
            moved_total += w * actions.at(tied[k])[c];
        }
        // The re-check of what moved, as in box_split.cpp.
        if (sign(lambda) < 0 || Rational(1) < lambda || moved_total != total)
            throw InternalError("the exact re-check rejected the printed point of the equilibrium set");
    }
}

}  // namespace

std::optional<BoxAnswer> describe_box_answer(const BoxGame& game, std::vector<LineSolution> lines,
                                             unsigned threads) {
    const std::size_t n = game.size(), d = game.dimension();
    if (has_repeated_target(game.coordinates, threads)) return std::nullopt;
    BoxAnswer answer;
    answer.lines = std::move(lines);
    const std::vector<LineSolution>& line = answer.lines;
    const LineGame& first = game.coordinates[0];
    std::vector<std::uint32_t> free_mask(n, 0);
    for (std::size_t c = 0; c < d; ++c)
        for (std::size_t i : line[c].free_players) free_mask[i] |= std::uint32_t{1} << c;
    // The special players' exact actions.
    std::unordered_map<std::size_t, Vector> actions;
    std::vector<std::size_t> special;
    for (std::size_t i = 0; i < n; ++i) {
        if (free_mask[i] == 0 && first.weights[i].num != 0 && !single_point_set(game, i)) continue;
        special.push_back(i);
        Vector x(d);
        for (std::size_t c = 0; c < d; ++c) x[c] = to_rational(line[c].actions[i]);
        actions.emplace(i, std::move(x));
    }
    share_ties(game, line, actions);
    LazySets sets(game);
    for (std::size_t i : special)
        if (first.weights[i].num == 0) actions.at(i) = sets.of(i).as_polytope().vertices().front();
    // Faces (fill_faces of box_split.cpp): the set's vertices in their order, free coordinates open.
    for (std::size_t i : special) {
        if (free_mask[i] == 0) continue;
        std::vector<Vector> face;
        for (const Vector& v : sets.of(i).as_polytope().vertices()) {
            bool in_face = true;
            for (std::size_t c = 0; c < d && in_face; ++c)
                in_face = (free_mask[i] >> c & 1) || v[c] == actions.at(i)[c];
            if (in_face) face.push_back(v);
        }
        answer.faces.emplace_back(i, std::move(face));
    }
    for (const LineSolution& l : line)
        if (l.count == EquilibriumCount::infinite) answer.count = EquilibriumCount::infinite;
    // Theorem 4's report (fill_exaggeration of box_split.cpp and fill_theorem4_premise).
    ExaggerationReport& report = answer.exaggeration;
    for (std::size_t i : special) {
        const ActionSet& set = sets.of(i);
        if (free_mask[i] == 0 && !set.is_single_point()) continue;
        if (set.in_interior(actions.at(i))) report.interior.push_back(i);
        if (set.in_relative_interior(actions.at(i))) report.relative_interior.push_back(i);
    }
    for (std::size_t i : special)
        if (first.weights[i].num == 0) {
            report.premise_met = false;
            report.premise_detail = "player " + first.numbered_label(i) + " has weight 0";
            break;
        }
    std::vector<std::uint8_t> interior_coordinates(n, 0);
    for (const LineSolution& l : line)
        for (std::size_t i : l.exaggeration.ever_interior) ++interior_coordinates[i];
    const std::uint32_t all_free = static_cast<std::uint32_t>((std::uint64_t{1} << d) - 1);
    for (std::size_t i : special)
        if (free_mask[i] == all_free && interior_coordinates[i] == d) report.ever_interior.push_back(i);
    report.at_most_one_interior = report.ever_interior.size() <= 1;
    for (std::size_t i : report.ever_interior)
        for (std::size_t c = 0; c < d; ++c)
            if (!(game.coordinates[c].targets[i] == line[c].receiver))
                report.interior_player_at_target = false;
    for (std::size_t i : special) {
        bool moved = false;
        for (std::size_t c = 0; c < d; ++c)
            moved = moved || actions.at(i)[c] != to_rational(line[c].actions[i]);
        if (moved) answer.moved_actions.emplace_back(i, std::move(actions.at(i)));
    }
    return answer;
}

}  // namespace bigcert
