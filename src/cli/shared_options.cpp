#include "cli/shared_options.hpp"

#include "cli/commands.hpp"

namespace bigcert::cli {

CLI::Option* add_json_flag(CLI::App& command, bool& json, const std::string& what) {
    return command.add_flag("--json", json, "print " + what);
}

CLI::Option* add_threads_option(CLI::App& command, unsigned& threads, const std::string& work) {
    return command.add_option("--threads", threads,
                              "worker threads" + (work.empty() ? "" : " " + work) + " (0: all cores)");
}

CLI::Option* add_query_timeout_option(CLI::App& command, double& seconds, const std::string& help) {
    return command.add_option("--timeout", seconds, help.empty() ? per_query_timeout_help : help)
        ->capture_default_str()
        ->check(positive_seconds());
}

CLI::Option* add_proof_log_option(CLI::App& command, std::string& directory, const std::string& when) {
    return command.add_option("--proof-log", directory,
                              when +
                                  "write every query as SMT-LIB2 plus manifest.json to this directory (new, "
                                  "empty, or an earlier bundle, which is replaced whole)");
}

CLI::Option* add_rlimit_option(CLI::App& command, unsigned& rlimit) {
    return command.add_option("--rlimit", rlimit, "Z3 resource limit per query (deterministic; 0: none)")
        ->capture_default_str();
}

}  // namespace bigcert::cli
