// Certifying a profile of a finite game (paper §5.2) exactly against EVERY deviation: for each player, all
// of its strategies are compared with its current one (through their item sums: strategies with equal sums
// give equal receivers and losses), in exact arithmetic. On a finite set this exhaustive comparison is the
// proof itself, so no SMT solver is involved; the verdict says how many strategies (or distinct sums)
// were compared. A refuted player carries its best deviation (the chosen items) and the loss it saves.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bigcert/core/finite_game.hpp"
#include "bigcert/io/solution_writer.hpp"

namespace bigcert {

struct FinitePlayerVerdict {
    std::size_t index = 0;
    std::string verdict;            // "certified", "refuted", "not certified"
    std::string method;             // what was compared
    std::string reason;             // for "not certified"
    std::vector<Vector> deviation;  // for "refuted": the items of a strictly better strategy
    Rational improvement;           // for "refuted": current loss minus the deviation's loss (> 0)
};

struct FiniteCertificate {
    std::string verdict;  // "certified" iff every player is; "refuted" iff some player is
    Vector receiver;
    std::vector<FinitePlayerVerdict> players;
};

// `chosen_items[i]` is player i's list of items (FORMAT.md's finite action); InputError naming
// "actions[i]" when it is not a strategy of the player's set.
FiniteCertificate certify_finite_profile(const Instance& instance,
                                         const std::vector<std::vector<Vector>>& chosen_items,
                                         std::size_t max_sums = 2'000'000);

// FORMAT.md's verdict object ("bigcert-certificate/1"), deviations as lists of items.
Json finite_certificate_json(const Instance& instance, const FiniteCertificate& certificate);

}  // namespace bigcert
