// The d = 1 fast path of solve() (docs/model.md §3e): the interval sweep, one equilibrium, the exact
// re-check, the equilibrium set and Theorem 4's report, on a LineGame in machine integers.
//
//   std::optional<LineSolution> solve_line_game(const LineGame&, unsigned threads)
// Post: the same answer as solve() on the same instance (to_solution() turns it into that Solution), and it
//       has passed check_line_equilibrium(), the exact re-check; InternalError otherwise. Nothing is returned
//       when an intermediate number leaves the SmallFraction range: the caller then uses the GMP path.
//       With LinePremise::skip, the test for repeated targets is left out and the report says the premise
//       is met whatever the targets (for callers that judge the premise themselves: the box route).
//       With LineOffsets::in_writer, LineSolution::offsets stays empty (the box route's writer forms each
//       x̂* − t_i as it writes the loss: receiver_offsets.hpp).
#pragma once

#include <optional>

#include "bigcert/core/line_game.hpp"
#include "bigcert/core/line_solution.hpp"

namespace bigcert {

enum class LinePremise { report, skip };
enum class LineOffsets { fill, in_writer };

std::optional<LineSolution> solve_line_game(const LineGame& game, unsigned threads = 0,
                                            LinePremise premise = LinePremise::report,
                                            LineOffsets offsets = LineOffsets::fill);

// Either answer of the fast path, with the premise reported: `line` when x̂* fits 64-bit fractions, else
// `wide` (every input fits but x̂* does not; line_solution.hpp); neither when another number overflows
// (the GMP path then answers). Both are re-checked exactly as solve_line_game()'s.
struct LineAnswer {
    std::optional<LineSolution> line;
    std::optional<WideLineSolution> wide;
};
LineAnswer solve_line_game_any_receiver(const LineGame& game, unsigned threads = 0);

}  // namespace bigcert
