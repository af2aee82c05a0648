// Best-response dynamics with several receivers (docs/model.md §8.7): each best response against the loss's
// definition on random games, a game without potential whose round-robin dynamics cycle (the cycle checked by
// hand), the potential descending on potential games, and fixed points that are the solver's equilibria.
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/receivers.hpp"
#include "bigcert/solver/receivers_dynamics.hpp"
#include "load_any_instance.hpp"

using namespace bigcert;

namespace {

Instance load(const std::string& json) { return load_any_instance(json); }

Rational q(const char* text) { return *parse_rational(text); }

// l_i from the definition: every receiver's point, then sum_j v_ij |x̂_j - t_i|^2.
Rational loss_at(const Instance& instance, std::size_t i, const std::vector<Vector>& actions) {
    std::vector<Vector> receivers;
    for (std::size_t j = 0; j < instance.receivers.size(); ++j)
        receivers.push_back(receiver_point(instance, j, actions));
    return receivers_loss(instance, i, receivers);
}

// Points of X_i to compare a best response with: the vertices and a grid of convex combinations of them.
std::vector<Vector> sample_points(const ActionSet& set) {
    std::vector<Vector> vertices = set.vertices(), points = vertices;
    for (std::size_t a = 0; a < vertices.size(); ++a)
        for (std::size_t b = 0; b < vertices.size(); ++b)
            for (int k = 1; k < 8; ++k) {
                Vector p = Rational(k, 8) * vertices[a];
                add_scaled(p, Rational(8 - k, 8), vertices[b]);
                points.push_back(p);
                if (vertices.size() > 2) {  // and towards a third vertex
                    Vector r = Rational(1, 2) * p;
                    add_scaled(r, Rational(1, 2), vertices[(a + b + 1) % vertices.size()]);
                    points.push_back(r);
                }
            }
    return points;
}

std::string random_game(std::mt19937_64& random, std::size_t d, bool common_care) {
    std::uniform_int_distribution<int> players_count(2, 3), receivers_count(1, 3), weight(-2, 2), care(0, 2),
        coordinate(-2, 3);
    const int n = players_count(random), m = receivers_count(random);
    std::ostringstream json;
    json << R"({"dimension": )" << d << R"(, "action_set": )"
         << (d == 1 ? R"({"interval": [-1, 2]})" : R"({"vertices": [[-1, 0], [2, -1], [1, 2], [-1, 1]]})")
         << R"(, "receivers": [)";
    for (int j = 0; j < m; ++j) {
        json << (j ? ", " : "") << R"({"weights": [)";
        for (int i = 0; i < n; ++i) json << (i ? ", " : "") << weight(random);
        json << "]}";
    }
    std::vector<int> shared(m);
    for (int& v : shared) v = care(random);
    json << R"(], "players": [)";
    for (int i = 0; i < n; ++i) {
        json << (i ? ", " : "") << R"({"target": [)";
        for (std::size_t c = 0; c < d; ++c) json << (c ? ", " : "") << coordinate(random);
        json << R"(], "care": [)";
        for (int j = 0; j < m; ++j) json << (j ? ", " : "") << (common_care ? shared[j] : care(random));
        json << "]}";
    }
    json << "]}";
    return json.str();
}

std::vector<Vector> random_profile(std::mt19937_64& random, const Instance& instance) {
    std::vector<Vector> actions;
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        std::vector<Vector> points = sample_points(instance.set_of(i));
        actions.push_back(points[std::uniform_int_distribution<std::size_t>(0, points.size() - 1)(random)]);
    }
    return actions;
}

}  // namespace

TEST_CASE("every best response minimises the player's loss, from the definition, on random games") {
    std::mt19937_64 random(20261203);
    int checked = 0;
    for (int round = 0; round < 120; ++round) {
        const std::size_t d = round % 2 ? 2 : 1;
        const Instance instance = load(random_game(random, d, false));
        const ReceiverGame game = receiver_game_of(instance);
        std::vector<Vector> actions = random_profile(random, instance);
        for (std::size_t i = 0; i < instance.players.size(); ++i) {
            const Vector best = receivers_best_response(instance, game, i, actions);
            REQUIRE(instance.set_of(i).contains(best));
            std::vector<Vector> trial = actions;
            trial[i] = best;
            const Rational best_loss = loss_at(instance, i, trial);
            for (const Vector& y : sample_points(instance.set_of(i))) {
                trial[i] = y;
                REQUIRE(best_loss <= loss_at(instance, i, trial));
            }
            // A kept action is a minimiser: the variational inequality of §8.1 holds for it alone.
            if (best == actions[i]) {
                const Vector g = gradient_of(game, i, actions);
                for (const Vector& v : instance.set_of(i).vertices()) REQUIRE(dot(g, v - actions[i]) >= 0);
            }
            ++checked;
        }
    }
    CHECK(checked > 250);
}

TEST_CASE("a linear own loss (C_ii = 0) takes a minimising vertex and keeps a tied action") {
    // Player 0 cares +1 about A and -1 about B, both with its weight 1: C_00 = 1 - 1 = 0 and g_0 = x̂_A - x̂_B
    // (targets cancel) = x_1 - 2 x_1 = -x_1: with x_1 > 0 it moves up, with x_1 = 0 every action ties.
    const Instance instance = load(R"({"action_set": {"interval": [0, 3]},
        "receivers": [{"name": "A", "weights": [1, 1]}, {"name": "B", "weights": [1, 2]}],
        "players": [{"target": 1, "care": [1, -1]}, {"target": 2, "care": [1, 1]}]})");
    const ReceiverGame game = receiver_game_of(instance);
    REQUIRE(sign(game.cross[0][0]) == 0);
    CHECK(receivers_best_response(instance, game, 0, {Vector{q("1")}, Vector{q("1/2")}}) == Vector{q("3")});
    CHECK(receivers_best_response(instance, game, 0, {Vector{q("1")}, Vector{q("0")}}) == Vector{q("1")});
}

TEST_CASE("without a potential, round-robin best responses cycle, detected exactly") {
    // Player 0 wants x_0 = x_1 (x̂_A = x_0 - x_1, target 0), player 1 wants x_1 = 1 - x_0 (x̂_B = x_0 + x_1,
    // target 1): C = [[1, -1], [1, 1]], no potential; the unique equilibrium (1/2, 1/2) is never reached.
    const Instance instance = load(R"({"action_set": {"interval": [0, 1]},
        "receivers": [{"name": "A", "weights": [1, -1]}, {"name": "B", "weights": [1, 1]}],
        "players": [{"target": 0, "care": [1, 0]}, {"target": 1, "care": [0, 1]}]})");
    std::vector<std::vector<Vector>> seen;
    auto observe = [&](const ReceiversDynamicsStep& step) { seen.push_back(*step.actions); };
    ReceiversDynamicsResult result =
        run_receivers_dynamics(instance, {Vector{q("0")}, Vector{q("0")}}, DynamicsOptions{}, observe);
    REQUIRE(result.outcome == DynamicsResult::Outcome::cycle);
    CHECK(result.potential_kind.kind == PotentialKind::Kind::none);
    CHECK(!result.potential);
    // By hand: (0,0) -> player 1 to 1 -> (0,1) starts round 1; player 0 to 1, player 1 to 0 -> (1,0) starts
    // round 2; player 0 to 0, player 1 to 1 -> (0,1) again at round 3.
    CHECK(result.cycle_start == 1);
    CHECK(result.cycle_length == 2);
    CHECK(result.steps == 6);
    CHECK(result.actions == std::vector<Vector>{Vector{q("0")}, Vector{q("1")}});
    REQUIRE(seen.size() == 6);  // the start and five moves
    CHECK(seen[2] == std::vector<Vector>{Vector{q("1")}, Vector{q("1")}});
    // Simultaneous updates cycle too: (0,0) -> (0,1) -> (1,1) -> (1,0) -> (0,0).
    DynamicsOptions simultaneous;
    simultaneous.simultaneous = true;
    ReceiversDynamicsResult both =
        run_receivers_dynamics(instance, {Vector{q("0")}, Vector{q("0")}}, simultaneous);
    REQUIRE(both.outcome == DynamicsResult::Outcome::cycle);
    CHECK((both.cycle_start == 0 && both.cycle_length == 4));
    // The step cap is honoured before the cycle is seen.
    DynamicsOptions capped;
    capped.max_steps = 3;
    CHECK(run_receivers_dynamics(instance, {Vector{q("0")}, Vector{q("0")}}, capped).outcome ==
          DynamicsResult::Outcome::step_cap);
}

TEST_CASE("the three-equilibria example: each start reaches one of the solver's equilibria") {
    const Instance instance = load(R"({"action_set": {"interval": [0, 1]},
        "receivers": [{"name": "A", "weights": [1, 2]}, {"name": "B", "weights": [2, 1]}],
        "players": [{"target": "3/2", "care": [1, 0]}, {"target": "3/2", "care": [0, 1]}]})");
    const ReceiversSolution solved = solve_receivers(instance);
    REQUIRE(solved.equilibria.size() == 3);
    const std::vector<std::pair<std::vector<Vector>, std::vector<Vector>>> runs{
        {{Vector{q("0")}, Vector{q("0")}}, {Vector{q("1")}, Vector{q("0")}}},
        {{Vector{q("1")}, Vector{q("1")}}, {Vector{q("0")}, Vector{q("1")}}},
        {{Vector{q("1/2")}, Vector{q("1/2")}}, {Vector{q("1/2")}, Vector{q("1/2")}}}};
    for (const auto& [start, end] : runs) {
        ReceiversDynamicsResult result = run_receivers_dynamics(instance, start, DynamicsOptions{});
        REQUIRE(result.outcome == DynamicsResult::Outcome::equilibrium);
        CHECK(result.actions == end);
        CHECK(std::find(solved.equilibria.begin(), solved.equilibria.end(), end) != solved.equilibria.end());
        CHECK(result.receivers[0] == receiver_point(instance, 0, end));
    }
}

TEST_CASE("potential games: the potential never rises, and fixed points are the solver's equilibria") {
    std::mt19937_64 random(7);
    int fixed_points = 0, games = 0;
    for (int round = 0; round < 60; ++round) {
        const Instance instance = load(random_game(random, round % 2 ? 2 : 1, true));
        const ReceiverGame game = receiver_game_of(instance);
        const PotentialKind potential = classify_potential(game);
        REQUIRE(potential.kind == PotentialKind::Kind::exact);  // common care: C symmetric (§8.2)
        std::optional<Rational> last;
        auto observe = [&](const ReceiversDynamicsStep& step) {
            REQUIRE(step.potential);
            if (last) REQUIRE(*step.potential <= *last);
            last = step.potential;
        };
        DynamicsOptions options;
        options.max_steps = 200;
        ReceiversDynamicsResult result =
            run_receivers_dynamics(instance, random_profile(random, instance), options, observe);
        REQUIRE(result.outcome != DynamicsResult::Outcome::cycle);  // a strictly descending potential
        ++games;
        if (result.outcome != DynamicsResult::Outcome::equilibrium) continue;
        ++fixed_points;
        CHECK(receivers_equilibrium_failure(instance, game, result.actions).empty());
        const ReceiversSolution solved = solve_receivers(instance);
        if (solved.count == "not decided") continue;  // a continuum: the enumeration lists one point
        CHECK(std::find(solved.equilibria.begin(), solved.equilibria.end(), result.actions) !=
              solved.equilibria.end());
    }
    CHECK(games == 60);
    CHECK(fixed_points > 20);
}

TEST_CASE("a weighted potential (one receiver, unequal care) descends along every move") {
    // C_ik = v_i w_i w_k: lambda_i = 1/v_i balances it (docs/model.md §8.2), and Phi must never rise.
    std::mt19937_64 random(11);
    std::uniform_int_distribution<int> weight(1, 3), care(1, 4), target(-3, 4);
    int moves = 0;
    for (int round = 0; round < 30; ++round) {
        std::ostringstream json;
        json << R"({"action_set": {"interval": [-1, 2]}, "receivers": [{"weights": [)" << weight(random)
             << ", " << weight(random) << ", " << weight(random) << R"(]}], "players": [)";
        for (int i = 0; i < 3; ++i)
            json << (i ? ", " : "") << R"({"target": )" << target(random) << R"(, "care": [)" << care(random)
                 << "]}";
        json << "]}";
        const Instance instance = load(json.str());
        std::optional<Rational> last;
        auto observe = [&](const ReceiversDynamicsStep& step) {
            REQUIRE(step.potential);
            if (last) {
                REQUIRE(*step.potential <= *last);
                ++moves;
            }
            last = step.potential;
        };
        DynamicsOptions options;
        options.max_steps = 60;
        ReceiversDynamicsResult result = run_receivers_dynamics(
            instance, {Vector{q("-1")}, Vector{q("2")}, Vector{q("0")}}, options, observe);
        CHECK(result.potential_kind.kind != PotentialKind::Kind::none);
        CHECK(result.outcome != DynamicsResult::Outcome::cycle);
    }
    CHECK(moves > 30);
}

TEST_CASE("dynamics refuse what they cannot answer exactly") {
    const Instance concave = load(R"({"action_set": {"interval": [0, 1]},
        "receivers": [{"weights": [1, 1]}], "players": [{"target": 0, "care": [-1]}, {"target": 1}]})");
    CHECK_THROWS_AS(run_receivers_dynamics(concave, {Vector{q("0")}, Vector{q("0")}}, DynamicsOptions{}),
                    UnsupportedError);
}
