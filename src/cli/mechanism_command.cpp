// `bigcert mechanism INSTANCE [--rule JSON] [--compare JSON...] [--json] [--proof-log DIR] [--svg FILE]`:
// receiver rules judged on one game (docs/model.md §6, docs/format.md "Mechanism report").
#include <fstream>
#include <iostream>
#include <memory>

#include "bigcert/core/display_text.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/file_access.hpp"
#include "bigcert/mechanism/mechanism_figure.hpp"
#include "bigcert/mechanism/mechanism_run.hpp"
#include "cli/commands.hpp"
#include "cli/shared_options.hpp"

namespace bigcert::cli {
namespace {

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

// The comparison figure (docs/cli.md "mechanism"), through the one Figure model of `bigcert plot`.
void write_figures(const Instance& instance, const std::vector<MechanismReport>& reports,
                   const std::string& svg, const std::string& tikz) {
    if (svg.empty() && tikz.empty()) return;
    const Figure figure = mechanism_comparison_figure(instance, reports);
    const FigureCanvas canvas = mechanism_comparison_canvas(reports.size());
    if (!svg.empty()) {
        std::ofstream out = open_for_writing("--svg", svg);
        write_svg(out, figure, canvas);
        finish_writing(out, "--svg", svg);
    }
    if (!tikz.empty()) {
        std::ofstream out = open_for_writing("--tikz", tikz);
        write_tikz(out, figure, canvas);
        finish_writing(out, "--tikz", tikz);
    }
}

}  // namespace

Runner add_mechanism_command(CLI::App& app) {
    struct Options {
        InputOptions input;
        std::string rule, proof_log, svg, tikz;
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
        "decide strategyproofness by Z3 queries even where docs/model.md 6.4's argument applies");
    command->add_option("--svg", options->svg,
                        "write the rules' bar chart (losses, outcome shift, boundary) as SVG");
    command->add_option("--tikz", options->tikz, "the same figure as a TikZ picture");
    return [options] {
        if (!options->svg.empty()) require_writable("--svg", options->svg);
        if (!options->tikz.empty()) require_writable("--tikz", options->tikz);
        if (options->verdicts_only && !(options->svg.empty() && options->tikz.empty()))
            throw InputError(options->svg.empty() ? "--tikz" : "--svg",
                             "the figure draws the equilibria, which --verdicts-only does not search");
        Instance instance = options->input.load();
        MechanismRequest request;
        request.rule = options->rule;
        request.compare = options->compare;
        request.options = options->mechanism;
        request.options.structural = !options->queries_only;
        request.options.equilibrium = !options->verdicts_only;
        request.limits = options->input.limits;
        request.proof_log = options->proof_log;
        if (!options->proof_log.empty()) request.instance_text = options->input.text();
        const MechanismRun run = run_mechanism(instance, request);
        write_figures(instance, run.reports, options->svg, options->tikz);
        if (options->json) {
            std::cout << run.json.dump(1) << "\n";
        } else {
            std::cout << "mechanism  " << (instance.name.empty() ? "(unnamed)" : display_text(instance.name))
                      << ", " << instance.players.size() << " players, d = " << instance.dimension << "\n";
            if (run.compared) print_table(run.reports);
            for (const MechanismReport& r : run.reports) print_report(instance, r);
            if (run.json.contains("proof_log")) {
                const std::string directory = run.json["proof_log"].get<std::string>();
                std::cout << "proof log  " << display_text(directory) << "  (manifest sha256 "
                          << run.manifest_sha256 << "; replay: bigcert replay " << display_text(directory)
                          << ")\n";
            }
        }
        return int(run.undecided() ? exit_not_certified : exit_ok);
    };
}

}  // namespace bigcert::cli
