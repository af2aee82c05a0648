// The steps of certify on curved sets without a profile (enclosure_certificate.cpp: support boxes at the
// receiver box's midpoint, the receiver box, the action boxes), callable on their own: check's structure
// method on curved sets (curved_structured_check.hpp) needs the receiver box for every player but an action
// box only for some. Internal to the certification layer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/core/solution.hpp"

namespace bigcert {

struct EnclosureSteps {
    // "" when every equilibrium's receiver is proven to lie in solution.receiver_enclosure, else why not.
    std::string receiver;
    // Per player: nothing when not asked; "" when every equilibrium action is proven to lie in its
    // action box, else why not (the receiver box is a premise of it: see `receiver`).
    std::vector<std::optional<std::string>> actions;
};

// Steps 1 and 2 for every player, step 3 for the players with action_wanted[i]; every query is logged with
// `purpose`. Pre: solution.enclosed, from solve() on this instance.
EnclosureSteps prove_enclosure_steps(const Instance& instance, const Solution& solution, ProofLog& log,
                                     const QueryLimits& limits, const std::vector<bool>& action_wanted,
                                     const std::string& purpose);

}  // namespace bigcert
