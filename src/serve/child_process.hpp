// Running one CLI command of this same binary as a child process (the server's unit of work, docs/serve.md):
// its own process gives each request the CLI's exact output, messages, exit codes and --time-limit, and keeps
// a crash, a runaway Z3 query or an out-of-memory from reaching the server.
#pragma once

#include <string>
#include <vector>

namespace bigcert::serve {

struct ChildResult {
    int exit_code = 0;  // the process's exit status; 128 + N when signal N ended it
    std::string out;    // standard output
    std::string err;    // standard error
};

// Runs `program` with `arguments` (no shell), feeding `input` to its standard input. A child still running
// `kill_after_seconds` after it started is killed (a backstop: the CLI's own --time-limit ends it first).
// While it runs, a cancellation of the server (cancellation.hpp: SIGINT, SIGTERM) kills it.
ChildResult run_child(const std::string& program, const std::vector<std::string>& arguments,
                      const std::string& input, double kill_after_seconds);

// This binary's path, for run_child.
std::string own_executable();

}  // namespace bigcert::serve
