// certify without a profile on a mixed game (docs/internals.md): curved and polytope players together.
// The solver's boxes are certified; boxes that miss the equilibrium must not be.
#include <catch2/catch.hpp>

#include "bigcert/certify/certificate.hpp"
#include "bigcert/certify/curved_certificate.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

Instance ellipse_mixed() {
    return load_instance_file(std::string(BIGCERT_SOURCE_DIR) + "/examples/ellipse-mixed/ellipse-mixed.json");
}

Certificate certify_boxes(const Instance& instance, const Solution& solution) {
    ProofLog log("", "", "");
    CertifyOptions options;
    options.timeout_seconds = 3;  // the small queries take well under a second; the fallback runs to it
    return certify_enclosure(instance, solution, log, options);
}

}  // namespace

TEST_CASE("the solver's boxes of a mixed curved/polytope game are certified", "[curved][z3]") {
    Instance instance = ellipse_mixed();
    Solution solution = solve(instance);
    REQUIRE(solution.enclosed);
    Certificate c = certify_boxes(instance, solution);
    CHECK(c.verdict == "certified");
    REQUIRE(c.players.size() == 3);
    for (const PlayerVerdict& v : c.players) CHECK(v.verdict == "certified");
    // The square player sits at its vertex (-1, -1): an exact point box.
    CHECK(solution.action_enclosures[2][0].is_exact());
    CHECK(solution.action_enclosures[2][0].lo == -1);
}

TEST_CASE("boxes that miss the equilibrium are not certified", "[curved][z3]") {
    Instance instance = ellipse_mixed();
    const Solution exact = solve(instance);

    SECTION("receiver box shifted by its own width") {
        Solution wrong = exact;
        Enclosure& e = wrong.receiver_enclosure[0];
        const Rational w = e.width();
        e = {e.hi + w, e.hi + 2 * w};
        Certificate c = certify_boxes(instance, wrong);
        CHECK(c.verdict == "not certified");
        for (const PlayerVerdict& v : c.players) CHECK(v.reason.find("receiver box") != std::string::npos);
    }
    SECTION("the disc player's box shifted") {
        Solution wrong = exact;
        Enclosure& e = wrong.action_enclosures[0][1];
        e = {e.hi + Rational(1, 1000), e.hi + Rational(2, 1000)};
        Certificate c = certify_boxes(instance, wrong);
        CHECK(c.verdict == "not certified");
        CHECK(c.players[0].verdict == "not certified");
        CHECK(c.players[0].reason.find("action box: Z3 answered sat") != std::string::npos);
        CHECK(c.players[2].verdict == "certified");
    }
    SECTION("the square player put on the wrong vertex") {
        Solution wrong = exact;
        wrong.action_enclosures[2][1] = Enclosure::point(Rational(1));
        Certificate c = certify_boxes(instance, wrong);
        CHECK(c.verdict == "not certified");
        CHECK(c.players[2].verdict == "not certified");
    }
}

TEST_CASE("an interior player pins the receiver to its target: the point box is certified", "[curved][z3]") {
    // Player 2's disc contains what it needs to bring the receiver to its target exactly (the solver's point
    // box); the monotonicity step has no room there, the pinned steps decide it.
    Instance instance = load_instance_text(R"({"dimension": 2, "players": [
        {"target": ["-185/30011", "199/30011"], "weight": "1/2",
         "action_set": {"ball": {"center": ["-393/7", "-58/97"], "radius": "278/7"}}},
        {"target": ["-301/1009", "317/97"], "weight": "1/3",
         "action_set": {"ball": {"center": ["-278/97", "-322/30011"], "radius": "254/97"}}},
        {"target": ["282/101", "120/97"], "weight": "2",
         "action_set": {"ball": {"center": ["292/30011", "269/97"], "radius": "29"}}}]})");
    Solution solution = solve(instance);
    REQUIRE(solution.receiver_enclosure[0].is_exact());
    CHECK(solution.receiver_enclosure[0].lo == Rational(282, 101));
    CHECK(certify_boxes(instance, solution).verdict == "certified");
    Solution wrong = solution;  // the pinned player's box moved off its equilibrium action
    Enclosure& e = wrong.action_enclosures[2][0];
    e = {e.hi + 1, e.hi + 2};
    CHECK(certify_boxes(instance, wrong).verdict == "not certified");
}
