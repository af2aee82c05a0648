// Equilibria under a receiver rule (docs/model.md §6.5): exact best-response dynamics from the truthful
// profile with cycle detection, restarted from the all-lowest and all-highest profiles to look for an
// equilibrium with a different outcome, and the manipulation that remains at the equilibrium found.
#pragma once

#include "bigcert/mechanism/mechanism.hpp"

namespace bigcert {

EquilibriumReport find_rule_equilibrium(const Instance& instance, const ReceiverRule& rule,
                                        std::size_t max_rounds);

}  // namespace bigcert
