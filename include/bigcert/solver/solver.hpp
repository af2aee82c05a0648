// The exact solver for the continuous game with the squared loss (MODEL.md §2-3).
//
//   Solution solve(const Instance&)
// Pre: a loaded instance (every player has a non-empty compact convex action set of the instance's
// dimension). Post: every field of Solution is exact and has passed check_equilibrium() and the
// equilibrium-set checks;
//       otherwise InternalError is thrown and nothing is reported. UnsupportedError for variants not built
//       yet.
#pragma once

#include "bigcert/core/instance.hpp"
#include "bigcert/core/solution.hpp"

namespace bigcert {

struct SolveOptions {
    unsigned threads = 0;        // 0: all cores
    bool force_general = false;  // use simplicial decomposition even in d = 1 (for cross-checks)
    bool machine_integers =
        true;  // d = 1: try the machine-integer fast path first (false: GMP only, for cross-checks)
    unsigned precision =
        64;  // curved sets (MODEL.md §3g): enclose irrational coordinates to width 2^-precision
    // d = 1, GMP path: leave Solution::losses empty; write_solution_json then writes each (x̂* − t_i)²
    // straight from x̂* and t_i (line_loss_text.hpp), much faster than forming and printing n big losses.
    bool losses_in_writer = false;
};

// Dispatches on classify_game (game_kind.hpp) to the one solver of the kind: solve_finite_game
// (enumeration.hpp), solve_dominant_strategy (dominant_strategy.hpp), solve_curved (curved_solver.hpp) or
// solve_polytope_game below. Several receivers (solve_receivers, receivers.hpp) and receiver rules other
// than the mean (`bigcert mechanism`) are UnsupportedError.
Solution solve(const Instance& instance, const SolveOptions& options = {});

// The squared loss on intervals, boxes and polytopes (GameKind::polytope). Its routes, chosen here: d = 1 in
// machine integers (line_solver.hpp), boxes as d one-dimensional games (box_split.hpp), the exact interval
// sweep (d = 1), simplicial decomposition (d >= 2, or options.force_general).
Solution solve_polytope_game(const Instance& instance, const SolveOptions& options = {});

}  // namespace bigcert
