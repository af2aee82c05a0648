#include "bigcert/certify/receivers_certificate.hpp"

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/linear_algebra.hpp"
#include "bigcert/solver/receivers.hpp"

namespace bigcert {
namespace {

std::vector<std::string> point_names(std::size_t d) {
    std::vector<std::string> names;
    for (std::size_t c = 0; c < d; ++c) names.push_back("y" + std::to_string(c));
    return names;
}

// docs/model.md §8.1: no y in X_i with g_i·y < g_i·x_i (linear).
SmtQuery variational_query(const Instance& instance, const ReceiverGame& game, std::size_t i,
                           const std::vector<Vector>& actions) {
    const std::vector<std::string> names = point_names(game.dimension);
    SmtQuery q("QF_LRA", {"several receivers", "variational inequality of one player"});
    for (const std::string& name : names) q.declare_real(name);
    std::size_t k = 0;
    for (const std::string& membership : smt_membership(instance.set_of(i), names, "in_set"))
        q.assert_named("in_set_" + std::to_string(k++), membership);
    const Vector g = gradient_of(game, i, actions);
    q.assert_named("improves", "(< " + smt_dot(g, names) + " " + smt_number(dot(g, actions[i])) + ")");
    return q;
}

// The definition: no y in X_i with l_i(y, x_-i) < l_i(x), l_i = sum_j v_ij |x̂_j - t_i|^2 (nonlinear).
SmtQuery definition_query(const Instance& instance, std::size_t i, const std::vector<Vector>& actions,
                          const std::vector<Vector>& receivers) {
    const std::size_t d = instance.dimension;
    const std::vector<std::string> names = point_names(d);
    SmtQuery q("QF_NRA", {"several receivers", "definition of equilibrium for one player"});
    for (const std::string& name : names) q.declare_real(name);
    std::vector<std::string> terms;
    for (std::size_t j = 0; j < receivers.size(); ++j) {
        const Rational v = care_of(instance, i, j), w = instance.receivers[j].weights[i];
        if (sign(v) == 0) continue;
        // x̂_j - t_i with y in place of x_i: (x̂_j - w_ji x_i - t_i) + w_ji y.
        const Vector rest = receivers[j] - w * actions[i] - instance.players[i].target;
        for (std::size_t c = 0; c < d; ++c) {
            const std::string e = "e" + std::to_string(j) + "_" + std::to_string(c);
            q.define_real(e, smt_sum({smt_number(rest[c]), "(* " + smt_number(w) + " " + names[c] + ")"}));
            terms.push_back("(* " + smt_number(v) + " (* " + e + " " + e + "))");
        }
    }
    std::size_t k = 0;
    for (const std::string& membership : smt_membership(instance.set_of(i), names, "in_set"))
        q.assert_named("in_set_" + std::to_string(k++), membership);
    const Rational current = receivers_loss(instance, i, receivers);
    q.assert_named("lower_loss", "(< " + (terms.empty() ? smt_number(Rational(0)) : smt_sum(terms)) + " " +
                                     smt_number(current) + ")");
    return q;
}

// Exact KKT multipliers (docs/model.md §8.5): mu >= 0 on the rows of X_i tight at x_i with
// g_i + sum_r mu_r a_r = 0, found by an exact LP (equations of the affine hull as two opposite rows) and
// verified by substitution; empty JSON when none exist (then the re-check would have failed).
Json kkt_multipliers(const ActionSet& set, const Vector& g, const Vector& x) {
    std::vector<Halfspace> tight;
    if (set.kind() == ActionSet::Kind::interval) {
        if (x[0] == set.as_interval().lo)
            tight.push_back(Halfspace{Vector{Rational(-1)}, -set.as_interval().lo});
        if (x[0] == set.as_interval().hi)
            tight.push_back(Halfspace{Vector{Rational(1)}, set.as_interval().hi});
    } else {
        const Polytope& p = set.as_polytope();
        for (const Halfspace& h : p.equations()) {
            tight.push_back(h);
            tight.push_back(Halfspace{Rational(-1) * h.normal, -h.offset});
        }
        for (const Halfspace& h : p.facets())
            if (dot(h.normal, x) == h.offset) tight.push_back(h);
    }
    if (tight.empty()) return is_zero(g) ? Json::array() : Json();
    const std::size_t d = g.size();
    Matrix a(d, tight.size());
    for (std::size_t r = 0; r < tight.size(); ++r)
        for (std::size_t c = 0; c < d; ++c) a.at(c, r) = tight[r].normal[c];
    const LinearProgramResult lp =
        solve_linear_program(a, Rational(-1) * g, Vector(tight.size(), Rational(0)));
    if (lp.status != LinearProgramResult::Status::optimal) return Json();
    Vector residual = g;
    Json rows = Json::array();
    for (std::size_t r = 0; r < tight.size(); ++r) {
        if (sign(lp.x[r]) < 0) return Json();
        add_scaled(residual, lp.x[r], tight[r].normal);
        if (sign(lp.x[r]) != 0)
            rows.push_back({{"normal", vector_json(tight[r].normal)},
                            {"offset", to_string(tight[r].offset)},
                            {"multiplier", to_string(lp.x[r])}});
    }
    if (!is_zero(residual)) return Json();
    return rows;
}

}  // namespace

ReceiversCertificate certify_receivers(const Instance& instance, const std::string& proof_log,
                                       const std::string& instance_text, const CertifyOptions& options) {
    const ReceiversSolution solution = solve_receivers(instance);  // re-checked exactly before it returns
    const ReceiverGame game = receiver_game_of(instance);
    ReceiversCertificate result;
    result.actions = solution.equilibria[0];
    const std::vector<Vector>& receivers = solution.receivers[0];
    ProofLog log(proof_log, instance_text, instance.name);
    z3::config config;
    config.set("proof", log.enabled());
    z3::context ctx(config);
    const QueryLimits linear = limits_for_timeout(options.timeout_seconds, options.rlimit, log.enabled());
    const QueryLimits nonlinear = limits_for_timeout(options.timeout_seconds, options.rlimit, false);
    Json players = Json::array();
    bool all = true;
    for (std::size_t i = 0; i < game.players; ++i) {
        const std::string subject = "player " + std::to_string(i);
        Json methods = Json::object();
        std::string verdict = "certified";
        const struct {
            SmtQuery query;
            const char* method;
            const QueryLimits& limits;
        } queries[] = {
            {variational_query(instance, game, i, result.actions), "variational inequality (linear)", linear},
            {definition_query(instance, i, result.actions, receivers), "definition (nonlinear)", nonlinear}};
        for (const auto& [query, method, limits] : queries) {
            const QueryOutcome outcome = run_query(ctx, query, limits, {});
            const std::string name =
                "player-" + std::to_string(i) + (query.logic() == "QF_LRA" ? "-vi" : "-def");
            log.record(logged_query(name, "certify", subject, method, query, outcome));
            methods[method] = outcome.answer;
            if (outcome.answer == "sat")  // the exact re-check passed, so Z3 contradicts it: never print it
                throw InternalError("several receivers: Z3 found a deviation the exact re-check did not: " +
                                    name);
            if (outcome.answer != "unsat") verdict = "not certified";
        }
        Json multipliers =
            kkt_multipliers(instance.set_of(i), gradient_of(game, i, result.actions), result.actions[i]);
        if (multipliers.is_null()) verdict = "not certified";  // the exact check must agree with Z3
        all = all && verdict == "certified";
        result.player_verdicts.push_back(verdict);
        players.push_back({{"index", i},
                           {"verdict", verdict},
                           {"methods", std::move(methods)},
                           {"multipliers", std::move(multipliers)}});
    }
    log.add_note(
        "several receivers (docs/model.md §8.5): per player the variational inequality (QF_LRA) and "
        "the definition (QF_NRA), each unsat when no deviation improves");
    result.verdict = all ? "certified" : "not certified";
    Json profile = Json::array(), points = Json::array();
    for (const Vector& x : result.actions) profile.push_back(vector_json(x));
    for (const Vector& r : receivers) points.push_back(vector_json(r));
    const std::string manifest = log.finish({{"several_receivers", true}});
    result.json = {{"format", "bigcert-certificate/1"},
                   {"verdict", result.verdict},
                   {"players", std::move(players)},
                   {"actions", std::move(profile)},
                   {"receivers", std::move(points)},
                   {"exact_check", "support function and KKT multipliers per player"}};
    if (log.enabled()) {
        result.json["proof_log"] = proof_log;
        result.json["manifest_sha256"] = manifest;
    }
    return result;
}

}  // namespace bigcert
