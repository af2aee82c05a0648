// The replay side of `solve --algebraic` bundles (algebraic_claim.hpp): its own Sturm count and the claim
// parser, which must refuse what does not pin one number per coordinate.
#include <catch2/catch.hpp>

#include "bigcert/io/instance_loader.hpp"
#include "certify/algebraic_claim.hpp"

using namespace bigcert;

namespace {

ClaimedCoordinate root(std::vector<long> coefficients, const char* lo, const char* hi) {
    ClaimedCoordinate c{"r_0", std::nullopt, {}, *parse_rational(lo), *parse_rational(hi)};
    for (long k : coefficients) c.polynomial.push_back(Integer(k));
    return c;
}

const char* disc_two = R"({"format": "bigcert/1", "dimension": 2,
  "action_set": {"ball": {"center": [0, 0], "radius": 1}},
  "players": [{"target": [1, 2], "weight": "1/2"}, {"target": [-1, 2], "weight": "1/2"}]})";

}  // namespace

TEST_CASE("the replay's Sturm count needs exactly one root in each interval") {
    CHECK(check_isolation({root({-2, 0, 1}, "1", "3/2")}).empty());        // sqrt 2
    CHECK(check_isolation({root({4, 0, -4, 0, 1}, "1", "3/2")}).empty());  // (x^2 - 2)^2: one distinct root
    CHECK(check_isolation({root({-2, 0, 1}, "3/2", "2")}).find("0 real roots") != std::string::npos);
    CHECK(check_isolation({root({-2, 0, 1}, "-3/2", "3/2")}).find("2 real roots") != std::string::npos);
    CHECK(check_isolation({root({-1, 1}, "1", "2")}).find("interval end") != std::string::npos);
    CHECK(check_isolation({root({-4, 4, 4, -4, 1}, "0", "1")}).empty());  // disc-two's receiver y
    CHECK(check_isolation({root({-4, 4, 4, -4, 1}, "-1", "1")}).find("2 real roots") != std::string::npos);
}

TEST_CASE("a claim lists exactly the instance's coordinates, with integer polynomials and lo < hi") {
    const Instance instance = load_instance_text(disc_two);
    CHECK(claim_variables(instance) ==
          std::vector<std::string>{"r_0", "r_1", "x_0_0", "x_0_1", "x_1_0", "x_1_1"});
    std::vector<ClaimedCoordinate> coordinates;
    for (const std::string& v : claim_variables(instance)) coordinates.push_back({v, Rational(0), {}, 0, 0});
    coordinates[1] = root({-4, 4, 4, -4, 1}, "0", "1"), coordinates[1].variable = "r_1";
    const nlohmann::json good = nlohmann::json::parse(algebraic_claim_json(coordinates).dump());
    std::string problem;
    REQUIRE(parse_algebraic_claim(instance, good, problem));
    CHECK(parse_algebraic_claim(instance, good, problem)->at(1).polynomial.size() == 5);
    auto refused = [&](nlohmann::json claim) { return !parse_algebraic_claim(instance, claim, problem); };
    nlohmann::json bad = good;
    bad["coordinates"].erase(5);
    CHECK(refused(bad));
    bad = good, bad["coordinates"][2]["variable"] = "x_1_0";
    CHECK(refused(bad));
    bad = good, bad["coordinates"][1]["polynomial"][0] = "1/2";
    CHECK(refused(bad));
    bad = good, bad["coordinates"][1]["polynomial"][4] = "0";
    CHECK(refused(bad));
    bad = good, bad["coordinates"][1]["interval"] = {"1", "0"};
    CHECK(refused(bad));
    bad = good, bad["format"] = "other";
    CHECK(refused(bad));
    // Players by index in the query: nothing of the instance's text but numbers.
    const std::string query = algebraic_claim_query(instance, coordinates);
    CHECK(query.find("expected: unsat") != std::string::npos);
    CHECK(query.find("(declare-fun s_1 () Real)") != std::string::npos);
}
