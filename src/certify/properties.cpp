#include "bigcert/properties.hpp"

#include <z3++.h>

#include <cmath>
#include <map>
#include <set>

#include "bigcert/equilibrium_check.hpp"
#include "bigcert/errors.hpp"
#include "bigcert/solution_writer.hpp"
#include "certify/smt_query.hpp"

namespace bigcert {
namespace {

unsigned milliseconds(double seconds) {
    double ms = std::ceil(seconds * 1000);
    return ms < 1 ? 1u : static_cast<unsigned>(std::min(ms, 4.0e9));
}

// The halfspaces a·y <= b of a set (an interval is y <= hi, -y <= -lo) and its equations.
struct Description {
    std::vector<Halfspace> facets, equations;
};

Description describe(const ActionSet& set) {
    if (set.kind() == ActionSet::Kind::interval)
        return {{{Vector{Rational(1)}, set.as_interval().hi}, {Vector{Rational(-1)}, -set.as_interval().lo}}, {}};
    if (set.kind() == ActionSet::Kind::polytope) return {set.as_polytope().facets(), set.as_polytope().equations()};
    throw UnsupportedError("action_set", "bigcert check for this kind of set");
}

std::string var(const std::string& prefix, std::size_t i, std::size_t j) {
    return prefix + "_" + std::to_string(i) + "_" + std::to_string(j);
}

// One copy of the equilibrium set's description (module comment of properties.hpp), variables suffixed by
// `copy` so that two equilibria can be compared in one query.
struct EquilibriumCopy {
    std::string copy;
    std::vector<std::vector<std::string>> x;  // x[i][j]
    std::vector<std::string> r;               // receiver
};

EquilibriumCopy add_equilibrium(SmtQuery& q, const Instance& instance, const std::string& copy) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    EquilibriumCopy e{copy, {}, {}};
    for (std::size_t j = 0; j < d; ++j) {
        e.r.push_back("r" + copy + "_" + std::to_string(j));
        q.declare_real(e.r.back());
    }
    e.x.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) {
            e.x[i].push_back(var("x" + copy, i, j));
            q.declare_real(e.x[i].back());
        }
    const Vector bias = instance.bias();
    for (std::size_t j = 0; j < d; ++j) {
        std::vector<std::string> terms{smt_number(bias[j])};
        for (std::size_t i = 0; i < n; ++i) terms.push_back("(* " + smt_number(instance.players[i].weight) + " " + e.x[i][j] + ")");
        q.assert_named("receiver" + copy + "_" + std::to_string(j), "(= " + e.r[j] + " " + smt_sum(terms) + ")");
    }
    for (std::size_t i = 0; i < n; ++i) {
        const Player& p = instance.players[i];
        const Description s = describe(instance.set_of(i));
        const std::string tag = copy + "_" + std::to_string(i);
        std::vector<std::vector<std::string>> stationarity(d);  // sum of multiplier terms per coordinate
        for (std::size_t f = 0; f < s.facets.size(); ++f) {
            const std::string lambda = "l" + tag + "_" + std::to_string(f), row = smt_dot(s.facets[f].normal, e.x[i]);
            const std::string bound = smt_number(s.facets[f].offset);
            q.declare_real(lambda);
            q.assert_named("in_set" + tag + "_f" + std::to_string(f), "(<= " + row + " " + bound + ")");
            q.assert_named("dual" + tag + "_f" + std::to_string(f), "(>= " + lambda + " 0.0)");
            q.assert_named("slack" + tag + "_f" + std::to_string(f), "(or (= " + lambda + " 0.0) (= " + row + " " + bound + "))");
            for (std::size_t j = 0; j < d; ++j)
                if (sign(s.facets[f].normal[j]) != 0) stationarity[j].push_back("(* " + smt_number(s.facets[f].normal[j]) + " " + lambda + ")");
        }
        for (std::size_t k = 0; k < s.equations.size(); ++k) {
            const std::string mu = "m" + tag + "_" + std::to_string(k);
            q.declare_real(mu);
            q.assert_named("in_set" + tag + "_e" + std::to_string(k),
                           "(= " + smt_dot(s.equations[k].normal, e.x[i]) + " " + smt_number(s.equations[k].offset) + ")");
            for (std::size_t j = 0; j < d; ++j)
                if (sign(s.equations[k].normal[j]) != 0) stationarity[j].push_back("(* " + smt_number(s.equations[k].normal[j]) + " " + mu + ")");
        }
        // w_i (t_i - r) = sum lambda a + sum mu e
        for (std::size_t j = 0; j < d; ++j)
            q.assert_named("stationary" + tag + "_" + std::to_string(j),
                           "(= (* " + smt_number(p.weight) + " (- " + smt_number(p.target[j]) + " " + e.r[j] + ")) " +
                               smt_sum(stationarity[j]) + ")");
    }
    return e;
}

// x_i in the topological interior of X_i: every facet strict, and no equation (a lower-dimensional set has none).
std::string interior(const Instance& instance, std::size_t i, const std::vector<std::string>& x) {
    const Description s = describe(instance.set_of(i));
    if (!s.equations.empty()) return "false";
    std::vector<std::string> strict;
    for (const Halfspace& f : s.facets) strict.push_back("(< " + smt_dot(f.normal, x) + " " + smt_number(f.offset) + ")");
    if (strict.empty()) return "true";
    std::string out = "(and";
    for (const std::string& c : strict) out += " " + c;
    return out + ")";
}

std::string differs(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::string out = "(or";
    for (std::size_t j = 0; j < a.size(); ++j) out += " (not (= " + a[j] + " " + b[j] + "))";
    return out + ")";
}

bool exactly_interior(const Instance& instance, std::size_t i, const Vector& x) {
    const Description s = describe(instance.set_of(i));
    if (!s.equations.empty()) return false;
    for (const Halfspace& f : s.facets)
        if (!(dot(f.normal, x) < f.offset)) return false;
    return true;
}

struct Runner {
    const Instance& instance;
    ProofLog& log;
    const CheckOptions& options;
    z3::context& ctx;

    QueryOutcome run(const std::string& name, const std::string& property, const std::string& claim, const SmtQuery& q,
                     const std::vector<std::string>& model_variables) {
        // Z3 4.8.12's timer can deadlock on a timeout of a few milliseconds: below 50 ms, give up at once instead.
        QueryLimits limits = options.timeout_seconds < 0.05 ? QueryLimits{0, 1, true}
                                                            : QueryLimits{milliseconds(options.timeout_seconds), options.rlimit, true};
        QueryOutcome outcome = run_query(ctx, q, limits, model_variables);
        LoggedQuery entry;
        entry.name = name;
        entry.purpose = "check:" + property;
        entry.subject = property;
        entry.method = claim;
        entry.logic = q.logic();
        entry.smt2 = q.text();
        entry.expected = "unsat";
        entry.answer = outcome.answer;
        entry.reason = outcome.reason;
        entry.unsat_core = outcome.unsat_core;
        entry.proof = outcome.proof;
        log.record(std::move(entry));
        return outcome;
    }

    SmtQuery header(const std::string& property, const std::string& negation) const {
        return SmtQuery("QF_LRA", {"bigcert check " + property + " on instance \"" + instance.name + "\"",
                                   "equilibria described by MODEL.md 3b-c: x_i in X_i and KKT of max_{y in X_i} w_i (t_i - r).y",
                                   "negation of the property: " + negation, "expected: unsat (the property holds at every equilibrium)"});
    }

    // The profile of copy `e` in Z3's model, if rational and an equilibrium by the exact check.
    std::optional<std::vector<Vector>> equilibrium_from(const QueryOutcome& o, const EquilibriumCopy& e) const {
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
        q.assert_named("negation", differs(a.r, b.r));
        std::vector<std::string> names = names_of(a), nb = names_of(b);
        names.insert(names.end(), nb.begin(), nb.end());
        QueryOutcome o = run("check-receiver-unique", v.property, "two copies of the equilibrium set, receivers differ", q, names);
        if (o.answer == "unsat") return v.verdict = "holds", v.reason = "Z3: no two equilibria have different receivers", v;
        auto x = equilibrium_from(o, a), y = equilibrium_from(o, b);
        if (x && y && instance.receiver(*x) != instance.receiver(*y)) return v.verdict = "fails", v.counterexample = {*x, *y}, v;
        unknown_from(v, o);
        return v;
    }

    PropertyVerdict count() {
        PropertyVerdict v{"count"};
        SmtQuery q = header(v.property, "two different equilibria (then, the equilibrium set being convex, infinitely many: Corollary 3)");
        EquilibriumCopy a = add_equilibrium(q, instance, "a"), b = add_equilibrium(q, instance, "b");
        std::vector<std::string> xa = names_of(a), xb = names_of(b);
        q.assert_named("negation", differs(xa, xb));
        std::vector<std::string> names = xa;
        names.insert(names.end(), xb.begin(), xb.end());
        QueryOutcome o = run("check-count", v.property, "two copies of the equilibrium set, profiles differ", q, names);
        if (o.answer == "unsat") return v.verdict = "holds", v.value = "one", v.reason = "Z3: no two different equilibria", v;
        auto x = equilibrium_from(o, a), y = equilibrium_from(o, b);
        if (x && y && *x != *y) {
            // Two distinct equilibria; the equilibria are the minimisers of the convex potential (Proposition 2),
            // a convex set, so the segment between them consists of equilibria.
            v.verdict = "holds", v.value = "infinite", v.counterexample = {*x, *y};
            v.reason = "two different equilibria (exactly checked); the equilibrium set is convex (Proposition 2)";
            return v;
        }
        unknown_from(v, o);
        return v;
    }

    PropertyVerdict exaggeration() {
        PropertyVerdict v{"exaggeration"};
        const std::size_t n = instance.players.size();
        std::vector<std::string> problems;
        std::set<Vector> targets;
        for (std::size_t i = 0; i < n; ++i) {
            if (sign(instance.players[i].weight) == 0) problems.push_back("player " + instance.label(i) + " has weight 0");
            if (!targets.insert(instance.players[i].target).second) problems.push_back("player " + instance.label(i) + " repeats a target");
        }
        v.premise = problems.empty() ? "met" : "not met";
        for (const std::string& p : problems) v.premise_detail += (v.premise_detail.empty() ? "" : "; ") + p;
        SmtQuery q = header(v.property, "an equilibrium with two interior players, or one interior player whose target is not the receiver");
        EquilibriumCopy a = add_equilibrium(q, instance, "a");
        std::vector<std::string> counted, misplaced;
        for (std::size_t i = 0; i < n; ++i) {
            const std::string in = interior(instance, i, a.x[i]);
            q.assert_named("interior_" + std::to_string(i), "(= k_" + std::to_string(i) + " (ite " + in + " 1.0 0.0))");
            q.declare_real("k_" + std::to_string(i));
            counted.push_back("k_" + std::to_string(i));
            std::vector<std::string> target;
            for (const Rational& t : instance.players[i].target) target.push_back(smt_number(t));
            misplaced.push_back("(and " + in + " " + differs(a.r, target) + ")");
        }
        std::string any_misplaced = "(or";
        for (const std::string& m : misplaced) any_misplaced += " " + m;
        q.assert_named("negation", "(or (>= " + smt_sum(counted) + " 2.0) " + any_misplaced + "))");
        QueryOutcome o = run("check-exaggeration", v.property, "one copy of the equilibrium set with the conclusion negated", q, names_of(a));
        if (o.answer == "unsat") {
            v.verdict = "holds";
            v.reason = v.premise == "met" ? "Z3: Theorem 4's conclusion holds at every equilibrium"
                                          : "the premise fails, yet Z3 shows the conclusion holds at every equilibrium of this instance";
            return v;
        }
        if (auto x = equilibrium_from(o, a)) {
            Vector r = instance.receiver(*x);
            std::size_t inside = 0;
            bool wrong = false;
            for (std::size_t i = 0; i < n; ++i)
                if (exactly_interior(instance, i, (*x)[i])) ++inside, wrong = wrong || r != instance.players[i].target;
            if (inside >= 2 || wrong) {
                v.verdict = "fails", v.counterexample = {*x};
                v.reason = std::to_string(inside) + " interior player(s) at this equilibrium" + (wrong ? ", one not at its target" : "");
                return v;
            }
        }
        unknown_from(v, o);
        return v;
    }

    // Theorem 1 for this instance: for player i, with z the rest of the receiver and c the others' part of the
    // potential (both unconstrained, so every profile is covered), l_i(y) - l_i(x) = Phi(y) - Phi(x). Players
    // with the same weight and target give the same query, which is asked once.
    PropertyVerdict potential() {
        PropertyVerdict v{"potential"};
        const std::size_t d = instance.dimension;
        std::map<std::pair<Rational, Vector>, std::size_t> classes;
        for (std::size_t i = 0; i < instance.players.size(); ++i) classes.emplace(std::make_pair(instance.players[i].weight, instance.players[i].target), i);
        std::size_t k = 0;
        for (const auto& [key, i] : classes) {
            const auto& [w, t] = key;
            SmtQuery q("QF_NRA", {"bigcert check potential (Theorem 1) on instance \"" + instance.name + "\", player " + instance.label(i) +
                                      (classes.size() < instance.players.size() ? " (and every player with its weight and target)" : ""),
                                  "z: the receiver without player i (free); c: -2 sum_{k != i} w_k t_k.x_k (free, equal on both sides)",
                                  "negation: some x, y with l_i(y) - l_i(x) != Phi(y) - Phi(x)", "expected: unsat"});
            std::vector<std::string> lx, ly, px, py;
            q.declare_real("c");
            for (std::size_t j = 0; j < d; ++j) {
                const std::string z = "z_" + std::to_string(j), x = "x_" + std::to_string(j), y = "y_" + std::to_string(j);
                q.declare_real(z), q.declare_real(x), q.declare_real(y);
                const std::string wv = smt_number(w), tv = smt_number(t[j]);
                auto rec = [&](const std::string& a) { return "(+ " + z + " (* " + wv + " " + a + "))"; };
                auto sq = [](const std::string& e) { return "(* " + e + " " + e + ")"; };
                lx.push_back(sq("(- " + rec(x) + " " + tv + ")")), ly.push_back(sq("(- " + rec(y) + " " + tv + ")"));
                px.push_back("(- " + sq(rec(x)) + " (* 2.0 " + wv + " " + tv + " " + x + "))");
                py.push_back("(- " + sq(rec(y)) + " (* 2.0 " + wv + " " + tv + " " + y + "))");
            }
            px.push_back("c"), py.push_back("c");
            q.assert_named("negation", "(not (= (- " + smt_sum(ly) + " " + smt_sum(lx) + ") (- " + smt_sum(py) + " " + smt_sum(px) + ")))");
            std::string index = std::to_string(k++);
            QueryOutcome o = run("check-potential-" + std::string(index.size() < 7 ? 7 - index.size() : 0, '0') + index, v.property,
                                 "Theorem 1's identity for one player, deviation universally quantified", q, {});
            if (o.answer != "unsat") {
                v.verdict = "unknown";
                v.reason = "player " + instance.label(i) + ": Z3 answered " + o.answer + (o.reason.empty() ? "" : " (" + o.reason + ")");
                return v;
            }
        }
        v.verdict = "holds";
        v.reason = "Z3: the identity holds for every player (" + std::to_string(classes.size()) + " distinct weight/target pairs)";
        return v;
    }
};

}  // namespace

std::vector<std::string> property_names(const std::string& requested) {
    const std::vector<std::string> all{"exaggeration", "receiver-unique", "count", "potential"};
    if (requested == "all") return all;
    for (const std::string& p : all)
        if (p == requested) return {p};
    throw InputError("--property", "unknown property \"" + requested + "\" (exaggeration, receiver-unique, count, potential, all)");
}

std::vector<PropertyVerdict> check_properties(const Instance& instance, const std::vector<std::string>& properties,
                                              ProofLog& log, const CheckOptions& options) {
    if (instance.loss != Loss::squared) throw UnsupportedError("loss", "bigcert check for this loss");
    for (std::size_t i = 0; i < instance.players.size(); ++i) describe(instance.set_of(i));  // refuse other kinds up front
    z3::config config;
    config.set("proof", true);
    z3::context ctx(config);
    Runner runner{instance, log, options, ctx};
    std::vector<PropertyVerdict> verdicts;
    for (const std::string& p : properties) {
        if (p == "exaggeration") verdicts.push_back(runner.exaggeration());
        else if (p == "receiver-unique") verdicts.push_back(runner.receiver_unique());
        else if (p == "count") verdicts.push_back(runner.count());
        else if (p == "potential") verdicts.push_back(runner.potential());
        else throw InputError("--property", "unknown property \"" + p + "\"");
    }
    log.add_note("check: the equilibria are described exactly by MODEL.md 3b-c (x_i in X_i and the KKT conditions of "
                 "max over X_i of w_i (t_i - r).y, complementarity as a disjunction), all players as variables; "
                 "a property holds when its negation over this description is unsat. potential: per player, the rest "
                 "of the receiver z and the others' part of the potential c are free variables, so one query covers "
                 "every profile.");
    log.finish({{"timeout_seconds", options.timeout_seconds}, {"rlimit", options.rlimit}});
    return verdicts;
}

nlohmann::ordered_json check_json(const Instance& instance, const std::vector<PropertyVerdict>& verdicts, const std::string& proof_log) {
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
        if (!v.counterexample.empty()) {
            nlohmann::ordered_json profiles = nlohmann::ordered_json::array();
            for (const auto& actions : v.counterexample) {
                nlohmann::ordered_json a = nlohmann::ordered_json::array();
                for (const Vector& x : actions) a.push_back(vector_json(x));
                profiles.push_back({{"actions", a}, {"receiver", vector_json(instance.receiver(actions))}});
            }
            p[v.verdict == "fails" ? "counterexample" : "equilibria"] = v.verdict == "fails" && profiles.size() == 1 ? profiles[0] : profiles;
        }
        properties[v.property] = std::move(p);
    }
    out["properties"] = std::move(properties);
    if (!proof_log.empty()) out["proof_log"] = proof_log;
    out["z3_version"] = z3_version();
    return out;
}

}  // namespace bigcert
