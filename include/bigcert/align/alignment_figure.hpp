// The paper's Figure 8 for a run of `bigcert align`: per round, each player's report, the learned receiver,
// the targets and the set's bounds (coordinate 0), as a Figure that figure.hpp's backends draw. Approximate
// by nature (the learned receiver is numerical), and labelled so.
#pragma once

#include "bigcert/align/alignment.hpp"
#include "bigcert/io/figure.hpp"

namespace bigcert {

// At most 8 players are drawn (the figure names how many were left out).
Figure alignment_figure(const AlignConfig& config, const AlignRun& run);

}  // namespace bigcert
