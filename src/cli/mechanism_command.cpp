// `bigcert mechanism INSTANCE [--rule JSON] [--compare JSON...] [--json] [--proof-log DIR]`: receiver rules
// judged on one game (docs/model.md §5, docs/format.md "Mechanism report").
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "bigcert/core/display_text.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/receiver_rule_loader.hpp"
#include "bigcert/mechanism/mechanism.hpp"
#include "cli/commands.hpp"
#include "cli/shared_options.hpp"

namespace bigcert::cli {
namespace {

using Json = nlohmann::ordered_json;

Json vector_json(const Vector& v) { return to_strings(v); }

Json profile_json(const std::vector<Vector>& profile) {
    Json out = Json::array();
    for (const Vector& v : profile) out.push_back(vector_json(v));
    return out;
}

Json rule_json(const ReceiverRule& rule) {
    Json out{{"kind", rule_kind_name(rule.kind)}};
    if (rule.kind == ReceiverRule::Kind::generalized_median) out["phantoms"] = profile_json(rule.phantoms);
    if (rule.kind == ReceiverRule::Kind::trimmed_mean) out["trim"] = rule.trim;
    if (rule.kind == ReceiverRule::Kind::threshold) {
        out["prior"] = vector_json(rule.prior);
        out["radius"] = to_string(rule.radius);
    }
    return out;
}

Json truthful_json(const TruthfulVerdict& v) {
    Json out{{"verdict", v.verdict}};
    if (v.manipulation)
        out["manipulation"] = {{"player", v.manipulation->player},
                               {"report", vector_json(v.manipulation->report)},
                               {"improvement", to_string(v.manipulation->improvement)}};
    if (!v.reason.empty()) out["reason"] = v.reason;
    return out;
}

Json strategyproof_json(const StrategyproofVerdict& v) {
    Json out{{"verdict", v.verdict}, {"method", v.method}};
    if (v.counterexample)
        out["counterexample"] = {{"player", v.counterexample->player},
                                 {"reports", profile_json(v.counterexample->reports)},
                                 {"report", vector_json(v.counterexample->report)},
                                 {"improvement", to_string(v.counterexample->improvement)}};
    if (!v.reason.empty()) out["reason"] = v.reason;
    return out;
}

Json equilibrium_json(const EquilibriumReport& e) {
    Json out{{"status", e.status}};
    if (!e.note.empty()) out["note"] = e.note;
    if (e.status != "found") return out;
    out["certified"] = e.certified;
    out["rounds"] = e.rounds;
    out["reports"] = profile_json(e.reports);
    out["outcome"] = vector_json(e.outcome);
    out["truthful_outcome"] = vector_json(e.truthful_outcome);
    out["outcome_shift_squared"] = to_string(e.outcome_shift_squared);
    out["total_loss"] = to_string(e.total_loss);
    out["total_loss_truthful"] = to_string(e.total_loss_truthful);
    out["at_boundary"] = e.at_boundary;
    Json players = Json::array();
    for (std::size_t i = 0; i < e.players.size(); ++i)
        players.push_back({{"index", i},
                           {"squared_exaggeration", to_string(e.players[i].squared_exaggeration)},
                           {"squared_from_truthful", to_string(e.players[i].squared_from_truthful)},
                           {"at_boundary", e.players[i].at_boundary},
                           {"loss", to_string(e.players[i].loss)}});
    out["players"] = std::move(players);
    out["other_outcomes"] = e.other_outcomes;
    if (e.other_outcome) out["other_outcome"] = vector_json(*e.other_outcome);
    return out;
}

Json report_json(const MechanismReport& r) {
    return {{"rule", rule_json(r.rule)},
            {"truthful", truthful_json(r.truthful)},
            {"strategyproof", strategyproof_json(r.strategyproof)},
            {"equilibrium", equilibrium_json(r.equilibrium)}};
}

std::string point(const Vector& v) {
    std::string out = "(";
    for (std::size_t j = 0; j < v.size(); ++j) out += (j ? ", " : "") + to_string(v[j]);
    return out + ")";
}

Rational total_squared_exaggeration(const EquilibriumReport& e) {
    Rational sum = 0;
    for (const PlayerManipulation& p : e.players) sum += p.squared_exaggeration;
    return sum;
}

void print_report(const Instance& instance, const MechanismReport& r) {
    std::cout << "rule       " << rule_summary(r.rule) << "\n";
    std::cout << "  truthful equilibrium: " << r.truthful.verdict;
    if (r.truthful.manipulation) {
        const Manipulation& m = *r.truthful.manipulation;
        std::cout << ": player " << display_text(instance.numbered_label(m.player)) << " reports "
                  << point(m.report) << " instead of " << point(m.reports[m.player])
                  << " and lowers its loss by " << to_string(m.improvement);
    }
    if (!r.truthful.reason.empty()) std::cout << " (" << display_text(r.truthful.reason) << ")";
    std::cout << "\n  strategyproof on this instance: " << r.strategyproof.verdict << " ["
              << r.strategyproof.method << "]";
    if (r.strategyproof.counterexample) {
        const Manipulation& m = *r.strategyproof.counterexample;
        std::cout << "\n    counterexample: player " << display_text(instance.numbered_label(m.player))
                  << " reports " << point(m.report) << " instead of " << point(m.reports[m.player])
                  << " (loss lower by " << to_string(m.improvement) << ") against the others' reports";
        if (m.reports.size() <= 8)
            for (std::size_t j = 0; j < m.reports.size(); ++j)
                if (j != m.player) std::cout << " " << point(m.reports[j]);
        if (m.reports.size() > 8) std::cout << " (--json lists them)";
    }
    if (!r.strategyproof.reason.empty()) std::cout << " (" << display_text(r.strategyproof.reason) << ")";
    const EquilibriumReport& e = r.equilibrium;
    std::cout << "\n  equilibrium: " << e.status;
    if (e.status != "found") {
        std::cout << (e.note.empty() ? "" : " (" + e.note + ")") << "\n";
        return;
    }
    std::cout << " after " << e.rounds << " round" << (e.rounds == 1 ? "" : "s")
              << " of exact best responses, Z3: " << e.certified << "\n";
    std::cout << "    outcome " << point(e.outcome) << ", truthful outcome " << point(e.truthful_outcome)
              << ", squared distance " << to_string(e.outcome_shift_squared) << "\n";
    std::cout << "    total loss " << to_string(e.total_loss) << " at the equilibrium, "
              << to_string(e.total_loss_truthful) << " when all report truthfully; " << e.at_boundary
              << " of " << e.players.size() << " players at the boundary of their sets\n";
    for (std::size_t i = 0; i < e.players.size() && i < 20; ++i)
        std::cout << "    player " << display_text(instance.numbered_label(i)) << ": report "
                  << point(e.reports[i]) << ", |x - t|^2 = " << to_string(e.players[i].squared_exaggeration)
                  << (e.players[i].at_boundary ? ", at the boundary" : "") << "\n";
    if (e.players.size() > 20)
        std::cout << "    ... " << e.players.size() - 20 << " more players (--json lists them)\n";
    std::cout << "    another equilibrium with a different outcome: " << e.other_outcomes;
    if (e.other_outcome) std::cout << " (outcome " << point(*e.other_outcome) << ")";
    std::cout << "\n";
}

void print_table(const std::vector<MechanismReport>& reports) {
    std::cout << "rule                            | truthful      | strategyproof | equilibrium  | sum "
                 "|x-t|^2  | boundary | |o-o_T|^2  | loss eq    | loss truthful\n";
    for (const MechanismReport& r : reports) {
        const EquilibriumReport& e = r.equilibrium;
        const bool found = e.status == "found";
        auto cell = [](const std::string& s, std::size_t w) {
            return s.size() >= w ? s : s + std::string(w - s.size(), ' ');
        };
        std::cout << cell(rule_summary(r.rule), 32) << "| " << cell(r.truthful.verdict, 14) << "| "
                  << cell(r.strategyproof.verdict, 14) << "| " << cell(e.status, 13) << "| "
                  << cell(found ? to_string(total_squared_exaggeration(e)) : "-", 13) << "| "
                  << cell(
                         found ? std::to_string(e.at_boundary) + "/" + std::to_string(e.players.size()) : "-",
                         9)
                  << "| " << cell(found ? to_string(e.outcome_shift_squared) : "-", 11) << "| "
                  << cell(found ? to_string(e.total_loss) : "-", 11) << "| "
                  << (found ? to_string(e.total_loss_truthful) : "-") << "\n";
    }
}

bool undecided(const MechanismReport& r) {
    return r.truthful.verdict == "not certified" || r.strategyproof.verdict == "unknown" ||
           (r.equilibrium.status == "found" && r.equilibrium.certified != "certified");
}

}  // namespace

Runner add_mechanism_command(CLI::App& app) {
    struct Options {
        InputOptions input;
        std::string rule, proof_log;
        std::vector<std::string> compare;
        bool json = false, queries_only = false, verdicts_only = false;
        MechanismOptions mechanism;
    };
    auto options = std::make_shared<Options>();
    options->input.any_rule = true;
    CLI::App* command = app.add_subcommand("mechanism",
                                           "receiver rules: is truthful reporting an equilibrium, "
                                           "strategyproof; equilibria and the manipulation left");
    options->input.add_to(*command);
    command->add_option("--rule", options->rule,
                        "a rule object (docs/format.md \"Receiver rules\"); default: the instance's");
    command
        ->add_option("--compare", options->compare,
                     "several rule objects: one table (or one JSON array) for all")
        ->expected(1, -1);
    add_json_flag(*command, options->json, "the mechanism report object (docs/format.md)");
    add_proof_log_option(*command, options->proof_log);
    add_query_timeout_option(*command, options->mechanism.timeout_seconds);
    command->add_option("--max-rounds", options->mechanism.max_rounds, "rounds of best-response dynamics")
        ->capture_default_str()
        ->check(positive_count());
    command->add_flag("--verdicts-only", options->verdicts_only,
                      "decide (a) and (b) only: no equilibrium search");
    command->add_flag(
        "--no-structural", options->queries_only,
        "decide strategyproofness by Z3 queries even where docs/model.md 5.4's argument applies");
    return [options] {
        if (!options->rule.empty() && !options->compare.empty())
            throw InputError("--compare", "give either --rule or --compare");
        Instance instance = options->input.load();
        if (instance.loss != Loss::squared)
            throw UnsupportedError(
                "loss", "bigcert mechanism with the inner-product loss (its rules use the squared loss)");
        std::vector<std::pair<std::string, ReceiverRule>> rules;
        if (!options->rule.empty())
            rules.emplace_back("--rule", load_receiver_rule_text(options->rule, instance.dimension, "--rule",
                                                                 options->input.limits));
        for (std::size_t k = 0; k < options->compare.size(); ++k) {
            const std::string path = "--compare[" + std::to_string(k) + "]";
            rules.emplace_back(path, load_receiver_rule_text(options->compare[k], instance.dimension, path,
                                                             options->input.limits));
        }
        if (rules.empty()) rules.emplace_back("rule", instance.rule);
        for (const auto& [path, rule] : rules) check_rule_fits_instance(rule, instance, path);
        ProofLog log(options->proof_log, options->proof_log.empty() ? std::string() : options->input.text(),
                     instance.name);
        std::vector<MechanismReport> reports;
        Json rule_list = Json::array();
        for (std::size_t k = 0; k < rules.size(); ++k) {
            MechanismOptions mechanism = options->mechanism;
            mechanism.structural = !options->queries_only;
            mechanism.equilibrium = !options->verdicts_only;
            if (rules.size() > 1) mechanism.query_prefix = "rule" + std::to_string(k) + "-";
            reports.push_back(analyze_mechanism(instance, rules[k].second, log, mechanism));
            rule_list.push_back(rule_json(rules[k].second));
        }
        const std::string sha = log.finish({{"command", "mechanism"},
                                            {"rules", rule_list},
                                            {"timeout_seconds", options->mechanism.timeout_seconds}});
        if (options->json) {
            Json out{{"format", "bigcert-mechanism/1"}, {"instance", instance.name}};
            if (options->compare.empty()) {
                const Json report = report_json(reports[0]);
                for (auto& [key, value] : report.items()) out[key] = value;
            } else {
                Json list = Json::array();
                for (const MechanismReport& r : reports) list.push_back(report_json(r));
                out["rules"] = std::move(list);
            }
            if (log.enabled()) out["proof_log"] = log.directory(), out["manifest_sha256"] = sha;
            std::cout << out.dump(1) << "\n";
        } else {
            std::cout << "mechanism  " << (instance.name.empty() ? "(unnamed)" : display_text(instance.name))
                      << ", " << instance.players.size() << " players, d = " << instance.dimension << "\n";
            if (!options->compare.empty()) print_table(reports);
            for (const MechanismReport& r : reports) print_report(instance, r);
            if (log.enabled())
                std::cout << "proof log  " << display_text(log.directory()) << "  (manifest sha256 " << sha
                          << "; replay: bigcert replay " << display_text(log.directory()) << ")\n";
        }
        for (const MechanismReport& r : reports)
            if (undecided(r)) return int(exit_not_certified);
        return int(exit_ok);
    };
}

}  // namespace bigcert::cli
