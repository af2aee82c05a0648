// Curved action sets (§3g): disc games with answers known in closed form, enclosure widths, uniqueness,
// bad ellipsoids. Closed forms are checked independently of the solver: the exact value is the root of a
// polynomial, and the enclosure must contain a sign change of it.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/curved_solver.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

Solution solve_with_precision(const Instance& instance, unsigned precision) {
    SolveOptions options;
    options.precision = precision;
    return solve(instance, options);
}

// The enclosure [lo, hi] of a number r with f(r) = 0 must see f change sign (or vanish) on it.
bool brackets_root(const Enclosure& e, const std::function<Rational(const Rational&)>& f) {
    return sign(f(e.lo)) * sign(f(e.hi)) <= 0;
}

Rational pow2_inverse(unsigned p) { return Rational(Integer(1), Integer(Integer(1) << p)); }

const char* one_player_json = R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
    "players": [{"target": [2, 1]}]})";

// Two players on the unit disc, targets (±1, 2), weights 1/2: by symmetry x̂* = (0, y) with
// y = z/sqrt(1 + z²), z = 2 - y, i.e. y > 0 and y²(1 + (2 - y)²) = (2 - y)².
const char* two_player_json = R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
    "players": [{"target": [1, 2], "weight": "1/2"}, {"target": [-1, 2], "weight": "1/2"}]})";

// A third player at (0, 5) with weights 1/3: y = (2z/sqrt(1 + z²) + 1)/3, i.e. (3y - 1)²(1 + z²) = 4z².
const char* three_player_json = R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
    "players": [{"target": [1, 2], "weight": "1/3"}, {"target": [-1, 2], "weight": "1/3"},
                {"target": [0, 5], "weight": "1/3"}]})";

}  // namespace

TEST_CASE("one player on a disc: the receiver is the projection of the target, 2/sqrt5 and 1/sqrt5",
          "[curved]") {
    Solution s = solve(load_instance_text(one_player_json));
    REQUIRE(s.enclosed);
    CHECK(s.count == EquilibriumCount::one);
    const Enclosure& x = s.receiver_enclosure[0];
    const Enclosure& y = s.receiver_enclosure[1];
    CHECK(brackets_root(x, [](const Rational& v) { return Rational(5 * v * v - 4); }));
    CHECK(brackets_root(y, [](const Rational& v) { return Rational(5 * v * v - 1); }));
    CHECK(x.width() <= pow2_inverse(64));
    CHECK(s.action_enclosures[0][0].width() <= pow2_inverse(64));
    CHECK(s.exaggeration.interior.empty());
}

TEST_CASE("two players on a disc: symmetric closed form", "[curved]") {
    Solution s = solve(load_instance_text(two_player_json));
    REQUIRE(s.enclosed);
    CHECK(s.receiver_enclosure[0].contains(Rational(0)));
    auto f = [](const Rational& y) {
        Rational z = 2 - y;
        return Rational(y * y * (1 + z * z) - z * z);
    };
    CHECK(brackets_root(s.receiver_enclosure[1], f));
    CHECK(s.receiver_enclosure[1].lo > 0);
    // Player 0's action is (1, z)/sqrt(1 + z²) with z = 2 - y: its first coordinate a has a² (1 + z²) = 1.
    const Enclosure& a = s.action_enclosures[0][0];
    CHECK(a.lo > 0);
    CHECK(s.action_enclosures[0][1].contains(s.receiver_enclosure[1].lo) ==
          (s.action_enclosures[0][1].lo <= s.receiver_enclosure[1].lo));
    CHECK(s.count == EquilibriumCount::one);
}

TEST_CASE("three players on a disc: symmetric closed form, the third at (0, 1)", "[curved]") {
    Solution s = solve(load_instance_text(three_player_json));
    REQUIRE(s.enclosed);
    auto f = [](const Rational& y) {
        Rational z = 2 - y, a = 3 * y - 1;
        return Rational(a * a * (1 + z * z) - 4 * z * z);
    };
    CHECK(brackets_root(s.receiver_enclosure[1], f));
    CHECK(s.receiver_enclosure[1].lo > Rational(1, 3));
    CHECK(s.action_enclosures[2][0].contains(Rational(0)));
    CHECK(s.action_enclosures[2][1].contains(Rational(1)));
}

TEST_CASE("enclosure widths halve with each extra bit of precision", "[curved]") {
    Instance instance = load_instance_text(two_player_json);
    for (unsigned p : {8u, 9u, 10u, 32u, 33u, 100u, 101u}) {
        Solution s = solve_with_precision(instance, p);
        for (const Enclosure& e : s.receiver_enclosure) CHECK(e.width() <= pow2_inverse(p));
        for (const auto& action : s.action_enclosures)
            for (const Enclosure& e : action) CHECK(e.width() <= pow2_inverse(p));
        // Each finer enclosure still brackets the same root.
        auto f = [](const Rational& y) {
            Rational z = 2 - y;
            return Rational(y * y * (1 + z * z) - z * z);
        };
        CHECK(brackets_root(s.receiver_enclosure[1], f));
    }
}

TEST_CASE("strictly convex sets: unique equilibrium, every player at its support point", "[curved]") {
    // Discs and an ellipse mixed with a square; the equilibrium is unique (MODEL.md §3c).
    Instance instance = load_instance_text(R"({"dimension": 2, "players": [
        {"target": [3, 1], "action_set": {"ball": {"center": [0, 0], "radius": 1}}},
        {"target": [-2, 4], "weight": 2, "action_set": {"ellipsoid": {"center": [1, 1], "matrix": [[4, 1], [1, 2]]}}},
        {"target": [0, -5], "weight": "1/2", "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}}}]})");
    Solution s = solve(instance);
    REQUIRE(s.enclosed);
    CHECK(s.count == EquilibriumCount::one);
    CHECK(s.exaggeration.interior.empty());
    // Independent check: the receiver equation holds on the enclosures.
    for (std::size_t j = 0; j < 2; ++j) {
        Enclosure sum = Enclosure::point(Rational(0));
        for (std::size_t i = 0; i < 3; ++i)
            sum = sum + instance.players[i].weight * s.action_enclosures[i][j];
        CHECK(sum.lo <= s.receiver_enclosure[j].hi);
        CHECK(s.receiver_enclosure[j].lo <= sum.hi);
    }
}

TEST_CASE("bad ellipsoids are rejected with the JSON path", "[curved]") {
    auto message = [](const std::string& matrix) -> std::string {
        try {
            load_instance_text(
                R"({"dimension": 2, "players": [{"target": [0, 0], "action_set": {"ellipsoid": {"center": [0, 0], "matrix": )" +
                matrix + "}}}]}");
        } catch (const InputError& e) {
            return e.what();
        }
        return "accepted";
    };
    CHECK_THAT(message("[[1, 1], [1, 1]]"),
               Catch::Matchers::StartsWith("players[0].action_set.ellipsoid.matrix: the matrix is singular"));
    CHECK_THAT(message("[[1, 0], [0, -1]]"), Catch::Matchers::Contains("not positive definite"));
    CHECK_THAT(message("[[1, 2], [0, 5]]"), Catch::Matchers::Contains("not symmetric"));
    CHECK_THAT(message("[[1, 0]]"), Catch::Matchers::Contains("expected 2 rows"));
}

TEST_CASE("a ball of radius 0 is a point", "[curved]") {
    Solution s = solve(load_instance_text(R"({"dimension": 2, "players": [
        {"target": [3, 1], "action_set": {"ball": {"center": ["1/3", 0], "radius": 0}}},
        {"target": [0, 4], "action_set": {"ball": {"center": [0, 0], "radius": 2}}}]})"));
    CHECK(s.action_enclosures[0][0].is_exact());
    CHECK(s.action_enclosures[0][0].lo == Rational(1, 3));
}

TEST_CASE("an interior player pins the receiver to its target exactly (Theorem 4)", "[curved]") {
    // Player 0 (disc of radius 2) reaches its target (1/2, 0); player 1 on the unit disc pushes towards (0,
    // 9). x̂* = (1/2, 0) exactly, player 1 at (0, 1)·direction... its action s = unit vector towards (−1/2,
    // 9).
    Solution s = solve(load_instance_text(R"({"dimension": 2, "players": [
        {"target": ["1/2", 0], "action_set": {"ball": {"center": [0, 0], "radius": 2}}},
        {"target": [0, 9], "weight": "1/10", "action_set": {"ball": {"center": [0, 0], "radius": 1}}}]})"));
    REQUIRE(s.enclosed);
    CHECK(s.receiver_enclosure[0].is_exact());
    CHECK(s.receiver_enclosure[0].lo == Rational(1, 2));
    CHECK(s.receiver_enclosure[1].lo == 0);
    REQUIRE(s.exaggeration.interior.size() == 1);
    CHECK(s.exaggeration.interior[0] == 0);
    // Player 1's action is (−1/2, 9)/sqrt(81.25): its first coordinate a has a² = (1/4)/(81 + 1/4) = 1/325.
    CHECK(brackets_root(s.action_enclosures[1][0],
                        [](const Rational& a) { return Rational(325 * a * a - 1); }));
    CHECK(s.action_enclosures[1][0].hi < 0);
}

TEST_CASE("a ball in d = 1 is an interval and is solved exactly (paper Example 1 as balls)", "[curved]") {
    Solution s = solve(load_instance_text(R"({"action_set": {"ball": {"center": [3], "radius": 3}},
        "players": [{"target": 1, "weight": 0.5}, {"target": 4, "weight": 0.5}]})"));
    CHECK_FALSE(s.enclosed);
    CHECK(s.receiver == Vector{Rational(3)});
    CHECK(s.actions[0] == Vector{Rational(0)});
    CHECK(s.actions[1] == Vector{Rational(6)});
}

TEST_CASE("random disc games: enclosures agree with an independent double-precision support map",
          "[curved]") {
    // Independent of the solver's method: from the enclosed receiver, each disc player's support point
    // c + r·u/|u| (u = w(t - x̂)) is recomputed in doubles and must lie in (or within 1e-9 of) its action box;
    // the receiver equation must hold on the enclosures.
    unsigned seed = 12345;
    auto next = [&seed](int lo, int hi) {
        seed = seed * 1103515245u + 12345u;
        return lo + static_cast<int>((seed >> 8) % static_cast<unsigned>(hi - lo + 1));
    };
    for (int game = 0; game < 20; ++game) {
        Instance instance;
        instance.dimension = 2;
        const int n = next(2, 7);
        for (int i = 0; i < n; ++i) {
            instance.action_sets.push_back(ActionSet::curved(
                CurvedSet::ball(Vector{Rational(next(-5, 5)), Rational(next(-5, 5))}, Rational(next(1, 4))),
                "ball"));
            Player p;
            p.target = Vector{Rational(next(-20, 20)), Rational(next(-20, 20))};
            p.weight = Rational(next(1, 9), 10);
            p.action_set = static_cast<std::size_t>(i);
            instance.players.push_back(p);
        }
        Solution s = solve(instance);
        REQUIRE(s.enclosed);
        for (int i = 0; i < n; ++i) {
            const CurvedSet& ball = instance.set_of(i).as_curved();
            double u[2], norm = 0;
            for (int j = 0; j < 2; ++j) {
                u[j] = to_double(instance.players[i].weight) *
                       (to_double(instance.players[i].target[j]) - to_double(s.receiver[j]));
                norm += u[j] * u[j];
            }
            norm = std::sqrt(norm);
            if (norm < 1e-6) continue;  // an interior player: checked through the receiver equation below
            for (int j = 0; j < 2; ++j) {
                double expected = to_double(ball.center()[j]) + to_double(ball.radius()) * u[j] / norm;
                CHECK(to_double(s.action_enclosures[i][j].lo) - 1e-9 <= expected);
                CHECK(expected <= to_double(s.action_enclosures[i][j].hi) + 1e-9);
            }
        }
        for (std::size_t j = 0; j < 2; ++j) {
            Enclosure sum = Enclosure::point(Rational(0));
            for (int i = 0; i < n; ++i) sum = sum + instance.players[i].weight * s.action_enclosures[i][j];
            CHECK(sum.lo <= s.receiver_enclosure[j].hi);
            CHECK(s.receiver_enclosure[j].lo <= sum.hi);
        }
    }
}

TEST_CASE("a rational equilibrium on a disc is found exactly and re-checked", "[curved]") {
    Solution s =
        solve(load_instance_text(R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
        "players": [{"target": [5, 0], "weight": 0}, {"target": [3, 4]}]})"));
    CHECK_FALSE(s.enclosed);
    CHECK(s.receiver == Vector{Rational(3, 5), Rational(4, 5)});
    CHECK(s.count == EquilibriumCount::infinite);  // the weight-0 player may stand anywhere
}
