// certify without a profile on a mixed game (issue 6, items 1 and 4): curved and polytope players together.
// The solver's boxes are certified; boxes that miss the equilibrium must not be.
#include <catch2/catch.hpp>

#include "bigcert/certificate.hpp"
#include "bigcert/curved_certificate.hpp"
#include "bigcert/instance_loader.hpp"
#include "bigcert/solver.hpp"

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
