#include "solver/line_sweep.hpp"

#include <algorithm>
#include <numeric>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/exact_sum.hpp"
#include "bigcert/core/parallel.hpp"
#include "solver/line_arithmetic.hpp"
#include "solver/line_support.hpp"
#include "solver/receiver_order.hpp"
#include "solver/receiver_walk.hpp"

namespace bigcert {
namespace {

class LineSweep {
  public:
    LineSweep(const LineGame& game, const std::vector<std::uint32_t>& by_target, unsigned threads)
        : game_(game), threads_(threads) {
        for (std::uint32_t i : by_target)
            if (jumps(game, i)) points_.push_back(i);
        for (std::size_t k = 0; k < points_.size(); ++k)
            if (k == 0 || target_at(k) != target_at(k - 1)) group_start_.push_back(k);
        group_start_.push_back(points_.size());
    }
    Rational run();

    // The groups of equal targets, for walk_to_receiver() (receiver_walk.hpp); group_count(): right of all.
    using Group = std::size_t;
    bool exists(Group g) const { return g < group_count(); }
    Rational target(Group g) const { return to_rational(target_at(group_start_[g])); }
    Rational jump(Group g) const;
    Group right_of(Group g) const { return g + 1; }
    std::optional<Group> left_of(Group g) const { return g > 0 ? std::optional<Group>(g - 1) : std::nullopt; }

  private:
    std::size_t group_count() const { return group_start_.size() - 1; }
    const SmallFraction& target_at(std::size_t position) const { return game_.targets[points_[position]]; }
    std::size_t locate_in_floating_point() const;
    Rational exact_value_left_of(std::size_t group) const;

    const LineGame& game_;
    unsigned threads_;
    std::vector<std::uint32_t> points_;     // the jumping players in target order
    std::vector<std::size_t> group_start_;  // groups of equal targets; sentinel at the end
};

// Position g: the receiver lies left of group g's target (g = number of groups: right of all), or on it.
// Only a guess: run() corrects it exactly.
std::size_t LineSweep::locate_in_floating_point() const {
    double value = to_double(game_.bias);
    for (std::size_t i = 0; i < game_.size(); ++i) {
        double w = to_double(game_.weights[i]);
        if (w != 0) value += w * to_double(jumps(game_, i) ? high_side(game_, i) : game_.lo(i));
    }
    return locate_group_in_floating_point(
        value, group_count(), [&](std::size_t g) { return to_double(target_at(group_start_[g])); },
        [&](std::size_t g) {
            double drop = 0;
            for (std::size_t k = group_start_[g]; k < group_start_[g + 1]; ++k) {
                std::size_t i = points_[k];
                drop += to_double(game_.weights[i]) *
                        (to_double(high_side(game_, i)) - to_double(low_side(game_, i)));
            }
            return drop;
        });
}

// F on the open interval just left of group g, exactly: players with targets at or right of group g's
// target push up, the others down, the rest (a single point) contribute w·lo.
Rational LineSweep::exact_value_left_of(std::size_t group) const {
    const bool right_of_all = group + 1 == group_start_.size();
    const SmallFraction split = right_of_all ? SmallFraction{} : target_at(group_start_[group]);
    return exact_value_on_gap(game_, threads_, [&](std::size_t i) {
        return !right_of_all && compare(game_.targets[i], split) >= 0;
    });
}

Rational LineSweep::jump(std::size_t group) const {
    ExactSum total;
    for (std::size_t k = group_start_[group]; k < group_start_[group + 1]; ++k) {
        total.add(jump_of(game_, points_[k]));  // |w| (hi - lo) > 0
    }
    return total.value();
}

Rational LineSweep::run() {
    const std::size_t start = locate_in_floating_point();
    // Each step passes one group and the walk never turns back, so it ends within group_count() + 1 steps.
    std::optional<Rational> receiver =
        walk_to_receiver(*this, start, exact_value_left_of(start), group_count() + 1);
    if (!receiver) throw InternalError("the interval sweep's exact walk did not end");
    return std::move(*receiver);
}

}  // namespace

TargetKeys target_keys(const LineGame& game, unsigned threads) {
    constexpr std::int64_t exact_in_double = std::int64_t{1} << 53;
    TargetKeys keys;
    keys.key.resize(game.size());
    const std::size_t n = game.size();
    unsigned workers = worker_count(threads, n);
    std::vector<char> monotone(workers, 1);
    std::vector<double> low(workers, 0), high(workers, 0);
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        if (begin == end) return;  // no players
        bool ok = true;
        double smallest = to_double(game.targets[begin]), largest = smallest;
        for (std::size_t i = begin; i < end; ++i) {
            const SmallFraction& t = game.targets[i];
            ok = ok && t.num <= exact_in_double && -t.num <= exact_in_double && t.den <= exact_in_double;
            const double key = to_double(t);
            keys.key[i] = key;
            smallest = std::min(smallest, key), largest = std::max(largest, key);
        }
        monotone[w] = ok, low[w] = smallest, high[w] = largest;
    });
    for (char ok : monotone) keys.monotone = keys.monotone && ok;
    keys.low = *std::min_element(low.begin(), low.end());
    keys.high = *std::max_element(high.begin(), high.end());
    return keys;
}

// With monotone keys, sorting by (key, exact value, index) is the exact order, with the costly exact
// comparison only on ties; otherwise every comparison is exact.
std::vector<std::uint32_t> players_by_target(const LineGame& game, const TargetKeys& keys) {
    struct Entry {  // 16 bytes: the sort moves these, the exact targets are looked up on ties only
        double key;
        std::uint32_t player;
    };
    std::vector<Entry> entries(game.size());
    for (std::size_t i = 0; i < game.size(); ++i) entries[i] = {keys.key[i], static_cast<std::uint32_t>(i)};
    auto exactly = [&](const Entry& a, const Entry& b) {
        int c = compare(game.targets[a.player], game.targets[b.player]);
        return c != 0 ? c < 0 : a.player < b.player;
    };
    if (keys.monotone)
        std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
            return a.key != b.key ? a.key < b.key : exactly(a, b);
        });
    else
        std::sort(entries.begin(), entries.end(), exactly);
    std::vector<std::uint32_t> order(game.size());
    for (std::size_t k = 0; k < entries.size(); ++k) order[k] = entries[k].player;
    return order;
}

Rational exact_line_receiver(const LineGame& game, const std::vector<std::uint32_t>& by_target,
                             unsigned threads) {
    return LineSweep(game, by_target, threads).run();
}

SmallFraction line_receiver(const LineGame& game, const std::vector<std::uint32_t>& by_target,
                            unsigned threads) {
    return line_fraction(exact_line_receiver(game, by_target, threads));
}

namespace {

// The point of [lo, hi] nearest t: a weightless player's best response, any point being one.
const SmallFraction& nearest_to_target(const LineGame& game, std::size_t i) {
    const SmallFraction &t = game.targets[i], &lo = game.lo(i), &hi = game.hi(i);
    return compare(t, lo) < 0 ? lo : (compare(hi, t) < 0 ? hi : t);
}

}  // namespace

std::vector<SmallFraction> wide_line_profile(const LineGame& game, const Rational& receiver,
                                             unsigned threads) {
    const std::size_t n = game.size();
    std::vector<SmallFraction> actions(n);
    parallel_chunks(n, worker_count(threads, n), [&](unsigned, std::size_t begin, std::size_t end) {
        ReceiverOrder order(receiver);
        for (std::size_t i = begin; i < end; ++i) {
            const SmallFraction& weight = game.weights[i];
            if (sign(weight) == 0) {
                actions[i] = nearest_to_target(game, i);
                continue;
            }
            const int side = order.side_of(game.targets[i]) * sign(weight);
            if (side == 0) throw InternalError("wide_line_profile: a target equals the receiver");
            actions[i] = side > 0 ? game.hi(i) : game.lo(i);
        }
    });
    return actions;
}

std::vector<SmallFraction> line_profile(const LineGame& game, const SmallFraction& receiver,
                                        unsigned threads) {
    const std::size_t n = game.size();
    std::vector<SmallFraction> actions(n);
    unsigned workers = worker_count(threads, n);
    std::vector<ExactSum> fixed(workers);
    std::vector<std::vector<std::size_t>> tied(workers);
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const SmallFraction &weight = game.weights[i], &lo = game.lo(i), &hi = game.hi(i);
            if (sign(weight) == 0) {
                actions[i] = nearest_to_target(game, i);
                continue;
            }
            int side = compare(game.targets[i], receiver) * sign(weight);
            if (side == 0 && lo != hi) {
                tied[w].push_back(i);
                continue;
            }
            actions[i] = side > 0 ? hi : lo;
            fixed[w].add_product(weight, actions[i]);
        }
    });
    for (unsigned w = 1; w < workers; ++w) {
        fixed[0].merge(fixed[w]);
        tied[0].insert(tied[0].end(), tied[w].begin(), tied[w].end());
    }
    // The tied players (target = x̂*, usually none or one) contribute exactly the remainder: start each at
    // its lowest contribution and raise them in turn, in GMP (as interval_profile()).
    Rational remainder = to_rational(receiver) - to_rational(game.bias) - fixed[0].value();
    std::vector<Rational> tied_actions;
    for (std::size_t i : tied[0]) {
        Rational w = to_rational(game.weights[i]), lo = to_rational(game.lo(i)), hi = to_rational(game.hi(i));
        Rational low = std::min(w * lo, w * hi);
        remainder -= low;
        tied_actions.push_back(low / w);
    }
    for (std::size_t k = 0; k < tied[0].size() && sign(remainder) > 0; ++k) {
        std::size_t i = tied[0][k];
        Rational w = to_rational(game.weights[i]);
        Rational room = abs(w) * (to_rational(game.hi(i)) - to_rational(game.lo(i)));
        Rational take = std::min(room, remainder);
        tied_actions[k] += take / w;
        remainder -= take;
    }
    if (sign(remainder) != 0)
        throw InternalError("the interval sweep's receiver is not attainable by support points");
    for (std::size_t k = 0; k < tied[0].size(); ++k) actions[tied[0][k]] = line_fraction(tied_actions[k]);
    return actions;
}

}  // namespace bigcert
