#include <catch2/catch.hpp>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"

using namespace bigcert;

TEST_CASE("a full instance is read exactly", "[loader]") {
    Instance inst =
        load_instance_text(R"({"format": "bigcert/1", "name": "n", "dimension": 2, "loss": "squared",
        "bias": {"weight": 0.5, "point": ["1/3", 2]},
        "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
        "players": [{"name": "a", "target": [0.1, "-7/3"], "weight": 2.5e-3},
                    {"target": [0, 0], "action_set": {"vertices": [[0,0],[1,0],[0,1]]}}]})");
    CHECK(inst.name == "n");
    CHECK(inst.dimension == 2);
    CHECK(inst.players.size() == 2);
    CHECK(to_string(inst.players[0].target[0]) == "1/10");
    CHECK(to_string(inst.players[0].target[1]) == "-7/3");
    CHECK(to_string(inst.players[0].weight) == "1/400");
    CHECK(inst.players[1].weight == 1);  // default weight
    CHECK(to_string(inst.bias()[0]) == "1/6");
    CHECK(inst.set_of(0).vertices().size() == 4);
    CHECK(inst.set_of(1).vertices().size() == 3);
    CHECK(inst.set_of(1).origin() == "vertices");
}

TEST_CASE("one-dimensional sets of every spelling become intervals", "[loader]") {
    for (const char* set :
         {R"({"interval": [0, 6]})", R"({"box": {"lo": [0], "hi": [6]}})", R"({"vertices": [[6], [0], [3]]})",
          R"({"halfspaces": [{"a": [1], "b": 6}, {"a": [-1], "b": 0}]})"}) {
        Instance inst =
            load_instance_text(std::string(R"({"action_set": )") + set + R"(, "players": [{"target": 1}]})");
        REQUIRE(inst.set_of(0).kind() == ActionSet::Kind::interval);
        CHECK(inst.set_of(0).as_interval().lo == 0);
        CHECK(inst.set_of(0).as_interval().hi == 6);
    }
}

TEST_CASE("bad instances give one-line errors naming the JSON path", "[loader]") {
    struct Case {
        const char* json;
        const char* message;
    };
    const Case cases[] = {
        {R"({"action_set": {"interval": [0, 1]}, "players": [{"target": "abc"}]})",
         R"(players[0].target: not a number: "abc")"},
        {R"({"action_set": {"interval": [0, 1]}, "players": [{"target": 1}, {"target": true}]})",
         "players[1].target: not a number: true"},
        {R"({"action_set": {"interval": [0, 1]}, "players": [{"target": "1/0"}]})",
         R"(players[0].target: not a number: "1/0")"},
        {R"({"dimension": 2, "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}, "players": [{"target": [1, 2, 3]}]})",
         "players[0].target: expected 2 coordinates, got 3"},
        {R"({"dimension": 2, "action_set": {"box": {"lo": [0], "hi": [1, 1]}}, "players": [{"target": [1, 2]}]})",
         "action_set.box.lo: expected 2 coordinates, got 1"},
        {R"({"action_set": {"interval": [1, 0]}, "players": [{"target": 1}]})",
         "action_set.interval: empty set: lo > hi"},
        {R"({"action_set": {"interval": [0]}, "players": [{"target": 1}]})",
         "action_set.interval: expected [lo, hi]"},
        {R"({"dimension": 2, "action_set": {"halfspaces": [{"a": [1, 0], "b": 1}]}, "players": [{"target": [0, 0]}]})",
         "action_set.halfspaces: unbounded set"},
        {R"({"dimension": 2, "action_set": {"halfspaces": [{"a": [1, 0], "b": -1}, {"a": [-1, 0], "b": -1}, {"a": [0, 1], "b": 1}, {"a": [0, -1], "b": 1}]}, "players": [{"target": [0, 0]}]})",
         "action_set.halfspaces: empty set"},
        {R"({"dimension": 2, "action_set": {"vertices": []}, "players": [{"target": [0, 0]}]})",
         "action_set.vertices: empty set: no vertices"},
        {R"({"action_set": {"interval": [0, 1]}, "players": []})",
         "players: at least one player is required"},
        {R"({"action_set": {"interval": [0, 1]}})", "players: at least one player is required"},
        {R"({"players": [{"target": 1}]})", "players[0]: no action_set, and no common action_set"},
        {R"({"action_set": {"interval": [0, 1]}, "players": [{"weight": 1}]})",
         R"(players[0]: missing "target")"},
        {R"({"action_set": {"interval": [0, 1]}, "players": [{"target": 1}], "loss": "cubic"})",
         R"(loss: expected "squared" or "inner")"},
        {R"({"dimension": 0, "action_set": {"interval": [0, 1]}, "players": [{"target": 1}]})",
         "dimension: must be at least 1"},
        {R"({"dimension": 1.5, "action_set": {"interval": [0, 1]}, "players": [{"target": 1}]})",
         "dimension: expected a non-negative integer"},
        {R"({"action_set": {"circle": 1}, "players": [{"target": 1}]})",
         "action_set.circle: unknown key (expected interval, box,"},
        {R"({"action_set": {"interval": [0, 1], "box": {"lo": [0], "hi": [1]}}, "players": [{"target": 1}]})",
         "action_set.box: an action set has exactly one kind"},
        {R"({"format": "bigcert/9", "action_set": {"interval": [0, 1]}, "players": [{"target": 1}]})",
         "format: unsupported format"},
        {R"({"action_set": {"interval": [0, 1]}, "players": [{"target": 1}]} trailing)", "invalid JSON"},
        {R"({"action_set": {"interval": [0, 1]}, "players": [{"target": 1})", "invalid JSON"},
        {R"([1, 2])", "an instance must be a JSON object"},
        {R"({"bias": {"weight": 1}, "action_set": {"interval": [0, 1]}, "players": [{"target": 1}]})",
         "bias: a bias weight needs a \"point\""},
    };
    for (const Case& c : cases) {
        INFO(c.json);
        try {
            load_instance_text(c.json);
            FAIL("accepted a bad instance");
        } catch (const InputError& e) {
            CHECK_THAT(e.what(), Catch::Matchers::StartsWith(c.message));
            CHECK(std::string(e.what()).find('\n') == std::string::npos);
        }
    }
}

TEST_CASE("balls and ellipsoids load as curved sets; a singular ellipsoid matrix is bad input", "[loader]") {
    Instance ball = load_instance_text(
        R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}}, "players": [{"target": [0, 0]}]})");
    REQUIRE(ball.set_of(0).is_curved());
    CHECK(ball.set_of(0).contains(Vector{make_rational(3, 5), make_rational(4, 5)}));
    CHECK_FALSE(ball.set_of(0).contains(Vector{make_rational(3, 5), make_rational(5, 6)}));
    try {
        load_instance_text(
            R"({"dimension": 2, "action_set": {"ellipsoid": {"center": [0, 0], "matrix": [[1, 2], [2, 4]]}}, "players": [{"target": [0, 0]}]})");
        FAIL("accepted a singular ellipsoid");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(),
                   Catch::Matchers::StartsWith("action_set.ellipsoid.matrix: the matrix is singular"));
    }
}

TEST_CASE("configured caps are limits (their own exit code), not malformed input", "[loader]") {
    auto limit_message = [](const std::string& json) -> std::string {
        try {
            load_instance_text(json);
        } catch (const LimitError& e) {
            return e.what();
        }
        return "accepted";
    };
    CHECK_THAT(
        limit_message(
            R"({"dimension": 1000000, "action_set": {"interval": [0, 1]}, "players": [{"target": 1}]})"),
        Catch::Matchers::StartsWith("dimension: 1000000 exceeds the limit 64 (raise --max-dimension)"));
    CHECK_THAT(limit_message(R"({"action_set": {"interval": [0, 1e999999]}, "players": [{"target": 1}]})"),
               Catch::Matchers::StartsWith("action_set.interval[1]: number too large for the limits"));
    CHECK_THAT(limit_message(R"({"action_set": {"interval": [0, 1]}, "players": [{"target": "1e999999"}]})"),
               Catch::Matchers::StartsWith("players[0].target: number too large"));
    CHECK(has_number_syntax("1e999999"));
    CHECK_FALSE(has_number_syntax("1/0"));
    CHECK_FALSE(has_number_syntax("abc"));
}

TEST_CASE("input limits are enforced before parsing", "[loader]") {
    LoadLimits limits;
    limits.max_input_bytes = 10;
    CHECK_THROWS_AS(
        load_instance_text(R"({"action_set": {"interval": [0, 1]}, "players": [{"target": 1}]})", limits),
        LimitError);
    LoadLimits few;
    few.max_players = 1;
    CHECK_THROWS_AS(
        load_instance_text(
            R"({"action_set": {"interval": [0, 1]}, "players": [{"target": 1}, {"target": 2}]})", few),
        LimitError);
}

TEST_CASE("unknown and repeated keys are errors naming their JSON path (FORMAT.md)", "[loader]") {
    auto message = [](const std::string& json) -> std::string {
        try {
            load_instance_text(json);
        } catch (const InputError& e) {
            return e.what();
        } catch (const UnsupportedError& e) {
            return std::string("unsupported: ") + e.what();
        }
        return "accepted";
    };
    const std::string set = R"("action_set": {"interval": [0, 6]})";
    // A misspelt weight used to mean weight 1.
    CHECK_THAT(message("{" + set + R"(, "players": [{"target": 1}, {"target": 4, "wieght": 2}]})"),
               Catch::Matchers::StartsWith("players[1].wieght: unknown key (expected target, weight, name,"));
    // Two players arrays (2 + 1 entries) used to make a 3-player game.
    CHECK(
        message("{" + set + R"(, "players": [{"target": 1}, {"target": 2}], "players": [{"target": 3}]})") ==
        "players: duplicate key");
    CHECK(message("{" + set + R"(, "players": [{"target": 1, "weight": 1, "weight": 2}]})") ==
          "players[0].weight: duplicate key");
    CHECK(
        message(R"({"action_set": {"interval": [0, 6], "interval": [0, 1]}, "players": [{"target": 1}]})") ==
        "action_set.interval: duplicate key");
    CHECK(message(R"({"dimension": 2, "action_set": {"box": {"lo": [0, 0], "hi": [1, 1], "lo": [0, 1]}},
                     "players": [{"target": [0, 0]}]})") == "action_set.box.lo: duplicate key");
    CHECK(message(R"({"dimension": 1, "dimension": 1,)" + set + R"(, "players": [{"target": 1}]})") ==
          "dimension: duplicate key");
    // Nested objects.
    CHECK_THAT(message("{" + set +
                       R"(, "bias": {"weight": 1, "point": 0, "wieght": 2}, "players": [{"target": 1}]})"),
               Catch::Matchers::StartsWith("bias.wieght: unknown key (expected weight or point)"));
    CHECK_THAT(
        message(R"({"action_set": {"interval": [0, 6], "interval2": [0, 1]}, "players": [{"target": 1}]})"),
        Catch::Matchers::StartsWith("action_set.interval2: unknown key"));
    CHECK_THAT(
        message(
            R"({"dimension": 2, "action_set": {"halfspaces": [{"a": [1, 0], "b": 1, "c": 0}]}, "players": [{"target": [0, 0]}]})"),
        Catch::Matchers::StartsWith("action_set.halfspaces[0].c: unknown key"));
    CHECK_THAT(
        message(
            R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1, "matrix": []}}, "players": [{"target": [0, 0]}]})"),
        Catch::Matchers::StartsWith("action_set.ball.matrix: unknown key (expected center or radius)"));
    CHECK_THAT(message("{" + set + R"(, "Players": [{"target": 1}]})"),
               Catch::Matchers::StartsWith("Players: unknown key"));
    // Escapes name the same key; an odd key is shown escaped, on one line.
    CHECK(message("{" + set + R"(, "players": [{"target": 1, "weigh\u0074": 2, "weight": 3}]})") ==
          "players[0].weight: duplicate key");
    CHECK_THAT(message("{" + set + R"(, "players": [{"target": 1, "we\night": 2}]})"),
               Catch::Matchers::StartsWith(R"(players[0]."we\u000aight": unknown key)"));
    // Several receivers are read only where the caller supports them (LoadLimits::several_receivers), and
    // refused elsewhere, never ignored; `care` needs the receiver list.
    CHECK_THAT(
        message("{" + set + R"(, "receivers": [{"name": "m", "weights": [1]}], "players": [{"target": 1}]})"),
        Catch::Matchers::StartsWith("unsupported: receivers: "));
    CHECK_THAT(message("{" + set + R"(, "players": [{"target": 1, "care": [1]}]})"),
               Catch::Matchers::StartsWith("players[0].care: "));
    CHECK_THAT(message("{" + set + R"(, "receivers": [{"wieghts": [1]}], "players": [{"target": 1}]})"),
               Catch::Matchers::StartsWith("receivers[0].wieghts: unknown key"));
    // Receiver rules (docs/format.md) are read, with the path in every error.
    CHECK(message("{" + set + R"(, "rule": "mean", "players": [{"target": 1}]})") ==
          "rule: expected an object");
    CHECK(message("{" + set + R"(, "rule": {"kind": "median", "trim": 1}, "players": [{"target": 1}]})") ==
          "rule.trim: not a parameter of the rule \"median\"");
    CHECK(message("{" + set + R"(, "rule": {"kind": "median"}, "players": [{"target": 1, "weight": 1}]})") ==
          "players[0].weight: the rule \"median\" is unweighted; remove the weights");
    CHECK(
        message(
            "{" + set +
            R"(, "rule": {"kind": "trimmed-mean", "trim": 1}, "players": [{"target": 1}, {"target": 2}]})") ==
        "rule.trim: 2·trim must be less than the number of players (2)");
    CHECK(
        message("{" + set + R"(, "rule": {"kind": "threshold", "prior": 0}, "players": [{"target": 1}]})") ==
        "rule: the rule \"threshold\" needs \"radius\"");
    CHECK(
        message("{" + set + R"(, "rule": {"kind": "median", "kind": "mean"}, "players": [{"target": 1}]})") ==
        "rule.kind: duplicate key");
    CHECK(message("{" + set + R"(, "rule": {"kind": "mode"}, "players": [{"target": 1}]})")
              .starts_with("rule.kind: expected"));
    CHECK(message("{" + set + R"(, "rule": {"kind": "median"}, "players": [{"target": 1}]})") == "accepted");
    // The documented free text is fine (a string).
    CHECK(message("{" + set +
                  R"(, "description": "two players", "players": [{"target": 1, "description": "x"}]})") ==
          "accepted");
    CHECK(message("{" + set + R"(, "description": 3, "players": [{"target": 1}]})") ==
          "description: expected a string");
}
