// The paper's examples (MODEL.md §4) with the answers printed there.
#include <catch2/catch.hpp>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

Rational q(const char* text) { return *parse_rational(text); }
Vector v(std::initializer_list<const char*> xs) {
    Vector r;
    for (const char* x : xs) r.push_back(q(x));
    return r;
}

Instance two_players_on_interval(const char* t1, const char* t2) {
    return load_instance_text(std::string(R"({"action_set": {"interval": [0, 6]}, "players": [{"target": )") +
                              t1 + R"(, "weight": 0.5}, {"target": )" + t2 + R"(, "weight": 0.5}]})");
}

Instance square_game(const char* t1, const char* t2) {
    return load_instance_text(
        std::string(R"({"dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
        "players": [{"target": )") +
        t1 + R"(, "weight": 0.5}, {"target": )" + t2 + R"(, "weight": 0.5}]})");
}

}  // namespace

TEST_CASE("Example 1: both players exaggerate, unique NE (0, 6), receiver 3", "[paper]") {
    for (bool general : {false, true}) {
        SolveOptions options;
        options.force_general = general;
        Solution s = solve(two_players_on_interval("1", "4"), options);
        CHECK(s.actions == std::vector<Vector>{v({"0"}), v({"6"})});
        CHECK(s.receiver == v({"3"}));
        CHECK(s.count == EquilibriumCount::one);
        CHECK(s.exaggeration.interior.empty());
        CHECK(s.losses == std::vector<Rational>{4, 1});
        CHECK(s.potential == -15);  // |3|^2 - 2(1/2·1·0 + 1/2·4·6)
    }
}

TEST_CASE("Example 1, second case: player 2 is interior and the receiver is its target", "[paper]") {
    for (bool general : {false, true}) {
        SolveOptions options;
        options.force_general = general;
        Solution s = solve(two_players_on_interval("1", "2"), options);
        CHECK(s.actions == std::vector<Vector>{v({"0"}), v({"4"})});
        CHECK(s.receiver == v({"2"}));
        CHECK(s.count == EquilibriumCount::one);
        CHECK(s.exaggeration.interior == std::vector<std::size_t>{1});
        CHECK(s.exaggeration.ever_interior == std::vector<std::size_t>{1});
        CHECK(s.exaggeration.premise_met);
        CHECK(s.exaggeration.interior_player_at_target);
    }
}

TEST_CASE("Example 2: infinitely many NE ((1, z), (-1, -z)) with receiver (0, 0)", "[paper]") {
    Instance game = square_game("[1, 0]", "[-1, 0]");
    Solution s = solve(game);
    CHECK(s.receiver == v({"0", "0"}));
    CHECK(s.count == EquilibriumCount::infinite);
    CHECK(s.actions[0][0] == 1);
    CHECK(s.actions[1][0] == -1);
    CHECK(s.actions[0][1] == -s.actions[1][1]);
    // The faces are the right and the left edge.
    REQUIRE(s.face_vertices[0].size() == 2);
    for (const Vector& vertex : s.face_vertices[0]) CHECK(vertex[0] == 1);
    for (const Vector& vertex : s.face_vertices[1]) CHECK(vertex[0] == -1);
    // Every member of the family is an equilibrium with the same receiver; leaving it is not.
    for (const char* z : {"-1", "-1/3", "0", "7/10", "1"}) {
        std::vector<Vector> profile{v({"1", z}), Vector{q("-1"), -q(z)}};
        CHECK(game.receiver(profile) == s.receiver);
        CHECK(check_equilibrium(game, profile, s.receiver).ok);
    }
    std::vector<Vector> off{v({"1", "1/2"}), v({"-1", "0"})};
    CHECK_FALSE(check_equilibrium(game, off, game.receiver(off)).ok);
}

TEST_CASE("Figure 3, right: targets on the diagonal give the unique NE at opposite corners", "[paper]") {
    Solution s = solve(square_game("[-0.3, -0.3]", "[0.3, 0.3]"));
    CHECK(s.actions == std::vector<Vector>{v({"-1", "-1"}), v({"1", "1"})});
    CHECK(s.receiver == v({"0", "0"}));
    CHECK(s.count == EquilibriumCount::one);
}

TEST_CASE("three players on a triangle given by halfspaces", "[paper]") {
    Instance game = load_instance_text(R"({"dimension": 2,
        "action_set": {"halfspaces": [{"a": [-1, 0], "b": 0}, {"a": [0, -1], "b": 0}, {"a": [1, 1], "b": 1}]},
        "players": [{"target": [1, 0], "weight": "1/3"}, {"target": [0, 1], "weight": "1/3"}, {"target": ["1/5", "1/5"], "weight": "1/3"}]})");
    Solution s = solve(game);
    CHECK(s.actions == std::vector<Vector>{v({"1", "0"}), v({"0", "1"}), v({"0", "0"})});
    CHECK(s.receiver == v({"1/3", "1/3"}));
}

TEST_CASE("degenerate but valid games are solved", "[degenerate]") {
    SECTION("one player reaches its target when it can") {
        Solution s = solve(load_instance_text(
            R"({"action_set": {"interval": [0, 6]}, "players": [{"target": 2, "weight": 0.5}]})"));
        CHECK(s.receiver == v({"2"}));
        CHECK(s.actions[0] == v({"4"}));
    }
    SECTION("zero weights: the player is indifferent, infinitely many NE, premise not met") {
        Solution s = solve(load_instance_text(
            R"({"action_set": {"interval": [0, 6]}, "players": [{"target": 2, "weight": 0}, {"target": 5}]})"));
        CHECK(s.receiver == v({"5"}));
        CHECK(s.count == EquilibriumCount::infinite);
        CHECK_FALSE(s.exaggeration.premise_met);
    }
    SECTION("duplicate targets, both interior: Theorem 4's conclusion fails, and it is said") {
        Solution s = solve(load_instance_text(
            R"({"action_set": {"interval": [0, 6]}, "players": [{"target": 2, "weight": 0.5}, {"target": 2, "weight": 0.5}]})"));
        CHECK(s.receiver == v({"2"}));
        CHECK_FALSE(s.exaggeration.premise_met);
        CHECK(s.count == EquilibriumCount::infinite);
        CHECK(s.exaggeration.ever_interior == std::vector<std::size_t>{0, 1});
        CHECK_FALSE(s.exaggeration.at_most_one_interior);
    }
    SECTION("flat sets (single points) and the bias only") {
        Solution s = solve(load_instance_text(
            R"({"bias": {"weight": 2, "point": [1]}, "action_set": {"interval": [3, 3]}, "players": [{"target": 0}, {"target": 9, "weight": -1}]})"));
        CHECK(s.receiver == v({"2"}));
        CHECK(s.count == EquilibriumCount::one);
    }
    SECTION("negative weights push the other way") {
        Solution s = solve(load_instance_text(
            R"({"action_set": {"interval": [-1, 1]}, "players": [{"target": 5, "weight": -1}]})"));
        CHECK(s.actions[0] == v({"-1"}));
        CHECK(s.receiver == v({"1"}));
    }
    SECTION("a segment in the plane: no interior, but a relative interior") {
        Solution s = solve(load_instance_text(R"({"dimension": 2, "players": [
            {"target": [5, 0], "action_set": {"vertices": [[0, 0], [2, 0]]}},
            {"target": [0, 1], "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}, "weight": 0}]})"));
        CHECK(s.receiver == v({"2", "0"}));
        CHECK(s.exaggeration.interior.empty());
    }
}
