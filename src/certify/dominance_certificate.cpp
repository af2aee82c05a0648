#include <z3++.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bigcert/cancellation.hpp"
#include "bigcert/dominant_strategy.hpp"
#include "bigcert/dominant_strategy_certificate.hpp"
#include "bigcert/errors.hpp"
#include "bigcert/proof_log.hpp"

namespace bigcert {

std::string z3_version();  // z3_version.cpp

namespace {

z3::expr constant(z3::context& ctx, const Rational& value) { return ctx.real_val(to_string(value).c_str()); }

std::vector<z3::expr> real_vector(z3::context& ctx, const std::string& name, std::size_t d) {
    std::vector<z3::expr> v;
    for (std::size_t j = 0; j < d; ++j) v.push_back(ctx.real_const((name + "_" + std::to_string(j)).c_str()));
    return v;
}

z3::expr dot_expr(z3::context& ctx, const Vector& a, const std::vector<z3::expr>& y) {
    z3::expr sum = ctx.real_val(0);
    for (std::size_t j = 0; j < a.size(); ++j) sum = sum + constant(ctx, a[j]) * y[j];
    return sum;
}

// y in X: the interval's bounds, or the polytope's facets and affine-hull equations (all exact constants).
void constrain_to_set(z3::context& ctx, z3::solver& solver, const ActionSet& set,
                      const std::vector<z3::expr>& y) {
    if (set.kind() == ActionSet::Kind::interval) {
        solver.add(y[0] >= constant(ctx, set.as_interval().lo));
        solver.add(y[0] <= constant(ctx, set.as_interval().hi));
        return;
    }
    for (const Halfspace& h : set.as_polytope().facets())
        solver.add(dot_expr(ctx, h.normal, y) <= constant(ctx, h.offset));
    for (const Halfspace& h : set.as_polytope().equations())
        solver.add(dot_expr(ctx, h.normal, y) == constant(ctx, h.offset));
}

void limit(z3::context& ctx, z3::solver& solver, const DominanceCertifyOptions& options) {
    z3::params p(ctx);
    p.set("rlimit", options.rlimit);
    p.set("ctrl_c", false);  // SIGINT belongs to the whole run (cancellation.hpp), not to one query
    // These queries are linear (or the tiny symbolic lemma), where Z3 honours its timeout parameter.
    if (options.timeout_seconds > 0)
        p.set("timeout", static_cast<unsigned>(std::clamp(options.timeout_seconds * 1000.0, 1.0, 4.0e9)));
    solver.set(p);
}

// A cancelled run (cancellation.hpp) interrupts the query, and its unknown becomes no verdict. Z3's
// exception from an interrupted or resource-limited check ("canceled") is an unknown answer otherwise.
z3::check_result check_cancellably(z3::context& ctx, z3::solver& solver) {
    throw_if_cancelled();
    z3::check_result r = [&] {
        OnCancellation interrupt([&ctx] { ctx.interrupt(); });
        try {
            return solver.check();
        } catch (const z3::exception&) {
            return z3::unknown;
        }
    }();
    throw_if_cancelled();
    return r;
}

std::string seconds_text(double seconds) {
    std::ostringstream text;
    text << seconds << " s";
    return text.str();
}

const char* answer_name(z3::check_result r) {
    return r == z3::unsat ? "unsat" : r == z3::sat ? "sat" : "unknown";
}

// Its bundle: proof_log.txt and the queries, put in place by finish() (bundle_directory.hpp).
class DominanceLog {
  public:
    explicit DominanceLog(const std::string& dir) {
        if (dir.empty()) return;
        bundle_ = std::make_unique<BundleDirectory>(dir);
        text_ << "bigcert weak-dominance certificate (inner-product loss, paper Theorem 5)\n"
              << "z3 " << z3_version()
              << ", QF_LRA and QF_NRA queries, rlimit per query as below; every number exact\n";
    }
    void note(const std::string& line) { text_ << line << '\n'; }
    void query(const std::string& file, z3::solver& solver, const std::string& answer) {
        text_ << "  " << file << ": " << answer << '\n';
        if (!bundle_) return;
        std::ofstream out(std::filesystem::path(bundle_->staging()) / file);
        out << "; bigcert, z3 " << z3_version() << "; expected answer: unsat; got: " << answer << '\n'
            << solver.to_smt2();
    }
    void finish() {
        if (!bundle_) return;
        write_file_atomically(bundle_->staging() + "/proof_log.txt", text_.str());
        bundle_->commit();
    }

  private:
    std::unique_ptr<BundleDirectory> bundle_;
    std::ostringstream text_;
};

// Step 1: the reduction lemma with everything symbolic (z, w, t, y, x): unsat of the negation.
bool prove_reduction_lemma(std::size_t d, const DominanceCertifyOptions& options, DominanceLog& log) {
    z3::context ctx;
    z3::solver solver(ctx, "QF_NRA");
    limit(ctx, solver, options);
    std::vector<z3::expr> z = real_vector(ctx, "z", d), t = real_vector(ctx, "t", d),
                          y = real_vector(ctx, "y", d), x = real_vector(ctx, "x", d);
    z3::expr w = ctx.real_const("w");
    z3::expr loss_y = ctx.real_val(0), loss_x = ctx.real_val(0), reduced = ctx.real_val(0);
    for (std::size_t j = 0; j < d; ++j) {
        loss_y = loss_y - t[j] * (z[j] + w * y[j]);  // l_i at receiver z + w y
        loss_x = loss_x - t[j] * (z[j] + w * x[j]);
        reduced = reduced - w * t[j] * (y[j] - x[j]);
    }
    solver.add(loss_y - loss_x != reduced);
    z3::check_result r = check_cancellably(ctx, solver);
    log.query("lemma_reduction_d" + std::to_string(d) + ".smt2", solver, answer_name(r));
    return r == z3::unsat;
}

// Exact value of a real in a Z3 model.
std::optional<Rational> model_value(z3::model& model, const z3::expr& e) {
    z3::expr value = model.eval(e, true);
    if (!value.is_numeral()) return std::nullopt;
    return parse_rational(Z3_get_numeral_string(value.ctx(), value));
}

PlayerDominanceVerdict certify_player(const Instance& instance, std::size_t i,
                                      const std::vector<Vector>& actions,
                                      const DominanceCertifyOptions& options, DominanceLog& log) {
    PlayerDominanceVerdict verdict;
    verdict.index = i;
    const std::size_t d = instance.dimension;
    const Vector g = instance.players[i].weight * instance.players[i].target;
    // Step 2: exists y in X_i with g·y > g·x_i ?
    z3::context ctx;
    z3::solver solver(ctx, "QF_LRA");
    limit(ctx, solver, options);
    std::vector<z3::expr> y = real_vector(ctx, "y", d);
    constrain_to_set(ctx, solver, instance.set_of(i), y);
    solver.add(dot_expr(ctx, g, y) > constant(ctx, dot(g, actions[i])));
    z3::check_result r = check_cancellably(ctx, solver);
    log.query("player" + std::to_string(i) + "_reduced.smt2", solver, answer_name(r));
    if (r == z3::unsat) {
        verdict.verdict = "certified";
    } else if (r == z3::sat) {
        z3::model model = solver.get_model();
        Vector deviation;
        for (const z3::expr& e : y)
            if (std::optional<Rational> value = model_value(model, e)) deviation.push_back(*value);
        // Report a refutation only when the exact arithmetic agrees.
        if (deviation.size() == d && instance.set_of(i).contains(deviation) &&
            dot(g, deviation) > dot(g, actions[i])) {
            verdict.verdict = "refuted";
            verdict.deviation = deviation;
        } else {
            verdict.verdict = "not certified";
            verdict.reason = "z3 answered sat but its deviation failed the exact check";
        }
    } else {
        verdict.verdict = "not certified";
        verdict.reason =
            "z3 answered unknown (" + solver.reason_unknown() + ") within rlimit " +
            std::to_string(options.rlimit) +
            (options.timeout_seconds > 0 ? " and timeout " + seconds_text(options.timeout_seconds) : "");
    }
    // Step 3: the definition itself, every other player's action a variable in its set.
    const std::size_t n = instance.players.size();
    if (n * d > options.max_definition_variables) {
        verdict.definition = "skipped";
        return verdict;
    }
    z3::context dctx;
    z3::solver definition(dctx, "QF_LRA");
    limit(dctx, definition, options);
    std::vector<std::vector<z3::expr>> x;
    for (std::size_t j = 0; j < n; ++j) {
        x.push_back(real_vector(dctx, "x" + std::to_string(j), d));
        if (j != i) constrain_to_set(dctx, definition, instance.set_of(j), x[j]);
    }
    std::vector<z3::expr> dev = real_vector(dctx, "y", d);
    constrain_to_set(dctx, definition, instance.set_of(i), dev);
    const Vector bias = instance.bias();
    auto loss_with = [&](bool deviate) {
        z3::expr loss = dctx.real_val(0);
        for (std::size_t c = 0; c < d; ++c) {
            z3::expr receiver = constant(dctx, bias[c]);
            for (std::size_t j = 0; j < n; ++j) {
                z3::expr own = j == i ? (deviate ? dev[c] : constant(dctx, actions[i][c])) : x[j][c];
                receiver = receiver + constant(dctx, instance.players[j].weight) * own;
            }
            loss = loss - constant(dctx, instance.players[i].target[c]) * receiver;
        }
        return loss;
    };
    definition.add(loss_with(true) < loss_with(false));
    z3::check_result dr = check_cancellably(dctx, definition);
    verdict.definition = answer_name(dr);
    log.query("player" + std::to_string(i) + "_definition.smt2", definition, verdict.definition);
    return verdict;
}

}  // namespace

DominanceCertificate certify_weak_dominance(const Instance& instance, const std::vector<Vector>& actions,
                                            const DominanceCertifyOptions& options) {
    if (instance.loss != Loss::inner)
        throw UnsupportedError("loss", "weak-dominance certification needs the inner-product loss");
    const std::size_t n = instance.players.size();
    if (actions.size() != n) throw InputError("actions", "expected " + std::to_string(n) + " actions");
    for (std::size_t i = 0; i < n; ++i)
        if (actions[i].size() != instance.dimension)
            throw InputError("actions[" + std::to_string(i) + "]",
                             "expected " + std::to_string(instance.dimension) + " coordinates");
    DominanceCertificate certificate;
    certificate.proof_log = options.proof_log;
    DominanceLog log(options.proof_log);
    log.note("rlimit " + std::to_string(options.rlimit));
    log.note(
        "step 1: reduction lemma l_i(y, x_-i) - l_i(x_i, x_-i) = -w t.(y - x_i) for all z = w0 x0 + "
        "sum_{j!=i} w_j x_j");
    certificate.lemma_proved = prove_reduction_lemma(instance.dimension, options, log);
    log.note(
        "steps 2-3: per player, the reduced query (exists y in X_i improving against every profile) and the "
        "definition query");
    bool all = certificate.lemma_proved, refuted = false;
    for (std::size_t i = 0; i < n; ++i) {
        PlayerDominanceVerdict v;
        if (!instance.set_of(i).contains(actions[i])) {
            v.index = i;
            v.verdict = "refuted";
            v.reason = "the action is not in the player's action set";
            v.definition = "skipped";
        } else {
            v = certify_player(instance, i, actions, options, log);
        }
        all = all && v.verdict == "certified";
        refuted = refuted || v.verdict == "refuted";
        certificate.players.push_back(std::move(v));
    }
    certificate.verdict = refuted ? "refuted" : all ? "certified" : "not certified";
    log.note("verdict: " + certificate.verdict);
    log.finish();
    return certificate;
}

Json dominance_certificate_json(const DominanceCertificate& certificate) {
    Json players = Json::array();
    for (const PlayerDominanceVerdict& v : certificate.players) {
        Json p{{"index", v.index}, {"verdict", v.verdict}, {"definition_query", v.definition}};
        if (!v.deviation.empty()) p["deviation"] = vector_json(v.deviation);
        if (!v.reason.empty()) p["reason"] = v.reason;
        players.push_back(std::move(p));
    }
    Json out{{"format", "bigcert-certificate/1"},
             {"verdict", certificate.verdict},
             {"method", "weak dominance (Theorem 5): symbolic reduction lemma + QF_LRA per player"},
             {"lemma", certificate.lemma_proved ? "proved" : "not proved"},
             {"players", players}};
    if (!certificate.lemma_proved && certificate.verdict != "refuted")
        out["reason"] = "the reduction lemma was not proved";
    if (!certificate.proof_log.empty()) out["proof_log"] = certificate.proof_log;
    return out;
}

}  // namespace bigcert
