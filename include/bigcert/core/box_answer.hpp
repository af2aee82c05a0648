// The box route's full report in machine integers (docs/internals.md; src/solver/box_split.hpp argues the
// split): the coordinate games' solutions plus, for the few players that need more than one machine-integer
// point per coordinate, what the general path prints for them, so that `solve --json` writes the general
// path's bytes without building an Instance of 10^6 GMP numbers. describe_box_answer() (box_solver.hpp)
// builds it; write_box_answer_json() (solution_writer.hpp) writes it.
#pragma once

#include <utility>
#include <vector>

#include "bigcert/core/box_game.hpp"
#include "bigcert/core/line_solution.hpp"
#include "bigcert/core/solution.hpp"

namespace bigcert {

// The "method" the box route names in its answers.
inline constexpr const char* box_method = "interval-sweep per coordinate";

struct BoxAnswer {
    std::vector<LineSolution> lines;
    // Players whose printed action is not (lines[c].actions[i])_c, with that action; by player.
    std::vector<std::pair<std::size_t, Vector>> moved_actions;
    // Every non-empty face, by player (FORMAT.md's equilibria.faces).
    std::vector<std::pair<std::size_t, std::vector<Vector>>> faces;
    EquilibriumCount count = EquilibriumCount::one;
    ExaggerationReport exaggeration;
};

}  // namespace bigcert
