// Best-response dynamics (Definition 3), exact: it reaches the solver's equilibrium receiver on intervals
// and polygons, stops at exactly checked pure equilibria of finite games, and detects simultaneous cycles.
#include <catch2/catch.hpp>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/solver/dynamics.hpp"
#include "bigcert/solver/dynamics_best_response.hpp"
#include "bigcert/solver/enumeration.hpp"
#include "bigcert/solver/solver.hpp"
#include "variant_helpers.hpp"

using namespace bigcert;
using namespace variant_test;

namespace {

DynamicsResult run(const Instance& g, DynamicsStart start, bool simultaneous = false,
                   std::size_t max_steps = 5000) {
    DynamicsOptions options;
    options.simultaneous = simultaneous;
    options.max_steps = max_steps;
    return run_best_response_dynamics(g, starting_profile(g, start), options);
}

std::string random_convex_game(std::mt19937& rng, int d) {
    auto r = [&](int lo, int hi) { return std::to_string(std::uniform_int_distribution<int>(lo, hi)(rng)); };
    std::string set =
        d == 1 ? R"({"interval": [-2, 3]})" : R"({"vertices": [[-2, -1], [3, 0], [1, 3], [-1, 2]]})";
    std::string json =
        "{\"dimension\": " + std::to_string(d) + ", \"action_set\": " + set + ", \"players\": [";
    for (int i = 0; i < 3; ++i) {
        std::string t =
            d == 1 ? "\"" + r(-9, 9) + "/3\"" : "[\"" + r(-9, 9) + "/3\", \"" + r(-9, 9) + "/2\"]";
        json += (i ? ", " : "") + std::string("{\"target\": ") + t + ", \"weight\": \"" + r(1, 3) + "/4\"}";
    }
    return json + "]}";
}

}  // namespace

TEST_CASE("Example 1: round-robin dynamics reach (0, 6) and receiver 3 exactly", "[dynamics][paper]") {
    Instance g = load_instance_text(
        R"({"action_set": {"interval": [0, 6]}, "players": [{"target": 1, "weight": 0.5}, {"target": 4, "weight": 0.5}]})");
    for (DynamicsStart start : {DynamicsStart::first, DynamicsStart::last}) {
        DynamicsResult r = run(g, start);
        REQUIRE(r.outcome == DynamicsResult::Outcome::equilibrium);
        CHECK(r.profile.actions == std::vector<Vector>{v({"0"}), v({"6"})});
        CHECK(r.receiver == v({"3"}));
        CHECK(r.potential == -15);
    }
}

TEST_CASE("Figure 3 (right): 2-D dynamics reach the corners", "[dynamics][paper]") {
    Instance g = load_instance_text(R"({"dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
        "players": [{"target": ["-0.3", "-0.3"], "weight": 0.5}, {"target": ["0.3", "0.3"], "weight": 0.5}]})");
    DynamicsResult r = run(g, DynamicsStart::first);
    REQUIRE(r.outcome == DynamicsResult::Outcome::equilibrium);
    CHECK(r.profile.actions == std::vector<Vector>{v({"-1", "-1"}), v({"1", "1"})});
}

TEST_CASE("randomized: dynamics end at the solver's receiver x̂* (1-D and 2-D), or honestly at the cap",
          "[dynamics][random]") {
    std::mt19937 rng(5);
    int exact = 0;
    for (int d : {1, 2})
        for (int round = 0; round < 25; ++round) {
            std::string json = random_convex_game(rng, d);
            INFO(json);
            Instance g = load_instance_text(json);
            Solution s = solve(g);
            DynamicsResult r = run(g, round % 2 ? DynamicsStart::first : DynamicsStart::last, false, 600);
            if (r.outcome == DynamicsResult::Outcome::equilibrium) {
                ++exact;
                CHECK(r.receiver == s.receiver);  // MODEL.md §3a: the receiver is the same at every NE
                CHECK(check_equilibrium(g, r.profile.actions, r.receiver).ok);
            } else {
                // Coordinate descent may converge only in the limit; then it must say how far it is.
                REQUIRE(r.outcome == DynamicsResult::Outcome::step_cap);
                REQUIRE(r.distance_to_equilibrium_receiver);
                CHECK(*r.distance_to_equilibrium_receiver < 1e-3);
            }
        }
    CHECK(exact >= 25);
}

TEST_CASE("exact projection onto a polygon satisfies the variational inequality at every vertex",
          "[dynamics][projection]") {
    Instance g = load_instance_text(
        R"({"dimension": 2, "action_set": {"vertices": [[-2, -1], [3, 0], [1, 3], [-1, 2]]}, "players": [{"target": [0, 0]}]})");
    const Polytope& p = g.set_of(0).as_polytope();
    std::mt19937 rng(3);
    for (int k = 0; k < 200; ++k) {
        Vector point{make_rational(std::uniform_int_distribution<int>(-40, 40)(rng), 7),
                     make_rational(std::uniform_int_distribution<int>(-40, 40)(rng), 5)};
        Vector y = project_onto_polytope(p, point);
        REQUIRE(p.contains(y));
        for (const Vector& vertex : p.vertices()) CHECK(sign(dot(point - y, vertex - y)) <= 0);
        if (p.contains(point)) CHECK(y == point);
    }
}

TEST_CASE("finite games: round-robin dynamics stop at a listed pure equilibrium", "[dynamics][finite]") {
    std::mt19937 rng(9);
    for (int round = 0; round < 60; ++round) {
        std::string json = random_finite_game(rng);
        INFO(json);
        Instance g = load_instance_text(json);
        DynamicsResult r = run(g, round % 2 ? DynamicsStart::first : DynamicsStart::last, false, 100000);
        REQUIRE(r.outcome == DynamicsResult::Outcome::equilibrium);  // Proposition 6: it terminates
        CHECK(check_finite_equilibrium(g, r.profile.selections).ok);
        EnumerateOptions all;
        all.list = 1000000;
        bool listed = false;
        for (const PureEquilibrium& e : enumerate_pure_equilibria(g, all).listed)
            listed = listed || e.selections == r.profile.selections;
        CHECK(listed);
    }
}

TEST_CASE("Example 5: simultaneous best responses cycle, round-robin does not", "[dynamics][finite][paper]") {
    Instance g = load_instance_file(std::string(BIGCERT_SOURCE_DIR) + "/examples/paper-ex5-m4-k2.json");
    DynamicsResult simultaneous = run(g, DynamicsStart::first, true);
    REQUIRE(simultaneous.outcome == DynamicsResult::Outcome::cycle);
    CHECK(simultaneous.cycle_length == 2);
    DynamicsResult round_robin = run(g, DynamicsStart::first);
    CHECK(round_robin.outcome == DynamicsResult::Outcome::equilibrium);
    CHECK(round_robin.receiver == v({"0"}));
}

TEST_CASE("the step cap is reported, never an equilibrium claim", "[dynamics]") {
    Instance g = load_instance_text(
        R"({"action_set": {"interval": [-10, 10]}, "players": [{"target": 1}, {"target": 2}, {"target": 0, "weight": "1/2"}]})");
    DynamicsResult capped = run(g, DynamicsStart::first, false, 30);
    CHECK(capped.outcome == DynamicsResult::Outcome::step_cap);
    REQUIRE(capped.distance_to_equilibrium_receiver);
    CHECK(*capped.distance_to_equilibrium_receiver > 0.5);
    DynamicsResult full = run(g, DynamicsStart::first, false, 5000);
    CHECK(full.outcome == DynamicsResult::Outcome::equilibrium);
    CHECK(full.receiver == solve(g).receiver);
}
