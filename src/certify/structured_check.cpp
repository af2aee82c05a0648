#include "certify/structured_check.hpp"

#include <z3++.h>

#include <algorithm>

#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/solver/solver.hpp"
#include "certify/equilibrium_system.hpp"
#include "certify/player_faces.hpp"
#include "certify/structure_verdicts.hpp"

namespace bigcert {
namespace {

PropertyVerdict verdict_for(const char* property) {
    PropertyVerdict v;
    v.property = property;
    return v;
}

std::vector<std::string> constants(const Vector& x) {
    std::vector<std::string> out;
    for (const Rational& c : x) out.push_back(smt_number(c));
    return out;
}

struct StructuredCheck {
    const Instance& instance;
    ProofLog& log;
    const CheckOptions& options;
    std::vector<Vector> x;  // the solver's profile x*
    Vector r;               // x̂*
    PlayerFaces faces;

    const FaceClaim& claim(std::size_t i) const { return faces.claims[faces.claim_of[i]]; }

    // The first player whose needed fact is not shown, as a reason; empty when all are shown.
    template <class Shown>
    std::string missing(Shown shown, const char* fact) const {
        for (std::size_t i = 0; i < instance.players.size(); ++i)
            if (!claim(i).optimal || !shown(claim(i)))
                return "player " + instance.numbered_label(i) + ": " + fact + " not shown" +
                       (claim(i).problem.empty() ? "" : " (" + claim(i).problem + ")");
        return "";
    }

    std::string certified_text() const {
        return "every player's action maximises g_i = w_i (t_i - xhat*) over its set (" +
               std::to_string(faces.claims.size()) + " distinct claims, " + std::to_string(faces.queries) +
               " queries), so by the identity every equilibrium has x_i in F_i and receiver xhat*";
    }

    PropertyVerdict receiver_unique() const {
        PropertyVerdict v = verdict_for("receiver-unique");
        std::string gap = missing([](const FaceClaim&) { return true; }, "optimality");
        if (!gap.empty()) return v.verdict = "unknown", v.reason = gap, v;
        v.verdict = "holds", v.reason = certified_text();
        return v;
    }

    std::vector<std::size_t> players_where(bool (*test)(const FaceClaim&)) const {
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i < instance.players.size(); ++i)
            if (test(claim(i))) out.push_back(i);
        return out;
    }

    // x* with some players moved, if it passes the exact equilibrium check.
    std::optional<std::vector<Vector>> moved(const std::vector<std::pair<std::size_t, Vector>>& moves) const {
        std::vector<Vector> y = x;
        for (const auto& [i, point] : moves) y[i] = point;
        if (!check_equilibrium(instance, y, instance.receiver(y)).ok) return std::nullopt;
        return y;
    }

    // The reduced description: players in S are variables (x_i in F_i), everybody else is x*_i, and the
    // receiver is x̂* (docs/model.md). Returns the variable names per player of S.
    std::vector<std::vector<std::string>> reduced(SmtQuery& q, const std::vector<std::size_t>& S) const {
        const std::size_t d = instance.dimension;
        std::vector<std::vector<std::string>> names(S.size());
        std::vector<std::vector<std::string>> sum(d);
        std::vector<Rational> fixed(d, Rational(0));
        for (std::size_t k = 0; k < S.size(); ++k) {
            const std::size_t i = S[k];
            const FaceClaim& c = claim(i);
            for (std::size_t j = 0; j < d; ++j) {
                names[k].push_back("x_" + std::to_string(i) + "_" + std::to_string(j));
                q.declare_real(names[k].back());
            }
            std::vector<std::string> in = smt_membership(instance.set_of(i), names[k], "in_set");
            for (std::size_t m = 0; m < in.size(); ++m)
                q.assert_named("in_set_" + std::to_string(i) + "_" + std::to_string(m), in[m]);
            std::vector<std::string> face = smt_face(c, names[k]);  // c.point is x*_i when c.direction != 0
            for (std::size_t m = 0; m < face.size(); ++m)
                q.assert_named("face_" + std::to_string(i) + "_" + std::to_string(m), face[m]);
            const Rational& w = instance.players[i].weight;
            if (sign(w) == 0) continue;
            for (std::size_t j = 0; j < d; ++j) {
                sum[j].push_back("(* " + smt_number(w) + " " + names[k][j] + ")");
                fixed[j] += w * x[i][j];
            }
        }
        for (std::size_t j = 0; j < d; ++j)
            q.assert_named("receiver_" + std::to_string(j),
                           "(= " + smt_sum(sum[j]) + " " + smt_number(fixed[j]) + ")");
        return names;
    }

    SmtQuery reduced_header(const std::string& property, const std::string& negation, std::size_t size,
                            const std::string& expectation) const {
        return SmtQuery(
            "QF_LRA", {"bigcert check " + property +
                           " (structure): the equilibria are x_i in F_i for every i "
                           "with receiver xhat* (docs/model.md, identity in proofs/general)",
                       "reduced to the " + std::to_string(size) +
                           " player(s) whose face is not a single point; every other player is fixed at x*_i",
                       "negation of the property: " + negation, expectation});
    }

    std::optional<std::vector<Vector>> model_profile(
        const QueryOutcome& o, const std::vector<std::size_t>& S,
        const std::vector<std::vector<std::string>>& names) const {
        if (o.answer != "sat" || !o.model_rational) return std::nullopt;
        std::vector<std::pair<std::size_t, Vector>> moves;
        for (std::size_t k = 0; k < S.size(); ++k) {
            Vector point;
            for (const std::string& name : names[k]) {
                auto it = o.model.find(name);
                if (it == o.model.end()) return std::nullopt;
                point.push_back(it->second);
            }
            moves.emplace_back(S[k], point);
        }
        return moved(moves);
    }

    QueryOutcome run(const std::string& name, const std::string& property, const SmtQuery& q,
                     const std::vector<std::vector<std::string>>& names, const char* expected) const {
        std::vector<std::string> variables;
        for (const auto& v : names) variables.insert(variables.end(), v.begin(), v.end());
        z3::config config;
        config.set("proof", log.enabled());
        z3::context ctx(config);
        QueryOutcome o = run_query(
            ctx, q, limits_for_timeout(options.timeout_seconds, options.rlimit, log.enabled()), variables);
        const std::string decided = expected != nullptr                        ? expected
                                    : o.answer == "sat" || o.answer == "unsat" ? o.answer
                                                                               : "sat or unsat";
        log.record(
            logged_query(name, "check:" + property, property, "reduced structure query", q, o, decided));
        return o;
    }

    PropertyVerdict count() const {
        PropertyVerdict v = verdict_for("count");
        std::string gap = missing([](const FaceClaim& c) { return c.single_point.has_value(); },
                                  "optimality or whether the face is a point");
        if (!gap.empty()) return v.verdict = "unknown", v.reason = gap, v;
        std::vector<std::size_t> S = players_where([](const FaceClaim& c) { return !*c.single_point; });
        if (S.empty()) {
            v.verdict = "holds", v.value = "one";
            v.reason = "every face F_i is a single point, so x* is the only equilibrium";
            return v;
        }
        for (std::size_t i : S)  // a zero-weight player moves within its face without changing the receiver
            if (sign(instance.players[i].weight) == 0)
                if (auto other = other_face_point(claim(i), x[i]))
                    if (auto y = moved({{i, *other}})) {
                        v.verdict = "holds", v.value = "infinite", v.counterexample = {x, *y};
                        v.reason = "player " + instance.numbered_label(i) +
                                   " has weight 0 and a face that is not a point: moving it within the face "
                                   "gives a second equilibrium (exactly checked); the set is convex";
                        return v;
                    }
        SmtQuery q = reduced_header(
            "count",
            "an equilibrium other than x* (the set is convex and contains x*, so sat means infinitely many)",
            S.size(),
            "expected: unsat means one equilibrium; sat, with a model re-checked exactly, infinitely many");
        auto names = reduced(q, S);
        std::vector<std::string> differs;
        for (std::size_t k = 0; k < S.size(); ++k)
            differs.push_back(smt_differs(names[k], constants(x[S[k]])));
        q.assert_named(
            "negation", differs.size() == 1 ? differs[0] : "(or " + [&] {
                std::string all;
                for (const std::string& t : differs) all += (all.empty() ? "" : " ") + t;
                return all;
            }() + ")");
        QueryOutcome o = run("check-count-reduced", "count", q, names, nullptr);
        if (o.answer == "unsat") {
            v.verdict = "holds", v.value = "one";
            v.reason = "Z3: no equilibrium other than x* among the " + std::to_string(S.size()) +
                       " player(s) whose face is not a point";
            return v;
        }
        if (auto y = model_profile(o, S, names); y && *y != x) {
            v.verdict = "holds", v.value = "infinite", v.counterexample = {x, *y};
            v.reason =
                "two different equilibria (exactly checked); the equilibrium set is convex (Proposition 2)";
            return v;
        }
        v.verdict = "unknown";
        v.reason = o.answer == "unknown" ? "Z3 answered unknown (" + o.reason + ")"
                                         : "Z3's model did not pass the exact equilibrium check";
        return v;
    }

    // The interior players of an equilibrium, and whether one of them is away from its target.
    std::pair<std::size_t, bool> interior_of(const std::vector<Vector>& y) const {
        std::size_t inside = 0;
        bool wrong = false;
        const Vector ry = instance.receiver(y);
        for (std::size_t i = 0; i < y.size(); ++i)
            if (instance.set_of(i).in_interior(y[i]))
                ++inside, wrong = wrong || ry != instance.players[i].target;
        return {inside, wrong};
    }

    bool fails_with(PropertyVerdict& v, const std::optional<std::vector<Vector>>& y) const {
        if (!y) return false;
        auto [inside, wrong] = interior_of(*y);
        if (inside < 2 && !wrong) return false;
        v.verdict = "fails", v.counterexample = {*y};
        v.reason = std::to_string(inside) + " interior player(s) at this equilibrium" +
                   (wrong ? ", one not at its target" : "");
        return true;
    }

    PropertyVerdict exaggeration() const {
        PropertyVerdict v = verdict_for("exaggeration");
        std::string gap = missing(
            [](const FaceClaim& c) { return c.single_point.has_value() && c.meets_interior.has_value(); },
            "optimality, whether the face is a point, or whether it meets the interior");
        if (!gap.empty()) return v.verdict = "unknown", v.reason = gap, v;
        std::vector<std::size_t> I = players_where([](const FaceClaim& c) { return *c.meets_interior; });
        auto misplaced = [&](std::size_t i) { return instance.players[i].target != r; };
        if (I.empty() || (I.size() == 1 && !misplaced(I[0]))) {
            v.verdict = "holds";
            v.reason = (I.empty() ? std::string("no player's face meets the interior of its set")
                                  : "only player " + instance.numbered_label(I[0]) +
                                        " can be interior, and its target is the receiver");
            return v;
        }
        // Zero-weight players move freely within their set (g_i = 0): interior witnesses at once.
        std::vector<std::pair<std::size_t, Vector>> moves;
        for (std::size_t i : I)
            if (sign(instance.players[i].weight) == 0 && (misplaced(i) || moves.size() < 2)) {
                moves.emplace_back(i, claim(i).interior_point);
                if (misplaced(i) || moves.size() == 2) break;
            }
        if (!moves.empty() && (moves.size() == 2 || misplaced(moves[0].first)) && fails_with(v, moved(moves)))
            return v;
        std::vector<std::size_t> S = players_where([](const FaceClaim& c) { return !*c.single_point; });
        SmtQuery q =
            reduced_header("exaggeration",
                           "an equilibrium with two interior players, or one interior player whose "
                           "target is not the receiver (only players whose face meets the interior can be "
                           "interior)",
                           S.size(), "expected: unsat (the property holds at every equilibrium)");
        auto names = reduced(q, S);
        std::vector<std::string> counted, wrong;
        for (std::size_t k = 0; k < S.size(); ++k) {
            const std::size_t i = S[k];
            if (!*claim(i).meets_interior) continue;
            const std::string in = smt_interior(instance, i, names[k]), flag = "k_" + std::to_string(i);
            q.declare_real(flag);
            q.assert_named("interior_" + std::to_string(i), "(= " + flag + " (ite " + in + " 1.0 0.0))");
            counted.push_back(flag);
            if (misplaced(i)) wrong.push_back(in);
        }
        std::string negation = "(or (>= " + smt_sum(counted) + " 2.0)";
        for (const std::string& w : wrong) negation += " " + w;
        q.assert_named("negation", negation + ")");
        QueryOutcome o = run("check-exaggeration-reduced", "exaggeration", q, names, "unsat");
        if (o.answer == "unsat") {
            v.verdict = "holds";
            v.reason = "Z3: no equilibrium has two interior players or a misplaced one (" +
                       std::to_string(I.size()) + " player(s) can be interior)";
            return v;
        }
        if (fails_with(v, model_profile(o, S, names))) return v;
        v.verdict = "unknown";
        v.reason = o.answer == "unknown" ? "Z3 answered unknown (" + o.reason + ")"
                                         : "Z3's model did not pass the exact equilibrium check";
        return v;
    }
};

}  // namespace

std::vector<PropertyVerdict> check_by_structure(const Instance& instance,
                                                const std::vector<std::string>& properties, ProofLog& log,
                                                const CheckOptions& options) {
    Solution solution = solve(instance);  // exact on intervals and polytopes; certified below, not trusted
    StructuredCheck check{instance, log, options, solution.actions, instance.receiver(solution.actions), {}};
    check.faces = establish_player_faces(instance, check.x, check.r, log, options);
    log.add_note(
        "check (structure): for any profile x and the solver's x* with receiver xhat*, Phi(x) - Phi(x*) = "
        "|xhat(x) - xhat*|^2 - 2 sum_i g_i.(x_i - x*_i) with g_i = w_i (t_i - xhat*) (the background term "
        "cancels; proven with symbolic parameters in proofs/general/identity-*.smt2, and for every n by "
        "expanding |xhat|^2 around xhat*, docs/model.md). The face queries show that each x*_i maximises g_i "
        "over X_i, so every term is >= 0: x* minimises Phi, and Phi(x) = Phi(x*) iff xhat(x) = xhat* and "
        "every "
        "x_i lies in F_i = argmax_{X_i} g_i.y = {y in X_i : g_i.y >= g_i.x*_i}. The equilibria are the "
        "minimisers of Phi (Proposition 2), hence exactly {x : x_i in F_i for all i, sum_i w_i x_i = sum_i "
        "w_i x*_i}: receiver-unique holds with no further query. Players are grouped when their claims are "
        "the same query: same set, g_i equal to a positive multiple of the direction asked (computed "
        "exactly), and the same action when g_i != 0; g_i = 0 makes every point of X_i optimal (no query). "
        "F_i meets the interior of X_i only if g_i = 0 (a non-zero linear function has no interior "
        "maximiser), asked per claim; a set with an equation has no interior (exact). count and exaggeration "
        "then use one query over the players whose face is not a point, all others fixed at x*_i. On a "
        "polytope or interval {y : a_k.y <= b_k, e.y = f} optimality is shown by a cone fact without "
        "variables (exact multipliers: x*_i in X_i, g_i = sum_{k in P} lambda_k a_k + sum_e mu_e e, lambda_k "
        "> 0 "
        "and a_k.x*_i = b_k on P), since then g_i.(x*_i - y) = sum_P lambda_k (b_k - a_k.y) >= 0 on X_i with "
        "equality iff a_k.y = b_k on P: F_i = {y in X_i : a_k.y >= b_k, k in P}, the form the face, interior "
        "and reduced queries use.");
    return structure_verdicts(check, properties);
}

}  // namespace bigcert
