// Running a solver binary (z3, cvc5) as a child process. Internal to the certification layer.
#pragma once

#include <string>
#include <vector>

namespace bigcert {

// Runs argv[0] (looked up on PATH, no shell) with standard output and error into one pipe and returns what
// it printed. A cancelled run (cancellation.hpp) kills the child and throws CancelledError.
std::string run_program(const std::vector<std::string>& argv);

// Runs SMT-LIB2 text in the stock `z3` binary (`z3 -T:S FILE`, FILE a private temporary removed afterwards;
// seconds rounded up to whole ones, 0: no -T) and returns the first line it printed ("" when none).
std::string run_z3_binary(const std::string& smt2, double seconds);

}  // namespace bigcert
