// solve --algebraic (docs/cli.md, curved sets): exact algebraic answers on discs with two and three players
// whose answers are known in closed form, plus the exact pieces they rest on (elimination, root forms).
#include <boost/multiprecision/gmp.hpp>
#include <catch2/catch.hpp>

#include "bigcert/certify/algebraic_answer.hpp"
#include "bigcert/core/integer_relation.hpp"
#include "bigcert/core/root_form.hpp"
#include "bigcert/core/support_elimination.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

IntegerPolynomial poly(const std::vector<long>& c) {  // c[k] of x^k
    std::vector<Rational> r;
    for (long k : c) r.push_back(Rational(k));
    return IntegerPolynomial::from_rationals(r);
}

// a + b·sqrt2 with exact rational bounds: sqrt2 in [s, s + 1]/10^30, s = isqrt(2·10^60), checked by squaring.
Enclosure a_plus_b_sqrt2(const Rational& a, const Rational& b) {
    const Integer scale = boost::multiprecision::pow(Integer(10), 30);
    const Integer s = boost::multiprecision::sqrt(Integer(2) * scale * scale);
    const Rational lo(s, scale), hi(s + 1, scale);
    REQUIRE(lo * lo <= 2);
    REQUIRE(hi * hi > 2);
    return b >= 0 ? Enclosure{a + b * lo, a + b * hi} : Enclosure{a + b * hi, a + b * lo};
}

// A root of p given by hand lies in the box: p changes sign on it (exact rationals).
bool brackets(const IntegerPolynomial& p, const Enclosure& box) {
    return sign(p.evaluate(box.lo)) * sign(p.evaluate(box.hi)) < 0;
}

bool inside(const Enclosure& value, const Enclosure& box) { return box.lo <= value.lo && value.hi <= box.hi; }

Solution solve_algebraic(const char* json) {
    Instance instance = load_instance_text(json);
    Solution s = solve(instance);
    REQUIRE(s.enclosed);
    ProofLog log("", "", "");
    add_algebraic_answers(instance, s, log);
    INFO(s.algebraic_note);
    REQUIRE(s.receiver_roots.size() == instance.dimension);
    REQUIRE(s.action_roots.size() == instance.players.size());
    CHECK(s.algebraic_note.find("verified by substitution in exact arithmetic") != std::string::npos);
    return s;
}

// The coordinate is in root form with polynomial p (up to a constant factor) around the closed-form value.
void check_root(const Enclosure& box, const std::string& root, const IntegerPolynomial& p,
                const Enclosure& value) {
    CHECK(root == p.text());
    CHECK(inside(value, box));
}

}  // namespace

TEST_CASE("elimination: the support point of the unit disc towards (1, 2) from a receiver at (0, 0)",
          "[curved][algebraic]") {
    // x = (1, 2)/sqrt5: x_0 is a root of 5z² - 1 and x_1 of 5z² - 4; receiver r = (0, 0) given by p = x.
    CurvedSet disc = CurvedSet::ball({Rational(0), Rational(0)}, Rational(1));
    std::vector<IntegerPolynomial> receiver{poly({0, 1}), poly({0, 1})};
    CHECK(support_coordinate_polynomial(disc, {Rational(1), Rational(2)}, receiver, 0)->text() ==
          "5*x^2 - 1");
    CHECK(support_coordinate_polynomial(disc, {Rational(1), Rational(2)}, receiver, 1)->text() ==
          "5*x^2 - 4");
    // An irrational receiver coordinate: r_0 = ±sqrt2 (x^2 - 2), r_1 = 0, target (0, 1): x_0 = -r_0/sqrt(r_0²
    // + 1) = ∓sqrt(2/3), so G has the roots ±sqrt(2/3): 3z² - 2 (squared: dim A = 2, so degree 4 = (3z² -
    // 2)²).
    IntegerPolynomial g =
        *support_coordinate_polynomial(disc, {Rational(0), Rational(1)}, {poly({-2, 0, 1}), poly({0, 1})}, 0);
    CHECK(square_free_part(g).text() == "3*x^2 - 2");
    CHECK(!support_coordinate_polynomial(disc, {Rational(0), Rational(1)},
                                         {poly({-2, 0, 1}), poly({-2, 0, 1})}, 0, 3));
}

TEST_CASE("root forms: rationals are recognised, gcd with a candidate, no form without one root",
          "[curved][algebraic]") {
    const IntegerPolynomial p = poly({0, -2, 0, 1});  // x³ - 2x = x(x² - 2)
    const Enclosure near_zero{Rational(-1, 3), Rational(1, 7)}, near_sqrt2{Rational(7, 5), Rational(3, 2)};
    std::optional<RootForm> zero = isolate_root(p, near_zero, {});
    REQUIRE(zero);
    CHECK(zero->value == Rational(0));
    std::optional<RootForm> sqrt2 = isolate_root(p, near_sqrt2, poly({-2, 0, 1}));
    REQUIRE(sqrt2);
    CHECK(!sqrt2->value);
    CHECK(sqrt2->polynomial.text() == "x^2 - 2");
    CHECK(isolate_root(p, near_sqrt2, poly({-3, 0, 1}))->polynomial.text() ==
          "x^3 - 2*x");                                        // candidate unrelated
    CHECK(!isolate_root(p, {Rational(-2), Rational(2)}, {}));  // three roots
    CHECK(gcd(poly({-2, 0, 1}), poly({0, -2, 0, 1})).text() == "x^2 - 2");
    CHECK(square_free_part(poly({1, -2, 1})).text() == "x - 1");
}

TEST_CASE("solve --algebraic on examples/disc-two: receiver x = 0 exactly, quartics elsewhere",
          "[curved][algebraic][z3]") {
    // Unit disc, targets (±1, 2), weights 1/2. By symmetry x̂ = (0, y), x_1 = (a, y), x_2 = (-a, y), and x_1
    // is the support point towards (1, 2 - y): a = 1/sqrt(1 + (2 - y)²), y = (2 - y)·a. Squaring y²(1 + (2 -
    // y)²) = (2 - y)²: y⁴ - 4y³ + 4y² + 4y - 4 = 0. With y = 2a/(1 + a): a⁴ + 2a³ + 4a² - 2a - 1 = 0 (-a: a ↦
    // -a).
    Solution s = solve_algebraic(R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
        "players": [{"target": [1, 2], "weight": "1/2"}, {"target": [-1, 2], "weight": "1/2"}]})");
    const IntegerPolynomial y = poly({-4, 4, 4, -4, 1}), a = poly({-1, -2, 4, 2, 1}),
                            minus_a = poly({-1, 2, 4, -2, 1});
    CHECK(s.receiver_enclosure[0].is_exact());
    CHECK(s.receiver_enclosure[0].lo == 0);
    CHECK(s.receiver_roots[0].empty());
    CHECK(s.receiver_roots[1] == y.text());
    CHECK(brackets(y, s.receiver_enclosure[1]));
    CHECK(s.action_roots[0][0] == a.text());
    CHECK(brackets(a, s.action_enclosures[0][0]));
    CHECK(s.action_roots[1][0] == poly({-1, 2, 4, -2, 1}).text());
    CHECK(brackets(minus_a, s.action_enclosures[1][0]));
    for (std::size_t i = 0; i < 2; ++i) CHECK(s.action_roots[i][1] == y.text());
}

TEST_CASE("solve --algebraic on examples/disc-three: rational coordinates exact, quartics elsewhere",
          "[curved][algebraic][z3]") {
    // Targets (±1, 2) and (0, 5), weights 1/3. By symmetry x̂ = (0, y) and x_3 = (0, 1) (its direction is (0,
    // 5 - y)); x_1 = (a, b) with (a, b) ∝ (1, 2 - y) on the circle and y = (2b + 1)/3. Then b = (2 -
    // y)/sqrt(1 + (2 - y)²), (3y - 1)²(1 + (2 - y)²) = 4(2 - y)²: 9y⁴ - 42y³ + 66y² - 18y - 11 = 0; with y =
    // (2b + 1)/3: 4b⁴ - 20b³ + 30b² + 20b - 25 = 0; a = b/(2 - y) gives 4a⁴ + 12a³ + 30a² - 12a - 9 = 0.
    Solution s = solve_algebraic(R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
        "players": [{"target": [1, 2], "weight": "1/3"}, {"target": [-1, 2], "weight": "1/3"},
                    {"target": [0, 5], "weight": "1/3"}]})");
    const IntegerPolynomial y = poly({-11, -18, 66, -42, 9}), b = poly({-25, 20, 30, -20, 4}),
                            a = poly({-9, -12, 30, 12, 4});
    CHECK(s.receiver_enclosure[0].is_exact());
    CHECK(s.receiver_enclosure[0].lo == 0);
    CHECK(s.receiver_roots[1] == y.text());
    CHECK(brackets(y, s.receiver_enclosure[1]));
    CHECK(s.action_roots[0][0] == a.text());
    CHECK(brackets(a, s.action_enclosures[0][0]));
    CHECK(s.action_roots[0][1] == b.text());
    CHECK(brackets(b, s.action_enclosures[0][1]));
    CHECK(s.action_roots[1][1] == b.text());
    for (std::size_t j = 0; j < 2; ++j) CHECK(s.action_enclosures[2][j].is_exact());
    CHECK(s.action_enclosures[2][0].lo == 0);
    CHECK(s.action_enclosures[2][1].lo == 1);
}

TEST_CASE("solve --algebraic, two players on a disc, targets on the diagonal: sqrt2/6 and ±sqrt2/2",
          "[curved][algebraic][z3]") {
    // Unit disc, t_1 = (-1, -1) with weight 1/3, t_2 = (1, 1) with weight 2/3; e = (1, 1)/sqrt2. Try
    // x_1 = -e, x_2 = e: x̂ = -e/3 + 2e/3 = e/3 = (sqrt2/6)(1, 1), which lies strictly between the targets on
    // the diagonal, so t_1 - x̂ ∝ -e and t_2 - x̂ ∝ e: both play their support points, the unique equilibrium.
    // x̂_j = sqrt2/6 is a root of 18x² - 1; x_1j = -sqrt2/2 and x_2j = sqrt2/2 of 2x² - 1.
    Solution s = solve_algebraic(R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
        "players": [{"target": [-1, -1], "weight": "1/3"}, {"target": [1, 1], "weight": "2/3"}]})");
    INFO(s.algebraic_note);
    for (std::size_t j = 0; j < 2; ++j) {
        check_root(s.receiver_enclosure[j], s.receiver_roots[j], poly({-1, 0, 18}),
                   a_plus_b_sqrt2(0, Rational(1, 6)));
        check_root(s.action_enclosures[0][j], s.action_roots[0][j], poly({-1, 0, 2}),
                   a_plus_b_sqrt2(0, Rational(-1, 2)));
        check_root(s.action_enclosures[1][j], s.action_roots[1][j], poly({-1, 0, 2}),
                   a_plus_b_sqrt2(0, Rational(1, 2)));
    }
}

TEST_CASE("solve --algebraic, three players on discs along the diagonal: (4 + sqrt2)/12 and 1 + sqrt2/4",
          "[curved][algebraic][z3]") {
    // Players 1 and 2 on the unit disc with t_1 = (-1, -1), t_2 = (1, 1); player 3 on the disc of centre (1,
    // 1), radius 1/2, with t_3 = (3, 3); weights 1/3; e = (1, 1)/sqrt2. Try x_1 = -e, x_2 = e, x_3 = (1, 1) +
    // e/2: x̂ = ((1, 1) + e/2)/3 = ((4 + sqrt2)/12)(1, 1) ≈ 0.451(1, 1), on the diagonal strictly between t_1
    // and t_2 (and below t_3), so every player's direction is ±e as assumed: the unique equilibrium. x̂_j:
    // (12x - 4)² = 2, i.e. 72x² - 48x + 7; x_1j, x_2j = ∓sqrt2/2: 2x² - 1; x_3j = 1 + sqrt2/4: 8x² - 16x + 7.
    Solution s = solve_algebraic(R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
        "players": [{"target": [-1, -1], "weight": "1/3"}, {"target": [1, 1], "weight": "1/3"},
                    {"target": [3, 3], "weight": "1/3", "action_set": {"ball": {"center": [1, 1], "radius": "1/2"}}}]})");
    INFO(s.algebraic_note);
    for (std::size_t j = 0; j < 2; ++j) {
        check_root(s.receiver_enclosure[j], s.receiver_roots[j], poly({7, -48, 72}),
                   a_plus_b_sqrt2(Rational(1, 3), Rational(1, 12)));
        check_root(s.action_enclosures[0][j], s.action_roots[0][j], poly({-1, 0, 2}),
                   a_plus_b_sqrt2(0, Rational(-1, 2)));
        check_root(s.action_enclosures[1][j], s.action_roots[1][j], poly({-1, 0, 2}),
                   a_plus_b_sqrt2(0, Rational(1, 2)));
        check_root(s.action_enclosures[2][j], s.action_roots[2][j], poly({7, -16, 8}),
                   a_plus_b_sqrt2(1, Rational(1, 4)));
    }
}

TEST_CASE(
    "guesses are only guesses: lattice reduction finds x^2 - 2, the exact receiver check rejects a wrong one",
    "[curved][algebraic]") {
    const Rational near_sqrt2(Integer("1414213562373095048801688724"),
                              Integer("1000000000000000000000000000"));
    CHECK(guess_minimal_polynomial(near_sqrt2, 2, 80).text() == "x^2 - 2");
    // disc-two (see above): the receiver (0, y). The rational midpoint of y's enclosure has one root in it
    // but is not y, and the fixed-point check must not prove it; the true quartic it proves.
    Instance instance =
        load_instance_text(R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
        "players": [{"target": [1, 2], "weight": "1/2"}, {"target": [-1, 2], "weight": "1/2"}]})");
    Solution s = solve(instance);
    REQUIRE(s.enclosed);
    const Enclosure y = s.receiver_enclosure[1];
    const std::vector<Enclosure> boxes{{Rational(-1, 1000), Rational(1, 1000)}, y};
    std::string why;
    const Rational m = y.midpoint();
    CHECK(!proves_equilibrium_receiver(
        instance, {poly({0, 1}), IntegerPolynomial::from_rationals({-m, Rational(1)})}, boxes, why));
    CHECK(proves_equilibrium_receiver(instance, {poly({0, 1}), poly({-4, 4, 4, -4, 1})}, boxes, why));
}

TEST_CASE("solve --algebraic with a polytope player: the Z3 route for the receiver, elimination for the disc",
          "[curved][algebraic][z3]") {
    // Disc player (target (3, 1), weight 1) and a square player (target (0, -5), weight 1/2) pinned to the
    // corner
    // (-1, -1). Try x̂ = x_1 - (1/2, 1/2) with x_1 = (7, 3)/sqrt58: t_1 - x̂ = (7/2, 3/2) - (7, 3)/sqrt58 ∝ (7,
    // 3), so x_1 is the support point; t_2 - x̂ points down-left, so (-1, -1) is the square's. Hence x_10 =
    // 7/sqrt58 (58x² - 49), x_11 = 3/sqrt58 (58x² - 9), x̂_0 = 7/sqrt58 - 1/2 (116x² + 116x - 69), x̂_1 (116x²
    // + 116x + 11).
    Solution s = solve_algebraic(R"({"dimension": 2, "players": [
        {"target": [3, 1], "action_set": {"ball": {"center": [0, 0], "radius": 1}}},
        {"target": [0, -5], "weight": "1/2", "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}}}]})");
    CHECK(s.algebraic_note.find("2 by Z3") != std::string::npos);
    CHECK(s.receiver_roots[0] == poly({-69, 116, 116}).text());
    CHECK(s.receiver_roots[1] == poly({11, 116, 116}).text());
    CHECK(s.action_roots[0][0] == poly({-49, 0, 58}).text());
    CHECK(s.action_roots[0][1] == poly({-9, 0, 58}).text());
    CHECK(brackets(poly({-49, 0, 58}), s.action_enclosures[0][0]));
    for (std::size_t j = 0; j < 2; ++j) CHECK(s.action_enclosures[1][j].lo == -1);
}
