// Writing SMT-LIB2 queries with exact numbers, and running them in Z3 exactly as written (the text that is
// logged is the text Z3 parsed). Internal to the certification layer.
#pragma once

#include <z3++.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/core/action_set.hpp"
#include "bigcert/core/vector.hpp"

namespace bigcert {

// "(/ 7 3)", "(- 4)": an exact SMT-LIB real constant.
std::string smt_number(const Rational& value);
// (+ (* a0 y0) (* a1 y1) ...) for constant a and variable names y.
std::string smt_dot(const Vector& a, const std::vector<std::string>& names);
std::string smt_sum(const std::vector<std::string>& terms);
// Assertions that put the point named `names` in the set (interval bounds or the polytope's H-rep), each
// named "<label>_k" for unsat cores.
std::vector<std::string> smt_membership(const ActionSet& set, const std::vector<std::string>& names,
                                        const std::string& label);

// Builds a query text: header comments, logic, declarations, named assertions, check-sat. Every piece must
// lie in the alphabet of smt_text.hpp (InternalError otherwise): no user text, so no comment, symbol or term
// can change what the query asks.
class SmtQuery {
  public:
    SmtQuery(std::string logic, std::vector<std::string> comments);
    void declare_real(const std::string& name);
    // (define-fun name () Real term), after the declarations: a macro, which keeps nlsat's variable count
    // down.
    void define_real(const std::string& name, const std::string& term);
    void assert_named(const std::string& name, const std::string& formula);
    std::string text() const;
    const std::string& logic() const { return logic_; }

  private:
    std::string logic_;
    std::vector<std::string> comments_, declarations_, definitions_, assertions_;
};

struct QueryLimits {
    unsigned timeout_ms = 30000;
    unsigned rlimit = 0;  // 0: none
    bool produce_proof = true;
    // Run in the stock `z3` binary (`z3 -T:S FILE`) instead of in-process: for the few queries whose
    // in-process limits did not stop nlsat (algebraic_answer.cpp). Answer and reason only (no model, core or
    // proof); the logged text is still exactly what ran.
    bool separate_process = false;
};

// Limits for a wall-clock timeout in seconds. Z3 4.8.12's timer thread can deadlock on timeouts of a few
// milliseconds, so a timeout below 50 ms becomes a resource limit of 1 (Z3 gives up at once: "unknown").
QueryLimits limits_for_timeout(double timeout_seconds, unsigned rlimit, bool proof);

struct QueryOutcome {
    std::string answer;  // "sat", "unsat", "unknown"
    std::string reason;
    std::map<std::string, Rational> model;  // values of the requested variables (rational models only)
    bool model_rational = true;
    // Irrational (algebraic) model values, as rationals within 10^-40 of Z3's value (its algebraic_lower):
    // candidates only, which the caller must round into place and re-check exactly.
    std::map<std::string, Rational> approximate_model;
    // The defining polynomial of each irrational model value (coefficients, constant first), as Z3 gives it.
    std::map<std::string, std::vector<Rational>> algebraic_polynomials;
    std::vector<std::string> unsat_core;
    std::string proof;
};

// Runs the query text in a fresh solver of `ctx`, reading back the named variables on sat. A QF_NRA query
// runs in its own proof-free context instead, bounded by a watchdog calling interrupt() (Z3 4.8.12 ignored
// its timeout there with proofs on): on expiry "unknown" with reason "timeout", and no Z3 proof is logged for
// it. The proof-log entry of one query Z3 ran: its text, answer, core and proof, with what it is for.
LoggedQuery logged_query(const std::string& name, const std::string& purpose, const std::string& subject,
                         const std::string& method, const SmtQuery& query, const QueryOutcome& outcome,
                         const std::string& expected = "unsat");

QueryOutcome run_query(z3::context& ctx, const SmtQuery& query, const QueryLimits& limits,
                       const std::vector<std::string>& model_variables);

// One solver per logic and limits, reused with push/pop: creating a Z3 solver costs more than deciding the
// small per-player queries of certify. Each query still runs alone (its assertions are popped afterwards).
class SolverPool {
  public:
    explicit SolverPool(z3::context& ctx) : ctx_(ctx) {}
    QueryOutcome run(const SmtQuery& query, const QueryLimits& limits,
                     const std::vector<std::string>& model_variables);

  private:
    z3::context& ctx_;
    std::map<std::string, z3::solver> solvers_;
};

}  // namespace bigcert
