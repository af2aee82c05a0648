#include "mechanism/rule_dynamics.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "bigcert/core/cancellation.hpp"
#include "bigcert/mechanism/rule_outcome.hpp"
#include "bigcert/solver/solver.hpp"
#include "mechanism/order_statistics.hpp"
#include "mechanism/rule_best_response.hpp"

namespace bigcert {
namespace {

struct DynamicsRun {
    std::string status;  // "found", "cycle", "round limit"
    std::vector<Vector> reports;
    std::size_t rounds = 0;
};

std::string profile_key(const std::vector<Vector>& reports) {
    std::string key;
    for (const Vector& r : reports)
        for (const Rational& v : r) key += to_string(v) + ",";
    return key;
}

// Sequential best responses: a round in which nobody moves is an equilibrium (every best response keeps the
// current report only when it is optimal); a profile seen before at the end of a round is a cycle.
DynamicsRun run_dynamics(const Instance& instance, const ReceiverRule& rule, std::vector<Vector> reports,
                         std::size_t max_rounds) {
    std::set<std::string> seen{profile_key(reports)};
    // The profile's sort is rebuilt only after a move: players who keep their reports share one (a round
    // without moves costs one sort, not n).
    std::optional<ProfileOrder> order;
    for (std::size_t round = 1; round <= max_rounds; ++round) {
        bool moved = false;
        for (std::size_t i = 0; i < reports.size(); ++i) {
            throw_if_cancelled();
            if (!order) order.emplace(instance, rule, reports);
            std::optional<Vector> best =
                rule_best_response(instance, rule, i, order->own_report_map(i), reports[i]);
            if (*best != reports[i]) reports[i] = std::move(*best), moved = true, order.reset();
        }
        if (!moved) return {"found", std::move(reports), round};
        if (!seen.insert(profile_key(reports)).second) return {"cycle", std::move(reports), round};
    }
    return {"round limit", std::move(reports), max_rounds};
}

// The lexicographically lowest or highest vertex of each player's set.
std::vector<Vector> extreme_profile(const Instance& instance, bool highest) {
    std::vector<Vector> profile;
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        const ActionSet& set = instance.set_of(i);
        if (set.kind() == ActionSet::Kind::interval) {
            profile.push_back({highest ? set.as_interval().hi : set.as_interval().lo});
            continue;
        }
        std::vector<Vector> v = set.vertices();
        profile.push_back(highest ? *std::max_element(v.begin(), v.end())
                                  : *std::min_element(v.begin(), v.end()));
    }
    return profile;
}

bool at_boundary(const ActionSet& set, const Vector& x) {
    if (set.kind() == ActionSet::Kind::interval)
        return x[0] == set.as_interval().lo || x[0] == set.as_interval().hi;
    return !set.in_relative_interior(x);
}

void measure(const Instance& instance, const ReceiverRule& rule, EquilibriumReport& report) {
    const std::vector<Vector> truthful = truthful_profile(instance);
    report.outcome = rule_outcome(instance, rule, report.reports);
    report.truthful_outcome = rule_outcome(instance, rule, truthful);
    report.outcome_shift_squared = squared_norm(report.outcome - report.truthful_outcome);
    report.total_loss = report.total_loss_truthful = 0;
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        PlayerManipulation p;
        p.squared_exaggeration = squared_norm(report.reports[i] - instance.players[i].target);
        p.squared_from_truthful = squared_norm(report.reports[i] - truthful[i]);
        p.at_boundary = at_boundary(instance.set_of(i), report.reports[i]);
        p.loss = rule_loss(instance, i, report.outcome);
        report.total_loss += p.loss;
        report.total_loss_truthful += rule_loss(instance, i, report.truthful_outcome);
        report.at_boundary += p.at_boundary ? 1 : 0;
        report.players.push_back(p);
    }
}

}  // namespace

EquilibriumReport find_rule_equilibrium(const Instance& instance, const ReceiverRule& rule,
                                        std::size_t max_rounds) {
    EquilibriumReport report;
    report.certified = "not certified";
    if (!best_response_supported(instance, rule)) {
        report.status = "not computed";
        report.note =
            "no exact best response is implemented for this rule on these sets (docs/model.md §6.5)";
        return report;
    }
    if (rule.is_mean()) {
        // The paper's game: its exact solver (Proposition 2), and the outcome is the same at every
        // equilibrium (docs/model.md §3a).
        SolveOptions options;
        options.threads = 1;
        Instance game = instance;
        game.rule = ReceiverRule{};
        report.status = "found";
        report.reports = solve(game, options).actions;
        report.note =
            "the mean's exact solver (Proposition 2); every equilibrium has this outcome (docs/model.md 3a)";
        report.other_outcomes = "no";
        measure(instance, rule, report);
        return report;
    }
    DynamicsRun run = run_dynamics(instance, rule, truthful_profile(instance), max_rounds);
    report.status = run.status;
    report.rounds = run.rounds;
    report.reports = std::move(run.reports);
    if (report.status != "found") {
        report.note = report.status == "cycle"
                          ? "best-response dynamics from the truthful profile revisited a profile: no pure "
                            "equilibrium found (none is claimed not to exist)"
                          : "no pure equilibrium found within the round limit";
        report.reports.clear();
        return report;
    }
    measure(instance, rule, report);
    for (bool highest : {false, true}) {
        DynamicsRun other = run_dynamics(instance, rule, extreme_profile(instance, highest), max_rounds);
        if (other.status != "found") continue;
        Vector outcome = rule_outcome(instance, rule, other.reports);
        if (outcome != report.outcome) {
            report.other_outcomes = "yes";
            report.other_outcome = outcome;
            break;
        }
    }
    return report;
}

}  // namespace bigcert
