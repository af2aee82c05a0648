#include <fstream>
#include <iostream>
#include <memory>

#include "bigcert/algebraic_answer.hpp"
#include "bigcert/box_answer.hpp"
#include "bigcert/box_solver.hpp"
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

namespace {

// `--algebraic` and `--z3-query` concern curved sets only (docs/cli.md); asked for elsewhere they
// would silently do nothing, so they are refused (exit 2). The query is written only when every player is
// curved and n <= 4 (confirm_enclosure_with_z3).
void refuse_inapplicable_curved_flags(const Instance& instance, bool algebraic, const std::string& z3_query) {
    if (!algebraic && z3_query.empty()) return;
    const std::string flag = algebraic ? "--algebraic" : "--z3-query";
    if (instance.loss != Loss::squared)
        throw InputError(flag, "applies to the squared loss only (this game has the inner loss)");
    if (!has_curved_set(instance))
        throw InputError(
            flag, "applies to games with a curved action set (ball or ellipsoid) only; this game has none");
    if (z3_query.empty()) return;
    if (instance.players.size() > 4)
        throw InputError("--z3-query", "the query is written for at most 4 players");
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        if (!instance.set_of(i).is_curved())
            throw InputError("--z3-query", "the query is written only when every player's set is curved");
}

// The machine-integer route's outcome: the answer written; a number left the range (the GMP path answers);
// or a box game whose targets repeat (solve() answers, by the same coordinate games, and names the pair).
enum class FastRoute { written, overflow, general };

FastRoute write_fast_solution(const BoxGame& game, unsigned threads) {
    if (game.dimension() == 1) {
        std::optional<LineSolution> line = solve_line_game(game.coordinates[0], threads);
        if (!line) return FastRoute::overflow;
        write_line_solution_json(std::cout, game.coordinates[0], *line);
        return FastRoute::written;
    }
    std::optional<std::vector<LineSolution>> lines = solve_box_coordinates(game, threads);
    if (!lines) return FastRoute::overflow;
    std::optional<BoxAnswer> answer = describe_box_answer(game, std::move(*lines));
    if (!answer) return FastRoute::general;
    write_box_answer_json(std::cout, game, *answer);
    return FastRoute::written;
}

}  // namespace

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
                      "curved sets, n <= 3: exact coordinates (rationals or FORMAT.md root form), each "
                      "proven (exact checks, Z3 as fallback) and isolated by Sturm's theorem");
    command->add_option(
        "--proof-log", options->proof_log,
        "with --algebraic: write its Z3 queries plus manifest.json to this directory (new, empty, "
        "or an earlier bundle, which is replaced whole)");
    return [options] {
        if (!options->proof_log.empty() && !options->algebraic)
            throw InputError("--proof-log", "solve writes a proof log only with --algebraic");
        if (!options->latex.empty()) require_writable("--latex", options->latex);
        if (!options->z3_query.empty()) require_writable("--z3-query", options->z3_query);
        SolveOptions solve_options;
        solve_options.threads = options->threads;
        const bool curved_flags = options->algebraic || !options->z3_query.empty();
        // d = 1, or boxes, with small numbers: read, solve and write in machine integers (line_solver.hpp,
        // box_solver.hpp), the same bytes as below at a fraction of the time. When a number outgrows 64
        // bits, the GMP path below.
        if (options->json && options->latex.empty() && !curved_flags)
            if (std::optional<BoxGame> game = options->input.load_box_game()) {
                FastRoute route = write_fast_solution(*game, options->threads);
                if (route == FastRoute::written) return exit_ok;
                solve_options.machine_integers = route == FastRoute::general;
            }
        // Only the JSON writer knows how to write the losses it was not given (solution_writer.hpp).
        solve_options.losses_in_writer = options->json && options->latex.empty() && !curved_flags;
        Instance instance = options->input.load();
        refuse_inapplicable_curved_flags(instance, options->algebraic, options->z3_query);
        solve_options.precision = options->precision;
        Solution solution = solve(instance, solve_options);
        if (!options->z3_query.empty() && !solution.enclosed)
            throw InputError(
                "--z3-query",
                "the equilibrium is rational and printed exactly: no enclosure for Z3 to confirm");
        // Curved sets only (§3g); Z3's nonlinear arithmetic is quick for two players, slower beyond.
        confirm_enclosure_with_z3(instance, solution, options->z3_query, options->z3_query.empty() ? 2 : 4);
        if (options->algebraic) {
            ProofLog log(options->proof_log,
                         options->proof_log.empty() ? std::string() : options->input.text(), instance.name);
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
