// exaggeration.ever_interior lists every player interior at some equilibrium, in d >= 2 too: checked on a
// game with many tied players and, on random games with ties, against an independent formulation (one LP per
// candidate over the whole equilibrium set, maximising the slack of its facets).
#include <catch2/catch.hpp>
#include <numeric>
#include <random>
#include <sstream>

#include "bigcert/core/linear_algebra.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

// Is there x in E = {x_i in F_i, Σ w_i x_i fixed} with x_c strictly inside X_c? max eps with a_f·x_c + eps <=
// b_f for every facet f of X_c, eps <= 1; interior iff the optimum is positive (MODEL.md §3c).
bool interior_somewhere_by_slack(const Instance& game, const Solution& s, std::size_t c) {
    const ActionSet& set = game.set_of(c);
    if (s.face_vertices[c].size() != set.vertices().size() || set.affine_dimension() != game.dimension)
        return false;
    if (sign(game.players[c].weight) == 0) return true;
    std::vector<std::size_t> free;
    for (std::size_t i = 0; i < game.players.size(); ++i)
        if (!s.face_vertices[i].empty() && sign(game.players[i].weight) != 0) free.push_back(i);
    std::vector<std::pair<std::size_t, std::size_t>> columns;
    for (std::size_t i : free)
        for (std::size_t v = 0; v < s.face_vertices[i].size(); ++v) columns.emplace_back(i, v);
    const auto& facets = set.as_polytope().facets();
    const std::size_t d = game.dimension, mu = columns.size(), eps = mu, slack = mu + 1,
                      cols = slack + facets.size() + 1;
    Matrix a(0, cols);
    Vector b;
    Vector aggregate(d, Rational(0));
    for (std::size_t i : free) add_scaled(aggregate, game.players[i].weight, s.actions[i]);
    for (std::size_t j = 0; j < d; ++j) {
        Vector row(cols, Rational(0));
        for (std::size_t k = 0; k < mu; ++k)
            row[k] = game.players[columns[k].first].weight *
                     s.face_vertices[columns[k].first][columns[k].second][j];
        a.append_row(row);
        b.push_back(aggregate[j]);
    }
    for (std::size_t i : free) {
        Vector row(cols, Rational(0));
        for (std::size_t k = 0; k < mu; ++k) row[k] = columns[k].first == i ? 1 : 0;
        a.append_row(row);
        b.push_back(1);
    }
    for (std::size_t f = 0; f < facets.size(); ++f) {
        Vector row(cols, Rational(0));
        for (std::size_t k = 0; k < mu; ++k)
            if (columns[k].first == c) row[k] = dot(facets[f].normal, s.face_vertices[c][columns[k].second]);
        row[eps] = 1;
        row[slack + f] = 1;
        a.append_row(row);
        b.push_back(facets[f].offset);
    }
    Vector bound(cols, Rational(0));
    bound[eps] = 1;
    bound[cols - 1] = 1;
    a.append_row(bound);
    b.push_back(1);
    Vector objective(cols, Rational(0));
    objective[eps] = 1;
    LinearProgramResult lp = solve_linear_program(a, b, objective);
    REQUIRE(lp.status == LinearProgramResult::Status::optimal);
    return sign(lp.value) > 0;
}

std::string players_aiming_at_one_point(std::size_t n) {
    std::ostringstream out;
    out << R"({"dimension": 2, "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}, "players": [)";
    for (std::size_t i = 0; i < n; ++i)
        out << (i ? "," : "") << R"({"target": ["1/2", "1/4"], "weight": "1/)" << n << "\"}";
    out << "]}";
    return out.str();
}

}  // namespace

TEST_CASE("ever_interior: twenty players aiming at one point can all be interior", "[solver][exaggeration]") {
    Solution s = solve(load_instance_text(players_aiming_at_one_point(20)));
    std::vector<std::size_t> all(20);
    std::iota(all.begin(), all.end(), 0);
    CHECK(s.exaggeration.interior == all);
    CHECK(s.exaggeration.ever_interior == all);
    CHECK_FALSE(s.exaggeration.at_most_one_interior);
}

TEST_CASE("ever_interior: tied players pinned to the boundary by the aggregate are interior nowhere",
          "[solver][exaggeration]") {
    // Three players with weight 1/3 on [0,1]² aim at (1, 1/2): the receiver is their mean, so every one of
    // them must sit on the right edge, although each face is its whole square.
    Solution s = solve(load_instance_text(
        R"({"dimension": 2, "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}, "players": [
            {"target": [1, "1/2"], "weight": "1/3"}, {"target": [1, "1/2"], "weight": "1/3"},
            {"target": [1, "1/2"], "weight": "1/3"}, {"target": [5, 5], "weight": 0}]})"));
    CHECK(s.count == EquilibriumCount::infinite);
    CHECK(s.exaggeration.ever_interior == std::vector<std::size_t>{3});  // only the zero-weight player
}

TEST_CASE("ever_interior: thousands of tied players on the boundary cost d + 1 small LPs",
          "[solver][exaggeration]") {
    // One LP per candidate over all face vertices needed O(n^2) memory per LP and n LPs here (20 000 players:
    // killed at 22 GB); the Minkowski-sum criterion answers for all of them at once.
    std::ostringstream out;
    out << R"({"dimension": 2, "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}, "players": [)";
    for (int i = 0; i < 3000; ++i) out << (i ? "," : "") << R"({"target": [1, "1/2"], "weight": "1/3000"})";
    out << "]}";
    Solution s = solve(load_instance_text(out.str()));
    CHECK(s.count == EquilibriumCount::infinite);
    CHECK(s.exaggeration.ever_interior.empty());
    CHECK(s.exaggeration.at_most_one_interior);
}

TEST_CASE("ever_interior: a zero-weight player on a curved game is interior somewhere",
          "[solver][exaggeration]") {
    Solution s = solve(load_instance_text(
        R"({"dimension": 2, "players": [
            {"target": [1, 2], "action_set": {"ball": {"center": [0, 0], "radius": 1}}},
            {"target": [0, 3], "weight": 0, "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}}]})"));
    CHECK(s.enclosed);
    CHECK(s.exaggeration.ever_interior == std::vector<std::size_t>{1});
}

TEST_CASE("ever_interior agrees with one slack LP per candidate on random games with ties",
          "[solver][exaggeration][random]") {
    std::mt19937 rng(20261202);
    auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
    std::size_t decided = 0, interior_games = 0, boundary_games = 0;
    for (int game_index = 0; game_index < 400; ++game_index) {
        // k players aim at T = (tx, ty) with boxes or segments around it; a few others pull elsewhere.
        std::ostringstream out;
        int tx = pick(5) - 2, ty = pick(5) - 2;
        out << R"({"dimension": 2, "players": [)";
        const int tied = 2 + pick(3), others = pick(3);
        for (int i = 0; i < tied + others; ++i) {
            bool is_tied = i < tied;
            int lx = (is_tied ? tx : pick(5) - 2) - pick(3), ly = (is_tied ? ty : pick(5) - 2) - pick(3);
            int wx = pick(4), wy = pick(4);
            out << (i ? "," : "") << R"({"target": [)" << (is_tied ? tx : pick(9) - 4) << ","
                << (is_tied ? ty : pick(9) - 4) << R"(], "weight": ")" << (pick(8) == 0 ? 0 : 1 + pick(3))
                << "/" << tied + others << "\", ";
            if (pick(5) == 0)
                out << R"("action_set": {"vertices": [[)" << lx << "," << ly << "],[" << lx + wx << "," << ly
                    << "]]}}";
            else
                out << R"("action_set": {"box": {"lo": [)" << lx << "," << ly << "], \"hi\": [" << lx + wx
                    << "," << ly + wy << "]}}}";
        }
        out << "]}";
        INFO(out.str());
        Instance game = load_instance_text(out.str());
        Solution s = solve(game);
        std::vector<std::size_t> expected;
        bool weighted_candidate = false;
        for (std::size_t c = 0; c < game.players.size(); ++c) {
            if (interior_somewhere_by_slack(game, s, c)) expected.push_back(c);
            weighted_candidate =
                weighted_candidate || (sign(game.players[c].weight) != 0 &&
                                       s.face_vertices[c].size() == game.set_of(c).vertices().size() &&
                                       game.set_of(c).affine_dimension() == 2);
        }
        CHECK(s.exaggeration.ever_interior == expected);
        if (weighted_candidate) {
            ++decided;
            bool any_weighted = false;
            for (std::size_t c : expected) any_weighted = any_weighted || sign(game.players[c].weight) != 0;
            ++(any_weighted ? interior_games : boundary_games);
        }
    }
    // The random games must exercise both answers of the decision, not only the trivial "no candidate".
    WARN("candidates decided in " << decided << " games: " << interior_games << " interior, "
                                  << boundary_games << " not");
    CHECK(decided >= 40);
    CHECK(interior_games >= 10);
    CHECK(boundary_games >= 5);
}
