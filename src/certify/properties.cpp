#include "bigcert/certify/properties.hpp"

#include <z3++.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "bigcert/certify/curved_properties.hpp"
#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/player_list.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/curved_solver.hpp"
#include "bigcert/solver/solver.hpp"
#include "certify/curved_structured_check.hpp"
#include "certify/equilibrium_system.hpp"
#include "certify/structured_check.hpp"

namespace bigcert {
namespace {

// Theorem 4's premise: targets pairwise distinct and every weight non-zero.
void set_premise(const Instance& instance, PropertyVerdict& v) {
    std::vector<std::size_t> unweighted, repeating;
    std::set<Vector> targets;
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        if (sign(instance.players[i].weight) == 0) unweighted.push_back(i);
        if (!targets.insert(instance.players[i].target).second) repeating.push_back(i);
    }
    std::vector<std::string> problems;
    if (!unweighted.empty())
        problems.push_back(player_list_text(instance, unweighted) +
                           (unweighted.size() == 1 ? " has weight 0" : " have weight 0"));
    if (!repeating.empty())
        problems.push_back(player_list_text(instance, repeating) +
                           (repeating.size() == 1 ? " repeats a target" : " repeat a target"));
    v.premise = problems.empty() ? "met" : "not met";
    for (const std::string& p : problems) v.premise_detail += (v.premise_detail.empty() ? "" : "; ") + p;
}

bool exactly_interior(const Instance& instance, std::size_t i, const Vector& x) {
    return instance.set_of(i).in_interior(x);
}

struct QueryRunner {
    const Instance& instance;
    ProofLog& log;
    const CheckOptions& options;
    z3::context& ctx;

    // `expected`: the answer the verdict rests on. nullptr: it depends on the answer (a decision query, e.g.
    // count: unsat means one equilibrium, sat with an exactly re-checked model means infinitely many).
    QueryOutcome run(const std::string& name, const std::string& property, const std::string& claim,
                     const SmtQuery& q, const std::vector<std::string>& model_variables,
                     const char* expected = "unsat") {
        double seconds = options.timeout_seconds;
        unsigned rlimit = options.rlimit;
        if (q.logic() == "QF_NRA" && property != "potential") {
            seconds = std::min(seconds, options.curved_timeout_seconds);
            if (rlimit == 0) rlimit = options.curved_rlimit;
        }
        QueryOutcome outcome = run_query(ctx, q, limits_for_timeout(seconds, rlimit, true), model_variables);
        const std::string decided = expected != nullptr                                    ? expected
                                    : outcome.answer == "sat" || outcome.answer == "unsat" ? outcome.answer
                                                                                           : "sat or unsat";
        log.record(logged_query(name, "check:" + property, property, claim, q, outcome, decided));
        return outcome;
    }

    SmtQuery header(
        const std::string& property, const std::string& negation,
        const std::string& expectation = "expected: unsat (the property holds at every equilibrium)") const {
        return SmtQuery(
            equilibrium_logic(instance),
            {"bigcert check " + property,  // no instance name: smt_text.hpp
             "equilibria described by MODEL.md 3b-c: x_i in X_i and KKT of max_{y in X_i} w_i (t_i - r).y",
             "negation of the property: " + negation, expectation});
    }

    // The profile of copy `e` in Z3's model, if rational and an equilibrium by the exact check.
    std::optional<std::vector<Vector>> equilibrium_from(const QueryOutcome& o,
                                                        const EquilibriumCopy& e) const {
        if (o.answer != "sat" || !o.model_rational) return std::nullopt;
        std::vector<Vector> actions(e.x.size());
        for (std::size_t i = 0; i < e.x.size(); ++i)
            for (const std::string& name : e.x[i]) {
                auto it = o.model.find(name);
                if (it == o.model.end()) return std::nullopt;
                actions[i].push_back(it->second);
            }
        if (!check_equilibrium(instance, actions, instance.receiver(actions)).ok) return std::nullopt;
        return actions;
    }

    static std::vector<std::string> names_of(const EquilibriumCopy& e) {
        std::vector<std::string> out;
        for (const auto& xi : e.x) out.insert(out.end(), xi.begin(), xi.end());
        return out;
    }

    static void unknown_from(PropertyVerdict& v, const QueryOutcome& o) {
        v.verdict = "unknown";
        v.reason = o.answer == "unknown" ? "Z3 answered unknown (" + o.reason + ")"
                                         : "Z3's model did not pass the exact equilibrium check";
    }

    PropertyVerdict receiver_unique() {
        PropertyVerdict v{"receiver-unique"};
        SmtQuery q = header(v.property, "two equilibria with different receivers");
        EquilibriumCopy a = add_equilibrium(q, instance, "a"), b = add_equilibrium(q, instance, "b");
        q.assert_named("negation", smt_differs(a.r, b.r));
        std::vector<std::string> names = names_of(a), nb = names_of(b);
        names.insert(names.end(), nb.begin(), nb.end());
        QueryOutcome o = run("check-receiver-unique", v.property,
                             "two copies of the equilibrium set, receivers differ", q, names);
        if (o.answer == "unsat")
            return v.verdict = "holds", v.reason = "Z3: no two equilibria have different receivers", v;
        auto x = equilibrium_from(o, a), y = equilibrium_from(o, b);
        if (x && y && instance.receiver(*x) != instance.receiver(*y))
            return v.verdict = "fails", v.counterexample = {*x, *y}, v;
        unknown_from(v, o);
        return v;
    }

    PropertyVerdict count() {
        PropertyVerdict v{"count"};
        SmtQuery q = header(
            v.property,
            "two different equilibria (then, the equilibrium set being convex, infinitely many: Corollary 3)",
            "expected: unsat means one equilibrium; sat, with a model re-checked exactly, infinitely many");
        EquilibriumCopy a = add_equilibrium(q, instance, "a"), b = add_equilibrium(q, instance, "b");
        std::vector<std::string> xa = names_of(a), xb = names_of(b);
        q.assert_named("negation", smt_differs(xa, xb));
        std::vector<std::string> names = xa;
        names.insert(names.end(), xb.begin(), xb.end());
        QueryOutcome o = run("check-count", v.property, "two copies of the equilibrium set, profiles differ",
                             q, names, nullptr);
        if (o.answer == "unsat")
            return v.verdict = "holds", v.value = "one", v.reason = "Z3: no two different equilibria", v;
        auto x = equilibrium_from(o, a), y = equilibrium_from(o, b);
        if (x && y && *x != *y) {
            // Two distinct equilibria; the equilibria are the minimisers of the convex potential (Proposition
            // 2), a convex set, so the segment between them consists of equilibria.
            v.verdict = "holds", v.value = "infinite", v.counterexample = {*x, *y};
            v.reason =
                "two different equilibria (exactly checked); the equilibrium set is convex (Proposition 2)";
            return v;
        }
        unknown_from(v, o);
        return v;
    }

    PropertyVerdict exaggeration() {
        PropertyVerdict v{"exaggeration"};
        const std::size_t n = instance.players.size();
        set_premise(instance, v);
        SmtQuery q = header(v.property,
                            "an equilibrium with two interior players, or one interior player whose target "
                            "is not the receiver");
        EquilibriumCopy a = add_equilibrium(q, instance, "a");
        std::vector<std::string> counted, misplaced;
        for (std::size_t i = 0; i < n; ++i) {
            const std::string in = smt_interior(instance, i, a.x[i]);
            q.assert_named("interior_" + std::to_string(i),
                           "(= k_" + std::to_string(i) + " (ite " + in + " 1.0 0.0))");
            q.declare_real("k_" + std::to_string(i));
            counted.push_back("k_" + std::to_string(i));
            std::vector<std::string> target;
            for (const Rational& t : instance.players[i].target) target.push_back(smt_number(t));
            misplaced.push_back("(and " + in + " " + smt_differs(a.r, target) + ")");
        }
        std::string any_misplaced = "(or";
        for (const std::string& m : misplaced) any_misplaced += " " + m;
        q.assert_named("negation", "(or (>= " + smt_sum(counted) + " 2.0) " + any_misplaced + "))");
        QueryOutcome o = run("check-exaggeration", v.property,
                             "one copy of the equilibrium set with the conclusion negated", q, names_of(a));
        if (o.answer == "unsat") {
            v.verdict = "holds";
            v.reason = v.premise == "met" ? "Z3: Theorem 4's conclusion holds at every equilibrium"
                                          : "the premise fails, yet Z3 shows the conclusion holds at every "
                                            "equilibrium of this instance";
            return v;
        }
        if (auto x = equilibrium_from(o, a)) {
            Vector r = instance.receiver(*x);
            std::size_t inside = 0;
            bool wrong = false;
            for (std::size_t i = 0; i < n; ++i)
                if (exactly_interior(instance, i, (*x)[i]))
                    ++inside, wrong = wrong || r != instance.players[i].target;
            if (inside >= 2 || wrong) {
                v.verdict = "fails", v.counterexample = {*x};
                v.reason = std::to_string(inside) + " interior player(s) at this equilibrium" +
                           (wrong ? ", one not at its target" : "");
                return v;
            }
        }
        unknown_from(v, o);
        return v;
    }

    // Theorem 1 for this instance: for player i, with z the rest of the receiver and c the others' part of
    // the potential (both unconstrained, so every profile is covered), l_i(y) - l_i(x) = Phi(y) - Phi(x).
    // Players with the same weight and target give the same query, which is asked once.
    // `symbolic`: the weight and target are free variables too, so one query covers every player (the
    // structure method: 10^6 players with distinct weights would otherwise be 10^6 nonlinear queries).
    PropertyVerdict potential(bool symbolic = false) {
        PropertyVerdict v{"potential"};
        const std::size_t d = instance.dimension;
        std::map<std::pair<Rational, Vector>, std::size_t> classes;
        for (std::size_t i = 0; i < instance.players.size() && !(symbolic && !classes.empty()); ++i)
            classes.emplace(std::make_pair(instance.players[i].weight, instance.players[i].target), i);
        std::size_t k = 0;
        for (const auto& [key, i] : classes) {
            const auto& [w, t] = key;
            SmtQuery q(
                "QF_NRA",
                {symbolic ? std::string("bigcert check potential (Theorem 1), every player: weight w and "
                                        "target t are free variables")
                          : "bigcert check potential (Theorem 1), player " + std::to_string(i) +
                                (classes.size() < instance.players.size()
                                     ? " (and every player with its weight and target)"
                                     : ""),
                 "z: the receiver without player i (free); c: -2 sum_{k != i} w_k t_k.x_k (free, "
                 "equal on both sides)",
                 "negation: some x, y with l_i(y) - l_i(x) != Phi(y) - Phi(x)", "expected: unsat"});
            std::vector<std::string> lx, ly, px, py;
            q.declare_real("c");
            if (symbolic) q.declare_real("w");
            for (std::size_t j = 0; j < d; ++j) {
                const std::string z = "z_" + std::to_string(j), x = "x_" + std::to_string(j),
                                  y = "y_" + std::to_string(j);
                q.declare_real(z), q.declare_real(x), q.declare_real(y);
                if (symbolic) q.declare_real("t_" + std::to_string(j));
                const std::string wv = symbolic ? "w" : smt_number(w),
                                  tv = symbolic ? "t_" + std::to_string(j) : smt_number(t[j]);
                auto rec = [&](const std::string& a) { return "(+ " + z + " (* " + wv + " " + a + "))"; };
                auto sq = [](const std::string& e) { return "(* " + e + " " + e + ")"; };
                lx.push_back(sq("(- " + rec(x) + " " + tv + ")")),
                    ly.push_back(sq("(- " + rec(y) + " " + tv + ")"));
                px.push_back("(- " + sq(rec(x)) + " (* 2.0 " + wv + " " + tv + " " + x + "))");
                py.push_back("(- " + sq(rec(y)) + " (* 2.0 " + wv + " " + tv + " " + y + "))");
            }
            px.push_back("c"), py.push_back("c");
            q.assert_named("negation", "(not (= (- " + smt_sum(ly) + " " + smt_sum(lx) + ") (- " +
                                           smt_sum(py) + " " + smt_sum(px) + ")))");
            std::string index = std::to_string(k++);
            QueryOutcome o = run(
                "check-potential-" + std::string(index.size() < 7 ? 7 - index.size() : 0, '0') + index,
                v.property, "Theorem 1's identity for one player, deviation universally quantified", q, {});
            if (o.answer != "unsat") {
                v.verdict = "unknown";
                v.reason = "player " + instance.numbered_label(i) + ": Z3 answered " + o.answer +
                           (o.reason.empty() ? "" : " (" + o.reason + ")");
                return v;
            }
        }
        v.verdict = "holds";
        v.reason = symbolic ? "Z3: the identity holds for every weight and target, hence for every player"
                            : "Z3: the identity holds for every player (" + std::to_string(classes.size()) +
                                  " distinct weight/target pairs)";
        return v;
    }
};

// Curved sets: Z3's nonlinear queries may answer unknown; the exact enclosure argument
// (curved_properties.hpp) then decides, and for exaggeration it names the players at the unique support point
// in either case.
PropertyVerdict settle_curved(const Instance& instance, PropertyVerdict v,
                              std::optional<Solution>& solution) {
    if (!solution) solution = solve(instance);
    PropertyVerdict by_enclosure = curved_property_from_enclosure(instance, *solution, v.property);
    if (v.verdict == "unknown" && by_enclosure.verdict != "unknown") {
        by_enclosure.reason += " [" + v.reason + "]";
        by_enclosure.premise = v.premise, by_enclosure.premise_detail = v.premise_detail;
        return by_enclosure;
    }
    if (v.property == "exaggeration" && v.verdict == "holds") {
        // Z3 showed that no player away from its target is interior; away from it, u_i != 0 and a strictly
        // convex set has exactly one maximiser of u_i.y.
        v.at_unique_support_point = by_enclosure.at_unique_support_point;
    }
    return v;
}

// The structure method (structured_check.hpp) for the equilibrium-set properties; potential is the same
// per-class identity as in the full method.
std::vector<PropertyVerdict> check_with_structure(const Instance& instance,
                                                  const std::vector<std::string>& properties, ProofLog& log,
                                                  const CheckOptions& options) {
    std::vector<PropertyVerdict> by_structure;
    if (std::any_of(properties.begin(), properties.end(),
                    [](const std::string& p) { return p != "potential"; }))
        by_structure = has_curved_set(instance)
                           ? check_curved_by_structure(instance, properties, log, options)
                           : check_by_structure(instance, properties, log, options);
    z3::config config;
    config.set("proof", true);
    z3::context ctx(config);
    QueryRunner runner{instance, log, options, ctx};
    std::vector<PropertyVerdict> verdicts;
    std::size_t next = 0;
    for (const std::string& p : properties) {
        if (p == "potential") {
            verdicts.push_back(runner.potential(true));
            verdicts.back().method = "structure";
            continue;
        }
        PropertyVerdict v = by_structure.at(next++);
        if (v.property == "exaggeration") set_premise(instance, v);
        verdicts.push_back(std::move(v));
    }
    log.add_note(
        "check potential (structure): Theorem 1's identity with the player's weight w and target t as free "
        "variables besides the deviation, the rest of the receiver z and the others' part c: one query "
        "covers "
        "every player.");
    log.finish({{"method", "structure"},
                {"timeout_seconds", options.timeout_seconds},
                {"rlimit", options.rlimit},
                {"face_batch_blocks", options.face_batch_blocks}});
    return verdicts;
}

}  // namespace

std::string check_method_name(const std::string& requested) {
    if (requested == "auto" || requested == "structure" || requested == "full") return requested;
    throw InputError("--method", "unknown method \"" + requested + "\" (auto, structure, full)");
}

std::vector<std::string> property_names(const std::string& requested) {
    const std::vector<std::string> all{"exaggeration", "receiver-unique", "count", "potential"};
    if (requested == "all") return all;
    for (const std::string& p : all)
        if (p == requested) return {p};
    throw InputError("--property", "unknown property \"" + requested +
                                       "\" (exaggeration, receiver-unique, count, potential, all)");
}

std::vector<PropertyVerdict> check_properties(const Instance& instance,
                                              const std::vector<std::string>& properties, ProofLog& log,
                                              const CheckOptions& options) {
    if (instance.loss != Loss::squared) throw UnsupportedError("loss", "bigcert check for this loss");
    for (std::size_t i = 0; i < instance.players.size(); ++i)  // refuse other kinds up front
        if (instance.set_of(i).is_finite())
            throw UnsupportedError("players[" + std::to_string(i) + "].action_set",
                                   "bigcert check on finite action spaces");
    const bool curved = has_curved_set(instance);
    const std::string method = check_method_name(options.method);
    const bool structure = method != "full";  // curved sets too (curved_structured_check.hpp)
    if (structure) return check_with_structure(instance, properties, log, options);
    z3::config config;
    config.set("proof", true);
    z3::context ctx(config);
    QueryRunner runner{instance, log, options, ctx};
    const bool z3_on_curved = instance.players.size() <= options.curved_max_players;
    std::optional<Solution> solution;  // curved sets: the certified enclosure, computed once when needed
    std::vector<PropertyVerdict> verdicts;
    for (const std::string& p : properties) {
        PropertyVerdict v;
        if (curved && (p == "receiver-unique" || p == "count")) {
            // Two copies of a nonlinear description: Z3 4.8.12 ran past 120 s on two discs with neither the
            // timeout nor the rlimit stopping it (measured), so these are left to the exact arguments.
            v = PropertyVerdict{p, "unknown"};
            v.reason = "Z3 not asked: two-copy QF_NRA queries do not finish in Z3 4.8.12";
        } else if (curved && p != "potential" && !z3_on_curved) {
            v = PropertyVerdict{p, "unknown"};
            v.reason = "Z3 skipped (" + std::to_string(instance.players.size()) +
                       " players on curved sets; the limit is " + std::to_string(options.curved_max_players) +
                       ")";
        } else if (p == "exaggeration")
            v = runner.exaggeration();
        else if (p == "receiver-unique")
            v = runner.receiver_unique();
        else if (p == "count")
            v = runner.count();
        else if (p == "potential")
            v = runner.potential();
        else
            throw InputError("--property", "unknown property \"" + p + "\"");
        if (v.method.empty()) v.method = "full";
        if (curved && p != "potential") v = settle_curved(instance, std::move(v), solution);
        verdicts.push_back(std::move(v));
    }
    log.add_note(
        "check: the equilibria are described exactly by MODEL.md 3b-c (x_i in X_i and the KKT conditions of "
        "max over X_i of w_i (t_i - r).y, complementarity as a disjunction), all players as variables; "
        "a property holds when its negation over this description is unsat. potential: per player, the rest "
        "of the receiver z and the others' part of the potential c are free variables, so one query covers "
        "every profile.");
    if (curved)
        log.add_note(
            "check on curved sets: a ball or ellipsoid player's KKT conditions are u_i = nu_i M (x_i - c), "
            "nu_i >= 0, "
            "nu_i = 0 or x_i on the boundary (QF_NRA). Where Z3 answers unknown, the verdict rests on the "
            "solver's "
            "certified enclosure (exact rational argument, curved_properties.hpp), and the property says so "
            "(method \"enclosure\"); the unknown queries stay in the log for the record.");
    log.finish({{"method", "full"},
                {"timeout_seconds", options.timeout_seconds},
                {"rlimit", options.rlimit},
                {"curved_timeout_seconds", options.curved_timeout_seconds},
                {"curved_rlimit", options.curved_rlimit},
                {"curved_max_players", options.curved_max_players}});
    return verdicts;
}

nlohmann::ordered_json check_json(const Instance& instance, const std::vector<PropertyVerdict>& verdicts,
                                  const std::string& proof_log) {
    nlohmann::ordered_json out;
    out["format"] = "bigcert-check/1";
    out["instance"] = instance.name;
    nlohmann::ordered_json properties = nlohmann::ordered_json::object();
    for (const PropertyVerdict& v : verdicts) {
        nlohmann::ordered_json p{{"verdict", v.verdict}};
        if (!v.value.empty()) p["value"] = v.value;
        if (!v.premise.empty()) p["premise"] = v.premise;
        if (!v.premise_detail.empty()) p["premise_detail"] = v.premise_detail;
        if (!v.reason.empty()) p["reason"] = v.reason;
        if (!v.method.empty()) p["method"] = v.method;
        if (v.property == "exaggeration" && has_curved_set(instance)) {
            nlohmann::ordered_json players = nlohmann::ordered_json::array();
            for (std::size_t i : v.at_unique_support_point) players.push_back(i);
            p["at_unique_support_point"] = std::move(players);
        }
        if (!v.counterexample.empty()) {
            nlohmann::ordered_json profiles = nlohmann::ordered_json::array();
            for (const auto& actions : v.counterexample) {
                nlohmann::ordered_json a = nlohmann::ordered_json::array();
                for (const Vector& x : actions) a.push_back(vector_json(x));
                profiles.push_back({{"actions", a}, {"receiver", vector_json(instance.receiver(actions))}});
            }
            p[v.verdict == "fails" ? "counterexample" : "equilibria"] =
                v.verdict == "fails" && profiles.size() == 1 ? profiles[0] : profiles;
        }
        properties[v.property] = std::move(p);
    }
    out["properties"] = std::move(properties);
    if (!proof_log.empty()) out["proof_log"] = proof_log;
    out["z3_version"] = z3_version();
    return out;
}

}  // namespace bigcert
