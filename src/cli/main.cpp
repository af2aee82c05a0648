// bigcert: exact equilibria of influencer games, with proofs. One catch site maps the library's typed
// exceptions to exit codes (see commands.hpp).
#include <fstream>
#include <iostream>
#include <map>

#include "bigcert/errors.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

void add_limit_options(CLI::App& command, LoadLimits& limits) {
    command.add_option("--max-input-bytes", limits.max_input_bytes, "refuse larger inputs")
        ->capture_default_str();
    command.add_option("--max-players", limits.max_players, "refuse instances with more players")
        ->capture_default_str();
    command.add_option("--max-dimension", limits.max_dimension, "refuse higher dimensions")
        ->capture_default_str();
    command.add_option("--max-number-digits", limits.numbers.max_digits, "refuse longer numbers")
        ->capture_default_str();
    command.add_option("--max-exponent", limits.numbers.max_exponent, "refuse larger decimal exponents")
        ->capture_default_str();
}

void InputOptions::add_to(CLI::App& command) {
    command.add_option("INSTANCE", path, "instance file (FORMAT.md), - for standard input")->required();
    add_limit_options(command, limits);
}

Instance InputOptions::load() const {
    if (path == "-") return load_instance_text(text(), limits);
    return load_instance_file(path, limits);
}

std::optional<LineGame> InputOptions::load_line_game() const {
    if (path == "-") return load_line_game_text(text(), limits);
    return load_line_game_file(path, limits);
}

const std::string& InputOptions::text() const {
    if (!text_) {
        std::ifstream file;
        if (path != "-") {
            file.open(path, std::ios::binary);
            if (!file) throw InputError("", "cannot read " + path);
        }
        std::istream& in = path == "-" ? std::cin : file;
        text_ = std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
    return *text_;
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
    for (auto adder : {add_solve_command, add_certify_command, add_check_command, add_replay_command,
                       add_dynamics_command, add_enumerate_command, add_export_nfg_command, add_align_command,
                       add_plot_command, add_batch_command, add_merge_command, add_demo_command})
        add(adder);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? exit_ok : exit_bad_input;
    }
    try {
        for (auto& [command, runner] : runners)
            if (command->parsed()) return runner();
        return exit_bad_input;
    } catch (const InputError& e) {
        std::cerr << "bigcert: error: " << e.what() << '\n';
        return exit_bad_input;
    } catch (const UnsupportedError& e) {
        std::cerr << "bigcert: error: " << e.what() << '\n';
        return exit_bad_input;
    } catch (const LimitError& e) {
        std::cerr << "bigcert: limit: " << e.what() << '\n';
        return exit_limit;
    } catch (const InternalError& e) {
        std::cerr << "bigcert: internal error (no answer printed): " << e.what() << '\n';
        return exit_internal;
    } catch (const std::bad_alloc&) {
        std::cerr << "bigcert: limit: out of memory\n";
        return exit_limit;
    } catch (const std::exception& e) {
        std::cerr << "bigcert: internal error: " << e.what() << '\n';
        return exit_internal;
    }
}
