// Randomized cross-checks: the two exact solvers against each other and against exhaustive face
// enumeration, and the invariant that every equilibrium has the same receiver (MODEL.md §3a).
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/core/linear_algebra.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"
#include "face_enumeration.hpp"
#include "random_games.hpp"

using namespace bigcert;
using bigcert::testing::RandomGames;

namespace {

// Members of the equilibrium set at its vertices in random directions: x_i ranges over conv(F_i), with the
// aggregate fixed. Each must be an equilibrium with the same receiver.
std::vector<std::vector<Vector>> sample_equilibrium_set(const Instance& game, const Solution& s,
                                                        std::mt19937& rng) {
    std::vector<std::size_t> free;
    for (std::size_t i = 0; i < game.players.size(); ++i)
        if (!s.face_vertices[i].empty()) free.push_back(i);
    std::vector<std::pair<std::size_t, std::size_t>> columns;
    for (std::size_t i : free)
        for (std::size_t k = 0; k < s.face_vertices[i].size(); ++k) columns.emplace_back(i, k);
    const std::size_t d = game.dimension;
    Matrix a(0, columns.size());
    Vector b;
    Vector aggregate(d, Rational(0));
    for (std::size_t i : free) add_scaled(aggregate, game.players[i].weight, s.actions[i]);
    for (std::size_t j = 0; j < d; ++j) {
        Vector row(columns.size(), Rational(0));
        for (std::size_t c = 0; c < columns.size(); ++c)
            row[c] = game.players[columns[c].first].weight *
                     s.face_vertices[columns[c].first][columns[c].second][j];
        a.append_row(row);
        b.push_back(aggregate[j]);
    }
    for (std::size_t i : free) {
        Vector row(columns.size(), Rational(0));
        for (std::size_t c = 0; c < columns.size(); ++c) row[c] = columns[c].first == i ? 1 : 0;
        a.append_row(row);
        b.push_back(1);
    }
    std::vector<std::vector<Vector>> profiles;
    for (int round = 0; round < 4 && !columns.empty(); ++round) {
        Vector objective;
        for (std::size_t c = 0; c < columns.size(); ++c)
            objective.push_back(make_rational(static_cast<long long>(rng() % 21) - 10));
        LinearProgramResult lp = solve_linear_program(a, b, objective);
        REQUIRE(lp.status == LinearProgramResult::Status::optimal);
        std::vector<Vector> profile = s.actions;
        for (std::size_t i : free) profile[i].assign(d, Rational(0));
        for (std::size_t c = 0; c < columns.size(); ++c)
            add_scaled(profile[columns[c].first], lp.x[c],
                       s.face_vertices[columns[c].first][columns[c].second]);
        profiles.push_back(std::move(profile));
    }
    return profiles;
}

void cross_check(const Instance& game, std::mt19937& rng) {
    Solution s = solve(game);
    REQUIRE(check_equilibrium(game, s.actions, s.receiver).ok);
    if (game.dimension == 1) {
        SolveOptions general;
        general.force_general = true;
        Solution t = solve(game, general);
        CHECK(t.receiver == s.receiver);
        CHECK(t.count == s.count);
        CHECK(t.exaggeration.ever_interior == s.exaggeration.ever_interior);
    }
    std::size_t found = 0;
    testing::enumerate_face_equilibria(game, [&](const std::vector<Vector>&, const Vector& receiver) {
        ++found;
        CHECK(receiver == s.receiver);  // the same outcome at every equilibrium
    });
    CHECK(found > 0);
    if (s.count == EquilibriumCount::one) CHECK(s.face_vertices.size() == game.players.size());
    for (const std::vector<Vector>& profile : sample_equilibrium_set(game, s, rng)) {
        CHECK(game.receiver(profile) == s.receiver);
        CHECK(check_equilibrium(game, profile, s.receiver).ok);
        if (s.count == EquilibriumCount::one) CHECK(profile == s.actions);
    }
}

}  // namespace

TEST_CASE("1-D: the sweep, simplicial decomposition and face enumeration agree", "[random]") {
    RandomGames games(2024);
    std::mt19937 rng(1);
    for (int round = 0; round < 150; ++round) {
        std::string json = games.interval_game(1 + games.below(4));
        INFO(json);
        cross_check(load_instance_text(json), rng);
    }
}

TEST_CASE("2-D polygons: simplicial decomposition and face enumeration agree", "[random]") {
    RandomGames games(99);
    std::mt19937 rng(2);
    for (int round = 0; round < 80; ++round) {
        std::string json = games.polygon_game(1 + games.below(3));
        INFO(json);
        cross_check(load_instance_text(json), rng);
    }
}

TEST_CASE("1-D with many players: the sweep agrees with simplicial decomposition", "[random]") {
    RandomGames games(5);
    for (int round = 0; round < 20; ++round) {
        Instance game = load_instance_text(games.interval_game(50 + games.below(200)));
        Solution s = solve(game);
        SolveOptions general;
        general.force_general = true;
        Solution t = solve(game, general);
        CHECK(s.receiver == t.receiver);
        CHECK(s.count == t.count);
    }
}
