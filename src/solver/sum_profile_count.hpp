// Counting the pure equilibria of a finite game through the players' distinct item sums (MODEL.md §2,
// Proposition 6), for any dimension, in integer arithmetic after one common scaling of the game.
//
// Derived: with u = x̂ - t_i, player i's sum s is a best response at the receiver x̂ iff no other sum s'
// gives |u + w_i (s' - s)|^2 < |u|^2, i.e. w_i^2 |s' - s|^2 + 2 w_i <u, s' - s> >= 0 for every s' ("s in
// G_i(x̂)"). A profile is an equilibrium iff s_i in G_i(x̂) for every i. Two exact methods use this:
//   - the walk: every profile of the moving players' sums except player L's (the one with most sums);
//     L's best responses to the others are one scan, then each other player is checked at the receiver.
//     Work O(prod_{i != L} |S_i| * sum_i |S_i|): fast for few players, whatever the dimension.
//   - the receiver DP: the reachable receivers R (a dynamic programme over the players on a hash set),
//     then per receiver the sets G_i, and a small DP over the players with several allowed sums.
//     Work O(|R| * sum_i |S_i| * c) with c the comparisons per check (nearest sums are tried first, so a
//     rejected sum costs a few); |R| is polynomial in the item counts when items are small lattice points.
// Zero-weight players never move the receiver and every strategy of theirs is a best response (a factor).
#pragma once

#include <cstddef>
#include <vector>

#include "bigcert/solver/enumeration.hpp"

namespace bigcert {

// A receiver with the sums (indices into each player's achievable_sums) allowed there; the profiles of
// allowed sums whose receiver equals `receiver` are equilibria (at least one exists).
struct ListingSeed {
    std::vector<std::vector<std::size_t>> allowed;
    Vector receiver;
};

struct SumCount {
    Integer count;
    std::vector<ListingSeed> seeds;  // in order, enough to list `list` equilibria
};

// Upper bounds known before running a method (long double: only for choosing and for refusing).
struct SumCountEstimate {
    long double walk_profiles = 0;  // profiles of the moving players but the one with most sums
    long double receivers = 0;      // reachable receivers: lattice-box bound, capped by the product
    long double walk_work = 0, receiver_work = 0;  // comparisons of sums
};

// sums[i]: player i's achievable_sums (shared between players of one action set).
using SumsByPlayer = std::vector<const std::vector<SumValue>*>;

SumCountEstimate estimate_sum_count(const Instance& instance, const SumsByPlayer& sums);

SumCount count_by_walk(const Instance& instance, const SumsByPlayer& sums, std::size_t list);

// LimitError naming --max-states when more than max_states receivers are reachable.
SumCount count_by_receivers(const Instance& instance, const SumsByPlayer& sums, std::size_t list,
                            std::size_t max_states, unsigned threads);

}  // namespace bigcert
