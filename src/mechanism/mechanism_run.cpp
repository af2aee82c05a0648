#include "bigcert/mechanism/mechanism_run.hpp"

#include <utility>

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/receiver_rule_loader.hpp"

namespace bigcert {
namespace {

Json point_json(const Vector& v) { return to_strings(v); }

Json reports_json(const std::vector<Vector>& profile) {
    Json out = Json::array();
    for (const Vector& v : profile) out.push_back(point_json(v));
    return out;
}

Json truthful_json(const TruthfulVerdict& v) {
    Json out{{"verdict", v.verdict}};
    if (v.manipulation)
        out["manipulation"] = {{"player", v.manipulation->player},
                               {"report", point_json(v.manipulation->report)},
                               {"improvement", to_string(v.manipulation->improvement)}};
    if (!v.reason.empty()) out["reason"] = v.reason;
    return out;
}

Json strategyproof_json(const StrategyproofVerdict& v) {
    Json out{{"verdict", v.verdict}, {"method", v.method}};
    if (v.counterexample)
        out["counterexample"] = {{"player", v.counterexample->player},
                                 {"reports", reports_json(v.counterexample->reports)},
                                 {"report", point_json(v.counterexample->report)},
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
    out["reports"] = reports_json(e.reports);
    out["outcome"] = point_json(e.outcome);
    out["truthful_outcome"] = point_json(e.truthful_outcome);
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
    if (e.other_outcome) out["other_outcome"] = point_json(*e.other_outcome);
    return out;
}

bool report_undecided(const MechanismReport& r) {
    return r.truthful.verdict == "not certified" || r.strategyproof.verdict == "unknown" ||
           (r.equilibrium.status == "found" && r.equilibrium.certified != "certified");
}

// The rules to judge with the path that names each in errors: --rule, every --compare entry, else the
// instance's own rule.
std::vector<std::pair<std::string, ReceiverRule>> requested_rules(const Instance& instance,
                                                                  const MechanismRequest& request) {
    if (!request.rule.empty() && !request.compare.empty())
        throw InputError(request.compare_name,
                         "give either " + request.rule_name + " or " + request.compare_name);
    std::vector<std::pair<std::string, ReceiverRule>> rules;
    if (!request.rule.empty())
        rules.emplace_back(request.rule_name, load_receiver_rule_text(request.rule, instance.dimension,
                                                                      request.rule_name, request.limits));
    for (std::size_t k = 0; k < request.compare.size(); ++k) {
        const std::string path = request.compare_name + "[" + std::to_string(k) + "]";
        rules.emplace_back(
            path, load_receiver_rule_text(request.compare[k], instance.dimension, path, request.limits));
    }
    if (rules.empty()) rules.emplace_back("rule", instance.rule);
    for (const auto& [path, rule] : rules) check_rule_fits_instance(rule, instance, path);
    return rules;
}

}  // namespace

Json rule_json(const ReceiverRule& rule) {
    Json out{{"kind", rule_kind_name(rule.kind)}};
    if (rule.kind == ReceiverRule::Kind::generalized_median) out["phantoms"] = reports_json(rule.phantoms);
    if (rule.kind == ReceiverRule::Kind::trimmed_mean) out["trim"] = rule.trim;
    if (rule.kind == ReceiverRule::Kind::threshold) {
        out["prior"] = point_json(rule.prior);
        out["radius"] = to_string(rule.radius);
    }
    return out;
}

Json mechanism_report_json(const MechanismReport& r) {
    return {{"rule", rule_json(r.rule)},
            {"truthful", truthful_json(r.truthful)},
            {"strategyproof", strategyproof_json(r.strategyproof)},
            {"equilibrium", equilibrium_json(r.equilibrium)}};
}

bool MechanismRun::undecided() const {
    for (const MechanismReport& r : reports)
        if (report_undecided(r)) return true;
    return false;
}

MechanismRun run_mechanism(const Instance& instance, const MechanismRequest& request) {
    if (!instance.receivers.empty())  // the rules replace one receiver's mean (docs/model.md §6, §8)
        throw UnsupportedError("receivers", "bigcert mechanism with several receivers");
    if (instance.loss != Loss::squared)
        throw UnsupportedError(
            "loss", "bigcert mechanism with the inner-product loss (its rules use the squared loss)");
    const std::vector<std::pair<std::string, ReceiverRule>> rules = requested_rules(instance, request);
    ProofLog log(request.proof_log, request.proof_log.empty() ? std::string() : request.instance_text,
                 instance.name);
    MechanismRun run;
    run.compared = !request.compare.empty();
    Json rule_list = Json::array();
    for (std::size_t k = 0; k < rules.size(); ++k) {
        MechanismOptions options = request.options;
        if (rules.size() > 1) options.query_prefix = "rule" + std::to_string(k) + "-";
        run.reports.push_back(analyze_mechanism(instance, rules[k].second, log, options));
        rule_list.push_back(rule_json(rules[k].second));
    }
    run.manifest_sha256 = log.finish({{"command", "mechanism"},
                                      {"rules", rule_list},
                                      {"timeout_seconds", request.options.timeout_seconds}});
    run.json = {{"format", "bigcert-mechanism/1"}, {"instance", instance.name}};
    if (!run.compared) {
        const Json report = mechanism_report_json(run.reports[0]);  // items() refers into it: keep it alive
        for (auto& [key, value] : report.items()) run.json[key] = value;
    } else {
        Json list = Json::array();
        for (const MechanismReport& r : run.reports) list.push_back(mechanism_report_json(r));
        run.json["rules"] = std::move(list);
    }
    if (log.enabled())
        run.json["proof_log"] = log.directory(), run.json["manifest_sha256"] = run.manifest_sha256;
    return run;
}

}  // namespace bigcert
