// The box route's full report in machine integers (src/solver/box_split.hpp argues the split): the
// coordinate games' solutions plus, for the few players that need more than one machine-integer point per
// coordinate, what the general path prints for them, so that `solve --json` writes the general path's
// bytes without building an Instance of 10^6 GMP numbers.
//
//   std::optional<BoxAnswer> describe_box_answer(const BoxGame&, std::vector<LineSolution> lines)
// Pre:  lines = solve_box_coordinates(game) (each coordinate re-checked exactly there).
// Post: nothing when two players' target vectors are equal (the general route names the pair as it
//       sorts them). Otherwise solve_box_game's answer on the same instance: the printed point (players
//       tied in a coordinate share its required total at one fraction of their ranges, re-checked exactly;
//       weightless players at their set's first vertex), faces, count and Theorem 4's report, built from
//       exact ActionSets of the special players' boxes only (free in some coordinate, weightless, or on a
//       single-point set).
//
//   void write_box_answer_json(std::ostream&, const BoxGame&, const BoxAnswer&)
// The same bytes as write_solution_json(instance, solve(instance)).
#pragma once

#include <optional>
#include <ostream>
#include <utility>
#include <vector>

#include "bigcert/box_game.hpp"
#include "bigcert/line_solution.hpp"
#include "bigcert/solution.hpp"

namespace bigcert {

struct BoxAnswer {
    std::vector<LineSolution> lines;
    // Players whose printed action is not (lines[c].actions[i])_c, with that action; by player.
    std::vector<std::pair<std::size_t, Vector>> moved_actions;
    // Every non-empty face, by player (FORMAT.md's equilibria.faces).
    std::vector<std::pair<std::size_t, std::vector<Vector>>> faces;
    EquilibriumCount count = EquilibriumCount::one;
    ExaggerationReport exaggeration;
};

std::optional<BoxAnswer> describe_box_answer(const BoxGame& game, std::vector<LineSolution> lines);
void write_box_answer_json(std::ostream& out, const BoxGame& game, const BoxAnswer& answer);

}  // namespace bigcert
