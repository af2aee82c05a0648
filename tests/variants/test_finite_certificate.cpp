// Certifying finite profiles against every deviation, cross-checked with the enumeration.
#include <catch2/catch.hpp>
#include <set>

#include "bigcert/certify/finite_game_certificate.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/solver/enumeration.hpp"
#include "variant_helpers.hpp"

using namespace bigcert;
using namespace variant_test;

TEST_CASE("finite certificate: every profile is certified iff the enumeration lists it",
          "[finite][certify]") {
    Instance g = load_instance_file(std::string(BIGCERT_SOURCE_DIR) + "/examples/paper-ex5-m4-k2.json");
    const FiniteChoice& choice = g.set_of(0).as_finite();
    EnumerateOptions all;
    all.list = 1000;
    std::set<std::vector<Selection>> equilibria;
    for (const PureEquilibrium& e : enumerate_pure_equilibria(g, all).listed) equilibria.insert(e.selections);
    REQUIRE(equilibria.size() == 48);
    std::size_t certified = 0;
    for_each_selection(choice, [&](const Selection& a) {
        for_each_selection(choice, [&](const Selection& b) {
            FiniteCertificate c =
                certify_finite_profile(g, {selection_items(choice, a), selection_items(choice, b)});
            bool listed = equilibria.count({a, b}) == 1;
            CHECK((c.verdict == "certified") == listed);
            certified += c.verdict == "certified" ? 1 : 0;
            for (const FinitePlayerVerdict& p : c.players)
                if (p.verdict == "refuted") CHECK(p.improvement > 0);
            return true;
        });
        return true;
    });
    CHECK(certified == 48);
}

TEST_CASE("finite certificate: the deviation is exact and the JSON carries items", "[finite][certify]") {
    Instance g = load_instance_text(
        R"({"action_set": {"items": [0, 1, 3]}, "players": [{"target": 3}, {"target": 0}]})");
    FiniteCertificate c = certify_finite_profile(g, {{v({"0"})}, {v({"0"})}});
    REQUIRE(c.verdict == "refuted");
    CHECK(c.players[0].deviation == std::vector<Vector>{v({"3"})});  // x̂ 0 -> 3: loss 9 -> 0
    CHECK(c.players[0].improvement == 9);
    CHECK(c.players[1].verdict == "certified");
    Json j = finite_certificate_json(g, c);
    CHECK(j["players"][0]["deviation"] == Json::parse(R"([["3"]])"));
    CHECK_THROWS_AS(certify_finite_profile(g, {{v({"2"})}, {v({"0"})}}), InputError);
}
