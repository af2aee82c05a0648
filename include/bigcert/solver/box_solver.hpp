// The box route's machine-integer solver (MODEL.md §3e; why boxes split by coordinate:
// src/solver/box_split.hpp), on a BoxGame read straight from the text (line_game_loader.hpp).
//
//   std::optional<std::vector<LineSolution>> solve_box_coordinates(const BoxGame&, unsigned threads,
//                                                                  LineOffsets offsets)
// The d coordinate games solved (each re-checked exactly by solve_line_game), side by side on the cores;
// nothing when a number leaves the machine-integer range. Their premise reports are left out (the box
// game's premise concerns target vectors, not coordinates). With LineOffsets::in_writer the offsets are
// left to write_box_answer_json().
//
//   std::optional<BoxAnswer> describe_box_answer(const BoxGame&, std::vector<LineSolution> lines,
//                                                unsigned threads)
// Pre:  lines = solve_box_coordinates(game) (each coordinate re-checked exactly there).
// Post: nothing when two players' target vectors are equal (the general route names the pair as it
//       sorts them). Otherwise solve_box_game's answer on the same instance: the printed point (players
//       tied in a coordinate share its required total at one fraction of their ranges, re-checked exactly;
//       weightless players at their set's first vertex), faces, count and Theorem 4's report, built from
//       exact ActionSets of the special players' boxes only (free in some coordinate, weightless, or on a
//       single-point set).
#pragma once

#include <optional>
#include <vector>

#include "bigcert/core/box_answer.hpp"
#include "bigcert/core/box_game.hpp"
#include "bigcert/core/line_solution.hpp"
#include "bigcert/solver/line_solver.hpp"

namespace bigcert {

std::optional<std::vector<LineSolution>> solve_box_coordinates(const BoxGame& game, unsigned threads = 0,
                                                               LineOffsets offsets = LineOffsets::fill);
std::optional<BoxAnswer> describe_box_answer(const BoxGame& game, std::vector<LineSolution> lines,
                                             unsigned threads = 0);

}  // namespace bigcert
