// Z3 4.8.12 ran QF_NRA queries past their timeout in a proof-producing context (and ignored interrupt()):
// run_query must still return "unknown (timeout)" near the deadline (smt_query.cpp: decide_nonlinear).
#include <catch2/catch.hpp>
#include <chrono>

#include "bigcert/certify/smt_query.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"
#include "certify/equilibrium_system.hpp"

using namespace bigcert;

TEST_CASE("a nonlinear query that nlsat cannot decide stops at the deadline, proofs on", "[curved][z3]") {
    // The whole KKT system of ellipse-mixed with its receiver box negated: undecided after 30 s in the z3
    // binary, and unbounded in-process with proofs before the watchdog (measured: killed after 10 minutes).
    Instance instance =
        load_instance_file(std::string(BIGCERT_SOURCE_DIR) + "/examples/ellipse-mixed/ellipse-mixed.json");
    Solution solution = solve(instance);
    REQUIRE(solution.enclosed);
    SmtQuery q(equilibrium_logic(instance), {"watchdog test"});
    EquilibriumCopy e = add_equilibrium(q, instance, "");
    const Enclosure& box = solution.receiver_enclosure[0];
    q.assert_named("outside", "(or (< " + e.r[0] + " " + smt_number(box.lo) + ") (> " + e.r[0] + " " +
                                  smt_number(box.hi) + "))");
    z3::config config;
    config.set("proof", true);
    z3::context ctx(config);
    const auto start = std::chrono::steady_clock::now();
    QueryOutcome outcome = run_query(ctx, q, limits_for_timeout(1.0, 0, true), {});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(outcome.answer == "unknown");
    CHECK(outcome.reason == "timeout");
    CHECK(seconds < 8);  // deadline 1 s; the watchdog stopped nlsat within 0.6 s of it when measured
}
