#include <iostream>
#include <memory>

#include "bigcert/certify/certification.hpp"
#include "bigcert/certify/properties.hpp"
#include "bigcert/core/display_text.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/player_list.hpp"
#include "bigcert/core/rational.hpp"
#include "cli/commands.hpp"
#include "cli/query_observer_options.hpp"
#include "cli/shared_options.hpp"

namespace bigcert::cli {
namespace {

// The first players' actions only: a counterexample of 10^5 players is for --json.
std::string profile_text(const std::vector<Vector>& actions) {
    constexpr std::size_t shown = 20;
    std::string out;
    for (std::size_t i = 0; i < actions.size() && i < shown; ++i) {
        out += i ? ", (" : "(";
        for (std::size_t j = 0; j < actions[i].size(); ++j) out += (j ? ", " : "") + to_string(actions[i][j]);
        out += ")";
    }
    if (actions.size() > shown)
        out += ", ... (" + std::to_string(actions.size()) + " players; --json prints every action)";
    return out;
}

void print_readable(const Instance& instance, const std::vector<PropertyVerdict>& verdicts,
                    const std::string& proof_log) {
    std::cout << "check      " << (instance.name.empty() ? "(unnamed)" : display_text(instance.name)) << "\n";
    for (const PropertyVerdict& v : verdicts) {
        std::cout << "  " << v.property << ": " << v.verdict;
        if (!v.value.empty()) std::cout << " (" << v.value << ")";
        if (!v.premise.empty())
            std::cout << "  premise " << v.premise
                      << (v.premise_detail.empty() ? "" : " (" + display_text(v.premise_detail) + ")");
        if (!v.reason.empty()) std::cout << "  " << display_text(v.reason);
        if (v.method == "enclosure") std::cout << "  [by the certified enclosure]";
        if (!v.at_unique_support_point.empty()) {
            std::cout << "\n    at the unique support point of a strictly convex set: "
                      << player_list_text(instance, v.at_unique_support_point, 10);
        }
        std::cout << "\n";
        for (const auto& actions : v.counterexample)
            std::cout << "    equilibrium " << profile_text(actions) << "\n";
    }
    if (!proof_log.empty())
        std::cout << "proof log  " << display_text(proof_log) << "  (replay: bigcert replay "
                  << display_text(proof_log) << ")\n";
}

}  // namespace

Runner add_check_command(CLI::App& app) {
    struct Options {
        InputOptions input;
        std::string property = "all", proof_log;
        bool json = false;
        CheckOptions check;
        QueryObserverOptions observers;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand(
        "check", "prove properties over every equilibrium (exaggeration, receiver-unique, count, potential)");
    options->input.add_to(*command);
    command
        ->add_option("--property", options->property,
                     "exaggeration, receiver-unique, count, potential or all")
        ->capture_default_str();
    command
        ->add_option("--method", options->check.method,
                     "structure: certify the solver's profile per player and read every equilibrium off its "
                     "faces (scales to 10^6 players); full: one query over the whole equilibrium description "
                     "(a few dozen players); auto: structure")
        ->capture_default_str();
    add_json_flag(*command, options->json, "FORMAT.md's check object");
    add_proof_log_option(*command, options->proof_log);
    add_query_timeout_option(*command, options->check.timeout_seconds);
    add_rlimit_option(*command, options->check.rlimit);
    options->observers.add_to(*command);
    options->input.limits.several_receivers = true;
    return [options] {
        CheckRequest request{property_names(options->property), options->proof_log, "", options->check};
        check_method_name(options->check.method);
        Instance instance = options->input.load();
        if (!request.proof_log.empty()) request.instance_text = options->input.text();
        if (!instance.receivers.empty())
            options->observers.refuse("check with several receivers (no queries)");
        // --z3-query, --replay-online: observers of every query (query_observer_options.hpp)
        request.observers = options->observers.start(request.options.timeout_seconds);
        const CheckResult result = check(instance, request);
        options->observers.finish();
        const std::vector<PropertyVerdict>& verdicts = result.verdicts;
        if (options->json)
            std::cout << result.json.dump(1) << "\n";
        else
            print_readable(instance, verdicts, options->proof_log);
        bool fails = false, unknown = false;
        for (const PropertyVerdict& v : verdicts)
            fails = fails || v.verdict == "fails", unknown = unknown || v.verdict == "unknown";
        return fails ? exit_refuted : (unknown ? exit_not_certified : exit_ok);
    };
}

}  // namespace bigcert::cli
