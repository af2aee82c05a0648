#include "bigcert/certify/smt_query.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <thread>

#include "bigcert/certify/curved_certificate.hpp"
#include "bigcert/core/cancellation.hpp"
#include "bigcert/core/errors.hpp"
#include "certify/smt_text.hpp"
#include "certify/subprocess.hpp"

namespace bigcert {

std::string smt_number(const Rational& value) {
    Integer num = numerator(value), den = denominator(value);
    bool negative = num < 0;
    if (negative) num = -num;
    std::string magnitude = den == 1 ? num.str() + ".0" : "(/ " + num.str() + ".0 " + den.str() + ".0)";
    return negative ? "(- " + magnitude + ")" : magnitude;
}

std::string smt_sum(const std::vector<std::string>& terms) {
    if (terms.empty()) return "0.0";
    if (terms.size() == 1) return terms[0];
    std::string out = "(+";
    for (const std::string& t : terms) out += " " + t;
    return out + ")";
}

std::string smt_dot(const Vector& a, const std::vector<std::string>& names) {
    std::vector<std::string> terms;
    for (std::size_t j = 0; j < a.size(); ++j)
        if (sign(a[j]) != 0)
            terms.push_back(a[j] == 1 ? names[j] : "(* " + smt_number(a[j]) + " " + names[j] + ")");
    return smt_sum(terms);
}

std::vector<std::string> smt_membership(const ActionSet& set, const std::vector<std::string>& names,
                                        const std::string& label) {
    std::vector<std::string> formulas;
    if (set.kind() == ActionSet::Kind::interval) {
        formulas.push_back("(<= " + smt_number(set.as_interval().lo) + " " + names[0] + ")");
        formulas.push_back("(<= " + names[0] + " " + smt_number(set.as_interval().hi) + ")");
        return formulas;
    }
    if (set.is_curved()) return {smt_curved_membership(set.as_curved(), names)};  // one quadratic constraint
    const Polytope& p = set.as_polytope();
    for (const Halfspace& e : p.equations())
        formulas.push_back("(= " + smt_dot(e.normal, names) + " " + smt_number(e.offset) + ")");
    for (const Halfspace& f : p.facets())
        formulas.push_back("(<= " + smt_dot(f.normal, names) + " " + smt_number(f.offset) + ")");
    (void)label;
    return formulas;
}

QueryLimits limits_for_timeout(double timeout_seconds, unsigned rlimit, bool proof) {
    if (timeout_seconds < 0.05) return QueryLimits{0, 1, proof};
    double ms = std::ceil(timeout_seconds * 1000);
    return QueryLimits{static_cast<unsigned>(std::min(ms, 4.0e9)), rlimit, proof};
}

namespace {

// smt_text.hpp: text outside the alphabet is a bug in the caller (user text must never get here).
const std::string& checked(bool ok, const char* what, const std::string& text) {
    if (!ok) throw InternalError(std::string("an SMT-LIB ") + what + " outside bigcert's query alphabet");
    return text;
}

}  // namespace

SmtQuery::SmtQuery(std::string logic, std::vector<std::string> comments)
    : logic_(std::move(logic)), comments_(std::move(comments)) {
    checked(is_smt_symbol(logic_), "logic", logic_);
    for (const std::string& c : comments_) checked(is_smt_comment_text(c), "comment", c);
}

void SmtQuery::declare_real(const std::string& name) {
    declarations_.push_back("(declare-fun " + checked(is_smt_symbol(name), "symbol", name) + " () Real)");
}

void SmtQuery::define_real(const std::string& name, const std::string& term) {
    definitions_.push_back("(define-fun " + checked(is_smt_symbol(name), "symbol", name) + " () Real " +
                           checked(is_smt_term(term), "term", term) + ")");
}

void SmtQuery::assert_named(const std::string& name, const std::string& formula) {
    assertions_.push_back("(assert (! " + checked(is_smt_term(formula), "formula", formula) + " :named " +
                          checked(is_smt_symbol(name), "symbol", name) + "))");
}

namespace {

// Z3 4.8.12 (and its binary) reads a numeral digit by digit into a growing bignum, which is quadratic in its
// length (measured: 20,000 digits 70 ms, 40,000 digits 300 ms), and a query repeats each number of the
// instance many times (a target: in the KKT conditions, the interior test, the negation), all parsed outside
// every timeout. So a numeral longer than this is defined once (define-fun with the numeral itself as its
// body: Z3's linearity check accepts (* name x) only then; a Horner sum of short pieces, which Z3 reads in
// linear time, is rejected as nonlinear in QF_LRA).
constexpr std::size_t long_numeral_digits = 1000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Replaces every long numeral token "ddd.0" of `line` by the name of its definition, adding new ones.
std::string share_long_numerals(const std::string& line, std::map<std::string, std::string>& names,
                                std::vector<std::string>& definitions) {
    std::string out;
    std::size_t i = 0;
    while (i < line.size()) {
        const bool token_start = i == 0 || line[i - 1] == ' ' || line[i - 1] == '(';
        std::size_t end = i;
        while (token_start && end < line.size() && is_digit(line[end])) ++end;
        const bool long_numeral = end - i > long_numeral_digits && line.compare(end, 2, ".0") == 0 &&
                                  (end + 2 == line.size() || line[end + 2] == ' ' || line[end + 2] == ')');
        if (!long_numeral) {
            out += line[i++];
            continue;
        }
        const std::string digits = line.substr(i, end - i);
        auto [it, added] = names.emplace(digits, "bigcert_numeral_" + std::to_string(names.size()));
        if (added) definitions.push_back("(define-fun " + it->second + " () Real " + digits + ".0)");
        out += it->second;
        i = end + 2;
    }
    return out;
}

}  // namespace

std::string SmtQuery::text() const {
    std::map<std::string, std::string> names;
    std::vector<std::string> numerals, body;
    for (const std::string& d : definitions_) body.push_back(share_long_numerals(d, names, numerals));
    for (const std::string& a : assertions_) body.push_back(share_long_numerals(a, names, numerals));
    std::ostringstream out;
    for (const std::string& c : comments_) out << "; " << c << "\n";
    if (!numerals.empty())
        out << "; numerals longer than " << long_numeral_digits
            << " digits are defined once (bigcert_numeral_k)\n";
    out << "(set-logic " << logic_ << ")\n";
    for (const std::string& d : declarations_) out << d << "\n";
    for (const std::string& d : numerals) out << d << "\n";
    for (const std::string& line : body) out << line << "\n";
    out << "(check-sat)\n(exit)\n";
    return out.str();
}

namespace {

z3::solver make_solver(z3::context& ctx, const SmtQuery& query, const QueryLimits& limits) {
    z3::solver solver(
        ctx,
        query.logic().c_str());  // the logic's own solver: far less set-up per query than the generic one
    z3::params params(ctx);
    if (limits.timeout_ms) params.set("timeout", limits.timeout_ms);
    if (limits.rlimit) params.set("rlimit", limits.rlimit);
    params.set("unsat_core", true);  // the named assertions give the core
    params.set("ctrl_c", false);     // SIGINT belongs to the whole run (cancellation.hpp), not to one query
    solver.set(params);
    return solver;
}

// Z3_algebraic_get_poly's coefficients (constant first); empty when one does not read as a rational.
std::vector<Rational> algebraic_polynomial(const z3::expr& value) {
    std::vector<Rational> coefficients;
    std::string text;
    for (const z3::expr& c : value.algebraic_poly()) {
        std::optional<Rational> k =
            c.is_numeral(text) ? parse_rational(text, NumberLimits{1'000'000, 1'000'000}) : std::nullopt;
        if (!k) return {};
        coefficients.push_back(*k);
    }
    return coefficients;
}

QueryOutcome answer_or_throw(z3::context& ctx, z3::solver& solver, const SmtQuery& query,
                             const QueryLimits& limits, const std::vector<std::string>& model_variables) {
    solver.from_string(query.text().c_str());
    QueryOutcome outcome;
    z3::check_result result = solver.check();
    throw_if_cancelled();
    if (result == z3::unsat) {
        outcome.answer = "unsat";
        for (const z3::expr& e : solver.unsat_core()) outcome.unsat_core.push_back(e.to_string());
        if (limits.produce_proof) {
            try {
                outcome.proof = solver.proof().to_string();
                if (outcome.proof.size() > (std::size_t{1} << 20)) outcome.proof.clear();  // keep logs small
            } catch (const z3::exception&) {
            }
        }
    } else if (result == z3::sat) {
        outcome.answer = "sat";
        z3::model model = solver.get_model();
        for (const std::string& name : model_variables) {
            z3::expr value = model.eval(ctx.real_const(name.c_str()), true);
            std::string text;
            std::optional<Rational> q;
            if (value.is_numeral(text)) q = parse_rational(text, NumberLimits{1'000'000, 1'000'000});
            if (!q) {
                outcome.model_rational = false;
                if (value.is_algebraic() && value.algebraic_lower(40).is_numeral(text))
                    if (std::optional<Rational> a = parse_rational(text, NumberLimits{1'000'000, 1'000'000}))
                        outcome.approximate_model[name] = *a;
                if (value.is_algebraic()) outcome.algebraic_polynomials[name] = algebraic_polynomial(value);
                continue;
            }
            outcome.model[name] = *q;
        }
    } else {
        outcome.answer = "unknown";
        outcome.reason = solver.reason_unknown();
    }
    return outcome;
}

// Z3's messages for a stopped query: interrupt() ("canceled"), timeout, rlimit ("max. resource limit
// exceeded"), memory.
bool is_interruption(const std::string& message) {
    for (const char* word : {"cancel", "timeout", "limit", "memory"})
        if (message.find(word) != std::string::npos) return true;
    return false;
}

QueryOutcome decide(z3::context& ctx, z3::solver& solver, const SmtQuery& query, const QueryLimits& limits,
                    const std::vector<std::string>& model_variables) {
    // A cancelled run (a signal, --time-limit) interrupts the query; its "unknown" must not become a verdict.
    throw_if_cancelled();
    OnCancellation interrupt([&ctx] { ctx.interrupt(); });
    try {
        QueryOutcome outcome = answer_or_throw(ctx, solver, query, limits, model_variables);
        throw_if_cancelled();
        return outcome;
    } catch (const z3::exception& e) {
        // Z3 4.8.12 throws ("canceled") when an interrupt (the watchdog's deadline) or a resource limit lands
        // in parsing, check() or model evaluation: that query is undecided, unless the whole run was
        // cancelled. Any other failure (Z3 rejecting the text) is bigcert's bug.
        throw_if_cancelled();
        if (!is_interruption(e.msg())) throw InternalError(std::string("Z3 failed on a query: ") + e.msg());
        QueryOutcome outcome;
        outcome.answer = "unknown";
        outcome.reason = e.msg();
        return outcome;
    }
}

// Calls ctx.interrupt() from the deadline on, every 100 ms until the query returns (one interrupt does not
// always land), and says whether it fired.
class Watchdog {
  public:
    Watchdog(z3::context& ctx, unsigned timeout_ms) : ctx_(ctx) {
        if (timeout_ms == 0) return;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        thread_ = std::thread([this, deadline] {
            std::unique_lock<std::mutex> lock(mutex_);
            if (done_cv_.wait_until(lock, deadline, [this] { return done_; })) return;
            fired_ = true;
            do ctx_.interrupt();
            while (!done_cv_.wait_for(lock, std::chrono::milliseconds(100), [this] { return done_; }));
        });
    }
    ~Watchdog() { stop(); }
    bool stop() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_ = true;
        }
        done_cv_.notify_all();
        if (thread_.joinable()) thread_.join();
        return fired_;
    }

  private:
    z3::context& ctx_;
    std::mutex mutex_;
    std::condition_variable done_cv_;
    bool done_ = false, fired_ = false;
    std::thread thread_;
};

// QF_NRA in Z3 4.8.12 ran unbounded (measured: minutes past a 2 s timeout, interrupt() ignored too) whenever
// the context produced proofs, and its own timer thread once hung at the deadline without proofs. So a
// nonlinear query runs in a fresh proof-free context (its nonlinear proof steps are opaque anyway; the logged
// text is what `bigcert replay` re-runs) without Z3's timer, stopped by our watchdog: measured to stop nlsat
// within 0.6 s of the deadline. Expiry answers "unknown" with reason "timeout".
QueryOutcome decide_nonlinear(const SmtQuery& query, const QueryLimits& limits,
                              const std::vector<std::string>& model_variables) {
    z3::context ctx;
    QueryLimits own = limits;
    own.timeout_ms = 0;  // the watchdog's job
    own.produce_proof = false;
    z3::solver solver = make_solver(ctx, query, own);
    Watchdog watchdog(ctx, limits.timeout_ms);
    QueryOutcome outcome = decide(ctx, solver, query, own, model_variables);
    if (watchdog.stop() && outcome.answer == "unknown") outcome.reason = "timeout";
    return outcome;
}

// The stock binary's first output line: "sat", "unsat", else unknown with what it printed ("timeout" at -T).
QueryOutcome decide_in_z3_binary(const SmtQuery& query, const QueryLimits& limits) {
    const double seconds = limits.timeout_ms ? limits.timeout_ms / 1000.0 : 0;
    const std::string first = run_z3_binary(query.text(), seconds);
    QueryOutcome outcome;
    outcome.answer = first == "sat" || first == "unsat" ? first : "unknown";
    if (outcome.answer == "unknown") outcome.reason = first.empty() ? "no answer" : first;
    return outcome;
}

}  // namespace

LoggedQuery logged_query(const std::string& name, const std::string& purpose, const std::string& subject,
                         const std::string& method, const SmtQuery& query, const QueryOutcome& outcome,
                         const std::string& expected) {
    LoggedQuery entry;
    entry.name = name;
    entry.purpose = purpose;
    entry.subject = subject;
    entry.method = method;
    entry.logic = query.logic();
    entry.smt2 = query.text();
    entry.expected = expected;
    entry.answer = outcome.answer;
    entry.reason = outcome.reason;
    entry.unsat_core = outcome.unsat_core;
    entry.proof = outcome.proof;
    return entry;
}

QueryOutcome run_query(z3::context& ctx, const SmtQuery& query, const QueryLimits& limits,
                       const std::vector<std::string>& model_variables) {
    if (limits.separate_process) return decide_in_z3_binary(query, limits);
    if (query.logic() == "QF_NRA") return decide_nonlinear(query, limits, model_variables);
    z3::solver solver = make_solver(ctx, query, limits);
    return decide(ctx, solver, query, limits, model_variables);
}

QueryOutcome SolverPool::run(const SmtQuery& query, const QueryLimits& limits,
                             const std::vector<std::string>& model_variables) {
    if (query.logic() == "QF_NRA") return decide_nonlinear(query, limits, model_variables);
    const std::string key =
        query.logic() + "/" + std::to_string(limits.timeout_ms) + "/" + std::to_string(limits.rlimit);
    auto it = solvers_.find(key);
    if (it == solvers_.end()) it = solvers_.emplace(key, make_solver(ctx_, query, limits)).first;
    it->second.push();
    QueryOutcome outcome = decide(ctx_, it->second, query, limits, model_variables);
    it->second.pop();
    return outcome;
}

}  // namespace bigcert
