// classify_game (include/bigcert/core/game_kind.hpp) on one instance of each kind and on the precedence
// cases, and solve() reaching the one solver of each kind (docs/internals.md "Game kinds").
#include <catch2/catch.hpp>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/game_kind.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"
#include "load_any_instance.hpp"

using namespace bigcert;
using Catch::Matchers::StartsWith;

namespace {

Instance load(const std::string& json) { return load_any_instance(json); }

const char* finite_game = R"({"dimension": 1, "action_set": {"items": [-4, -8, 4, 8], "choose": 2},
    "players": [{"target": "-1/4", "weight": "1/4"}, {"target": "1/4", "weight": "1/4"}]})";
const char* inner_game = R"({"dimension": 2, "loss": "inner", "action_set": {"box": {"lo": [-1, -1],
    "hi": [1, 1]}}, "players": [{"target": [1, 0], "weight": 0.5}, {"target": [0, 1], "weight": 0.5}]})";
const char* disc_game = R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
    "players": [{"target": [1, 2], "weight": "1/2"}, {"target": [-1, 2], "weight": "1/2"}]})";
const char* interval_game = R"({"action_set": {"interval": [0, 6]},
    "players": [{"target": 1, "weight": 0.5}, {"target": 4, "weight": 0.5}]})";
const char* box_game = R"({"dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
    "players": [{"target": [3, 0], "weight": 0.5}, {"target": [0, 1], "weight": 0.5}]})";
const char* triangle_game = R"({"dimension": 2, "action_set": {"halfspaces": [{"a": [-1, 0], "b": 0},
    {"a": [0, -1], "b": 0}, {"a": [1, 1], "b": 1}]}, "players": [{"target": [1, 0], "weight": "1/3"},
    {"target": [0, 1], "weight": "1/3"}, {"target": ["1/5", "1/5"], "weight": "1/3"}]})";
const char* receivers_game = R"({"dimension": 1, "action_set": {"interval": [0, 1]},
    "receivers": [{"name": "A", "weights": [1, 2]}, {"name": "B", "weights": [2, 1]}],
    "players": [{"target": "3/2", "care": [1, 0]}, {"target": "3/2", "care": [0, 1]}]})";
const char* median_game = R"({"action_set": {"interval": [0, 6]}, "rule": {"kind": "median"},
    "players": [{"target": 1}, {"target": 4}, {"target": 5}]})";

}  // namespace

TEST_CASE("classify_game names the kind of each example", "[kind]") {
    CHECK(classify_game(load(finite_game)) == GameKind::finite);
    CHECK(classify_game(load(inner_game)) == GameKind::inner_loss);
    CHECK(classify_game(load(disc_game)) == GameKind::curved);
    CHECK(classify_game(load(interval_game)) == GameKind::polytope);
    CHECK(classify_game(load(box_game)) == GameKind::polytope);  // the box route is inside the solver
    CHECK(classify_game(load(triangle_game)) == GameKind::polytope);
    CHECK(classify_game(load(receivers_game)) == GameKind::several_receivers);
    CHECK(classify_game(load(median_game)) == GameKind::receiver_rule);
    CHECK(game_kind_name(GameKind::inner_loss) == "inner-loss");
}

TEST_CASE("classify_game: the precedence of docs/internals.md \"Game kinds\"", "[kind]") {
    SECTION("a finite game with the inner loss is finite: items are compared by their sums") {
        Instance game = load(finite_game);
        game.loss = Loss::inner;
        CHECK(classify_game(game) == GameKind::finite);
    }
    SECTION("a ball with the inner loss is inner_loss: weak dominance on any convex set") {
        Instance game = load(disc_game);
        game.loss = Loss::inner;
        CHECK(classify_game(game) == GameKind::inner_loss);
    }
    SECTION("several receivers come first, whatever the loss or the sets") {
        Instance game = load(receivers_game);
        game.loss = Loss::inner;
        CHECK(classify_game(game) == GameKind::several_receivers);
        game.action_sets = load(finite_game).action_sets;
        CHECK(classify_game(game) == GameKind::several_receivers);
    }
    SECTION("a receiver rule comes before the sets (hand-built: the loader refuses it on items)") {
        Instance game = load(finite_game);
        game.rule.kind = ReceiverRule::Kind::median;
        CHECK(classify_game(game) == GameKind::receiver_rule);
    }
    SECTION("an instance changed by hand is classified again, never from a stale value") {
        Instance game = load(interval_game);
        REQUIRE(classify_game(game) == GameKind::polytope);
        game.loss = Loss::inner;
        CHECK(classify_game(game) == GameKind::inner_loss);
    }
    SECTION("finite and convex sets mixed: no kind, UnsupportedError naming the player") {
        Instance game = load(finite_game);
        game.action_sets.push_back(load(interval_game).action_sets.front());
        game.players[1].action_set = 1;
        CHECK_THROWS_AS(classify_game(game), UnsupportedError);
    }
}

TEST_CASE("solve() reaches the one solver of each kind", "[kind]") {
    CHECK_THAT(solve(load(finite_game)).method, StartsWith("finite "));
    CHECK_THAT(solve(load(inner_game)).method, StartsWith("weak-dominance"));
    CHECK_THAT(solve(load(disc_game)).method, StartsWith("curved-enclosure"));
    CHECK_THROWS_AS(solve(load(receivers_game)), UnsupportedError);
    CHECK_THROWS_AS(solve(load(median_game)), UnsupportedError);
}

TEST_CASE("solve() on a polytope game: the solver picks the route", "[kind]") {
    CHECK(solve(load(interval_game)).method == "interval-sweep");  // d = 1, machine integers
    CHECK(solve(load(box_game)).method == "interval-sweep per coordinate");
    CHECK(solve(load(triangle_game)).method == "simplicial-decomposition");
    SolveOptions general;
    general.force_general = true;
    CHECK(solve(load(interval_game), general).method == "simplicial-decomposition");
    CHECK(solve_polytope_game(load(triangle_game)).method == "simplicial-decomposition");
}
