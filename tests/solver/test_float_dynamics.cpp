// The bench's floating-point baseline (float_dynamics.hpp) on polytopes in d = 3: a point inside is its own
// projection; one player's projection of its target matches the exact solver's answer and the projection's
// defining inequality on random point sets (flat, collinear, repeated and single points included); and on
// random small games with positive weights the round-robin dynamics reach the exact receiver of
// bigcert::solve.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "bigcert/core/rational.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/float_dynamics.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

// A rational p/q both as the instance's exact "p/q" string and as the baseline's double.
struct Number {
    long numerator, denominator;
    std::string text() const {
        return "\"" + std::to_string(numerator) + "/" + std::to_string(denominator) + "\"";
    }
    double value() const { return double(numerator) / double(denominator); }
};

struct PlayerSpec {
    std::vector<long> points;  // integer coordinates, 3 a point
    Number target[3];
    Number weight;
};

std::string json_of(const std::vector<PlayerSpec>& players) {
    std::string json = R"({"format": "bigcert/1", "dimension": 3, "loss": "squared", "players": [)";
    for (std::size_t i = 0; i < players.size(); ++i) {
        const PlayerSpec& player = players[i];
        json += std::string(i ? ", " : "") + R"({"target": [)" + player.target[0].text() + ", " +
                player.target[1].text() + ", " + player.target[2].text() + R"(], "weight": )" +
                player.weight.text() + R"(, "action_set": {"vertices": [)";
        for (std::size_t k = 0; k < player.points.size(); k += 3)
            json += std::string(k ? ", " : "") + "[" + std::to_string(player.points[k]) + ", " +
                    std::to_string(player.points[k + 1]) + ", " + std::to_string(player.points[k + 2]) + "]";
        json += "]}}";
    }
    return json + "]}";
}

FloatGame float_game_of(const std::vector<PlayerSpec>& players) {
    FloatGame game;
    game.dimension = 3;
    game.bias.assign(3, 0.0);
    for (const PlayerSpec& player : players) {
        game.weights.push_back(player.weight.value());
        for (const Number& c : player.target) game.targets.push_back(c.value());
        add_float_polytope(game, std::vector<double>(player.points.begin(), player.points.end()));
    }
    return game;
}

std::vector<double> exact_receiver(const std::vector<PlayerSpec>& players) {
    Solution solution = solve(load_instance_text(json_of(players)));
    std::vector<double> receiver;
    for (const Rational& c : solution.receiver) receiver.push_back(to_double(c));
    return receiver;
}

// Points of several shapes on a small integer grid: an octahedron as the bench generator writes it, a random
// cloud (some points inside the hull, some repeated), points in a tilted plane, points on a line, one point.
std::vector<long> random_points(std::mt19937& rng) {
    auto pick = [&](long lo, long hi) { return std::uniform_int_distribution<long>(lo, hi)(rng); };
    std::vector<long> points;
    switch (pick(0, 4)) {
        case 0: {
            long centre[3] = {pick(-3, 3), pick(-3, 3), pick(-3, 3)};
            for (int axis = 0; axis < 3; ++axis)
                for (int side : {-1, 1})
                    for (int c = 0; c < 3; ++c)
                        points.push_back(centre[c] + (c == axis ? side * pick(1, 3) : 0));
            break;
        }
        case 1:
            for (long k = pick(4, 9) * 3; k > 0; --k) points.push_back(pick(-3, 3));
            points.insert(points.end(), points.begin(), points.begin() + 3);  // a repeated point
            break;
        case 2:  // z = x + 2y − 1
            for (long k = pick(3, 6); k > 0; --k) {
                long x = pick(-3, 3), y = pick(-2, 2);
                points.insert(points.end(), {x, y, x + 2 * y - 1});
            }
            break;
        case 3:  // on the line (1, −1, 2) + s (2, 1, −1)
            for (long k = pick(2, 4); k > 0; --k) {
                long s = pick(-2, 2);
                points.insert(points.end(), {1 + 2 * s, -1 + s, 2 - s});
            }
            break;
        default:
            points = {pick(-3, 3), pick(-3, 3), pick(-3, 3)};
    }
    return points;
}

Number random_coordinate(std::mt19937& rng, long spread) {
    long denominator = std::uniform_int_distribution<long>(1, 12)(rng);
    return {std::uniform_int_distribution<long>(-spread * denominator, spread * denominator)(rng),
            denominator};
}

}  // namespace

TEST_CASE("float baseline: a point inside a 3-D polytope is its own projection", "[float]") {
    // The octahedron around (1, 0, −1) with half-axes 2, 2, 4 holds the points with |dx|/2 + |dy|/2 + |dz|/4
    // <= 1; the target (1.25, 0.5, −1.5) has 0.125 + 0.25 + 0.125 = 0.5.
    std::vector<PlayerSpec> players{
        {{3, 0, -1, -1, 0, -1, 1, 2, -1, 1, -2, -1, 1, 0, 3, 1, 0, -5}, {{5, 4}, {1, 2}, {-3, 2}}, {1, 1}}};
    FloatGame game = float_game_of(players);
    FloatDynamicsOptions options;
    options.reference = {1e9, 1e9, 1e9};  // never reached: the sweep runs
    options.max_sweeps = 2;
    FloatDynamicsResult result = run_float_best_response(game, options);
    CHECK(result.sweeps == 2);
    CHECK(result.receiver == std::vector<double>{1.25, 0.5, -1.5});
    // Weight 2: the best response is t / 2 = (0.625, 0.25, −0.75) (0.1875 + 0.125 + 0.0625 = 0.375), inside.
    game.weights[0] = 2;
    result = run_float_best_response(game, options);
    CHECK(result.receiver == std::vector<double>{1.25, 0.5, -1.5});
}

TEST_CASE("float baseline: one player's projection onto random 3-D point sets matches the exact solver",
          "[float]") {
    std::mt19937 rng(20261203);
    int inside = 0;
    for (int round = 0; round < 300; ++round) {
        PlayerSpec player{random_points(rng), {}, {1, 1}};
        for (int c = 0; c < 3; ++c) {
            player.target[c] = random_coordinate(rng, 6);
            if (round % 2 == 0) continue;
            // Near the points' centroid (often inside the set): the centroid plus at most 1 a coordinate.
            long sum = 0, count = long(player.points.size() / 3);
            for (std::size_t k = c; k < player.points.size(); k += 3) sum += player.points[k];
            player.target[c] = random_coordinate(rng, 1);
            player.target[c] = {sum * player.target[c].denominator + count * player.target[c].numerator,
                                count * player.target[c].denominator};
        }
        std::vector<PlayerSpec> players{player};
        INFO(json_of(players));
        FloatDynamicsOptions options;
        options.reference = exact_receiver(players);
        options.tolerance = 1e-9;
        FloatDynamicsResult result = run_float_best_response(float_game_of(players), options);
        CHECK(result.converged);
        CHECK(result.error < 1e-9);
        // The projection p of t satisfies (t − p)·(v − p) <= 0 for every point v of the set.
        const std::vector<double>& p = result.receiver;
        for (std::size_t k = 0; k < player.points.size(); k += 3) {
            double inner = 0;
            for (int c = 0; c < 3; ++c)
                inner += (player.target[c].value() - p[c]) * (double(player.points[k + c]) - p[c]);
            CHECK(inner <= 1e-9);
        }
        inside += result.receiver == float_game_of(players).targets;
    }
    CHECK(inside >= 20);  // the inside case is exercised
}

TEST_CASE("float baseline: the dynamics reach the exact receiver on random small 3-D games", "[float]") {
    std::mt19937 rng(31);
    for (int round = 0; round < 60; ++round) {
        const int n = std::uniform_int_distribution<int>(2, 5)(rng);
        std::vector<PlayerSpec> players;
        for (int i = 0; i < n; ++i)
            players.push_back(
                {random_points(rng),
                 {random_coordinate(rng, 8), random_coordinate(rng, 8), random_coordinate(rng, 8)},
                 {std::uniform_int_distribution<long>(1, 8)(rng), 4L * n}});
        INFO(json_of(players));
        FloatDynamicsOptions options;
        options.reference = exact_receiver(players);
        options.tolerance = 1e-8;
        options.max_sweeps = 100000;
        FloatDynamicsResult result = run_float_best_response(float_game_of(players), options);
        CHECK(result.converged);
        CHECK(result.error < 1e-8);
    }
}
