// Gambit's normal-form format (.nfg, "NFG 1 R", payoff version) for a small finite game (paper §5.2), so
// that Gambit's enumpure and other tools can cross-check bigcert's counts. Payoffs are exact rationals,
// the negated losses; player 1's strategy varies fastest in the payoff list, and each player's strategies
// are its item selections in for_each_selection order (listed in the file's comment line).
#pragma once

#include <cstddef>
#include <ostream>

#include "bigcert/core/instance.hpp"

namespace bigcert {

struct NfgLimits {
    std::size_t max_payoffs = 2'000'000;  // profiles times players
};

// Pre: every action set is finite. LimitError (with the table's size) when the table exceeds the limit.
void write_nfg(std::ostream& out, const Instance& instance, const NfgLimits& limits = {});

}  // namespace bigcert
