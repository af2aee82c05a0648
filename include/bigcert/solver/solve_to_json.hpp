// The machine-integer route of `solve --json`, chosen here rather than by the caller: an interval (d = 1) or
// box game whose numbers fit 64-bit fractions is read, solved and written without a GMP number, byte for
// byte what write_solution_json(instance, solve(instance)) writes (docs/internals.md).
#pragma once

#include <ostream>

#include "bigcert/io/instance_source.hpp"
#include "bigcert/solver/solver.hpp"

namespace bigcert {

// Writes the solution object and returns true when the route applies. Otherwise writes nothing and returns
// false, with options.machine_integers set as the general route (load() → solve() → write_solution_json())
// should use it: false after a number outgrew 64 bits (solve() would only try the same route again).
// Nothing is tried with options.force_general or !options.machine_integers.
// Post (true): what was written passed the same exact checks as solve()'s answer. Throws as load() does.
bool solve_to_json_in_machine_integers(const InstanceSource& source, std::ostream& out,
                                       SolveOptions& options);

}  // namespace bigcert
