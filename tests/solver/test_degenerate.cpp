// Degenerate but valid games: each is solved exactly, with its own exact re-check, and the
// report says where Theorem 4's premise fails instead of asserting the theorem.
#include <catch2/catch.hpp>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

Rational q(const char* text) { return *parse_rational(text); }

Solution solved(const std::string& json) {
    Instance game = load_instance_text(json);
    Solution s = solve(game);
    REQUIRE(check_equilibrium(game, s.actions, s.receiver).ok);
    return s;
}

}  // namespace

TEST_CASE("all targets equal", "[degenerate]") {
    Solution s = solved(
        R"({"action_set": {"interval": [-1, 1]}, "players": [{"target": "1/2"}, {"target": "1/2"}, {"target": "1/2"}]})");
    CHECK(s.receiver[0] == q("1/2"));
    CHECK(s.count == EquilibriumCount::infinite);
    CHECK_FALSE(s.exaggeration.premise_met);
    CHECK(s.exaggeration.ever_interior.size() == 3);
    CHECK(s.exaggeration.interior_player_at_target);
}

TEST_CASE("all targets equal in the plane", "[degenerate]") {
    Solution s = solved(R"({"dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
        "players": [{"target": [0.25, 0], "weight": 0.5}, {"target": [0.25, 0], "weight": 0.5}]})");
    CHECK(s.receiver == Vector{q("1/4"), q("0")});
    CHECK(s.count == EquilibriumCount::infinite);
    CHECK_FALSE(s.exaggeration.at_most_one_interior);
}

TEST_CASE("targets far outside the set", "[degenerate]") {
    Solution s = solved(
        R"({"action_set": {"interval": [0, 1]}, "players": [{"target": "-1e30"}, {"target": "1e30"}, {"target": "1e31"}]})");
    CHECK(s.receiver[0] == 2);
    CHECK(s.count == EquilibriumCount::one);
}

TEST_CASE("huge and tiny rationals", "[degenerate]") {
    Solution s = solved(R"({"action_set": {"interval": ["-1e1000", "1e1000"]},
        "players": [{"target": "1e-1000", "weight": "1e-1000"}, {"target": "-3e999", "weight": "1/3"}]})");
    // Player 2 reaches its target (x = -9e999 - 3, inside the interval); player 1 exaggerates to the upper
    // end.
    CHECK(s.actions[0][0] == q("1e1000"));
    CHECK(s.actions[1][0] == q("-9e999") - 3);
    CHECK(s.receiver[0] == q("-3e999"));
    Solution t = solved(
        R"({"dimension": 2, "action_set": {"box": {"lo": ["-1e-1000", "-1e-1000"], "hi": ["1e-1000", "1e-1000"]}},
        "players": [{"target": ["1e-999", 0]}, {"target": [0, "-1e1000"], "weight": "1e1000"}]})");
    // Player 2's leverage 1e1000 lets it reach 0 in the first coordinate; in the second both exaggerate.
    CHECK(t.receiver == Vector{q("0"), q("-1") + q("1e-1000")});
}

TEST_CASE("one player, and the bias only", "[degenerate]") {
    Solution one = solved(
        R"({"dimension": 2, "action_set": {"vertices": [[0, 0], [4, 0], [0, 4]]}, "players": [{"target": [1, 1]}]})");
    CHECK(one.receiver == Vector{q("1"), q("1")});
    CHECK(one.exaggeration.interior == std::vector<std::size_t>{0});
    Solution bias = solved(R"({"bias": {"weight": 3, "point": [2]}, "action_set": {"interval": [0, 1]},
        "players": [{"target": 9, "weight": 0}]})");
    CHECK(bias.receiver[0] == 6);
    CHECK_FALSE(bias.exaggeration.premise_met);
}

TEST_CASE("collinear, duplicate vertices and redundant halfspaces do not change the answer", "[degenerate]") {
    Solution plain = solved(R"({"dimension": 2, "action_set": {"vertices": [[0, 0], [2, 0], [0, 2]]},
        "players": [{"target": [3, 3]}, {"target": [-1, 0], "weight": 2}]})");
    Solution noisy = solved(
        R"({"dimension": 2, "action_set": {"vertices": [[0, 0], [1, 0], [2, 0], [0, 2], [0, 1], [1, 1], [0, 0], [1, "1/2"]]},
        "players": [{"target": [3, 3]}, {"target": [-1, 0], "weight": 2}]})");
    Solution halfspaces = solved(R"({"dimension": 2, "action_set": {"halfspaces": [
        {"a": [-1, 0], "b": 0}, {"a": [0, -1], "b": 0}, {"a": [1, 1], "b": 2}, {"a": [2, 2], "b": 4}, {"a": [1, 0], "b": 5}]},
        "players": [{"target": [3, 3]}, {"target": [-1, 0], "weight": 2}]})");
    CHECK(plain.receiver == noisy.receiver);
    CHECK(plain.receiver == halfspaces.receiver);
    CHECK(plain.count == noisy.count);
}

TEST_CASE("a point set and sets of different shapes per player", "[degenerate]") {
    Solution s = solved(R"({"dimension": 2, "players": [
        {"target": [9, 9], "action_set": {"vertices": [[1, 1]]}},
        {"target": [0, 5], "action_set": {"vertices": [[0, 0], [0, 3]]}},
        {"target": [5, 0], "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}, "weight": -1}]})");
    CHECK(s.actions[0] == Vector{q("1"), q("1")});
    CHECK(s.exaggeration.relative_interior.size() >= 1);  // the point is its own relative interior
}

TEST_CASE("three dimensions, a cube and a simplex", "[degenerate]") {
    Solution s = solved(R"({"dimension": 3, "players": [
        {"target": [1, 2, 3], "action_set": {"box": {"lo": [0, 0, 0], "hi": [1, 1, 1]}}, "weight": 0.5},
        {"target": [0, 0, 0], "action_set": {"vertices": [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]}, "weight": 0.5}]})");
    CHECK(s.actions[0] == Vector{q("1"), q("1"), q("1")});
    CHECK(s.receiver == Vector{q("1/2"), q("1/2"), q("1/2")});
}
