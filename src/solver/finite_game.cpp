#include "bigcert/core/finite_game.hpp"

#include <algorithm>
#include <map>

#include "bigcert/core/errors.hpp"

namespace bigcert {

std::vector<SumValue> achievable_sums(const FiniteChoice& choice, std::size_t max_sums) {
    // levels[c] maps a sum of c chosen items to the number of ways to reach it.
    const std::size_t k = choice.choose, d = choice.items.front().size();
    std::vector<std::map<Vector, Integer>> levels(k + 1);
    levels[0][Vector(d, Rational(0))] = 1;
    // Work, not only size, is capped: a huge `choose` with few distinct sums would otherwise run for hours.
    constexpr std::size_t max_work = 10'000'000;
    std::size_t work = 0;
    auto extend = [&](std::size_t from, const Vector& item) {
        work += levels[from].size();
        if (work > max_work)
            throw LimitError("computing the item sums of a finite action space needs more than " +
                             std::to_string(max_work) + " steps (" + std::to_string(choice.items.size()) +
                             " items, choose " + std::to_string(k) + ")");
        for (const auto& [sum, ways] : levels[from]) {
            levels[from + 1][sum + item] += ways;
            if (levels[from + 1].size() > max_sums)
                throw LimitError("more than " + std::to_string(max_sums) +
                                 " distinct item sums in a finite action space");
        }
    };
    for (const Vector& item : choice.items) {
        // Without repeats each item is used at most once: go down so that this item's new sums are not
        // extended again. With repeats go up, which counts each multiset once (items in a fixed order).
        if (choice.repeats)
            for (std::size_t c = 0; c < k; ++c) extend(c, item);
        else
            for (std::size_t c = k; c-- > 0;) extend(c, item);
    }
    std::vector<SumValue> result;
    result.reserve(levels[k].size());
    for (auto& [sum, ways] : levels[k]) result.push_back(SumValue{sum, ways});
    return result;
}

Vector selection_sum(const FiniteChoice& choice, const Selection& selection) {
    Vector sum(choice.items.front().size(), Rational(0));
    for (std::size_t position : selection) sum = sum + choice.items[position];
    return sum;
}

std::vector<Vector> selection_items(const FiniteChoice& choice, const Selection& selection) {
    std::vector<Vector> items;
    for (std::size_t position : selection) items.push_back(choice.items[position]);
    return items;
}

std::vector<Selection> selections_with_sum(const FiniteChoice& choice, const Vector& sum, std::size_t limit) {
    // Depth-first over positions (so the order is for_each_selection's), pruned by per-coordinate bounds:
    // `left` more items from positions >= l add at least left·min and at most left·max of the remaining
    // items, coordinate by coordinate. Iterative, so that a large `choose` cannot overflow the stack.
    std::vector<Selection> found;
    const std::size_t m = choice.items.size(), k = choice.choose, d = sum.size();
    if (limit == 0) return found;
    std::vector<Vector> suffix_min(m), suffix_max(m);
    for (std::size_t l = m; l-- > 0;) {
        suffix_min[l] = suffix_max[l] = choice.items[l];
        if (l + 1 < m)
            for (std::size_t c = 0; c < d; ++c) {
                suffix_min[l][c] = std::min(suffix_min[l][c], suffix_min[l + 1][c]);
                suffix_max[l][c] = std::max(suffix_max[l][c], suffix_max[l + 1][c]);
            }
    }
    auto feasible = [&](std::size_t l, std::size_t left, const Vector& remaining) {
        if (l >= m || (!choice.repeats && m - l < left)) return false;
        for (std::size_t c = 0; c < d; ++c)
            if (remaining[c] < Rational(left) * suffix_min[l][c] ||
                remaining[c] > Rational(left) * suffix_max[l][c])
                return false;
        return true;
    };
    constexpr std::size_t max_steps = 20'000'000;
    std::size_t steps = 0;
    Selection current;
    Vector remaining = sum;
    std::vector<std::size_t> cursor{0};  // per depth: the next position to try
    while (!cursor.empty()) {
        if (++steps > max_steps)
            throw LimitError("finding the item selections with a given sum took more than " +
                             std::to_string(max_steps) + " steps");
        const std::size_t left = k - current.size();
        bool descended = false;
        if (left == 0) {
            if (is_zero(remaining)) {
                found.push_back(current);
                if (found.size() >= limit) return found;
            }
        } else if (feasible(cursor.back(), left, remaining)) {
            // Infeasible from l means infeasible from every later position (fewer items, tighter bounds).
            std::size_t l = cursor.back()++;
            current.push_back(l);
            remaining = remaining - choice.items[l];
            cursor.push_back(choice.repeats ? l : l + 1);
            descended = true;
        }
        if (!descended) {
            cursor.pop_back();
            if (!current.empty()) {
                remaining = remaining + choice.items[current.back()];
                current.pop_back();
            }
        }
    }
    return found;
}

Selection selection_from_items(const FiniteChoice& choice, const std::vector<Vector>& items,
                               const std::string& path) {
    if (items.size() != choice.choose)
        throw InputError(path, "expected " + std::to_string(choice.choose) + " items, got " +
                                   std::to_string(items.size()));
    Selection selection;
    for (std::size_t k = 0; k < items.size(); ++k) {
        auto found = std::find(choice.items.begin(), choice.items.end(), items[k]);
        if (found == choice.items.end())
            throw InputError(path + "[" + std::to_string(k) + "]", "not one of the items");
        selection.push_back(static_cast<std::size_t>(found - choice.items.begin()));
    }
    std::sort(selection.begin(), selection.end());
    if (!choice.repeats && std::adjacent_find(selection.begin(), selection.end()) != selection.end())
        throw InputError(path, "an item is chosen twice but the set has no repeats");
    return selection;
}

std::vector<std::size_t> best_response_sums(const Instance& instance, std::size_t player,
                                            const Vector& others, const std::vector<SumValue>& sums) {
    const Rational& w = instance.players[player].weight;
    std::vector<std::size_t> best;
    Rational best_loss;
    for (std::size_t v = 0; v < sums.size(); ++v) {
        Vector receiver = others;
        add_scaled(receiver, w, sums[v].sum);
        Rational loss = instance.loss_of(player, receiver);
        if (best.empty() || loss < best_loss)
            best.assign(1, v), best_loss = loss;
        else if (loss == best_loss)
            best.push_back(v);
    }
    return best;
}

namespace {

// Every deviation of player i from `own` (its sum), judged by the loss at the resulting receiver. Walks
// the selections themselves when there are few, so that this check does not rest on achievable_sums.
std::string find_improvement(const Instance& instance, std::size_t i, const Vector& receiver,
                             const Vector& own) {
    const FiniteChoice& choice = instance.set_of(i).as_finite();
    const Rational& w = instance.players[i].weight;
    Vector others = receiver;
    add_scaled(others, -w, own);
    const Rational current = instance.loss_of(i, receiver);
    auto improves = [&](const Vector& sum) {
        Vector deviated = others;
        add_scaled(deviated, w, sum);
        return instance.loss_of(i, deviated) < current;
    };
    std::string problem;
    auto report = [&](const Vector& sum) {
        std::string text;
        for (const Rational& x : sum) text += (text.empty() ? "" : ", ") + to_string(x);
        problem = "player " + instance.numbered_label(i) + ": items summing to (" + text + ") lower its loss";
    };
    if (selection_count(choice) <= 200'000) {
        for_each_selection(choice, [&](const Selection& selection) {
            Vector sum = selection_sum(choice, selection);
            if (improves(sum)) report(sum);
            return problem.empty();
        });
    } else {
        for (const SumValue& value : achievable_sums(choice))
            if (improves(value.sum)) {
                report(value.sum);
                break;
            }
    }
    return problem;
}

}  // namespace

CheckReport check_finite_equilibrium(const Instance& instance, const std::vector<Selection>& selections) {
    const std::size_t n = instance.players.size();
    if (selections.size() != n)
        return {false, "the profile has " + std::to_string(selections.size()) + " selections for " +
                           std::to_string(n) + " players"};
    std::vector<Vector> sums(n);
    for (std::size_t i = 0; i < n; ++i) {
        const FiniteChoice& choice = instance.set_of(i).as_finite();
        const Selection& s = selections[i];
        bool valid = s.size() == choice.choose && std::is_sorted(s.begin(), s.end());
        for (std::size_t position : s) valid = valid && position < choice.items.size();
        if (valid && !choice.repeats) valid = std::adjacent_find(s.begin(), s.end()) == s.end();
        if (!valid)
            return {false,
                    "player " + instance.numbered_label(i) + ": not a strategy of its finite action space"};
        sums[i] = selection_sum(choice, s);
    }
    Vector receiver = instance.receiver(sums);
    for (std::size_t i = 0; i < n; ++i) {
        std::string problem = find_improvement(instance, i, receiver, sums[i]);
        if (!problem.empty()) return {false, problem};
    }
    return {};
}

}  // namespace bigcert
