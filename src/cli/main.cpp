// bigcert: exact equilibria of influencer games, with proofs. One catch site maps the library's typed
// exceptions to exit codes (see commands.hpp).
#include <iostream>
#include <map>

#include "bigcert/core/cancellation.hpp"
#include "bigcert/core/display_text.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/receiver_rule_loader.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

void add_limit_options(CLI::App& command, LoadLimits& limits) {
    command.add_option("--max-input-bytes", limits.max_input_bytes, "refuse inputs of more bytes (exit 5)")
        ->capture_default_str()
        ->check(positive_count());
    command.add_option("--max-players", limits.max_players, "refuse instances with more players (exit 5)")
        ->capture_default_str()
        ->check(positive_count());
    command.add_option("--max-dimension", limits.max_dimension, "refuse higher dimensions (exit 5)")
        ->capture_default_str()
        ->check(positive_count());
    command
        .add_option("--max-number-digits", limits.numbers.max_digits,
                    "refuse numbers written with more characters (exit 5)")
        ->capture_default_str()
        ->check(positive_count());
    command
        .add_option("--max-exponent", limits.numbers.max_exponent,
                    "refuse decimal exponents |e| above this (exit 5)")
        ->capture_default_str()
        ->check(positive_count());
}

void InputOptions::add_to(CLI::App& command) {
    command.add_option("INSTANCE", path, "instance file (FORMAT.md), - for standard input")->required();
    add_limit_options(command, limits);
}

const InstanceSource& InputOptions::source() const {
    if (!source_) source_ = InstanceSource::file(path, limits);
    return *source_;
}

Instance InputOptions::load() const {
    Instance instance = source().load();
    if (!any_rule) require_mean_rule(instance);
    return instance;
}

}  // namespace bigcert::cli

int main(int argc, char** argv) {
    using namespace bigcert;
    using namespace bigcert::cli;
    CLI::App app{"bigcert: exact, certified equilibria of the Battling Influencers Game (arXiv 2502.01127)"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("bigcert ") + BIGCERT_VERSION);
    std::map<CLI::App*, Runner> runners;
    auto add = [&](Runner (*adder)(CLI::App&)) {
        std::size_t before = app.get_subcommands({}).size();
        Runner runner = adder(app);
        runners[app.get_subcommands({}).at(before)] = std::move(runner);
    };
    for (auto adder :
         {add_solve_command, add_certify_command, add_check_command, add_replay_command, add_dynamics_command,
          add_enumerate_command, add_export_nfg_command, add_align_command, add_plot_command,
          add_batch_command, add_merge_command, add_demo_command, add_mechanism_command, add_serve_command})
        add(adder);
    double time_limit = 0;  // none
    for (CLI::App* command : app.get_subcommands({}))
        command
            ->add_option("--time-limit", time_limit,
                         "wall-clock seconds for the whole command, every query included (exit 5 when "
                         "reached; default: none)")
            ->check(positive_seconds());
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        // One line, like every input error (display_text: an argument may hold a line break).
        std::cerr << "bigcert: error: " << display_text(e.what()) << " (see --help)\n";
        return exit_bad_input;
    }
    start_run_control(time_limit);
    auto stopped = [&](int cause) {
        std::cerr << "bigcert: " << cancellation_message(cause, time_limit) << '\n';
        return exit_code_for_cancellation(cause);
    };
    try {
        for (auto& [command, runner] : runners)
            if (command->parsed()) {
                int code = runner();
                return cancellation_requested() ? stopped(cancellation_cause()) : code;
            }
        return exit_bad_input;
    } catch (const CancelledError& e) {
        return stopped(e.cause());
    } catch (const InputError& e) {
        std::cerr << "bigcert: error: " << display_text(e.what()) << '\n';
        return exit_bad_input;
    } catch (const UnsupportedError& e) {
        std::cerr << "bigcert: error: " << display_text(e.what()) << '\n';
        return exit_bad_input;
    } catch (const LimitError& e) {
        std::cerr << "bigcert: limit: " << display_text(e.what()) << '\n';
        return exit_limit;
    } catch (const InternalError& e) {
        if (cancellation_requested()) return stopped(cancellation_cause());  // e.g. Z3's "canceled"
        std::cerr << "bigcert: internal error (no answer printed): " << display_text(e.what()) << '\n';
        return exit_internal;
    } catch (const std::bad_alloc&) {
        if (cancellation_requested()) return stopped(cancellation_cause());  // e.g. Z3's "canceled"
        std::cerr << "bigcert: limit: out of memory\n";
        return exit_limit;
    } catch (const std::exception& e) {
        if (cancellation_requested()) return stopped(cancellation_cause());  // e.g. Z3's "canceled"
        std::cerr << "bigcert: internal error: " << display_text(e.what()) << '\n';
        return exit_internal;
    }
}
