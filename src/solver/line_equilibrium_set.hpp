// The equilibrium set and Theorem 4's report on a LineGame (the d = 1 fast path): what
// describe_equilibrium_set() (equilibrium_set.hpp) finds for intervals, with the per-player tests on exact
// signs of machine-integer fractions. The few players whose face is a whole interval are then handled in
// GMP, exactly as there.
#pragma once

#include <cstdint>
#include <vector>

#include "bigcert/core/line_solution.hpp"

namespace bigcert {

// Fills free_players, count and exaggeration of `s`, whose receiver and actions are set and checked.
// `repeated_target`: whether two players have exactly equal targets (Theorem 4's premise).
void describe_line_equilibrium_set(const LineGame& game, bool repeated_target, LineSolution& s);
// The same for the wide route's answer (line_solution.hpp), whose x̂* is no target.
void describe_line_equilibrium_set(const LineGame& game, bool repeated_target, WideLineSolution& s);

}  // namespace bigcert
