// The subcommands of the bigcert tool. Each registers its options on the CLI11 app and returns a
// runner; runners return the process exit code. Exceptions are mapped to exit codes in main.cpp only.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

#include "bigcert/io/instance_source.hpp"
#include "bigcert/io/line_game_loader.hpp"

namespace bigcert::cli {

// Exit codes shared by all subcommands.
enum ExitCode : int {
    exit_ok = 0,
    exit_refuted = 1,        // certify: an improving deviation exists; check: a property fails
    exit_bad_input = 2,      // unreadable or invalid input, unsupported feature
    exit_internal = 3,       // bigcert's own exact re-check failed: no answer is printed
    exit_not_certified = 4,  // certify/check: unknown or timeout
    exit_limit = 5,          // a configured resource limit was hit
};

using Runner = std::function<int()>;

// --timeout of certify and check: what it bounds.
inline constexpr const char* per_query_timeout_help =
    "seconds per Z3 query, for its solving (Z3 reading a query with very long numbers, and everything else, "
    "is bounded by --time-limit only)";

// Validators of numeric flags (option_checks.cpp): a finite number of seconds > 0; a whole number > 0.
CLI::Validator positive_seconds();
CLI::Validator positive_count();

// Stopping the command (run_control.cpp): the first SIGINT/SIGTERM, or the end of the whole-run time limit
// (seconds, 0: none), cancels the run; see cancellation.hpp.
void start_run_control(double time_limit_seconds);
int exit_code_for_cancellation(int cause);  // 130 (SIGINT), 143 (SIGTERM), exit_limit (time limit)
std::string cancellation_message(int cause, double time_limit_seconds);
// --max-input-bytes, --max-players, --max-dimension, --max-number-digits, --max-exponent: the limits that
// the loader's LimitErrors tell the user to raise (docs/cli.md "Exit codes").
void add_limit_options(CLI::App& command, LoadLimits& limits);

// Options shared by the commands that read an instance.
struct InputOptions {
    std::string path;
    LoadLimits limits;
    bool any_rule = false;  // load() refuses receiver rules other than the mean unless set (`mechanism`)
    void add_to(CLI::App& command);
    // The parsed path and limits as a source (instance_source.hpp); made on first use, after parsing, and
    // kept, so that standard input is read once.
    const InstanceSource& source() const;
    Instance load() const;
    // The d = 1 fast path's reading (line_game_loader.hpp); nothing when load() must read the instance.
    std::optional<LineGame> load_line_game() const { return source().load_line_game(); }
    // The instance's text, exactly as read (for proof logs).
    const std::string& text() const { return source().json_text(); }

  private:
    mutable std::optional<InstanceSource> source_;
};

Runner add_solve_command(CLI::App& app);
Runner add_certify_command(CLI::App& app);
Runner add_check_command(CLI::App& app);
Runner add_replay_command(CLI::App& app);
Runner add_dynamics_command(CLI::App& app);
Runner add_enumerate_command(CLI::App& app);
Runner add_export_nfg_command(CLI::App& app);
Runner add_align_command(CLI::App& app);
Runner add_plot_command(CLI::App& app);
Runner add_batch_command(CLI::App& app);
Runner add_merge_command(CLI::App& app);
Runner add_demo_command(CLI::App& app);
Runner add_mechanism_command(CLI::App& app);
Runner add_serve_command(CLI::App& app);

}  // namespace bigcert::cli
