// certify, check and the root-form pieces on curved sets (docs/model.md §3g).
#include <catch2/catch.hpp>

#include "bigcert/certify/certificate.hpp"
#include "bigcert/certify/curved_certificate.hpp"
#include "bigcert/certify/properties.hpp"
#include "bigcert/core/polynomial.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {
const char* disc_two = R"({"dimension": 2, "action_set": {"ball": {"center": [0, 0], "radius": 1}},
    "players": [{"target": [1, 2], "weight": "1/2"}, {"target": [-1, 2], "weight": "1/2"}]})";
}

TEST_CASE("Sturm counts the roots of x^4 - 4x^3 + 4x^2 + 4x - 4 exactly", "[curved][algebraic]") {
    IntegerPolynomial p = IntegerPolynomial::from_rationals(
        {Rational(-4), Rational(4), Rational(4), Rational(-4), Rational(1)});
    CHECK(p.text() == "x^4 - 4*x^3 + 4*x^2 + 4*x - 4");
    CHECK(count_real_roots(p, Rational(0), Rational(1)) == 1);  // the disc-two receiver, near 0.7747
    CHECK(count_real_roots(p, Rational(-10), Rational(10)) == 2);
    CHECK(count_real_roots(p, Rational(78, 100), Rational(1)) == 0);
    IntegerPolynomial q =
        IntegerPolynomial::from_rationals({Rational(-2), Rational(0), Rational(1)});  // x^2 - 2
    CHECK(count_real_roots(q, Rational(1), Rational(3, 2)) == 1);
    CHECK(count_real_roots(q, Rational(-2), Rational(2)) == 2);
    IntegerPolynomial half = IntegerPolynomial::from_rationals({Rational(-1, 2), Rational(1)});
    CHECK(half.text() == "2*x - 1");
    CHECK(count_real_roots(half, Rational(1, 2), Rational(1, 2)) == 1);  // a root at the closed end counts
}

TEST_CASE("certify refutes a rational profile on discs with an exactly checked deviation", "[curved][z3]") {
    Instance instance = load_instance_text(disc_two);
    ProofLog log("", "", "");
    // (3/5, 4/5) is on the circle, but not the support point in the direction t - x̂ (that one is irrational).
    Certificate c =
        certify_profile(instance, {{Rational(3, 5), Rational(4, 5)}, {Rational(-3, 5), Rational(4, 5)}}, log);
    REQUIRE(c.verdict == "refuted");
    for (const PlayerVerdict& v : c.players) {
        REQUIRE(v.deviation);
        CHECK(instance.set_of(v.index).contains(*v.deviation));
        CHECK(sign(v.improvement) > 0);
    }
}

TEST_CASE("certify accepts an exact support point on a disc", "[curved][z3]") {
    // One player, target (0, 5) straight above the unit disc: the best response is (0, 1), rational.
    Instance instance = load_instance_text(R"({"dimension": 2, "players": [{"target": [0, 5],
        "action_set": {"ball": {"center": [0, 0], "radius": 1}}}]})");
    ProofLog log("", "", "");
    Certificate yes = certify_profile(instance, {{Rational(0), Rational(1)}}, log);
    CHECK(yes.verdict == "certified");
    CHECK(yes.players[0].multipliers == "verified (exact support point)");
    Certificate no = certify_profile(instance, {{Rational(0), Rational(-1)}}, log);
    CHECK(no.verdict == "refuted");
}

TEST_CASE("certify without a profile proves the solver's boxes; a shifted box is not certified",
          "[curved][z3]") {
    Instance instance = load_instance_text(disc_two);
    SolveOptions options;
    options.precision = 20;
    Solution s = solve(instance, options);
    REQUIRE(s.enclosed);
    ProofLog log("", "", "");
    CHECK(certify_enclosure(instance, s, log, {}).verdict == "certified");
    s.action_enclosures[0][0] = {s.action_enclosures[0][0].hi + 1, s.action_enclosures[0][0].hi + 2};
    CHECK(certify_enclosure(instance, s, log, {}).verdict == "not certified");
}

TEST_CASE("check on discs: exaggeration with the support-point refinement, count one", "[curved][z3]") {
    Instance instance = load_instance_text(disc_two);
    for (const char* method : {"full", "auto"}) {
        ProofLog log("", "", "");
        CheckOptions options;
        options.method = method;
        std::vector<PropertyVerdict> v = check_properties(instance, {"exaggeration", "count"}, log, options);
        CHECK(v[0].verdict == "holds");
        CHECK(v[0].at_unique_support_point == std::vector<std::size_t>{0, 1});
        CHECK(v[1].verdict == "holds");
        CHECK(v[1].value == "one");
        // auto uses the structure method on curved sets too (docs/model.md §3a′)
        CHECK(v[1].method == (std::string(method) == "full" ? "enclosure" : "structure"));
    }
}
