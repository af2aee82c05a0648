#include "bigcert/certify/certificate.hpp"

#include <z3++.h>

#include <cmath>

#include "bigcert/certify/multiplier_certificate.hpp"
#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/enclosure.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/parallel.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "certify/claim_groups.hpp"
#include "certify/cone_facts.hpp"

namespace bigcert {
namespace {

std::vector<std::string> variable_names(std::size_t d) {
    std::vector<std::string> names;
    for (std::size_t j = 0; j < d; ++j) names.push_back("y" + std::to_string(j));
    return names;
}

std::string player_file_stem(const Instance& instance, std::size_t i, const char* method) {
    std::string index = std::to_string(i);
    std::string padded = std::string(index.size() < 7 ? 7 - index.size() : 0, '0') + index;
    (void)instance;
    return "certify-player-" + padded + "-" + method;
}

// Per-player data: the others' part of the receiver is fixed, so the loss of y is |c + w y|^2 with c = z - t.
struct PlayerQueries {
    const Instance& instance;
    std::size_t i;
    const Vector& x;
    const Vector& receiver;
    Vector g;  // 2 w (x̂ - t)

    SmtQuery header(const char* logic, const char* method, const char* claim) const {
        // Players by index only: names stay out of SMT-LIB text (smt_text.hpp).
        return SmtQuery(logic, {"bigcert certify: player " + std::to_string(i) + " (0-based index)",
                                std::string("method: ") + method, std::string("claim: ") + claim,
                                "expected: unsat (no deviation in the player's set lowers its loss)"});
    }

    void add_membership(SmtQuery& q, const std::vector<std::string>& y) const {
        std::vector<std::string> m = smt_membership(instance.set_of(i), y, "in_set");
        for (std::size_t k = 0; k < m.size(); ++k) q.assert_named("in_set_" + std::to_string(k), m[k]);
    }

    SmtQuery variational() const {
        const std::size_t d = instance.dimension;
        std::vector<std::string> y = variable_names(d);
        // Over a ball or ellipsoid the objective stays linear but membership is quadratic: QF_NRA.
        const bool curved = instance.set_of(i).is_curved();
        SmtQuery q = header(curved ? "QF_NRA" : "QF_LRA",
                            curved ? "variational inequality (linear objective, quadratic set; equivalent to "
                                     "the definition by convexity)"
                                   : "variational inequality (linear; equivalent to the definition by "
                                     "convexity of the loss in y)",
                            "exists y in X_i with g·y < g·x_i, g = 2 w_i (x̂ - t_i)");
        for (const std::string& name : y) q.declare_real(name);
        add_membership(q, y);
        q.assert_named("improves", "(< " + smt_dot(g, y) + " " + smt_number(dot(g, x)) + ")");
        return q;
    }

    SmtQuery definition() const {
        const Player& p = instance.players[i];
        const std::size_t d = instance.dimension;
        std::vector<std::string> y = variable_names(d);
        SmtQuery q = header("QF_NRA", "definition of equilibrium (nonlinear)",
                            "exists y in X_i with |x̂ - w_i x_i + w_i y - t_i|^2 < |x̂ - t_i|^2");
        for (const std::string& name : y) q.declare_real(name);
        add_membership(q, y);
        std::vector<std::string> squares;
        for (std::size_t j = 0; j < d; ++j) {
            Rational c = receiver[j] - p.weight * x[j] - p.target[j];
            std::string e = "(+ " + smt_number(c) + " (* " + smt_number(p.weight) + " " + y[j] + "))";
            squares.push_back("(* " + e + " " + e + ")");
        }
        q.assert_named("improves",
                       "(< " + smt_sum(squares) + " " + smt_number(squared_norm(receiver - p.target)) + ")");
        return q;
    }
};

// y pulled towards the centre of a curved set by the factor 1 - 2^-k until it lies in the set (exactly):
// Z3's algebraic model points sit on the boundary, and their rational approximations may be just outside.
std::optional<Vector> pulled_inside(const ActionSet& set, const Vector& y) {
    if (set.contains(y)) return y;
    if (!set.is_curved()) return std::nullopt;
    const Vector& c = set.as_curved().center();
    for (unsigned k : {60u, 40u, 20u, 10u, 4u}) {
        Rational keep = 1 - Rational(Integer(1), Integer(Integer(1) << k));
        Vector pulled = c;
        add_scaled(pulled, keep, y - c);
        if (set.contains(pulled)) return pulled;
    }
    return std::nullopt;
}

// A rational point of a curved set near its support point in direction u: c + M⁻¹u / σ with σ >= sqrt(uᵀM⁻¹u)
// rounded up, so that (y - c)ᵀM(y - c) = uᵀM⁻¹u / σ² <= 1 holds exactly.
Vector rounded_support_point(const CurvedSet& set, const Vector& u) {
    const std::size_t d = set.dimension();
    Rational q = set.support_quadratic(u);
    Vector y = set.center();
    if (sign(q) == 0) return y;
    Rational sigma = sqrt_enclosure(q, 64).hi;
    for (std::size_t r = 0; r < d; ++r) {
        Rational v = 0;
        for (std::size_t c = 0; c < d; ++c) v += set.inverse().at(r, c) * u[c];
        y[r] += v / sigma;
    }
    return y;
}

Rational loss_after_deviation(const Instance& instance, std::size_t i, const Vector& receiver,
                              const Vector& x, const Vector& y) {
    Vector moved = receiver;
    add_scaled(moved, instance.players[i].weight, y - x);
    return instance.loss_of(i, moved);
}

// A model of the linear query gives a direction v = y - x with g·v < 0; the loss along x + tau v is
// l(x) + tau g·v + tau^2 w^2 |v|^2, lowest at tau* = -g·v / (2 w^2 |v|^2); tau = min(1, tau*) lowers it.
Vector improving_point(const Instance& instance, std::size_t i, const Vector& x, const Vector& g,
                       const Vector& y) {
    Vector v = y - x;
    Rational slope = dot(g, v),
             curvature = instance.players[i].weight * instance.players[i].weight * squared_norm(v);
    Rational tau = 1;
    if (sign(curvature) > 0) tau = std::min(Rational(1), Rational(-slope / (2 * curvature)));
    Vector point = x;
    add_scaled(point, tau, v);
    return point;
}

void record(ProofLog& log, const std::string& name, const std::string& subject, const char* method,
            const SmtQuery& q, const QueryOutcome& outcome) {
    log.record(logged_query(name, "certify", subject, method, q, outcome));
}

PlayerVerdict certify_player(SolverPool& pool, const Instance& instance, std::size_t i,
                             const std::vector<Vector>& actions, const Vector& receiver, ProofLog& log,
                             const CertifyOptions& options, bool run_definition) {
    const Player& p = instance.players[i];
    PlayerVerdict verdict;
    verdict.index = i;
    PlayerQueries queries{instance, i, actions[i], receiver, 2 * p.weight * (receiver - p.target)};
    const std::vector<std::string> y = variable_names(instance.dimension);

    QueryLimits linear_limits = limits_for_timeout(options.timeout_seconds, options.rlimit, log.enabled());
    SmtQuery linear = queries.variational();
    QueryOutcome linear_outcome = pool.run(linear, linear_limits, y);
    verdict.variational = linear_outcome.answer;
    record(log, player_file_stem(instance, i, "variational"), instance.label(i), "variational inequality",
           linear, linear_outcome);

    QueryOutcome definition_outcome;
    if (run_definition) {
        QueryLimits nonlinear_limits =
            limits_for_timeout(std::min(options.timeout_seconds, options.definition_timeout_seconds),
                               options.rlimit, log.enabled());
        SmtQuery nonlinear = queries.definition();
        definition_outcome = pool.run(nonlinear, nonlinear_limits, y);
        verdict.definition = definition_outcome.answer;
        record(log, player_file_stem(instance, i, "definition"), instance.label(i), "definition", nonlinear,
               definition_outcome);
    } else {
        verdict.definition = "skipped";
    }

    bool multipliers_ok = false;
    if (instance.set_of(i).is_curved()) {
        // The exact counterpart of the multipliers on a ball or ellipsoid: x_i maximises -g·y, decided by
        // squaring with sign care (curved_set.hpp), i.e. -g = ν M(x_i - c) with ν >= 0 and x_i on the
        // boundary.
        multipliers_ok = instance.set_of(i).as_curved().maximises(Rational(-1) * queries.g, actions[i]);
        verdict.multipliers = multipliers_ok ? "verified (exact support point)" : "none exist";
    } else {
        std::optional<Multipliers> multipliers = find_multipliers(instance.set_of(i), actions[i], queries.g);
        multipliers_ok = multipliers && check_multipliers(*multipliers, actions[i], queries.g);
        verdict.multipliers = multipliers_ok ? "verified" : "none exist";
        if (multipliers_ok) verdict.lambda = multipliers->lambda;
    }

    // A deviation is reported only after its improvement is verified exactly. An algebraic (irrational) model
    // of the nonlinear queries is rounded to a rational point of the set first; the best point of the segment
    // from x_i towards it (improving_point) then improves whenever the rounded point still has g·(y - x_i) <
    // 0.
    const ActionSet& set = instance.set_of(i);
    auto accept = [&](Vector point, bool segment) {
        std::optional<Vector> inside = pulled_inside(set, point);
        if (!inside) return false;
        point = *inside;
        if (segment && sign(dot(queries.g, point - actions[i])) < 0)
            point = improving_point(instance, i, actions[i], queries.g, point);
        Rational before = instance.loss_of(i, receiver),
                 after = loss_after_deviation(instance, i, receiver, actions[i], point);
        if (!(after < before) || !set.contains(point)) return false;
        verdict.deviation = point;
        verdict.improvement = before - after;
        return true;
    };
    auto try_deviation = [&](const QueryOutcome& outcome, bool linear_model) {
        if (outcome.answer != "sat") return false;
        Vector point;
        for (const std::string& name : y) {
            auto exact = outcome.model.find(name), approximate = outcome.approximate_model.find(name);
            if (exact != outcome.model.end())
                point.push_back(exact->second);
            else if (approximate != outcome.approximate_model.end())
                point.push_back(approximate->second);
            else
                return false;
        }
        return accept(point, linear_model || !outcome.model_rational);
    };
    // Z3 said sat, but its algebraic point did not survive rounding: the rounded support point in direction
    // -g is the natural improving deviation on a curved set (again verified exactly).
    auto try_support_point = [&] {
        return set.is_curved() && (linear_outcome.answer == "sat" || definition_outcome.answer == "sat") &&
               accept(rounded_support_point(set.as_curved(), Rational(-1) * queries.g), true);
    };

    const bool linear_unsat = linear_outcome.answer == "unsat";
    if (linear_unsat && multipliers_ok && definition_outcome.answer != "sat") {
        verdict.verdict = "certified";
    } else if (!linear_unsat && (linear_outcome.answer == "sat" || definition_outcome.answer == "sat") &&
               !multipliers_ok &&
               (try_deviation(definition_outcome, false) || try_deviation(linear_outcome, true) ||
                try_support_point())) {
        verdict.verdict = "refuted";
    } else {
        verdict.verdict = "not certified";
        if (linear_outcome.answer == "unknown")
            verdict.reason = "Z3 answered unknown (" + linear_outcome.reason + ")";
        else
            verdict.reason = "the methods disagree (variational: " + linear_outcome.answer +
                             ", definition: " + verdict.definition + ", multipliers: " + verdict.multipliers +
                             ")";
    }
    return verdict;
}

void certify_individually(const Instance& instance, const std::vector<std::size_t>& players,
                          const std::vector<Vector>& actions, Certificate& certificate, ProofLog& log,
                          const CertifyOptions& options, bool run_definition, bool proofs) {
    unsigned workers = worker_count(options.threads, players.size(), 1);
    parallel_chunks(players.size(), workers, [&](unsigned, std::size_t begin, std::size_t end) {
        z3::config config;
        config.set("proof", proofs);  // proof objects are for the log only, and they cost time
        z3::context ctx(config);      // one context per thread: Z3 contexts are not thread-safe
        SolverPool pool(ctx);
        for (std::size_t k = begin; k < end; ++k)
            certificate.players[players[k]] = certify_player(
                pool, instance, players[k], actions, certificate.receiver, log, options, run_definition);
    });
}

std::string group_file_stem(std::size_t group) {
    std::string index = std::to_string(group);
    return "certify-group-" + std::string(index.size() < 7 ? 7 - index.size() : 0, '0') + index +
           "-variational";
}

// A member whose class claim is shown: its own exact multipliers (the class's, written for the fact's
// u = `first` = -xden g of the class's first player and scaled by -g_i = c u, else found afresh), checked
// against g_i itself.
void settle_shown_member(const Instance& instance, std::size_t i, const Vector& x, const Vector& g,
                         const std::optional<Multipliers>& class_multipliers, const Vector& first,
                         PlayerVerdict& verdict) {
    verdict.index = i;
    verdict.variational = "unsat";
    verdict.definition = "skipped";
    std::optional<Multipliers> m;
    if (class_multipliers) {
        // c = -g_j / u_j at any non-zero u_j (the same ray: c > 0); c = 0 when g = 0.
        Rational c = 0;
        for (std::size_t j = 0; j < first.size(); ++j)
            if (sign(first[j]) != 0) {
                c = -g[j] / first[j];
                break;
            }
        m = class_multipliers;
        for (Rational& l : m->lambda) l *= c;
        for (Rational& u : m->mu) u *= c;
    }
    bool ok = m && check_multipliers(*m, x, g);
    if (!ok) {
        m = find_multipliers(instance.set_of(i), x, g);
        ok = m && check_multipliers(*m, x, g);
    }
    verdict.multipliers = ok ? "verified" : "none exist";
    if (ok) verdict.lambda = m->lambda;
    verdict.verdict = ok ? "certified" : "not certified";
    if (!ok) verdict.reason = "the methods disagree (variational: unsat, multipliers: none exist)";
}

// The grouped path (claim_groups.hpp): per group of claim classes one query, per player the exact
// multipliers. With options.cone_facts a class whose action has exact cone multipliers is asked as a
// variable-free fact (cone_facts.hpp); a class without them (its claim is false, or the set is degenerate in
// a way the exact LP does not settle) goes straight to certify_player. A group Z3 does not answer unsat (a
// refuted member, or unknown) is re-asked player by player through certify_player, so that a deviation is
// found and re-checked exactly, and an unknown stays "not certified".
void certify_grouped(const Instance& instance, const std::vector<std::size_t>& players,
                     const std::vector<Vector>& actions, Certificate& certificate, ProofLog& log,
                     const CertifyOptions& options, bool run_definition) {
    std::vector<Vector> gradients(instance.players.size());
    for (std::size_t i : players)
        gradients[i] = 2 * instance.players[i].weight * (certificate.receiver - instance.players[i].target);
    std::vector<ClaimClass> classes = claim_classes(instance, players, actions, gradients);
    const std::size_t group_size = std::max<std::size_t>(1, options.group_size);
    const std::size_t groups = (classes.size() + group_size - 1) / group_size;
    std::vector<std::string> class_answer(classes.size());
    std::vector<std::size_t> class_member(classes.size(), 0);  // its position in the group query
    // In 1-D the ray is ±1 and Z3 decides the disjunctions in preprocessing: measured faster than the facts
    // (1d-hard 10^5: 10.4 s against 13.6 s CPU, bench/REPORT.md); from d = 2 on the facts win by far.
    const bool cone_form = options.cone_facts && instance.dimension >= 2;
    unsigned workers = worker_count(options.threads, groups, 1);
    parallel_chunks(groups, workers, [&](unsigned, std::size_t begin, std::size_t end) {
        z3::config config;
        config.set("proof", false);
        z3::context ctx(config);
        SolverPool pool(ctx);
        QueryLimits limits = limits_for_timeout(options.timeout_seconds, options.rlimit, false);
        auto individually = [&](const ClaimClass& member) {
            for (std::size_t i : member.players)
                certificate.players[i] = certify_player(pool, instance, i, actions, certificate.receiver, log,
                                                        options, run_definition);
        };
        for (std::size_t group = begin; group < end; ++group) {
            std::vector<std::size_t> asked;  // class indices in the group query, member m = asked[m]
            std::vector<const ClaimClass*> members;
            std::vector<std::optional<Multipliers>> cones;
            std::vector<std::string> facts;
            std::vector<Vector> first_offsets;  // u of each fact (a positive multiple of -g of every member)
            for (std::size_t c = group * group_size; c < std::min(classes.size(), (group + 1) * group_size);
                 ++c) {
                const ClaimClass& k = classes[c];
                std::optional<Multipliers> cone;
                // x minimises g·y: maximises u = -d (a short ray, e.g. ±1 in 1-D), else u = -xden g of the
                // class's first player written over the receiver (cone_facts.hpp).
                const Player& first = instance.players[k.players[0]];
                const bool short_ray = is_short(k.direction);
                const Vector u = short_ray
                                     ? Rational(-1) * k.direction
                                     : scaled_offset(2 * first.weight, first.target, certificate.receiver);
                if (cone_form) {
                    cone = cone_multipliers(instance.action_sets[k.set], k.action, u);
                    if (!cone) {
                        class_answer[c] = "asked per player (no exact cone multipliers)";
                        individually(k);
                        continue;
                    }
                    facts.push_back(
                        smt_cone_fact(*cone, k.action,
                                      short_ray ? smt_numerals(u)
                                                : smt_scaled_offset(2 * first.weight, first.target,
                                                                    receiver_terms(instance.dimension))));
                }
                first_offsets.push_back(u);
                asked.push_back(c);
                members.push_back(&k);
                cones.push_back(std::move(cone));
            }
            if (asked.empty()) continue;
            SmtQuery query = cone_form ? claim_cone_query(facts, certificate.receiver, group)
                                       : claim_group_query(instance, members, group);
            QueryOutcome outcome = pool.run(query, limits, {});
            record(
                log, group_file_stem(group), "claim group " + std::to_string(group),
                cone_form ? "variational inequality, grouped cone facts" : "variational inequality, grouped",
                query, outcome);
            for (std::size_t m = 0; m < asked.size(); ++m) {
                class_answer[asked[m]] = outcome.answer;
                class_member[asked[m]] = m;
                if (outcome.answer != "unsat") {
                    individually(*members[m]);
                    continue;
                }
                for (std::size_t i : members[m]->players)
                    settle_shown_member(instance, i, actions[i], gradients[i], cones[m], first_offsets[m],
                                        certificate.players[i]);
            }
        }
    });
    log.add_note(
        "certify at scale: player i's variational claim (no y in X_i with g_i·(y - x_i) < 0) depends on g_i "
        "only "
        "through its ray, so with g_i = c_i d, c_i > 0 (checked exactly; d the primitive integer vector of "
        "the "
        "ray) it is the claim 'no y in X_i with d·y < d·x_i'. Players with the same set, action and d share "
        "that "
        "claim (claims.json). A group query asks the claims of several classes as one disjunction over "
        "disjoint "
        "variables, which is unsat iff each claim is. A group not answered unsat is re-asked player by "
        "player "
        "(certify-player-* queries). The definition query is skipped above definition_max_players players. "
        "Cone facts (docs/model.md §3i): on a polytope or interval X = {y : a_k·y <= b_k, e·y = f} a claim "
        "is asked as a fact without variables: x in X, and -g = sum_{k in P} lambda_k a_k + sum_e mu_e e "
        "with "
        "lambda_k > 0 and a_k·x = b_k for k in P (g = 2 w (xhat - t) of the class's first player, written "
        "from the instance's numbers and the receiver; lambda by Cramer's rule in g where P has one facet, "
        "or "
        "two in the plane, else exact numerals); then for every y in X, g·(y - x) = sum_{k in P} lambda_k "
        "(b_k - a_k·y) >= 0, so no y in X has g·y < g·x; the other players of the class have g_i = c_i g, "
        "c_i "
        "> 0. A group query asserts that some member's fact fails (expected unsat).");
    if (!log.enabled()) return;
    // The table the grouping rests on: which players share which claim (each with g_i = c_i d, c_i > 0,
    // checked exactly in ray_of), and in which group query that claim was asked.
    nlohmann::ordered_json table = nlohmann::ordered_json::array();
    for (std::size_t c = 0; c < classes.size(); ++c)
        table.push_back({{"query", group_file_stem(c / group_size)},
                         {"member", class_member[c]},
                         {"answer", class_answer[c]},
                         {"players", classes[c].players}});
    log.add_artifact(
        "claims.json",
        nlohmann::ordered_json{{"format", "bigcert-claim-classes/1"}, {"classes", std::move(table)}}.dump() +
            "\n",
        "claim classes: players with the same set, action and ray of g_i = 2 w_i (x̂ - t_i) (g_i = c_i d, "
        "c_i > 0 checked exactly) share one claim, member m of its group query");
}

}  // namespace

Certificate certify_profile(const Instance& instance, const std::vector<Vector>& actions, ProofLog& log,
                            const CertifyOptions& options) {
    if (instance.loss != Loss::squared)
        throw UnsupportedError("loss", "certify for this loss through certify_profile");
    const std::size_t n = instance.players.size();
    if (actions.size() != n) throw InputError("equilibrium.actions", "one action per player is required");
    for (std::size_t i = 0; i < n; ++i) {
        if (instance.set_of(i).is_finite())
            throw UnsupportedError("players[" + std::to_string(i) + "].action_set",
                                   "certify for this kind of set");
        if (actions[i].size() != instance.dimension || !instance.set_of(i).contains(actions[i]))
            throw InputError("equilibrium.actions[" + std::to_string(i) + "]",
                             "not in player " + instance.numbered_label(i) + "'s action set");
    }
    Certificate certificate;
    certificate.receiver = instance.receiver(actions);
    certificate.players.resize(n);
    // Curved sets keep their own queries (their membership is quadratic); so does every player of a small
    // game.
    const bool at_scale = n > options.per_player_max;
    std::vector<std::size_t> grouped, individual;
    for (std::size_t i = 0; i < n; ++i)
        (at_scale && !instance.set_of(i).is_curved() ? grouped : individual).push_back(i);
    const bool run_definition =
        instance.dimension <= options.definition_max_dimension && n <= options.definition_max_players;
    const bool proofs = log.enabled() && !at_scale;
    certify_individually(instance, individual, actions, certificate, log, options, run_definition, proofs);
    if (!grouped.empty())
        certify_grouped(instance, grouped, actions, certificate, log, options, run_definition);
    bool all = true, any_refuted = false;
    for (const PlayerVerdict& v : certificate.players) {
        all = all && v.verdict == "certified";
        any_refuted = any_refuted || v.verdict == "refuted";
    }
    certificate.verdict = all ? "certified" : (any_refuted ? "refuted" : "not certified");
    for (const PlayerVerdict& v : certificate.players) log.conclusion(instance.label(v.index), v.verdict);
    log.add_note(
        "certify: for each player, the variational-inequality query (QF_LRA) is equivalent to the definition "
        "because the player's loss is convex in its own action: l(y) - l(x) >= g·(y - x) with g = 2 w (x̂ - "
        "t), "
        "and conversely a y with g·(y - x) < 0 gives an improving point x + tau (y - x) for small tau > 0. "
        "The definition query (QF_NRA) is logged as extra evidence; multipliers.json holds the exact KKT "
        "multipliers (g + A_T^T lambda + E^T mu = 0, lambda >= 0 on tight facets). On a ball or ellipsoid "
        "both "
        "queries are QF_NRA (the set is quadratic) and the exact check in place of the multipliers is that "
        "x_i "
        "maximises -g over the set, decided by squaring with sign care: -g.(x_i - c) >= 0 and (-g.(x_i - "
        "c))^2 >= "
        "g^T M^-1 g. A deviation from an algebraic Z3 model is rounded into the set and re-checked exactly.");
    nlohmann::ordered_json multipliers = nlohmann::ordered_json::array();
    for (const PlayerVerdict& v : certificate.players)
        multipliers.push_back({{"player", v.index}, {"lambda", vector_json(v.lambda)}});
    if (log.enabled())
        log.add_artifact("multipliers.json", multipliers.dump(1) + "\n",
                         "exact KKT multipliers per player (facet order of the set's H-description)");
    certificate.proof_log = log.directory();
    certificate.manifest_sha256 =
        log.finish({{"timeout_seconds", options.timeout_seconds},
                    {"per_player_max", options.per_player_max},
                    {"group_size", options.group_size},
                    {"definition_max_players", options.definition_max_players},
                    {"rlimit", options.rlimit},
                    {"definition_timeout_seconds", options.definition_timeout_seconds},
                    {"definition_max_dimension", options.definition_max_dimension}});
    return certificate;
}

nlohmann::ordered_json certificate_json(const Instance& instance, const Certificate& c) {
    nlohmann::ordered_json out;
    out["format"] = "bigcert-certificate/1";
    out["instance"] = instance.name;
    out["verdict"] = c.verdict;
    out["receiver"] = vector_json(c.receiver);
    nlohmann::ordered_json players = nlohmann::ordered_json::array();
    for (const PlayerVerdict& v : c.players) {
        nlohmann::ordered_json p{
            {"index", v.index},
            {"name", instance.label(v.index)},
            {"verdict", v.verdict},
            {"methods",
             {{"variational", v.variational}, {"definition", v.definition}, {"multipliers", v.multipliers}}}};
        if (!v.reason.empty()) p["reason"] = v.reason;
        if (v.deviation) {
            p["deviation"] = vector_json(*v.deviation);
            p["improvement"] = to_string(v.improvement);
        }
        players.push_back(std::move(p));
    }
    out["players"] = std::move(players);
    if (!c.claim.empty()) {
        out["claim"] = c.claim;
        out["enclosure"] = c.enclosure;
    }
    if (!c.proof_log.empty()) {
        out["proof_log"] = c.proof_log;
        out["manifest_sha256"] = c.manifest_sha256;
    }
    out["z3_version"] = z3_version();
    return out;
}

}  // namespace bigcert
