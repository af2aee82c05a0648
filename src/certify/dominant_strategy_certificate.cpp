#include "bigcert/certify/dominant_strategy_certificate.hpp"

#include <z3++.h>

#include <algorithm>
#include <cmath>

#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/parallel.hpp"
#include "bigcert/solver/dominant_strategy.hpp"

namespace bigcert {
namespace {

std::vector<std::string> names(const std::string& stem, std::size_t d) {
    std::vector<std::string> out;
    for (std::size_t j = 0; j < d; ++j) out.push_back(stem + "_" + std::to_string(j));
    return out;
}

std::string file_stem(std::size_t i, const char* step) {
    const std::string index = std::to_string(i);
    return "dominance-player-" + std::string(index.size() < 7 ? 7 - index.size() : 0, '0') + index + "-" +
           step;
}

// A curved set's membership is quadratic (smt_membership), everything else here is linear.
std::string logic_for(const ActionSet& set) { return set.is_curved() ? "QF_NRA" : "QF_LRA"; }

void add_membership(SmtQuery& q, const ActionSet& set, const std::vector<std::string>& y,
                    const std::string& label) {
    const std::vector<std::string> formulas = smt_membership(set, y, label);
    for (std::size_t k = 0; k < formulas.size(); ++k)
        q.assert_named(label + "_" + std::to_string(k), formulas[k]);
}

// The per-query limits: --timeout 0 means none here (the deterministic rlimit still bounds every query).
QueryLimits limits_of(const DominanceCertifyOptions& options, bool proof) {
    QueryLimits limits;
    limits.timeout_ms =
        options.timeout_seconds > 0
            ? static_cast<unsigned>(std::clamp(std::ceil(options.timeout_seconds * 1000), 1.0, 4.0e9))
            : 0;
    limits.rlimit = options.rlimit;
    limits.produce_proof = proof;
    return limits;
}

std::string why_unknown(const QueryOutcome& outcome, const DominanceCertifyOptions& options) {
    std::string text =
        "z3 answered unknown (" + outcome.reason + ") within rlimit " + std::to_string(options.rlimit);
    if (options.timeout_seconds > 0) text += " and timeout " + std::to_string(options.timeout_seconds) + " s";
    return text;
}

// Step 1: the reduction lemma with everything symbolic (z, w, t, y, x): the negation must be unsat.
SmtQuery reduction_lemma(std::size_t d) {
    SmtQuery q("QF_NRA", {"bigcert certify, inner loss (paper Theorem 5): reduction lemma in dimension " +
                              std::to_string(d),
                          "l(y) - l(x) = -w t.(y - x) for every others' part z of the receiver, w, t, y, x"});
    const std::vector<std::string> z = names("z", d), t = names("t", d), y = names("y", d), x = names("x", d);
    for (const auto* v : {&z, &t, &y, &x})
        for (const std::string& name : *v) q.declare_real(name);
    q.declare_real("w");
    std::vector<std::string> at_y, at_x, reduced;
    for (std::size_t j = 0; j < d; ++j) {
        at_y.push_back("(* " + t[j] + " (+ " + z[j] + " (* w " + y[j] + ")))");
        at_x.push_back("(* " + t[j] + " (+ " + z[j] + " (* w " + x[j] + ")))");
        reduced.push_back("(* w (* " + t[j] + " (- " + y[j] + " " + x[j] + ")))");
    }
    // l(y) - l(x) = -(t.(z + w y)) + t.(z + w x); the reduced form is -(w t.(y - x)).
    q.assert_named("lemma_negated", "(not (= (- " + smt_sum(at_x) + " " + smt_sum(at_y) + ") (- 0.0 " +
                                        smt_sum(reduced) + ")))");
    return q;
}

// Step 2: exists y in X_i with w_i t_i·y > w_i t_i·x_i? (unsat: x_i is weakly dominant by the lemma.)
SmtQuery reduced_query(const Instance& instance, std::size_t i, const Vector& x) {
    const ActionSet& set = instance.set_of(i);
    const Vector g = instance.players[i].weight * instance.players[i].target;
    SmtQuery q(logic_for(set),
               {"bigcert certify, inner loss: player " + std::to_string(i) + " (0-based index)",
                "exists y in X_i with w_i t_i.y > w_i t_i.x_i (the reduced claim)"});
    const std::vector<std::string> y = names("y", instance.dimension);
    for (const std::string& name : y) q.declare_real(name);
    add_membership(q, set, y, "in_set");
    q.assert_named("improves", "(> " + smt_dot(g, y) + " " + smt_number(dot(g, x)) + ")");
    return q;
}

// Step 3: the definition with every other player's action a variable in its set and the loss written out
// from the receiver: exists x_-i, y with l_i(y, x_-i) < l_i(x_i, x_-i)?
SmtQuery definition_query(const Instance& instance, std::size_t i, const Vector& x) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    bool curved = instance.set_of(i).is_curved();
    for (std::size_t j = 0; j < n; ++j) curved = curved || instance.set_of(j).is_curved();
    SmtQuery q(
        curved ? "QF_NRA" : "QF_LRA",
        {"bigcert certify, inner loss: player " + std::to_string(i) + " (0-based index), the definition",
         "exists a profile of the others and y in X_i with -t_i.r(y) < -t_i.r(x_i)"});
    std::vector<std::vector<std::string>> others(n);
    for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        others[j] = names("x" + std::to_string(j), d);
        for (const std::string& name : others[j]) q.declare_real(name);
    }
    const std::vector<std::string> y = names("y", d);
    for (const std::string& name : y) q.declare_real(name);
    for (std::size_t j = 0; j < n; ++j)
        if (j != i) add_membership(q, instance.set_of(j), others[j], "in_set_" + std::to_string(j));
    add_membership(q, instance.set_of(i), y, "in_set");
    const Vector bias = instance.bias();
    auto loss = [&](bool deviate) {
        std::vector<std::string> receiver;
        for (std::size_t c = 0; c < d; ++c) {
            std::vector<std::string> terms{smt_number(bias.empty() ? Rational(0) : bias[c])};
            for (std::size_t j = 0; j < n; ++j) {
                const std::string own = j != i ? others[j][c] : deviate ? y[c] : smt_number(x[c]);
                terms.push_back("(* " + smt_number(instance.players[j].weight) + " " + own + ")");
            }
            receiver.push_back(smt_sum(terms));
        }
        return "(- 0.0 " + smt_dot(instance.players[i].target, receiver) + ")";
    };
    q.assert_named("improves", "(< " + loss(true) + " " + loss(false) + ")");
    return q;
}

// A sat answer of the reduced query is a refutation only when its deviation passes the exact check.
void read_deviation(const Instance& instance, std::size_t i, const Vector& x, const QueryOutcome& outcome,
                    PlayerDominanceVerdict& verdict) {
    const Vector g = instance.players[i].weight * instance.players[i].target;
    Vector deviation;
    for (const std::string& name : names("y", instance.dimension))
        if (auto it = outcome.model.find(name); it != outcome.model.end()) deviation.push_back(it->second);
    if (deviation.size() == instance.dimension && instance.set_of(i).contains(deviation) &&
        dot(g, deviation) > dot(g, x)) {
        verdict.verdict = "refuted";
        verdict.deviation = deviation;
        return;
    }
    verdict.verdict = "not certified";
    verdict.reason = "z3 answered sat but its deviation failed the exact check";
}

PlayerDominanceVerdict certify_dominance_player(z3::context& ctx, const Instance& instance, std::size_t i,
                                                const std::vector<Vector>& actions, ProofLog& log,
                                                const DominanceCertifyOptions& options) {
    PlayerDominanceVerdict verdict;
    verdict.index = i;
    if (!instance.set_of(i).contains(actions[i])) {
        verdict.verdict = "refuted";
        verdict.reason = "the action is not in the player's action set";
        verdict.definition = "skipped";
        return verdict;
    }
    const QueryLimits limits = limits_of(options, log.enabled());
    const SmtQuery reduced = reduced_query(instance, i, actions[i]);
    const QueryOutcome outcome = run_query(ctx, reduced, limits, names("y", instance.dimension));
    log.record(logged_query(file_stem(i, "reduced"), "certify", instance.label(i),
                            "weak dominance, reduced by the lemma (linear)", reduced, outcome));
    if (outcome.answer == "unsat")
        verdict.verdict = "certified";
    else if (outcome.answer == "sat")
        read_deviation(instance, i, actions[i], outcome, verdict);
    else
        verdict.verdict = "not certified", verdict.reason = why_unknown(outcome, options);
    if (instance.players.size() * instance.dimension > options.max_definition_variables) {
        verdict.definition = "skipped";
        return verdict;
    }
    const SmtQuery definition = definition_query(instance, i, actions[i]);
    const QueryOutcome answer = run_query(ctx, definition, limits, {});
    verdict.definition = answer.answer;
    log.record(logged_query(file_stem(i, "definition"), "certify", instance.label(i),
                            "weak dominance, the definition with every other player symbolic", definition,
                            answer));
    return verdict;
}

}  // namespace

DominanceCertificate certify_weak_dominance(const Instance& instance, const std::vector<Vector>& actions,
                                            ProofLog& log, const DominanceCertifyOptions& options) {
    if (instance.loss != Loss::inner)
        throw UnsupportedError("loss", "weak-dominance certification needs the inner-product loss");
    const std::size_t n = instance.players.size();
    if (actions.size() != n) throw InputError("actions", "expected " + std::to_string(n) + " actions");
    for (std::size_t i = 0; i < n; ++i)
        if (actions[i].size() != instance.dimension)
            throw InputError("actions[" + std::to_string(i) + "]",
                             "expected " + std::to_string(instance.dimension) + " coordinates");
    DominanceCertificate certificate;
    {
        z3::context ctx;
        const SmtQuery lemma = reduction_lemma(instance.dimension);
        const QueryOutcome outcome = run_query(ctx, lemma, limits_of(options, false), {});
        log.record(logged_query("dominance-lemma-d" + std::to_string(instance.dimension), "certify",
                                "every player", "reduction lemma (symbolic, nonlinear)", lemma, outcome));
        certificate.lemma_proved = outcome.answer == "unsat";
    }
    certificate.players.resize(n);
    parallel_chunks(
        n, worker_count(options.threads, n, 1), [&](unsigned, std::size_t begin, std::size_t end) {
            z3::config config;
            config.set("proof", log.enabled());  // proof objects are for the log only
            z3::context ctx(config);             // one context per thread: Z3 contexts are not thread-safe
            for (std::size_t i = begin; i < end; ++i)
                certificate.players[i] = certify_dominance_player(ctx, instance, i, actions, log, options);
        });
    bool all = certificate.lemma_proved, refuted = false;
    for (const PlayerDominanceVerdict& v : certificate.players) {
        all = all && v.verdict == "certified";
        refuted = refuted || v.verdict == "refuted";
    }
    certificate.verdict = refuted ? "refuted" : all ? "certified" : "not certified";
    log.add_note(
        "certify, inner loss (paper Theorem 5, docs/model.md): x_i is weakly dominant iff no y in X_i has "
        "l_i(y, x_-i) < l_i(x_i, x_-i) for ANY profile x_-i. The lemma query (QF_NRA, all symbolic) proves "
        "l_i(y, x_-i) - l_i(x_i, x_-i) = -w_i t_i.(y - x_i) whatever the others' part z of the receiver, so "
        "the claim reduces to the per-player query 'exists y in X_i with w_i t_i.y > w_i t_i.x_i' (unsat: "
        "certified; sat: the model's y, re-checked exactly, is a deviation better against every profile). "
        "The definition queries (every other player a variable in its set) are extra evidence.");
    certificate.proof_log = log.directory();
    certificate.manifest_sha256 =
        log.finish({{"timeout_seconds", options.timeout_seconds},
                    {"rlimit", options.rlimit},
                    {"max_definition_variables", options.max_definition_variables}});
    return certificate;
}

Json dominance_certificate_json(const Instance& instance, const DominanceCertificate& certificate) {
    Json players = Json::array();
    for (const PlayerDominanceVerdict& v : certificate.players) {
        Json p{{"index", v.index},
               {"name", instance.label(v.index)},
               {"verdict", v.verdict},
               {"definition_query", v.definition}};
        if (!v.deviation.empty()) p["deviation"] = vector_json(v.deviation);
        if (!v.reason.empty()) p["reason"] = v.reason;
        players.push_back(std::move(p));
    }
    Json out{{"format", "bigcert-certificate/1"},
             {"instance", instance.name},
             {"verdict", certificate.verdict},
             {"method", "weak dominance (Theorem 5): symbolic reduction lemma + QF_LRA per player"},
             {"lemma", certificate.lemma_proved ? "proved" : "not proved"},
             {"players", players}};
    if (!certificate.lemma_proved && certificate.verdict != "refuted")
        out["reason"] = "the reduction lemma was not proved";
    if (!certificate.proof_log.empty()) {
        out["proof_log"] = certificate.proof_log;
        out["manifest_sha256"] = certificate.manifest_sha256;
    }
    return out;
}

}  // namespace bigcert
