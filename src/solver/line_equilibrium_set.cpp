#include "solver/line_equilibrium_set.hpp"

#include <algorithm>
#include <numeric>

namespace bigcert {
namespace {

// Range of sum w_i x_i over the free weighted players' intervals, and its value at the printed profile.
struct LineAggregate {
    Rational total, low, high;
};

template <class Solution>
LineAggregate line_aggregate(const LineGame& game, const Solution& s,
                             const std::vector<std::size_t>& free_weighted) {
    LineAggregate a;
    for (std::size_t i : free_weighted) {
        Rational w = to_rational(game.weights[i]);
        Rational ends[2] = {w * to_rational(game.lo(i)), w * to_rational(game.hi(i))};
        a.low += std::min(ends[0], ends[1]);
        a.high += std::max(ends[0], ends[1]);
        a.total += w * to_rational(s.actions[i]);
    }
    return a;
}

// With two or more free players the aggregate constraint leaves a segment, unless it pins them all to
// the end of their range (count_on_line in equilibrium_set.cpp).
EquilibriumCount count_on_line(const LineAggregate& a, std::size_t free_weighted) {
    if (free_weighted <= 1) return EquilibriumCount::one;
    return (a.total == a.low || a.total == a.high) ? EquilibriumCount::one : EquilibriumCount::infinite;
}

bool can_be_interior_on_line(const LineGame& game, const LineAggregate& aggregate, std::size_t candidate) {
    if (sign(game.weights[candidate]) == 0) return compare(game.lo(candidate), game.hi(candidate)) < 0;
    Rational w = to_rational(game.weights[candidate]);
    Rational a = w * to_rational(game.lo(candidate)), b = w * to_rational(game.hi(candidate));
    Rational own_low = std::min(a, b), own_high = std::max(a, b);
    Rational others_low = aggregate.low - own_low, others_high = aggregate.high - own_high;
    // w x must lie in [total - others_high, total - others_low] and strictly between w lo and w hi.
    Rational from = std::max(aggregate.total - others_high, own_low),
             to = std::min(aggregate.total - others_low, own_high);
    return from < to || (from == to && own_low < from && from < own_high);
}

// The pair targets_distinct() (equilibrium_set.cpp) names when targets repeat: the first exactly equal
// pair in its order of the targets' doubles. Run only when the exact sort found a repeat, so that the
// message is the same word for word; the doubles come from the same conversion as there.
std::pair<std::size_t, std::size_t> repeated_pair_as_reported(const LineGame& game) {
    const std::size_t n = game.size();
    std::vector<double> approx(n);
    for (std::size_t i = 0; i < n; ++i) approx[i] = to_double(to_rational(game.targets[i]));
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    // The same comparator outcomes on the same sequence as there, hence the same permutation.
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return approx[a] < approx[b]; });
    for (std::size_t begin = 0; begin < n;) {
        std::size_t end = begin + 1;
        while (end < n && approx[order[end]] == approx[order[begin]]) ++end;
        for (std::size_t a = begin; a < end; ++a)
            for (std::size_t b = a + 1; b < end; ++b)
                if (game.targets[order[a]] == game.targets[order[b]])
                    return {std::min(order[a], order[b]), std::max(order[a], order[b])};
        begin = end;
    }
    return {n, n};  // unreachable: called only when a repeat exists
}

// `at_receiver(i)`: whether t_i = x̂*, exactly.
template <class Solution, class AtReceiver>
void fill_exaggeration(const LineGame& game, bool repeated_target, Solution& s,
                       const LineAggregate& aggregate, AtReceiver&& at_receiver) {
    const std::size_t n = game.size();
    ExaggerationReport& report = s.exaggeration;
    std::vector<bool> is_free(n, false);
    for (std::size_t i : s.free_players) is_free[i] = true;
    for (std::size_t i = 0; i < n; ++i) {
        const SmallFraction &lo = game.lo(i), &hi = game.hi(i), &x = s.actions[i];
        bool point = lo == hi;
        // A player at a single support point is on the boundary, unless its set is a point.
        if (!is_free[i] && !point) continue;
        bool interior = compare(lo, x) < 0 && compare(x, hi) < 0;
        if (interior) report.interior.push_back(i);
        if (point ? x == lo : interior) report.relative_interior.push_back(i);
    }
    std::vector<std::string> reasons;
    if (repeated_target) {
        auto [first, second] = repeated_pair_as_reported(game);
        reasons.push_back("players " + game.numbered_label(first) + " and " + game.numbered_label(second) +
                          " have the same target");
    }
    for (std::size_t i = 0; i < n; ++i)
        if (sign(game.weights[i]) == 0) {
            reasons.push_back("player " + game.numbered_label(i) + " has weight 0");
            break;
        }
    report.premise_met = reasons.empty();
    for (const std::string& r : reasons)
        report.premise_detail += (report.premise_detail.empty() ? "" : "; ") + r;
    // Only a player whose face is its whole interval can be interior anywhere (fill_exaggeration there).
    for (std::size_t i : s.free_players)
        if (can_be_interior_on_line(game, aggregate, i)) report.ever_interior.push_back(i);
    report.at_most_one_interior = report.ever_interior.size() <= 1;
    for (std::size_t i : report.ever_interior)
        if (!at_receiver(i)) report.interior_player_at_target = false;
}

template <class Solution, class AtReceiver>
void describe(const LineGame& game, bool repeated_target, Solution& s, AtReceiver&& at_receiver) {
    // F_i is the whole interval exactly when w_i (t_i - x̂*) = 0 and the interval is not a point.
    std::vector<std::size_t> free_weighted;
    bool free_unweighted = false;
    for (std::size_t i = 0; i < game.size(); ++i) {
        if (compare(game.lo(i), game.hi(i)) >= 0) continue;
        bool unweighted = sign(game.weights[i]) == 0;
        if (!unweighted && !at_receiver(i)) continue;
        s.free_players.push_back(i);
        if (unweighted)
            free_unweighted = true;
        else
            free_weighted.push_back(i);
    }
    LineAggregate aggregate = line_aggregate(game, s, free_weighted);
    s.count = free_unweighted ? EquilibriumCount::infinite : count_on_line(aggregate, free_weighted.size());
    fill_exaggeration(game, repeated_target, s, aggregate, at_receiver);
}

}  // namespace

void describe_line_equilibrium_set(const LineGame& game, bool repeated_target, LineSolution& s) {
    describe(game, repeated_target, s, [&](std::size_t i) { return game.targets[i] == s.receiver; });
}

// x̂* is no SmallFraction, so no target equals it: only weightless players can be free.
void describe_line_equilibrium_set(const LineGame& game, bool repeated_target, WideLineSolution& s) {
    describe(game, repeated_target, s, [](std::size_t) { return false; });
}

}  // namespace bigcert
