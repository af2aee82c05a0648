#include <fstream>
#include <iostream>
#include <memory>

#include "bigcert/algebraic_answer.hpp"
#include "bigcert/curved_certificate.hpp"
#include "bigcert/curved_solver.hpp"
#include "bigcert/errors.hpp"
#include "bigcert/file_access.hpp"
#include "bigcert/latex.hpp"
#include "bigcert/line_solver.hpp"
#include "bigcert/solution_writer.hpp"
#include "bigcert/solver.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

Runner add_solve_command(CLI::App& app) {
    struct Options {
        InputOptions input;
        bool json = false;
        unsigned threads = 0;
        unsigned precision = 64;
        std::string z3_query;
        std::string latex;
        bool algebraic = false;
        std::string proof_log;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command =
        app.add_subcommand("solve", "exact equilibrium, equilibrium set and exaggeration report");
    options->input.add_to(*command);
    command->add_flag("--json", options->json, "print FORMAT.md's solution object");
    command->add_option("--threads", options->threads, "worker threads (0: all cores)");
    command->add_option("--latex", options->latex,
                        "also write a booktabs table of the equilibrium (exact fractions)");
    command
        ->add_option("--precision", options->precision,
                     "curved sets: enclose irrational coordinates to width 2^-p (default 64)")
        ->check(CLI::Range(1u, 4096u));
    command->add_option("--z3-query", options->z3_query,
                        "curved sets (n <= 4; run by default for n <= 2): write the Z3 query 'no equilibrium "
                        "outside this box' to this file");
    command->add_flag("--algebraic", options->algebraic,
                      "curved sets, n <= 3: exact coordinates (rationals or FORMAT.md root form), each proven (exact checks, Z3 as fallback) and isolated by Sturm's theorem");
    command->add_option("--proof-log", options->proof_log, "with --algebraic: write its Z3 queries plus manifest.json to this directory");
    return [options] {
        if (!options->proof_log.empty() && !options->algebraic) throw InputError("--proof-log", "solve writes a proof log only with --algebraic");
        if (!options->latex.empty()) require_writable("--latex", options->latex);
        if (!options->z3_query.empty()) require_writable("--z3-query", options->z3_query);
        SolveOptions solve_options;
        solve_options.threads = options->threads;
        // d = 1 with small numbers: read, solve and write in machine integers (line_solver.hpp), the same
        // bytes as below at a fraction of the time. When a number outgrows 64 bits, the GMP path below.
        if (options->json && options->latex.empty())
            if (std::optional<LineGame> game = options->input.load_line_game()) {
                if (std::optional<LineSolution> line = solve_line_game(*game, options->threads)) {
                    write_line_solution_json(std::cout, *game, *line);
                    return exit_ok;
                }
                solve_options.machine_integers = false;  // known not to fit
            }
        Instance instance = options->input.load();
        solve_options.precision = options->precision;
        Solution solution = solve(instance, solve_options);
        // Curved sets only (issue 6); Z3's nonlinear arithmetic is quick for two players, slower beyond.
        confirm_enclosure_with_z3(instance, solution, options->z3_query, options->z3_query.empty() ? 2 : 4);
        if (options->algebraic && has_curved_set(instance)) {
            ProofLog log(options->proof_log, options->proof_log.empty() ? std::string() : options->input.text(), instance.name);
            add_algebraic_answers(instance, solution, log);
            log.finish({{"algebraic", true}});
        }
        if (!options->latex.empty()) {
            std::ofstream latex = open_for_writing("--latex", options->latex);
            write_latex_table(latex, instance, solution);
            finish_writing(latex, "--latex", options->latex);
        }
        if (options->json)
            write_solution_json(std::cout, instance, solution);
        else
            write_solution_table(std::cout, instance, solution);
        return exit_ok;
    };
}

}  // namespace bigcert::cli
