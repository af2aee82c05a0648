// The exact re-check of check_equilibrium() (equilibrium_check.hpp) for a LineGame, in machine integers:
// each action lies in its interval, the receiver w0·x0 + sum_i w_i x_i is recomputed exactly and equals
// x̂*, and each action is a support point, w_i (t_i - x̂*)(v - x_i) <= 0 at both ends v of X_i. The sign
// of that product is the product of three exact signs, so no number is formed at all. Shares no code
// with the sweep.
#pragma once

#include <vector>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/core/line_game.hpp"

namespace bigcert {

CheckReport check_line_equilibrium(const LineGame& game, const std::vector<SmallFraction>& actions,
                                   const SmallFraction& receiver, unsigned threads = 0);
// The same re-check for x̂* of any size (the wide route, line_solution.hpp): sign(t_i − x̂*) from exact
// integer products.
CheckReport check_wide_line_equilibrium(const LineGame& game, const std::vector<SmallFraction>& actions,
                                        const Rational& receiver, unsigned threads = 0);

}  // namespace bigcert
