// What the d = 1 fast path reports (docs/internals.md): the same content as a Solution (solution.hpp) for a
// LineGame, held in machine integers so that 10^6 players need no per-player heap allocation.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bigcert/core/line_game.hpp"
#include "bigcert/core/solution.hpp"

namespace bigcert {

struct LineSolution {
    SmallFraction receiver;
    std::vector<SmallFraction> actions;
    // x̂* - t_i, kept instead of the loss (x̂* - t_i)^2: squaring a fraction in lowest terms needs no gcd,
    // and the square's numerator and denominator may need 124 bits (written from 128-bit integers). Empty
    // when the solver left them to the writer (LineOffsets::in_writer, line_solver.hpp).
    std::vector<SmallFraction> offsets;
    Rational potential;
    // Players whose face F_i is their whole interval (w_i (t_i - x̂*) = 0 and lo_i < hi_i), in index
    // order; every other player's face is the single point actions[i] (MODEL.md §3b).
    std::vector<std::size_t> free_players;
    EquilibriumCount count = EquilibriumCount::one;
    ExaggerationReport exaggeration;
    std::string method = "interval-sweep";
};

// The fast path's answer when every input fits 64-bit fractions but x̂* does not (many weights with
// unrelated denominators: x̂* may have hundreds of digits; docs/internals.md "Huge receivers on the d = 1
// path"). x̂* is then no target, so every weighted player plays an end of its interval and a weightless
// one the point nearest its target: the actions stay SmallFractions, only x̂* and the potential are
// Rationals, and the losses (x̂* − t_i)² are left to the writer (line_loss_text.hpp).
struct WideLineSolution {
    Rational receiver;
    std::vector<SmallFraction> actions;
    Rational potential;
    std::vector<std::size_t> free_players;  // as LineSolution's: here only weightless players
    EquilibriumCount count = EquilibriumCount::one;
    ExaggerationReport exaggeration;
    std::string method = "interval-sweep";
};

// The same solution with Rationals, as solve() returns it.
Solution to_solution(const LineGame& game, const LineSolution& line);
// The wide route's answer as solve() returns it; without `with_losses` Solution::losses stays empty
// (SolveOptions::losses_in_writer: the JSON writer then writes them from x̂*).
Solution to_solution(const LineGame& game, const WideLineSolution& wide, bool with_losses);

}  // namespace bigcert
