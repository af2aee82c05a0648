#include <fstream>
#include <iostream>
#include <memory>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/file_access.hpp"
#include "bigcert/io/nfg.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

// The normal form of a small finite game in Gambit's .nfg format (exact payoffs = negated losses).
Runner add_export_nfg_command(CLI::App& app) {
    struct Options {
        InputOptions input;
        std::string output;
        NfgLimits limits;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand(
        "export-nfg", "write the normal form of a small finite game in Gambit's .nfg format");
    options->input.add_to(*command);
    command->add_option("-o,--output", options->output, "output file (default: standard output)");
    command
        ->add_option("--max-payoffs", options->limits.max_payoffs,
                     "refuse larger tables (profiles times players)")
        ->capture_default_str();
    return [options] {
        if (!options->output.empty()) require_writable("--output", options->output);
        Instance instance = options->input.load();
        if (options->output.empty()) {
            write_nfg(std::cout, instance, options->limits);
            return exit_ok;
        }
        std::ofstream file = open_for_writing("--output", options->output);
        write_nfg(file, instance, options->limits);
        finish_writing(file, "--output", options->output);
        return exit_ok;
    };
}

}  // namespace bigcert::cli
