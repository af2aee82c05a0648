// The common query runner (smt_query.hpp) in its two modes: in-process, and in the stock `z3` binary
// (QueryLimits::separate_process, used by solve --algebraic's proofs). Both must give the same answers on the
// same text, and the binary's unknown must never read as a decided answer.
#include <catch2/catch.hpp>

#include "bigcert/certify/smt_query.hpp"

using namespace bigcert;

namespace {

// x^2 = 2 with x > 0 and x < c: sat for c = 2, unsat for c = 1 (QF_NRA, an irrational model).
SmtQuery root_of_two_below(const char* bound) {
    SmtQuery q("QF_NRA", {"runner test: a square root of 2 below a bound"});
    q.declare_real("x");
    q.assert_named("square", "(= (* x x) 2.0)");
    q.assert_named("positive", "(> x 0.0)");
    q.assert_named("below", std::string("(< x ") + bound + ")");
    return q;
}

QueryLimits in_binary(unsigned timeout_ms) {
    QueryLimits limits;
    limits.timeout_ms = timeout_ms;
    limits.produce_proof = false;
    limits.separate_process = true;
    return limits;
}

}  // namespace

TEST_CASE("the z3 binary through the runner answers like the in-process solver", "[certify][runner]") {
    z3::context ctx;
    for (const char* bound : {"1.0", "2.0"}) {
        const SmtQuery q = root_of_two_below(bound);
        const QueryOutcome inside = run_query(ctx, q, QueryLimits{10000, 0, false}, {"x"});
        const QueryOutcome outside = run_query(ctx, q, in_binary(10000), {"x"});
        CHECK(inside.answer == (std::string(bound) == "2.0" ? "sat" : "unsat"));
        CHECK(outside.answer == inside.answer);
        CHECK(outside.model.empty());  // answers only: the binary's model is not read back
    }
    // The in-process run reads back Z3's algebraic number: x^2 - 2 (constant first), whatever its scaling.
    const QueryOutcome sat = run_query(ctx, root_of_two_below("2.0"), QueryLimits{10000, 0, false}, {"x"});
    REQUIRE(sat.algebraic_polynomials.count("x") == 1);
    const std::vector<Rational>& p = sat.algebraic_polynomials.at("x");
    REQUIRE(p.size() == 3);
    CHECK(p[1] == 0);
    CHECK(p[0] == -2 * p[2]);
}

TEST_CASE("a query the binary cannot run is unknown, never an answer", "[certify][runner]") {
    // z3 prints "unsupported" and then "unsat" for a logic it does not know: the first line is its answer,
    // so the run is unknown, as for any failure (no z3, a crash), and never the "unsat" after it.
    SmtQuery q("QF_BOGUS", {"runner test: an unknown logic"});
    q.declare_real("x");
    q.assert_named("never", "(< x x)");
    z3::context ctx;
    const QueryOutcome outcome = run_query(ctx, q, in_binary(5000), {});
    CHECK(outcome.answer == "unknown");
    CHECK(outcome.reason == "unsupported");
}
