#include "solver/interval_sweep.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <optional>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/exact_sum.hpp"
#include "bigcert/core/parallel.hpp"
#include "solver/receiver_walk.hpp"
#include "solver/support_oracle.hpp"

namespace bigcert {
namespace {

// A player whose contribution jumps at its target: w != 0 and lo < hi.
// Left of its target it contributes `above` = w·(w > 0 ? hi : lo), right of it `below` < `above`.
struct Breakpoint {
    double target;
    double above, below;
    std::uint32_t player;
};

class Sweep {
  public:
    Sweep(const Instance& instance, unsigned threads) : instance_(instance), threads_(threads) {}
    SweepResult run();

    // The groups of equal targets, for walk_to_receiver() (receiver_walk.hpp); group_count(): right of all.
    using Group = std::size_t;
    bool exists(Group g) const { return g < group_count(); }
    Rational target(Group g) const { return target_at(group_start_[g]); }
    Rational jump(Group g) const;
    Group right_of(Group g) const { return g + 1; }
    std::optional<Group> left_of(Group g) const { return g > 0 ? std::optional<Group>(g - 1) : std::nullopt; }

  private:
    std::size_t group_count() const { return group_start_.size() - 1; }
    const Rational& target_at(std::size_t position) const {
        return instance_.players[points_[position].player].target[0];
    }
    const Rational& high_side(std::size_t player) const;
    const Rational& low_side(std::size_t player) const;
    void collect();
    void sort_exactly();
    std::size_t locate_in_floating_point() const;
    Rational exact_value_left_of(std::size_t group) const;

    const Instance& instance_;
    unsigned threads_;
    std::vector<Breakpoint> points_;
    std::vector<std::size_t> group_start_;  // groups of equal targets in sorted order; sentinel at the end
    double constant_approx_ = 0;
};

// The bound value a player plays when its target lies above the receiver (it pushes up).
const Rational& Sweep::high_side(std::size_t player) const {
    const Interval& set = instance_.set_of(player).as_interval();
    return sign(instance_.players[player].weight) > 0 ? set.hi : set.lo;
}

const Rational& Sweep::low_side(std::size_t player) const {
    const Interval& set = instance_.set_of(player).as_interval();
    return sign(instance_.players[player].weight) > 0 ? set.lo : set.hi;
}

void Sweep::collect() {
    const std::size_t n = instance_.players.size();
    constant_approx_ = to_double(instance_.bias()[0]);
    for (std::size_t i = 0; i < n; ++i) {
        const Player& p = instance_.players[i];
        const Interval& set = instance_.set_of(i).as_interval();
        double w = to_double(p.weight);
        if (sign(p.weight) == 0) continue;
        if (set.lo == set.hi) {
            constant_approx_ += w * to_double(set.lo);
            continue;
        }
        points_.push_back({to_double(p.target[0]), w * to_double(high_side(i)), w * to_double(low_side(i)),
                           static_cast<std::uint32_t>(i)});
    }
}

// Rounding to double is monotone, so sorting by the doubles is exact except inside runs of equal doubles,
// which are then ordered exactly. Groups of exactly equal targets follow.
void Sweep::sort_exactly() {
    std::sort(points_.begin(), points_.end(),
              [](const Breakpoint& a, const Breakpoint& b) { return a.target < b.target; });
    for (std::size_t begin = 0; begin < points_.size();) {
        std::size_t end = begin + 1;
        while (end < points_.size() && points_[end].target == points_[begin].target) ++end;
        if (end - begin > 1)
            std::sort(points_.begin() + static_cast<long>(begin), points_.begin() + static_cast<long>(end),
                      [&](const Breakpoint& a, const Breakpoint& b) {
                          return instance_.players[a.player].target[0] <
                                 instance_.players[b.player].target[0];
                      });
        for (std::size_t k = begin; k < end; ++k)
            if (k == begin || target_at(k) != target_at(k - 1)) group_start_.push_back(k);
        begin = end;
    }
    group_start_.push_back(points_.size());
}

// Position g: the receiver lies left of group g's target (g = number of groups: right of all), or on it.
std::size_t Sweep::locate_in_floating_point() const {
    double value = constant_approx_;
    for (const Breakpoint& b : points_) value += b.above;
    return locate_group_in_floating_point(
        value, group_count(), [&](std::size_t g) { return points_[group_start_[g]].target; },
        [&](std::size_t g) {
            double drop = 0;
            for (std::size_t k = group_start_[g]; k < group_start_[g + 1]; ++k)
                drop += points_[k].above - points_[k].below;
            return drop;
        });
}

// F on the open interval just left of group g, exactly.
Rational Sweep::exact_value_left_of(std::size_t group) const {
    const std::size_t n = instance_.players.size();
    const std::size_t split = group_start_[group];
    unsigned workers = worker_count(threads_, n);
    std::vector<ExactSum> partial(workers);
    // Players not in points_ (zero weight or a single point) contribute w·lo; the others by side.
    std::vector<std::uint8_t> side(n, 0);  // 0: constant, 1: above (target right of x), 2: below
    for (std::size_t k = 0; k < points_.size(); ++k) side[points_[k].player] = k >= split ? 1 : 2;
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const Player& p = instance_.players[i];
            if (sign(p.weight) == 0) continue;
            const Rational& value = side[i] == 0 ? instance_.set_of(i).as_interval().lo
                                                 : (side[i] == 1 ? high_side(i) : low_side(i));
            partial[w].add_product(p.weight, value);
        }
    });
    for (std::size_t w = 1; w < workers; ++w) partial[0].merge(partial[w]);
    return instance_.bias()[0] + partial[0].value();
}

Rational Sweep::jump(std::size_t group) const {
    ExactSum total;
    for (std::size_t k = group_start_[group]; k < group_start_[group + 1]; ++k) {
        std::size_t i = points_[k].player;
        total.add_product(instance_.players[i].weight, high_side(i) - low_side(i));  // |w| (hi - lo) > 0
    }
    return total.value();
}

SweepResult Sweep::run() {
    collect();
    sort_exactly();
    const std::size_t start = locate_in_floating_point();
    // Each step passes one group and the walk never turns back, so it ends within group_count() + 1 steps.
    std::optional<Rational> receiver =
        walk_to_receiver(*this, start, exact_value_left_of(start), group_count() + 1);
    if (!receiver) throw InternalError("the interval sweep's exact walk did not end");
    return {std::move(*receiver)};
}

}  // namespace

SweepResult sweep_receiver(const Instance& instance, unsigned threads) {
    return Sweep(instance, threads).run();
}

}  // namespace bigcert
