#include <iostream>
#include <memory>

#include "bigcert/certify/replay.hpp"
#include "bigcert/core/display_text.hpp"
#include "cli/commands.hpp"
#include "cli/shared_options.hpp"

namespace bigcert::cli {

Runner add_replay_command(CLI::App& app) {
    struct Options {
        std::string directory;
        double timeout = 60;
        bool no_cvc5 = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command =
        app.add_subcommand("replay", "re-run a proof log with the z3 (and cvc5) binaries and compare");
    command->add_option("DIR", options->directory, "a proof-log directory (with manifest.json)")->required();
    add_query_timeout_option(
        *command, options->timeout,
        "seconds per query and solver (z3 -T in whole seconds, rounded up; cvc5 --tlimit)");
    command->add_flag("--no-cvc5", options->no_cvc5, "do not ask cvc5 even when it is installed");
    return [options] {
        ReplayReport report = replay_proof_log(options->directory, options->timeout, !options->no_cvc5);
        std::size_t agreeing = 0;
        for (const ReplayLine& line : report.lines) {
            agreeing += line.agrees;
            std::cout << (line.agrees ? "agree     " : "DISAGREE  ") << display_text(line.file)
                      << "  expected " << display_text(line.expected) << ", recorded "
                      << display_text(line.recorded) << ", z3 "
                      << (line.z3_answer.empty() ? "-" : line.z3_answer);
            if (!line.cvc5_answer.empty()) std::cout << ", cvc5 " << line.cvc5_answer;
            if (!line.problem.empty()) std::cout << "  (" << display_text(line.problem) << ")";
            std::cout << "\n";
        }
        std::size_t rechecked = 0;
        for (const ArtifactCheck& check : report.artifacts) {
            rechecked += check.passed;
            std::cout << (check.passed ? "re-checked " : "FAILED     ") << display_text(check.file) << "  ("
                      << check.kind << ") expected " << check.expected << ", found "
                      << (check.outcome.empty() ? "-" : check.outcome);
            if (!check.problem.empty()) std::cout << "  (" << display_text(check.problem) << ")";
            std::cout << "\n";
        }
        for (const std::string& problem : report.problems)
            std::cout << "PROBLEM   " << display_text(problem) << "\n";
        std::cout << agreeing << " of " << report.lines.size() << " queries agree, " << rechecked << " of "
                  << report.artifacts.size() << " exact artifacts re-checked"
                  << (report.problems.empty()
                          ? ""
                          : ", " + std::to_string(report.problems.size()) + " bundle problems")
                  << "\n";
        return report.ok() ? exit_ok : exit_refuted;
    };
}

}  // namespace bigcert::cli
