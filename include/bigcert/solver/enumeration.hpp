// Counting and listing ALL pure equilibria of a finite game (paper §5.2, Proposition 6; Example 5).
//
// The structure used (derived): the receiver x̂ depends only on the players' item sums, and whether a
// player's sum s is a best response depends only on (x̂, s): with the deviation to s' the receiver moves
// to x̂ + w (s' - s). So a profile is an equilibrium iff every s_i lies in G_i(x̂), the player's sums that
// are best responses "at x̂", and counting splits by receiver:
//     #NE = sum over receivers r of #{profiles with sum r and s_i in G_i(r) for all i}.
//   - d = 1 ("interval sweep"): G_i(r) = {s : r in I_{i,s}} with I_{i,s} a closed interval around t_i whose
//     ends are half-gaps to the neighbouring sums, so the real line splits into O(sum of |S_i|) pieces on
//     which every G_i is constant; per piece the players with one choice add a fixed shift and only the
//     players with several choices enter a dynamic programme over their reachable sums.
//   - any d ("receiver DP"): enumerate the reachable receivers by dynamic programming over sums, then
//     count per receiver the same way; ("walk"): every profile of all moving players but the one with most
//     sums, whose best responses are one scan. Both in integers after scaling (solver/sum_profile_count.hpp);
//     `auto` takes the one with the smaller work estimate, and refuses up front (LimitError naming
//     --max-work / --max-states) when neither fits.
//   - "exhaustive": walk the product of the players' distinct sums (memory O(n)), with a progress bar; only
//     on request (a reference for the others).
// Zero-weight players never move the receiver and every strategy is a best response: they contribute a
// factor. With the inner-product loss each player's best responses do not depend on the others at all.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "bigcert/core/finite_game.hpp"
#include "bigcert/solver/solver.hpp"

namespace bigcert {

struct EnumerateOptions {
    enum class Method { automatic, sweep, receivers, walk, exhaustive };
    Method method = Method::automatic;
    std::size_t list = 0;                      // how many equilibria to list (the count is always exact)
    std::size_t max_states = 2'000'000;        // sums kept by a dynamic programme
    std::size_t max_profiles = 2'000'000'000;  // profiles of distinct sums the exhaustive walk may visit
    std::size_t max_work = 10'000'000'000;     // estimated comparisons of sums for the walk / receiver DP
    std::ostream* progress = nullptr;          // progress bar of the exhaustive walk (e.g. &std::cerr)
    unsigned threads = 0;                      // 0: all cores
    // How the caps above are raised, for the LimitError (cli.md "Exit codes": the message names the flag);
    // commands without these flags point to `bigcert enumerate`.
    std::string raise_hint = "raise --max-states or --max-profiles";
};

struct PureEquilibrium {
    std::vector<Selection> selections;
    Vector receiver;
};

struct EnumerationResult {
    Integer count;                        // exact number of pure equilibria (strategy profiles)
    std::vector<PureEquilibrium> listed;  // up to options.list of them, each passed check_finite_equilibrium
    std::string method;  // "interval-sweep", "receiver-dp", "profile-walk", "exhaustive" or "dominant"
};

// Pre: is_finite_game(instance). LimitError when no method fits the caps.
EnumerationResult enumerate_pure_equilibria(const Instance& instance, const EnumerateOptions& options = {});

// `solve` on a finite game: the first listed pure equilibrium (exactly checked) with its chosen items, and
// the exact count in Solution::exact_count. Theorem 4 does not apply (a finite set has no interior).
Solution solve_finite_game(const Instance& instance, const SolveOptions& options = {});
// The same Solution from an enumeration that listed at least one equilibrium (no second enumeration).
Solution finite_solution(const Instance& instance, const EnumerationResult& found);

}  // namespace bigcert
