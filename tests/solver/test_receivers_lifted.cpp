// The lifted method for several receivers with a convex potential (docs/model.md §8.3), cross-checked
// against the independent routes: the exact face enumeration (every equilibrium when complete), Lemke's
// method, and with one receiver the single-receiver solver.
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/receivers.hpp"
#include "bigcert/solver/receivers_output.hpp"
#include "bigcert/solver/solver.hpp"
#include "load_any_instance.hpp"

using namespace bigcert;

namespace {

Instance load(const std::string& json) { return load_any_instance(json); }

struct Shape {
    int players, receivers, dimension;
};

// A random game whose care is the same for every player (so the potential is convex and of the lifted form):
// negative and zero weights, zero care on some receivers, repeated targets, intervals or polygons, some sets
// shared, some a single point.
std::string random_potential_game(std::mt19937& rng, const Shape& shape) {
    auto pick = [&](int lo, int hi) {
        return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1));
    };
    std::vector<int> care;
    for (int j = 0; j < shape.receivers; ++j) care.push_back(pick(0, 3) == 0 ? 0 : pick(1, 3));
    std::ostringstream json;
    json << R"({"dimension": )" << shape.dimension << R"(, "receivers": [)";
    for (int j = 0; j < shape.receivers; ++j) {
        json << (j ? "," : "") << R"({"weights": [)";
        for (int i = 0; i < shape.players; ++i)
            json << (i ? "," : "") << "\"" << (pick(0, 4) == 0 ? 0 : pick(-4, 4)) << "/" << pick(1, 3)
                 << "\"";
        json << "]";
        if (pick(0, 2) == 0) {
            json << R"(, "bias": {"weight": 1, "point": [)" << pick(-2, 2);
            if (shape.dimension == 2) json << "," << pick(-2, 2);
            json << "]}";
        }
        json << "}";
    }
    json << R"(], "players": [)";
    std::string previous_target;
    for (int i = 0; i < shape.players; ++i) {
        std::ostringstream target;
        if (shape.dimension == 1)
            target << "\"" << pick(-6, 6) << "/" << pick(1, 3) << "\"";
        else
            target << "[" << pick(-4, 4) << "," << pick(-4, 4) << "]";
        std::string t = (i > 0 && pick(0, 3) == 0) ? previous_target : target.str();  // duplicate targets
        previous_target = t;
        json << (i ? "," : "") << R"({"target": )" << t << R"(, "care": [)";
        for (int j = 0; j < shape.receivers; ++j) json << (j ? "," : "") << care[j];
        json << R"(], "action_set": )";
        if (shape.dimension == 1) {
            const int lo = pick(-2, 1);
            json << R"({"interval": [)" << lo << "," << lo + (pick(0, 5) == 0 ? 0 : pick(1, 3)) << "]}";
        } else if (pick(0, 5) == 0) {
            json << R"({"vertices": [[1, 1]]})";
        } else {
            const int x = pick(-2, 1), y = pick(-2, 1);
            json << R"({"vertices": [[)" << x << "," << y << "], [" << x + pick(1, 3) << "," << y << "], ["
                 << x << "," << y + pick(1, 3) << "], [" << x + pick(1, 2) << "," << y + pick(1, 2) << "]]}";
        }
        json << "}";
    }
    json << "]}";
    return json.str();
}

// The receivers someone cares about (care > 0 and a non-zero weight): the same at every equilibrium.
std::vector<Vector> cared_receivers(const Instance& instance, const std::vector<Vector>& actions) {
    std::vector<Vector> result;
    for (std::size_t j = 0; j < instance.receivers.size(); ++j) {
        bool moved = false;
        for (std::size_t i = 0; i < instance.players.size(); ++i)
            moved =
                moved || (sign(instance.receivers[j].weights[i]) != 0 && sign(care_of(instance, i, j)) > 0);
        if (moved) result.push_back(receiver_point(instance, j, actions));
    }
    return result;
}

struct Tally {
    int one = 0, infinite = 0, complete = 0, lemke = 0;
    int second_seen = 0;  // "infinite" confirmed by another route's different equilibrium
};

// One random game: the lifted answer is an equilibrium by definition and agrees with the other routes.
void cross_check(const Instance& instance, Tally& tally) {
    const ReceiversSolution lifted = solve_receivers_lifted(instance);
    REQUIRE(lifted.method == "lifted-potential");
    REQUIRE(lifted.equilibria.size() == 1);
    const std::vector<Vector>& x = lifted.equilibria[0];
    const ReceiverGame game = receiver_game_of(instance);
    CHECK(receivers_equilibrium_failure(instance, game, x).empty());
    CHECK(classify_potential(game).kind == PotentialKind::Kind::exact);
    const std::vector<Vector> receivers = cared_receivers(instance, x);
    (lifted.count == "one" ? tally.one : tally.infinite) += 1;

    ReceiversOptions no_lifted;
    no_lifted.lifted = false;
    try {
        const ReceiversSolution enumerated = solve_receivers(instance, no_lifted);
        CHECK(enumerated.method == "face-enumeration");
        for (const auto& e : enumerated.equilibria) CHECK(cared_receivers(instance, e) == receivers);
        if (!enumerated.degenerate) {
            // Complete: every equilibrium listed. A convex set listed completely is one point.
            ++tally.complete;
            CHECK(enumerated.equilibria.size() == 1);
            CHECK(lifted.count == "one");
            CHECK(enumerated.equilibria[0] == x);
        }
        if (lifted.count == "one")
            for (const auto& e : enumerated.equilibria) CHECK(e == x);
        if (enumerated.equilibria.size() > 1) CHECK(lifted.count == "infinite");
        if (enumerated.equilibria.size() > 1 ||
            (enumerated.equilibria.size() == 1 && enumerated.equilibria[0] != x))
            ++tally.second_seen;
    } catch (const UnsupportedError&) {
        CHECK(lifted.count == "infinite");  // every equilibrium on a singular face system: a continuum
    }

    no_lifted.max_face_combinations = 0;
    const ReceiversSolution lemke = solve_receivers(instance, no_lifted);
    CHECK(lemke.method == "lemke");
    REQUIRE(lemke.equilibria.size() == 1);
    CHECK(cared_receivers(instance, lemke.equilibria[0]) == receivers);
    if (lifted.count == "one") CHECK(lemke.equilibria[0] == x);
    if (lemke.equilibria[0] != x) {
        CHECK(lifted.count == "infinite");
        ++tally.second_seen;
    }
    ++tally.lemke;
}

}  // namespace

TEST_CASE("lifted method: random interval games against enumeration and Lemke's method") {
    std::mt19937 rng(31);
    Tally tally;
    for (int round = 0; round < 150; ++round) {
        const Shape shape{2 + static_cast<int>(rng() % 3), 1 + static_cast<int>(rng() % 3), 1};
        const std::string json = random_potential_game(rng, shape);
        INFO(json);
        cross_check(load(json), tally);
    }
    CHECK(tally.one > 50);  // the cross-checks must bite on both answers
    CHECK(tally.infinite > 30);
    CHECK(tally.complete > 50);
    CHECK(tally.second_seen > 30);
}

TEST_CASE("lifted method: random polygon games against enumeration and Lemke's method") {
    std::mt19937 rng(32);
    Tally tally;
    for (int round = 0; round < 60; ++round) {
        const Shape shape{2 + static_cast<int>(rng() % 2), 1 + static_cast<int>(rng() % 3), 2};
        const std::string json = random_potential_game(rng, shape);
        INFO(json);
        cross_check(load(json), tally);
    }
    CHECK(tally.one > 20);
    CHECK(tally.infinite > 10);
    CHECK(tally.complete > 20);
    CHECK(tally.second_seen > 10);
}

TEST_CASE("lifted method: larger polygon games agree with Lemke's method") {
    std::mt19937 rng(33);
    for (int round = 0; round < 4; ++round) {
        const std::string json = random_potential_game(rng, Shape{12, 3, 2});
        INFO(json);
        const Instance instance = load(json);
        const ReceiversSolution lifted = solve_receivers(instance);  // 9^12 face combinations: routed
        CHECK(lifted.method == "lifted-potential");
        ReceiversOptions lemke_only;
        lemke_only.lifted = false;
        lemke_only.max_face_combinations = 0;
        const ReceiversSolution lemke = solve_receivers(instance, lemke_only);
        CHECK(cared_receivers(instance, lemke.equilibria[0]) ==
              cared_receivers(instance, lifted.equilibria[0]));
        if (lifted.count == "one") CHECK(lemke.equilibria[0] == lifted.equilibria[0]);
    }
}

TEST_CASE("lifted method with one receiver: the single-receiver solver's equilibrium") {
    std::mt19937 rng(34);
    int unique = 0;
    for (int round = 0; round < 80; ++round) {
        const int d = 1 + static_cast<int>(rng() % 2);
        std::string json = random_potential_game(rng, Shape{2 + static_cast<int>(rng() % 5), 1, d});
        // Care 1 for everyone: the paper's game, which single_receiver_instance turns into its own format.
        for (const char* care : {"\"care\": [0]", "\"care\": [2]", "\"care\": [3]"})
            for (std::size_t at = json.find(care); at != std::string::npos; at = json.find(care))
                json.replace(at, std::string(care).size(), "\"care\": [1]");
        INFO(json);
        const Instance instance = load(json);
        const std::optional<Instance> classic = single_receiver_instance(instance);
        REQUIRE(classic);
        const Solution paper = solve(*classic);
        const ReceiversSolution lifted = solve_receivers_lifted(instance);
        CHECK(lifted.receivers[0][0] == paper.receiver);
        CHECK(lifted.count == (paper.count == EquilibriumCount::one ? "one" : "infinite"));
        if (paper.count == EquilibriumCount::one) {
            CHECK(lifted.equilibria[0] == paper.actions);
            ++unique;
        }
    }
    CHECK(unique > 15);
}

TEST_CASE("lifted method: a continuum of equilibria is reported as one point of an infinite set") {
    // x̂ = x_0 + x_1 on [0, 1]^2 with both targets 1: every x_0 + x_1 = 1 is an equilibrium.
    const char* segment = R"({"action_set": {"interval": [0, 1]}, "receivers": [{"weights": [1, 1]}],
        "players": [{"target": 1, "care": [2]}, {"target": 1, "care": [2]}]})";
    const Instance instance = load(segment);
    const ReceiversSolution s = solve_receivers_lifted(instance);
    CHECK(s.count == "infinite");
    CHECK(s.degenerate);
    REQUIRE(s.equilibria.size() == 1);
    CHECK(s.receivers[0][0] == Vector{Rational(1)});
    CHECK(receivers_equilibrium_failure(instance, s.equilibria[0]).empty());
    // The same game with a second receiver nobody cares about: its point may differ across equilibria, the
    // cared one may not; and a third player with weight 0 everywhere is free too.
    const char* idle = R"({"dimension": 2, "action_set": {"vertices": [[0, 0], [1, 0], [0, 1]]},
        "receivers": [{"weights": [1, 0, 0]}, {"weights": [1, 1, 0]}],
        "players": [{"target": [3, 3], "care": [1, 0]}, {"target": [0, 0], "care": [1, 0]},
                    {"target": [0, 0], "care": [1, 0]}]})";
    const ReceiversSolution t = solve_receivers_lifted(load(idle));
    CHECK(t.count == "infinite");
    // With the idle player's set a point, the rest is pinned: player 0 alone moves receiver 0.
    const char* pinned = R"({"dimension": 2, "action_set": {"vertices": [[0, 0], [1, 0], [0, 1]]},
        "receivers": [{"weights": [1, 0]}, {"weights": [1, 1]}],
        "players": [{"target": [3, 1], "care": [1, 0]}, {"target": [0, 0], "care": [1, 0]}]})";
    const ReceiversSolution u = solve_receivers_lifted(load(pinned));
    CHECK(u.count == "infinite");  // player 1 moves nothing anyone cares about
    const char* cared = R"({"dimension": 2, "action_set": {"vertices": [[0, 0], [1, 0], [0, 1]]},
        "receivers": [{"weights": [1, 0]}, {"weights": [1, 1]}],
        "players": [{"target": [3, 1], "care": [1, 1]}, {"target": [0, 0], "care": [1, 1]}]})";
    const ReceiversSolution v = solve_receivers_lifted(load(cared));
    CHECK(v.count == "one");
    CHECK(v.equilibria[0] ==
          std::vector<Vector>{Vector{Rational(1), Rational(0)}, Vector{Rational(0), Rational(0)}});
}

TEST_CASE("lifted method: routing and refusals") {
    // Small: the enumeration lists every equilibrium, byte for byte as before.
    const char* cared = R"({"action_set": {"interval": [0, 6]}, "receivers": [{"weights": ["1/2", "1/2"]}],
        "players": [{"target": 1, "care": [2]}, {"target": 2, "care": [2]}]})";
    CHECK(solve_receivers(load(cared)).method == "face-enumeration");
    ReceiversOptions few;
    few.enumerate_potential_games_up_to = 8;  // 3^2 = 9 combinations: over it
    const ReceiversSolution s = solve_receivers(load(cared), few);
    CHECK(s.method == "lifted-potential");
    CHECK(s.equilibria == std::vector<std::vector<Vector>>{{Vector{Rational(0)}, Vector{Rational(4)}}});
    CHECK(s.unique_by_monotonicity == false);
    // Different care on a receiver both players move: no potential of the lifted form.
    const char* mixed = R"({"action_set": {"interval": [0, 6]}, "receivers": [{"weights": [1, 1]}],
        "players": [{"target": 1, "care": [1]}, {"target": 2, "care": [2]}]})";
    CHECK_FALSE(has_lifted_potential(load(mixed)));
    CHECK_THROWS_AS(solve_receivers_lifted(load(mixed)), UnsupportedError);
    // Negative care: the potential's part on that receiver is concave.
    const char* negative =
        R"({"action_set": {"interval": [0, 6]}, "receivers": [{"weights": [1, 1]}, {"weights": [1, 0]}],
        "players": [{"target": 1, "care": [2, -1]}, {"target": 2, "care": [2, 5]}]})";
    CHECK_FALSE(has_lifted_potential(load(negative)));
    // Different care where the weight is 0 does not matter.
    const char* zero_weight = R"({"action_set": {"interval": [0, 6]}, "receivers": [{"weights": [1, 0]}],
        "players": [{"target": 1, "care": [2]}, {"target": 2, "care": [7]}]})";
    CHECK(has_lifted_potential(load(zero_weight)));
    // Balls: not this method.
    const char* ball = R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
        "receivers": [{"weights": [1, 1]}], "players": [{"target": [1, 1], "care": [2]}, {"target": [0, 1], "care": [2]}]})";
    CHECK_FALSE(has_lifted_potential(load(ball)));
}

TEST_CASE("lifted method: polytopes in three dimensions agree with Lemke's method") {
    const char* cubes =
        R"({"dimension": 3, "action_set": {"vertices": [[0,0,0],[1,0,0],[0,1,0],[0,0,1],[1,1,1]]},
        "receivers": [{"weights": [1, "1/2", -1]}, {"weights": ["1/3", 1, 1]}],
        "players": [{"target": [2, 0, 1], "care": [1, 2]}, {"target": [-1, 1, 0], "care": [1, 2]},
                    {"target": [0, 0, 3], "care": [1, 2]}]})";
    const Instance instance = load(cubes);
    const ReceiversSolution lifted = solve_receivers(instance);
    CHECK(lifted.method == "lifted-potential");
    ReceiversOptions lemke_only;
    lemke_only.lifted = false;
    const ReceiversSolution lemke = solve_receivers(instance, lemke_only);
    CHECK(lemke.method == "lemke");
    CHECK(lemke.receivers[0] == lifted.receivers[0]);
    if (lifted.count == "one") CHECK(lemke.equilibria[0] == lifted.equilibria[0]);
}
