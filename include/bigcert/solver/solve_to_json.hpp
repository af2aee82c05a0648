// Solving straight to FORMAT.md's solution object, with the route picked here rather than by the caller
// (the facade bigcert.hpp lists it as step 2').
#pragma once

#include <ostream>

#include "bigcert/io/instance_source.hpp"
#include "bigcert/solver/solver.hpp"

namespace bigcert {

// Solve and write FORMAT.md's solution object. Picks the route itself (docs/internals.md): an interval
// (d = 1) or box game whose numbers fit machine integers is read, solved and written without a GMP number,
// byte for byte what the general route writes; when a number outgrows 64 bits, or a box game's targets
// repeat, the general route load() → solve() → write_solution_json() answers.
// With options.force_general or !options.machine_integers the general route answers directly. Post: what
// is written passed the same exact checks as solve()'s answer. Throws as load() and solve() do, and
// InputError for a receiver rule other than the mean (`bigcert mechanism` reads those).
void solve_to_json(const InstanceSource& source, std::ostream& out, const SolveOptions& options = {});

}  // namespace bigcert
