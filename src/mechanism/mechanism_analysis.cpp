#include <z3++.h>

#include <algorithm>
#include <set>

#include "bigcert/core/errors.hpp"
#include "bigcert/mechanism/mechanism.hpp"
#include "bigcert/mechanism/rule_outcome.hpp"
#include "mechanism/mechanism_queries.hpp"
#include "mechanism/order_statistics.hpp"
#include "mechanism/rule_best_response.hpp"
#include "mechanism/rule_dynamics.hpp"

namespace bigcert {
namespace {

std::string padded(std::size_t i) {
    std::string s = std::to_string(i);
    return std::string(s.size() < 7 ? 7 - s.size() : 0, '0') + s;
}

// A model value: exact when Z3 gives a rational, else its 40-digit approximation (a candidate only: the
// caller re-checks the whole manipulation exactly).
std::optional<Rational> model_value(const QueryOutcome& outcome, const std::string& name) {
    if (auto it = outcome.model.find(name); it != outcome.model.end()) return it->second;
    if (auto it = outcome.approximate_model.find(name); it != outcome.approximate_model.end())
        return it->second;
    return std::nullopt;
}

std::optional<Vector> model_point(const QueryOutcome& outcome, const std::vector<std::string>& names) {
    Vector v;
    for (const std::string& name : names) {
        std::optional<Rational> q = model_value(outcome, name);
        if (!q) return std::nullopt;
        v.push_back(*q);
    }
    return v;
}

// The exact re-check of a manipulation: every report in its set, and the player strictly better off.
std::optional<Manipulation> checked_manipulation(const Instance& instance, const ReceiverRule& rule,
                                                 std::size_t player, std::vector<Vector> reports,
                                                 const Vector& report) {
    for (std::size_t j = 0; j < reports.size(); ++j)
        if (!instance.set_of(j).contains(reports[j])) return std::nullopt;
    if (!instance.set_of(player).contains(report)) return std::nullopt;
    const Rational before = rule_loss(instance, player, rule_outcome(instance, rule, reports));
    std::vector<Vector> moved = reports;
    moved[player] = report;
    const Rational after = rule_loss(instance, player, rule_outcome(instance, rule, moved));
    if (!(after < before)) return std::nullopt;
    return Manipulation{player, std::move(reports), report, before - after};
}

class QueryRunner {
  public:
    QueryRunner(ProofLog& log, const MechanismOptions& options) : log_(log), options_(options), pool_(ctx_) {}
    QueryOutcome run(const SmtQuery& q, const std::string& stem, const std::string& purpose,
                     std::size_t player, const std::string& method,
                     const std::vector<std::string>& variables) {
        QueryLimits limits = limits_for_timeout(options_.timeout_seconds, 0, log_.enabled());
        QueryOutcome outcome = pool_.run(q, limits, variables);
        log_.record(logged_query(options_.query_prefix + stem, purpose, "player " + std::to_string(player),
                                 method, q, outcome, outcome.answer == "sat" ? "sat" : "unsat"));
        return outcome;
    }

  private:
    ProofLog& log_;
    const MechanismOptions& options_;
    z3::context ctx_;
    SolverPool pool_;
};

TruthfulVerdict check_truthful(const Instance& instance, const ReceiverRule& rule, QueryRunner& runner) {
    const std::vector<Vector> truthful = truthful_profile(instance);
    const ProfileOrder order(instance, rule, truthful);
    const Vector outcome = rule_outcome(instance, rule, truthful);
    TruthfulVerdict verdict{"certified", std::nullopt, ""};
    const std::vector<std::string> y = own_report_names(instance.dimension);
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        SmtQuery q =
            fixed_others_query(instance, i, order.own_report_map(i), outcome, "truthful equilibrium");
        QueryOutcome answer =
            runner.run(q, "truthful-player-" + padded(i), "mechanism:truthful", i, "definition", y);
        if (answer.answer == "unsat") continue;
        if (answer.answer == "sat") {
            if (std::optional<Vector> point = model_point(answer, y))
                if (auto m = checked_manipulation(instance, rule, i, truthful, *point)) {
                    verdict = TruthfulVerdict{"refuted", std::move(m), ""};
                    return verdict;
                }
            verdict.verdict = "not certified";
            verdict.reason =
                "player " + std::to_string(i) + ": Z3's model did not survive the exact re-check";
            continue;
        }
        verdict.verdict = "not certified";
        verdict.reason =
            "player " + std::to_string(i) + ": " + (answer.reason.empty() ? "unknown" : answer.reason);
    }
    return verdict;
}

// Candidate profiles of the others for a quick exact search (docs/model.md §6.4): truthful, every player at
// the low or the high end of its set (the lexicographically lowest / highest vertex), alternating, midpoints.
std::vector<std::vector<Vector>> candidate_profiles(const Instance& instance) {
    std::vector<std::vector<Vector>> profiles(5);
    profiles[0] = truthful_profile(instance);
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        std::vector<Vector> v = instance.set_of(i).vertices();
        const Vector lo = *std::min_element(v.begin(), v.end()), hi = *std::max_element(v.begin(), v.end());
        profiles[1].push_back(lo);
        profiles[2].push_back(hi);
        profiles[3].push_back(i % 2 ? hi : lo);
        profiles[4].push_back(Rational(1, 2) * (lo + hi));
    }
    return profiles;
}

// d = 1, a player whose target lies inside its interval: the others placed below or above the target so that
// the player sits at the median positions (below-count m/2 - 1 .. m/2 + 1), where an average of two middle
// values or a trim boundary leaves it room to exaggerate.
std::vector<std::vector<Vector>> centred_profiles(const Instance& instance, std::size_t player) {
    std::vector<std::vector<Vector>> profiles;
    const Rational t = instance.players[player].target[0];
    const Interval& own = instance.set_of(player).as_interval();
    if (!(own.lo < t && t < own.hi)) return profiles;
    const std::size_t n = instance.players.size();
    std::vector<std::size_t> flexible;  // can go either side
    std::vector<Vector> base(n);
    std::size_t below = 0;
    for (std::size_t j = 0; j < n; ++j) {
        if (j == player) continue;
        const Interval& x = instance.set_of(j).as_interval();
        base[j] = {x.lo < t ? x.lo : x.hi};
        if (x.lo < t) ++below;
        if (x.lo < t && x.hi > t) flexible.push_back(j);
    }
    base[player] = {t};
    const std::size_t half = (n - 1) / 2;
    for (std::size_t goal = half == 0 ? 0 : half - 1; goal <= half + 1; ++goal) {
        if (goal > below || below - goal > flexible.size()) continue;
        std::vector<Vector> profile = base;
        for (std::size_t k = 0; k < below - goal; ++k)
            profile[flexible[k]] = {instance.set_of(flexible[k]).as_interval().hi};
        profiles.push_back(std::move(profile));
    }
    return profiles;
}

std::optional<Manipulation> try_profile(const Instance& instance, const ReceiverRule& rule,
                                        const std::vector<Vector>& profile, std::size_t player,
                                        const ProfileOrder& order) {
    const OwnReportMap map = order.own_report_map(player);
    const Vector truthful = truthful_report(instance, player);
    const std::optional<Vector> best = rule_best_response(instance, rule, player, map, truthful);
    if (!best || *best == truthful) return std::nullopt;
    std::vector<Vector> reports = profile;
    reports[player] = truthful;
    return checked_manipulation(instance, rule, player, std::move(reports), *best);
}

// One ProfileOrder per candidate serves every player (its own entry does not enter its map); a player whose
// exact best response beats its truthful report gives a counterexample, re-checked on the whole profile.
std::optional<Manipulation> search_counterexample(const Instance& instance, const ReceiverRule& rule) {
    if (!best_response_supported(instance, rule)) return std::nullopt;
    for (std::vector<Vector>& profile : candidate_profiles(instance)) {
        const ProfileOrder order(instance, rule, profile);
        for (std::size_t i = 0; i < instance.players.size(); ++i)
            if (auto m = try_profile(instance, rule, profile, i, order)) return m;
    }
    if (instance.dimension != 1 || rule.kind == ReceiverRule::Kind::threshold) return std::nullopt;
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        for (const std::vector<Vector>& profile : centred_profiles(instance, i))
            if (auto m = try_profile(instance, rule, profile, i, ProfileOrder(instance, rule, profile)))
                return m;
    return std::nullopt;
}

StrategyproofVerdict check_strategyproof(const Instance& instance, const ReceiverRule& rule,
                                         const TruthfulVerdict& truthful, QueryRunner& runner, ProofLog& log,
                                         const MechanismOptions& options) {
    if (options.structural) {
        std::string argument = structural_strategyproofness(instance, rule);
        if (!argument.empty()) {
            log.add_note(options.query_prefix + "strategyproofness: " + argument);
            return {"holds", argument, std::nullopt, ""};
        }
    }
    if (truthful.manipulation)
        return {"fails", "the manipulation of the truthful profile (its query is in the proof log)",
                truthful.manipulation, ""};
    if (std::optional<Manipulation> found = search_counterexample(instance, rule)) {
        // Z3 confirms it from the definition too: the fixed-others query at that profile is sat.
        const ProfileOrder order(instance, rule, found->reports);
        SmtQuery q = fixed_others_query(instance, found->player, order.own_report_map(found->player),
                                        rule_outcome(instance, rule, found->reports),
                                        "strategyproofness counterexample");
        runner.run(q, "strategyproof-counterexample-player-" + padded(found->player),
                   "mechanism:strategyproof", found->player, "definition at the counterexample's profile",
                   own_report_names(instance.dimension));
        return {"fails",
                "exact best response against a candidate profile of the others (docs/model.md §6.4), "
                "re-checked exactly",
                found, ""};
    }
    const std::size_t n = instance.players.size(), d = instance.dimension;
    StrategyproofVerdict verdict{"holds", "one Z3 query per player over all reports", std::nullopt, ""};
    for (std::size_t i = 0; i < n; ++i) {
        const Vector own = truthful_report(instance, i);
        std::vector<std::string> variables = own_report_names(d);
        for (std::size_t j = 0; j < n; ++j)
            if (j != i)
                for (const std::string& name : report_names(j, d)) variables.push_back(name);
        SmtQuery q = all_profiles_query(instance, rule, i, own);
        QueryOutcome answer = runner.run(q, "strategyproof-player-" + padded(i), "mechanism:strategyproof", i,
                                         "definition over all reports", variables);
        if (answer.answer == "unsat") continue;
        if (answer.answer == "sat") {
            std::vector<Vector> reports(n);
            bool complete = true;
            for (std::size_t j = 0; j < n && complete; ++j) {
                std::optional<Vector> r =
                    j == i ? std::optional<Vector>(own) : model_point(answer, report_names(j, d));
                complete = r.has_value();
                if (r) reports[j] = *r;
            }
            std::optional<Vector> y = model_point(answer, own_report_names(d));
            if (complete && y)
                if (auto m = checked_manipulation(instance, rule, i, reports, *y))
                    return {"fails", verdict.method, std::move(m), ""};
            verdict.verdict = "unknown";
            verdict.reason =
                "player " + std::to_string(i) + ": Z3's model did not survive the exact re-check";
            continue;
        }
        verdict.verdict = "unknown";
        verdict.reason =
            "player " + std::to_string(i) + ": " + (answer.reason.empty() ? "unknown" : answer.reason);
    }
    return verdict;
}

bool is_box_like(const ActionSet& set) {
    return set.kind() == ActionSet::Kind::interval ||
           (set.kind() == ActionSet::Kind::polytope && set.origin() == "box");
}

}  // namespace

// docs/model.md §6.4: an order statistic of the others and y is clamp(y, L, U); with an odd count the median
// rules are one such clamp per coordinate, and a separable loss on a box (or an interval) makes the truthful
// report optimal in every coordinate for every L <= U.
std::string structural_strategyproofness(const Instance& instance, const ReceiverRule& rule) {
    const bool median =
        rule.kind == ReceiverRule::Kind::median || rule.kind == ReceiverRule::Kind::generalized_median;
    if (!median || (instance.players.size() + rule.phantoms.size()) % 2 == 0) return "";
    for (const ActionSet& set : instance.action_sets)
        if (!is_box_like(set)) return "";
    return instance.dimension == 1
               ? "structural (docs/model.md §6.4): an odd number of values makes the median clamp(y, L, U) "
                 "of "
                 "the own "
                 "report, and the truthful report is a best response to every L <= U (Moulin 1980)"
               : "structural (docs/model.md §6.4): coordinate-wise median of an odd number of values on "
                 "boxes: the squared "
                 "loss separates, each coordinate is clamp(y_c, L_c, U_c) (Border-Jordan 1983)";
}

MechanismReport analyze_mechanism(const Instance& instance, const ReceiverRule& rule, ProofLog& log,
                                  const MechanismOptions& options) {
    QueryRunner runner(log, options);
    MechanismReport report;
    report.rule = rule;
    report.truthful = check_truthful(instance, rule, runner);
    report.strategyproof = check_strategyproof(instance, rule, report.truthful, runner, log, options);
    if (!options.equilibrium) {
        report.equilibrium.status = "not computed";
        report.equilibrium.note = "--verdicts-only";
        return report;
    }
    report.equilibrium = find_rule_equilibrium(instance, rule, options.max_rounds);
    if (report.equilibrium.status == "found") {
        // Z3 confirms each player's best response at the equilibrium, as for the truthful profile.
        const ProfileOrder order(instance, rule, report.equilibrium.reports);
        const std::vector<std::string> y = own_report_names(instance.dimension);
        report.equilibrium.certified = "certified";
        for (std::size_t i = 0; i < instance.players.size(); ++i) {
            SmtQuery q = fixed_others_query(instance, i, order.own_report_map(i), report.equilibrium.outcome,
                                            "equilibrium");
            QueryOutcome answer =
                runner.run(q, "equilibrium-player-" + padded(i), "mechanism:equilibrium", i, "definition", y);
            if (answer.answer == "sat")
                throw InternalError("Z3 finds an improving report at the exact equilibrium of player " +
                                    std::to_string(i));
            if (answer.answer != "unsat") report.equilibrium.certified = "not certified";
        }
    }
    return report;
}

}  // namespace bigcert
