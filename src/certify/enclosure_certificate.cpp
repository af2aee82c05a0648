// certify without a profile on curved sets (model.md §3g): the solver's boxes, proven by Z3 to hold every
// equilibrium, as small queries (the whole KKT system with the boxes negated, one query, did not finish in
// Z3 4.8.12's nlsat on ellipse-mixed or disc-three, even at coarse precision; every query below has at most
// 2d + 1 variables and finishes in well under a second on the examples).
//
// With B the receiver box, m its midpoint, u_i(r) = w_i (t_i - r) and A_i player i's action box:
//  1. support (one query per player): some maximiser s_i of u_i(m)·y over X_i lies in a box S_i. Curved
//     set: every KKT point lies in S_i, an exact rational enclosure of c + M⁻¹u / sqrt(uᵀM⁻¹u) (a maximiser
//     exists by compactness); polytope (or u = 0): the exact point v = S_i with no y in X_i having u·y > u·v.
//  2. receiver (one query): maximisers are monotone, (u - u')·(x - s) >= 0 when x maximises u·y and s
//     maximises u'·y over one set (add u·x >= u·s and u'·s >= u'·x). At an equilibrium x_i maximises
//     u_i(x̂*), and u_i(x̂*) - u_i(m) = w_i (m - x̂*); summing over the players gives (m - x̂*)·(x̂* - f) >= 0
//     with f = w0 x0 + Σ w_i s_i in T = w0 x0 + Σ w_i S_i. The query "r outside B, f in T,
//     (m - r)·(r - f) >= 0" unsat therefore puts x̂* in B.
//  3. action (one query per player): r in B, x_i in X_i satisfying the KKT conditions for u_i(r), x_i
//     outside A_i: unsat puts every equilibrium action in A_i (MODEL.md 3b: x_i maximises u_i(x̂*)).
#include <z3++.h>

#include <optional>

#include "bigcert/certify/curved_certificate.hpp"
#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "certify/enclosure_steps.hpp"
#include "certify/equilibrium_system.hpp"

namespace bigcert {
namespace {

nlohmann::ordered_json interval_json(const Enclosure& e) {
    return {{"interval", {to_string(e.lo), to_string(e.hi)}}};
}

nlohmann::ordered_json boxes_json(const Solution& s) {
    nlohmann::ordered_json receiver = nlohmann::ordered_json::array(),
                           actions = nlohmann::ordered_json::array();
    for (const Enclosure& e : s.receiver_enclosure) receiver.push_back(interval_json(e));
    for (const auto& action : s.action_enclosures) {
        nlohmann::ordered_json a = nlohmann::ordered_json::array();
        for (const Enclosure& e : action) a.push_back(interval_json(e));
        actions.push_back(std::move(a));
    }
    return {{"receiver", receiver}, {"actions", actions}, {"precision", s.precision}};
}

std::vector<std::string> declared(SmtQuery& q, const std::string& prefix, std::size_t d) {
    std::vector<std::string> names;
    for (std::size_t j = 0; j < d; ++j)
        names.push_back(prefix + std::to_string(j)), q.declare_real(names.back());
    return names;
}

void assert_in_box(SmtQuery& q, const std::string& label, const std::vector<std::string>& v,
                   const std::vector<Enclosure>& box) {
    for (std::size_t j = 0; j < v.size(); ++j) {
        q.assert_named(label + "_lo_" + std::to_string(j), "(<= " + smt_number(box[j].lo) + " " + v[j] + ")");
        q.assert_named(label + "_hi_" + std::to_string(j), "(<= " + v[j] + " " + smt_number(box[j].hi) + ")");
    }
}

std::string outside_box(const std::vector<std::string>& v, const std::vector<Enclosure>& box) {
    std::string any = "(or";
    for (std::size_t j = 0; j < v.size(); ++j)
        any +=
            " (< " + v[j] + " " + smt_number(box[j].lo) + ") (> " + v[j] + " " + smt_number(box[j].hi) + ")";
    return any + ")";
}

// u_i(m) = w_i (t_i - m), exactly.
Vector direction_at(const Instance& instance, std::size_t i, const Vector& m) {
    return instance.players[i].weight * (instance.players[i].target - m);
}

// Step 1's claim for one player: the box S_i and the query whose unsat proves it.
struct SupportClaim {
    std::vector<Enclosure> box;
    SmtQuery query{"QF_LRA", {}};
};

SupportClaim support_claim(const Instance& instance, std::size_t i, const Vector& m, unsigned bits) {
    const ActionSet& set = instance.set_of(i);
    const Vector u = direction_at(instance, i, m);
    const std::string who = "player " + std::to_string(i) + " (0-based index)";  // no names: smt_text.hpp
    SupportClaim claim;
    const bool curved = set.is_curved();
    Vector point;  // an exact maximiser, when one is rational
    if (!curved)
        point = set.support_face(u).front();
    else if (sign(set.as_curved().support_quadratic(u)) == 0)
        point = set.as_curved().center();
    if (!point.empty()) {
        for (const Rational& x : point) claim.box.push_back(Enclosure::point(x));
        claim.query = SmtQuery(
            curved ? "QF_NRA" : "QF_LRA",
            {"bigcert certify (curved, step 1): " + who,
             "claim: the point v maximises u·y over X_i, u = w_i (t_i - m), m = receiver box midpoint",
             "negation: some y in X_i with u·y > u·v", "expected: unsat"});
        std::vector<std::string> y = declared(claim.query, "y", point.size());
        std::vector<std::string> m_in = smt_membership(set, y, "in_set");
        for (std::size_t k = 0; k < m_in.size(); ++k)
            claim.query.assert_named("in_set_" + std::to_string(k), m_in[k]);
        claim.query.assert_named("better", "(> " + smt_dot(u, y) + " " + smt_number(dot(u, point)) + ")");
        return claim;
    }
    // s = c + M⁻¹u / sigma with sigma = sqrt(uᵀM⁻¹u) in [lo, hi], lo > 0.
    const CurvedSet& c = set.as_curved();
    const Rational q = c.support_quadratic(u);
    Enclosure sigma = sqrt_enclosure(q, bits);
    for (unsigned more = bits; sign(sigma.lo) <= 0; more += 64) sigma = sqrt_enclosure(q, more);
    const Enclosure inverse{1 / sigma.hi, 1 / sigma.lo};
    for (std::size_t r = 0; r < c.dimension(); ++r) {
        Rational v = 0;
        for (std::size_t k = 0; k < c.dimension(); ++k) v += c.inverse().at(r, k) * u[k];
        claim.box.push_back(rounded_outward(Enclosure::point(c.center()[r]) + v * inverse, bits));
    }
    claim.query =
        SmtQuery("QF_NRA", {"bigcert certify (curved, step 1): " + who,
                            "claim: every maximiser of u·y over X_i lies in the box S_i, u = w_i (t_i - m)",
                            "negation: a KKT point of max u·y (u = nu M (y - c), nu >= 0, nu = 0 or y on the "
                            "boundary) outside S_i",
                            "expected: unsat"});
    std::vector<std::string> y = declared(claim.query, "y", c.dimension()), terms;
    for (const Rational& x : u) terms.push_back(smt_number(x));
    add_player_kkt(claim.query, instance, i, y, terms, "");
    claim.query.assert_named("outside_support_box", outside_box(y, claim.box));
    return claim;
}

// Step 2: r outside B, f in T, (m - r)·(r - f) >= 0.
SmtQuery receiver_query(const Solution& s, const Vector& m, const std::vector<Enclosure>& t) {
    SmtQuery q("QF_NRA",
               {"bigcert certify (curved, step 2): the receiver",
                "by monotonicity of maximisers, (m - r)·(r - f) >= 0 for the equilibrium receiver r and "
                "f = w0 x0 + sum_i w_i s_i in T (s_i from step 1)",
                "negation: such an r outside the receiver box", "expected: unsat"});
    const std::size_t d = m.size();
    std::vector<std::string> r = declared(q, "r", d), f = declared(q, "f", d), terms;
    assert_in_box(q, "f_in_T", f, t);
    for (std::size_t j = 0; j < d; ++j)
        terms.push_back("(* (- " + smt_number(m[j]) + " " + r[j] + ") (- " + r[j] + " " + f[j] + "))");
    q.assert_named("monotone", "(>= " + smt_sum(terms) + " 0.0)");
    q.assert_named("outside_receiver_box", outside_box(r, s.receiver_enclosure));
    return q;
}

// The player k with w_k != 0 and t_k = m when the receiver box is the point m; n when there is none.
std::size_t pinned_player(const Instance& instance, const Solution& s, const Vector& m) {
    const std::size_t n = instance.players.size();
    for (const Enclosure& e : s.receiver_enclosure)
        if (!e.is_exact()) return n;
    for (std::size_t i = 0; i < n; ++i)
        if (sign(instance.players[i].weight) != 0 && instance.players[i].target == m) return i;
    return n;
}

// Step 3 for the pinned player k, whose u_k = 0 leaves its KKT conditions empty: its action is fixed by the
// receiver equation, x_k = (r - w0 x0 - sum_{i != k} w_i x_i) / w_k with r in B and x_i in A_i (step 3 for
// the others). Query: such an x_k outside A_k (expected unsat).
SmtQuery pinned_action_query(const Instance& instance, const Solution& s, const Vector& bias, std::size_t k) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    SmtQuery q("QF_LRA",
               {"bigcert certify (curved, step 3, player " + std::to_string(k) + " by the receiver equation)",
                "x_k = (r - w0 x0 - sum_{i != k} w_i x_i) / w_k with r in B and x_i in A_i",
                "negation: x_k outside A_k", "expected: unsat"});
    std::vector<std::string> r = declared(q, "r", d);
    assert_in_box(q, "r_in_B", r, s.receiver_enclosure);
    std::vector<std::vector<std::string>> rest(d);
    for (std::size_t i = 0; i < n; ++i) {
        if (i == k) continue;
        std::vector<std::string> xi = declared(q, "x" + std::to_string(i) + "_", d);
        assert_in_box(q, "x" + std::to_string(i) + "_in_A", xi, s.action_enclosures[i]);
        for (std::size_t j = 0; j < d; ++j)
            rest[j].push_back("(* " + smt_number(instance.players[i].weight) + " " + xi[j] + ")");
    }
    std::vector<std::string> x;
    for (std::size_t j = 0; j < d; ++j) {
        x.push_back("xk" + std::to_string(j));
        q.define_real(x.back(), "(* " + smt_number(1 / instance.players[k].weight) + " (- " + r[j] + " " +
                                    smt_number(bias[j]) + " " + smt_sum(rest[j]) + "))");
    }
    q.assert_named("outside_action_box", outside_box(x, s.action_enclosures[k]));
    return q;
}

// Step 2 when B is the point m = t_k of a player k with w_k != 0 (the solver's interior case): u_k(m) = 0, so
// every point of X_k maximises u_k(m), and the profile (s_i for i != k, y_k = (m - w0 x0 - sum_{i != k} w_i
// s_i) / w_k) is an equilibrium with receiver m once y_k is in X_k; MODEL.md 3a then gives x̂* = m. Query: s_i
// in S_i, y_k outside X_k (expected unsat).
std::optional<SmtQuery> pinned_receiver_query(const Instance& instance, const Solution& s, const Vector& m,
                                              const Vector& bias,
                                              const std::vector<std::vector<Enclosure>>& boxes) {
    const std::size_t n = instance.players.size(), d = m.size();
    const std::size_t k = pinned_player(instance, s, m);
    if (k == n) return std::nullopt;
    SmtQuery q(
        instance.set_of(k).is_curved() ? "QF_NRA" : "QF_LRA",
        {"bigcert certify (curved, step 2, receiver pinned to player " + std::to_string(k) + "'s target)",
         "with s_i in S_i (step 1) and y = (m - w0 x0 - sum_{i != k} w_i s_i) / w_k, the profile (s, y) is "
         "an "
         "equilibrium with receiver m when y is in X_k (u_k(m) = 0)",
         "negation: y outside X_k", "expected: unsat"});
    std::vector<std::vector<std::string>> rest(d);
    for (std::size_t i = 0; i < n; ++i) {
        if (i == k) continue;
        std::vector<std::string> si = declared(q, "s" + std::to_string(i) + "_", d);
        assert_in_box(q, "s" + std::to_string(i) + "_in_S", si, boxes[i]);
        for (std::size_t j = 0; j < d; ++j)
            rest[j].push_back("(* " + smt_number(instance.players[i].weight) + " " + si[j] + ")");
    }
    std::vector<std::string> y;
    for (std::size_t j = 0; j < d; ++j) {
        y.push_back("y" + std::to_string(j));
        q.define_real(y.back(), "(* " + smt_number(1 / instance.players[k].weight) + " (- " +
                                    smt_number(m[j] - bias[j]) + " " + smt_sum(rest[j]) + "))");
    }
    std::string all = "(and";
    for (const std::string& f : smt_membership(instance.set_of(k), y, "in_set")) all += " " + f;
    q.assert_named("outside_X_k", "(not " + all + "))");
    return q;
}

// Step 3: r in B, x_i a KKT point for u_i(r), x_i outside A_i.
SmtQuery action_query(const Instance& instance, const Solution& s, std::size_t i) {
    const Player& p = instance.players[i];
    SmtQuery q(instance.set_of(i).is_curved() ? "QF_NRA" : "QF_LRA",
               {"bigcert certify (curved, step 3): player " + std::to_string(i) + " (0-based index)",
                "x maximises w_i (t_i - r)·y over X_i (KKT) for some r in the receiver box",
                "negation: such an x outside the player's action box", "expected: unsat"});
    const std::size_t d = instance.dimension;
    std::vector<std::string> r = declared(q, "r", d), x = declared(q, "x", d), u;
    assert_in_box(q, "r_in_B", r, s.receiver_enclosure);
    for (std::size_t j = 0; j < d; ++j)
        u.push_back("(* " + smt_number(p.weight) + " (- " + smt_number(p.target[j]) + " " + r[j] + "))");
    add_player_kkt(q, instance, i, x, u, "");
    q.assert_named("outside_action_box", outside_box(x, s.action_enclosures[i]));
    return q;
}

// The fallback: the whole KKT system (MODEL.md 3b-c) with every box negated, one query. It decides some games
// the steps cannot (an interior player pins the receiver to its target exactly, so B is a point and step 2
// has no room), and is bounded by the caller's timeout (smt_query.cpp's watchdog).
SmtQuery whole_system_query(const Instance& instance, const Solution& s) {
    SmtQuery q(equilibrium_logic(instance),
               {"bigcert certify (curved, fallback): every equilibrium lies in the solver's boxes",
                "equilibria described by MODEL.md 3b-c (KKT of every player)",
                "negation: an equilibrium with the receiver or some action coordinate outside its box",
                "expected: unsat"});
    EquilibriumCopy e = add_equilibrium(q, instance, "");
    std::string any = outside_box(e.r, s.receiver_enclosure);
    for (std::size_t i = 0; i < e.x.size(); ++i) any += " " + outside_box(e.x[i], s.action_enclosures[i]);
    q.assert_named("outside_boxes", "(or " + any + ")");
    return q;
}

std::string failure(const std::string& step, const QueryOutcome& o) {
    return step + ": Z3 answered " + o.answer + (o.reason.empty() ? "" : " (" + o.reason + ")");
}

}  // namespace

EnclosureSteps prove_enclosure_steps(const Instance& instance, const Solution& solution, ProofLog& log,
                                     const QueryLimits& limits, const std::vector<bool>& action_wanted,
                                     const std::string& purpose) {
    if (!solution.enclosed) throw UnsupportedError("", "the enclosure steps without an enclosure");
    const std::size_t n = instance.players.size(), d = instance.dimension;
    z3::config config;
    config.set("proof", log.enabled());
    z3::context ctx(config);
    auto run = [&](const std::string& name, const std::string& subject, const std::string& method,
                   const SmtQuery& q) {
        QueryOutcome outcome = run_query(ctx, q, limits, {});
        log.record(logged_query(name, purpose, subject, method, q, outcome));
        return outcome;
    };

    Vector m;
    for (const Enclosure& e : solution.receiver_enclosure) m.push_back(e.midpoint());
    Vector bias = instance.bias();
    if (bias.empty()) bias.assign(d, Rational(0));
    std::vector<Enclosure> t;
    for (const Rational& b : bias) t.push_back(Enclosure::point(b));
    const unsigned bits = 2 * solution.precision + 64;  // S_i far tighter than B, so that step 2 can close
    EnclosureSteps steps;
    std::vector<std::vector<Enclosure>> boxes(n);
    for (std::size_t i = 0; i < n; ++i) {
        SupportClaim claim = support_claim(instance, i, m, bits);
        QueryOutcome o = run("certify-enclosure-support-" + std::to_string(i), instance.label(i),
                             "a maximiser at the receiver box midpoint lies in S_i", claim.query);
        if (o.answer != "unsat" && steps.receiver.empty())  // step 2 rests on every player's support box
            steps.receiver = "receiver box: the support box of player " + instance.numbered_label(i) +
                             " was not proven (" + failure("support box at the midpoint", o) + ")";
        for (std::size_t j = 0; j < d; ++j) t[j] = t[j] + instance.players[i].weight * claim.box[j];
        boxes[i] = std::move(claim.box);
    }
    std::optional<SmtQuery> pinned = pinned_receiver_query(instance, solution, m, bias, boxes);
    QueryOutcome receiver = pinned ? run("certify-enclosure-receiver-pinned", "the receiver",
                                         "an equilibrium with receiver m from the support boxes", *pinned)
                                   : run("certify-enclosure-receiver", "the receiver",
                                         "monotonicity of maximisers with the receiver box negated",
                                         receiver_query(solution, m, t));
    if (receiver.answer != "unsat") steps.receiver = failure("receiver box (shared)", receiver);
    const std::size_t k = pinned_player(instance, solution, m);
    steps.actions.assign(n, std::nullopt);
    for (std::size_t i = 0; i < n; ++i) {
        if (!action_wanted[i]) continue;
        QueryOutcome o =
            i == k ? run("certify-enclosure-action-" + std::to_string(i) + "-pinned", instance.label(i),
                         "the receiver equation over the other boxes, action box negated",
                         pinned_action_query(instance, solution, bias, i))
                   : run("certify-enclosure-action-" + std::to_string(i), instance.label(i),
                         "KKT over the receiver box with the action box negated",
                         action_query(instance, solution, i));
        steps.actions[i] = o.answer == "unsat" ? std::string() : failure("action box", o);
    }
    if (k < n && steps.actions[k] && steps.actions[k]->empty())  // k's box rests on every other action box
        for (std::size_t i = 0; i < n; ++i)
            if (i != k && (!steps.actions[i] || !steps.actions[i]->empty())) {
                steps.actions[k] = "action box: rests on other players' action boxes, not all proven";
                break;
            }
    return steps;
}

Certificate certify_enclosure(const Instance& instance, const Solution& solution, ProofLog& log,
                              const CertifyOptions& options) {
    if (!solution.enclosed) throw UnsupportedError("", "certify_enclosure without an enclosure");
    const std::size_t n = instance.players.size();
    const QueryLimits limits = limits_for_timeout(options.timeout_seconds, options.rlimit, log.enabled());
    EnclosureSteps steps =
        prove_enclosure_steps(instance, solution, log, limits, std::vector<bool>(n, true), "certify");
    std::vector<std::string> reasons(n);
    for (std::size_t i = 0; i < n; ++i) {
        reasons[i] = *steps.actions[i];
        if (!steps.receiver.empty()) reasons[i] += (reasons[i].empty() ? "" : "; ") + steps.receiver;
    }
    bool steps_certify = true;
    for (const std::string& r : reasons) steps_certify = steps_certify && r.empty();
    if (!steps_certify) {
        z3::context ctx;
        const SmtQuery q = whole_system_query(instance, solution);
        QueryOutcome whole = run_query(ctx, q, limits, {});
        log.record(logged_query("certify-enclosure-whole-system", "certify", "every equilibrium",
                                "equilibrium description (KKT) with the boxes negated", q, whole));
        for (std::string& r : reasons)  // players whose own steps closed keep their verdict
            if (!r.empty())
                r = whole.answer == "unsat" ? std::string()
                                            : r + "; " + failure("whole system (fallback)", whole);
    }

    Certificate c;
    c.claim = "every equilibrium lies in these boxes (receiver and every action)";
    c.enclosure = boxes_json(solution);
    c.receiver = solution.receiver;  // midpoints (approximate); the boxes are the claim
    bool all = true;
    for (std::size_t i = 0; i < n; ++i) {
        PlayerVerdict v;
        v.index = i;
        v.verdict = reasons[i].empty() ? "certified" : "not certified";
        v.definition = reasons[i].empty() ? "unsat" : "not all unsat";  // the player's three queries
        v.variational = "not asked";
        v.multipliers = "not applicable";
        v.reason = reasons[i];
        all = all && reasons[i].empty();
        c.players.push_back(std::move(v));
    }
    c.verdict = all ? "certified" : "not certified";
    log.add_note(
        "certify (curved sets, no profile): the claim 'every equilibrium lies in the solver's boxes' in "
        "three "
        "steps, all queries expected unsat. (1) per player, at the midpoint m of the receiver box B, a "
        "maximiser "
        "s_i of u_i(m).y, u_i(r) = w_i (t_i - r), lies in a box S_i (curved: every KKT point is in S_i; "
        "polytope: an exact vertex v, no y with u.y > u.v). (2) Maximisers are monotone: (u - u').(x - s) >= "
        "0 "
        "when x maximises u.y and s maximises u'.y (add u.x >= u.s and u'.s >= u'.x); with u_i(x*) - u_i(m) "
        "= "
        "w_i (m - x*) and summing over the players, (m - x*).(x* - f) >= 0 for f = w0 x0 + sum w_i s_i, "
        "which "
        "lies in T = w0 x0 + sum w_i S_i (exact interval sums, in the query as f's bounds); so 'r outside B, "
        "f "
        "in T, (m - r).(r - f) >= 0' unsat puts x* in B. (3) per player, 'r in B and x_i a KKT point of max "
        "u_i(r).y outside the action box' unsat (MODEL.md 3b). When the receiver box is the point m = t_k "
        "(w_k != 0), "
        "step 2 instead shows that y_k = (m - w0 x0 - sum_{i != k} w_i s_i) / w_k lies in X_k for all s_i in "
        "S_i: then "
        "(s, y_k) is an equilibrium with receiver m (u_k(m) = 0) and MODEL.md 3a makes m the receiver of "
        "every "
        "equilibrium, and step 3 for player k (its KKT conditions are empty) uses the receiver equation over "
        "r in B "
        "and the other players' action boxes. When a step is not unsat, the whole KKT system with "
        "every box negated is asked as one query (certify-enclosure-whole-system); its unsat alone also "
        "proves "
        "the claim. The boxes are in the certificate (enclosure).");
    c.proof_log = log.directory();
    c.manifest_sha256 =
        log.finish({{"timeout_seconds", options.timeout_seconds}, {"rlimit", options.rlimit}});
    return c;
}

}  // namespace bigcert
