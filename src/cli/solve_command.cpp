#include <fstream>
#include <iostream>
#include <memory>

#include "bigcert/bigcert.hpp"
#include "bigcert/certify/algebraic_answer.hpp"
#include "bigcert/certify/curved_certificate.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/game_kind.hpp"
#include "bigcert/io/file_access.hpp"
#include "bigcert/io/latex.hpp"
#include "bigcert/solver/receivers_output.hpp"
#include "cli/commands.hpp"
#include "cli/shared_options.hpp"

namespace bigcert::cli {

namespace {

// `--algebraic` and `--z3-query` concern curved sets only (docs/cli.md); asked for elsewhere they
// would silently do nothing, so they are refused (exit 2). The query is written only when every player is
// curved and n <= 4 (confirm_enclosure_with_z3).
void refuse_inapplicable_curved_flags(const Instance& instance, GameKind kind, bool algebraic,
                                      const std::string& z3_query) {
    if (!algebraic && z3_query.empty()) return;
    const std::string flag = algebraic ? "--algebraic" : "--z3-query";
    if (kind != GameKind::curved)  // the message names what the game lacks
        throw InputError(flag, instance.loss != Loss::squared
                                   ? "applies to the squared loss only (this game has the inner loss)"
                                   : "applies to games with a curved action set (ball or ellipsoid) only; "
                                     "this game has none");
    if (z3_query.empty()) return;
    if (instance.players.size() > 4)
        throw InputError("--z3-query", "the query is written for at most 4 players");
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        if (!instance.set_of(i).is_curved())
            throw InputError("--z3-query", "the query is written only when every player's set is curved");
}

// Several receivers (docs/model.md §8): one receiver with every care 1 is the paper's game and gets its
// answer plus the receiver list; otherwise the face enumeration of solve_receivers.
ExitCode solve_several_receivers(const Instance& instance, bool json, const ReceiversOptions& options) {
    if (json) {
        std::cout << several_receivers_answer_json(instance, options).dump() << "\n";
        return exit_ok;
    }
    if (std::optional<Instance> classic = single_receiver_instance(instance)) {
        write_solution_table(std::cout, *classic, solve(*classic));
        std::cout << "one receiver given as a list: the paper's game, which has an exact potential\n";
        return exit_ok;
    }
    write_receivers_table(std::cout, instance, solve_receivers(instance, options));
    return exit_ok;
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
        ReceiversOptions receivers;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command =
        app.add_subcommand("solve", "exact equilibrium, equilibrium set and exaggeration report");
    options->input.add_to(*command);
    add_json_flag(*command, options->json, "FORMAT.md's solution object");
    add_threads_option(*command, options->threads);
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
    add_proof_log_option(*command, options->proof_log, "with --algebraic: ");
    command
        ->add_option("--max-face-combinations", options->receivers.max_face_combinations,
                     "several receivers: refuse (exit 5) more combinations of faces than this")
        ->capture_default_str();
    command
        ->add_option("--max-lcp-rows", options->receivers.max_lcp_size,
                     "several receivers, beyond the enumeration: refuse (exit 5) a larger Lemke system")
        ->capture_default_str();
    options->input.limits.several_receivers = true;
    return [options] {
        if (!options->proof_log.empty() && !options->algebraic)
            throw InputError("--proof-log", "solve writes a proof log only with --algebraic");
        if (!options->latex.empty()) require_writable("--latex", options->latex);
        if (!options->z3_query.empty()) require_writable("--z3-query", options->z3_query);
        SolveOptions solve_options;
        solve_options.threads = options->threads;
        solve_options.precision = options->precision;
        const bool curved_flags = options->algebraic || !options->z3_query.empty();
        // The JSON answer alone: the library takes the machine-integer route where it applies.
        if (options->json && options->latex.empty() && !curved_flags &&
            solve_to_json_in_machine_integers(options->input.source(), std::cout, solve_options))
            return exit_ok;
        // Only the JSON writer knows how to write the losses it was not given (solution_writer.hpp).
        solve_options.losses_in_writer = options->json && options->latex.empty() && !curved_flags;
        Instance instance = options->input.load();
        const GameKind kind = classify_game(instance);
        if (kind == GameKind::several_receivers) {  // its own solver and answer (receivers.hpp)
            if (!options->latex.empty() || curved_flags)
                throw UnsupportedError("receivers",
                                       "solve --latex, --algebraic or --z3-query with several receivers");
            return solve_several_receivers(instance, options->json, options->receivers);
        }
        refuse_inapplicable_curved_flags(instance, kind, options->algebraic, options->z3_query);
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
