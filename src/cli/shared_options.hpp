// The options several commands share, declared once (docs/cli.md "Options every command shares"): the same
// name, help text, shown default and check wherever they appear. --time-limit and the --max-* input limits
// are added in main.cpp and add_limit_options().
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace bigcert::cli {

// --json: "print <what>" instead of the readable text.
CLI::Option* add_json_flag(CLI::App& command, bool& json, const std::string& what);
// --threads: worker threads, 0 meaning all cores; `work` says what they do when it is not the command's
// whole work ("for the MLE").
CLI::Option* add_threads_option(CLI::App& command, unsigned& threads, const std::string& work = "");
// --timeout in seconds per Z3 query (a finite number > 0); `help` overrides the certify/check wording.
CLI::Option* add_query_timeout_option(CLI::App& command, double& seconds, const std::string& help = "");
// --proof-log: the bundle's directory; `when` prefixes the help ("with --algebraic: ").
CLI::Option* add_proof_log_option(CLI::App& command, std::string& directory, const std::string& when = "");
// --rlimit: Z3's deterministic resource limit per query (0: none).
CLI::Option* add_rlimit_option(CLI::App& command, unsigned& rlimit);

}  // namespace bigcert::cli
