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

Solution solve(const Instance& instance, const SolveOptions& options = {});

}  // namespace bigcert
