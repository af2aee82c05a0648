// The alphabet of bigcert's SMT-LIB text (smt_text.hpp) and the rule it enforces: user text never reaches a
// query, so names change neither the query texts nor the verdicts.
#include <catch2/catch.hpp>

#include "bigcert/certify/certificate.hpp"
#include "bigcert/certify/properties.hpp"
#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "certify/smt_text.hpp"

using namespace bigcert;

namespace {

// The game of the report: equal targets on [0, 10], infinitely many equilibria (x_1 + x_2 = 6).
Instance duplicate_targets(const std::string& name_literal) {
    return load_instance_text(R"({"name": )" + name_literal + R"(, "action_set": {"interval": [0, 10]},
        "players": [{"name": )" +
                              name_literal +
                              R"(, "target": 3, "weight": 0.5}, {"target": 3, "weight": 0.5}]})");
}

std::vector<std::string> texts(const ProofLog& log) {
    std::vector<std::string> out;
    for (const LoggedQuery& q : log.recorded_queries()) out.push_back(q.name + "\n" + q.smt2);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("SMT-LIB alphabet: comments are one line, symbols simple, terms balanced and literal-free") {
    CHECK(is_smt_comment_text("bigcert certify: player 0 (0-based index), g·y < g·x_i, x̂"));
    for (const char* bad : {"a\nb", "a\rb", "tab\t", "del\x7f"}) CHECK_FALSE(is_smt_comment_text(bad));
    CHECK_FALSE(is_smt_comment_text(std::string("nul\0x", 5)));

    for (const char* good : {"y0", "in_set_0", "x_1_2", "_k", "QF_LRA"}) CHECK(is_smt_symbol(good));
    for (const char* bad : {"", "0a", "|a|", "a b", "a;", "a)", "a-b", ":named", "é"})
        CHECK_FALSE(is_smt_symbol(bad));

    CHECK(is_smt_term("(<= (/ 1.0 3.0) y0)"));
    CHECK(is_smt_term("(or (= l_0 0.0) (= (+ (* (- 1.0) x_0_0) y) 2.0))"));
    CHECK(is_smt_term("true"));
    for (const char* bad :
         {"", "(a", "a)", "a) (assert false", ")(", "; c", "|x|", "\"s\"", ":named a", "a\nb", "#b01", "é"})
        CHECK_FALSE(is_smt_term(bad));
}

TEST_CASE("SmtQuery refuses text outside the alphabet as an internal error") {
    CHECK_THROWS_AS(SmtQuery("QF_LRA", {"name: dup\n(assert false)\n;"}), InternalError);
    CHECK_THROWS_AS(SmtQuery("QF LRA", {}), InternalError);
    SmtQuery q("QF_LRA", {"fine"});
    CHECK_THROWS_AS(q.declare_real("a|b"), InternalError);
    CHECK_THROWS_AS(q.define_real("r", "x) (assert false"), InternalError);
    CHECK_THROWS_AS(q.assert_named("n", "(< x 0.0)) (assert false"), InternalError);
    CHECK_THROWS_AS(q.assert_named("n m", "(< x 0.0)"), InternalError);
    q.declare_real("x");
    q.assert_named("n", "(< x 0.0)");
    CHECK(q.text() ==
          "; fine\n(set-logic QF_LRA)\n(declare-fun x () Real)\n(assert (! (< x 0.0) :named n))\n"
          "(check-sat)\n(exit)\n");
}

TEST_CASE("names never reach a query: check and certify ask the same texts and answer the same") {
    const Instance plain = duplicate_targets(R"("dup")");
    const Instance hostile = duplicate_targets(R"("dup\n(assert false)\n;")");
    REQUIRE(hostile.name == "dup\n(assert false)\n;");

    ProofLog plain_log("", "", plain.name), hostile_log("", "", hostile.name);
    std::vector<PropertyVerdict> p = check_properties(plain, property_names("all"), plain_log);
    std::vector<PropertyVerdict> h = check_properties(hostile, property_names("all"), hostile_log);
    REQUIRE(h.size() == p.size());
    for (std::size_t k = 0; k < p.size(); ++k) {
        INFO(p[k].property);
        CHECK(h[k].verdict == p[k].verdict);
        CHECK(h[k].value == p[k].value);
    }
    CHECK(check_json(hostile, h, "")["properties"]["count"]["value"] == "infinite");
    CHECK(check_json(hostile, h, "")["properties"]["exaggeration"]["verdict"] == "fails");
    CHECK(texts(hostile_log) == texts(plain_log));

    // Not an equilibrium (receiver 0, targets 3): refuted, whatever the names.
    const std::vector<Vector> zero{Vector{Rational(0)}, Vector{Rational(0)}};
    ProofLog plain_certify("", "", ""), hostile_certify("", "", "");
    CHECK(certify_profile(plain, zero, plain_certify).verdict == "refuted");
    CHECK(certify_profile(hostile, zero, hostile_certify).verdict == "refuted");
    CHECK(texts(hostile_certify) == texts(plain_certify));
}
