// Finite action spaces (paper §5.2, Proposition 6): a player picks k items and contributes their sum,
// so everything about a player's strategies that the game sees is the multiset of achievable sums.
// This header holds that view (sums with multiplicities), best responses, and the exact equilibrium check
// that every reported pure equilibrium of a finite game passes.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/core/instance.hpp"

namespace bigcert {

// One achievable item sum and the number of strategies (item selections) that achieve it.
struct SumValue {
    Vector sum;
    Integer multiplicity;
};

// A pure strategy: the positions of the chosen items (sorted; repeated positions only with repeats).
using Selection = std::vector<std::size_t>;

// True when every player's action set is finite; false when none is. A mix is UnsupportedError. Defined
// beside classify_game (src/core/game_kind.cpp), the one place that decides the game kind.
bool is_finite_game(const Instance& instance);

// The distinct achievable sums, sorted lexicographically, with multiplicities (they add up to
// selection_count). Dynamic programming over (items so far, chosen so far) -> sum; LimitError when more
// than max_sums distinct sums would have to be kept.
std::vector<SumValue> achievable_sums(const FiniteChoice& choice, std::size_t max_sums = 2'000'000);

Vector selection_sum(const FiniteChoice& choice, const Selection& selection);
std::vector<Vector> selection_items(const FiniteChoice& choice, const Selection& selection);

// Up to `limit` selections whose items add up to `sum`, in for_each_selection order.
std::vector<Selection> selections_with_sum(const FiniteChoice& choice, const Vector& sum, std::size_t limit);

// Reads a list of chosen items back into a selection; throws InputError(path, ...) when it is not a
// strategy of the set (wrong number of items, unknown item, a repeat without repeats).
Selection selection_from_items(const FiniteChoice& choice, const std::vector<Vector>& items,
                               const std::string& path);

// Exact best responses of player i when the rest of the receiver is `others` (x̂ minus w_i times the
// player's sum): the indices into `sums` minimising the player's loss (either loss of the instance).
std::vector<std::size_t> best_response_sums(const Instance& instance, std::size_t player,
                                            const Vector& others, const std::vector<SumValue>& sums);

// The exact re-check of a pure profile of a finite game: each selection is a strategy of its set, and no
// player has an achievable sum with a strictly lower loss (every deviation of the definition, compared by
// achievable sum: deviations with equal sums give equal receivers). Shares no code with the enumeration.
CheckReport check_finite_equilibrium(const Instance& instance, const std::vector<Selection>& selections);

}  // namespace bigcert
