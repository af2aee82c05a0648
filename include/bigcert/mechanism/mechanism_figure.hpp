// The figure of a rule comparison (`bigcert mechanism --compare ... --svg/--tikz`, docs/cli.md): per rule a
// group of bars (total loss at the equilibrium and when truthful, the outcome's squared shift from the
// truthful outcome, the share of players at the boundary) and under it the verdicts. Bar heights are
// doubles: a picture; the exact values are in the table and the JSON.
#pragma once

#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/io/figure.hpp"
#include "bigcert/mechanism/mechanism.hpp"

namespace bigcert {

Figure mechanism_comparison_figure(const Instance& instance, const std::vector<MechanismReport>& reports);
// Wide enough for each rule's text lines side by side.
FigureCanvas mechanism_comparison_canvas(std::size_t rules);

}  // namespace bigcert
