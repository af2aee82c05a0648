#include "solver/line_selection.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "bigcert/core/exact_sum.hpp"
#include "bigcert/core/parallel.hpp"
#include "solver/line_arithmetic.hpp"
#include "solver/line_support.hpp"
#include "solver/receiver_walk.hpp"

namespace bigcert {
namespace {

constexpr std::size_t no_player = static_cast<std::size_t>(-1);

// ---- Stage 1, floating point: a guess of the target at or just right of x̂* ----

// A jumping player as the quickselect sees it: F drops by `jump` = |w| (hi - lo) where x passes the key.
struct Breakpoint {
    double key, jump;
    std::uint32_t player;
};

// G(x) = x - F(x) with F(x) = base + (sum of the jumps of breakpoints right of x): increasing in x.
// `points` holds the breakpoints of one stretch of keys; `above` sums the jumps right of the stretch and
// `upper` is a player whose key bounds it from above (no_player: none).
struct FloatingModel {
    std::vector<Breakpoint> points;
    double base = 0, above = 0;
    std::size_t upper = no_player;
};

// A player's contribution in doubles: F's share when x is right of its target, and the jump (> 0 when it
// jumps) added when x is left of it.
struct FloatingPlayer {
    double low_part = 0, jump = 0;
};

class FloatingView {
  public:
    explicit FloatingView(const LineGame& game)
        : game_(game), lows_(game.lows.size()), highs_(game.highs.size()) {
        for (std::size_t k = 0; k < lows_.size(); ++k)  // per set, not per player
            lows_[k] = to_double(game.lows[k]), highs_[k] = to_double(game.highs[k]);
    }
    FloatingPlayer operator()(std::size_t i) const {
        if (sign(game_.weights[i]) == 0) return {};
        const double w = to_double(game_.weights[i]), lo = lows_[game_.set_of_player[i]],
                     hi = highs_[game_.set_of_player[i]];
        if (!jumps(game_, i)) return {w * lo, 0};
        return w > 0 ? FloatingPlayer{w * lo, w * (hi - lo)} : FloatingPlayer{w * hi, w * (lo - hi)};
    }

  private:
    const LineGame& game_;
    std::vector<double> lows_, highs_;
};

// Keys mapped monotonically onto buckets (every key of bucket b is at most every key of bucket b + 1).
class Buckets {
  public:
    // About 256 keys a bucket, 2^8 to 2^16 buckets: the per-bucket sums stay in the nearest caches (their
    // random updates were most of the first pass at 10^6 players with 2^16 buckets), and the quickselect
    // then works on a few hundred keys.
    static std::size_t count_for(std::size_t keys) {
        return std::clamp<std::size_t>(std::bit_ceil(keys / 256 + 1), std::size_t{1} << 8,
                                       std::size_t{1} << 16);
    }
    Buckets(double low, double high, std::size_t bucket_count) : count(bucket_count), low_(low) {
        double scale = double(count) / (high - low);
        scale_ = high > low && std::isfinite(scale) ? scale : 0;
    }
    std::size_t of(double key) const {
        double position = (key - low_) * scale_;
        return position >= double(count - 1) ? count - 1
               : position > 0                ? static_cast<std::size_t>(position)
                                             : 0;
    }
    double lower_edge(std::size_t b) const { return scale_ == 0 ? low_ : low_ + double(b) / scale_; }

    const std::size_t count;

  private:
    double low_, scale_ = 0;
};

// One pass on the cores sums the jumps per bucket and F's base; the bucket where G changes sign is the only
// stretch of keys the quickselect then needs (x̂* at or near it; the exact walk corrects the rest).
FloatingModel floating_model(const LineGame& game, const TargetKeys& keys, unsigned threads) {
    const std::size_t n = game.size();
    const FloatingView view(game);
    const Buckets buckets(keys.low, keys.high, Buckets::count_for(n));
    unsigned workers = worker_count(threads, n);
    std::vector<std::vector<double>> jumps_in(workers);
    std::vector<double> base(workers, 0.0);
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        jumps_in[w].assign(buckets.count, 0.0);
        for (std::size_t i = begin; i < end; ++i) {
            FloatingPlayer p = view(i);
            base[w] += p.low_part;
            if (p.jump > 0) jumps_in[w][buckets.of(keys.key[i])] += p.jump;
        }
    });
    FloatingModel m;
    m.base = to_double(game.bias);
    for (unsigned w = 0; w < workers; ++w) m.base += base[w];
    for (unsigned w = 1; w < workers; ++w)
        for (std::size_t b = 0; b < buckets.count; ++b) jumps_in[0][b] += jumps_in[w][b];
    const std::vector<double>& jump = jumps_in[0];
    double after = 0;  // the jumps of the buckets after `chosen`
    for (double j : jump) after += j;
    std::size_t chosen = 0;
    for (; chosen + 1 < buckets.count; ++chosen) {
        after -= jump[chosen];
        // G just left of the next bucket's keys (about its lower edge) is past the root: stop here.
        if (buckets.lower_edge(chosen + 1) - m.base - after >= 0) break;
    }
    if (chosen + 1 == buckets.count) after = 0;
    m.above = after;
    double upper_key = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t b = buckets.of(keys.key[i]);
        if (b < chosen || (b > chosen && m.upper != no_player && keys.key[i] >= upper_key)) continue;
        FloatingPlayer p = view(i);
        if (p.jump <= 0) continue;
        if (b == chosen)
            m.points.push_back({keys.key[i], p.jump, static_cast<std::uint32_t>(i)});
        else
            m.upper = i, upper_key = keys.key[i];
    }
    return m;
}

double jump_sum(const Breakpoint* begin, const Breakpoint* end) {
    double sum = 0;
    for (const Breakpoint* p = begin; p != end; ++p) sum += p->jump;
    return sum;
}

// The player of the smallest key where G(key+) >= 0 (x̂* at or left of that target, right of the previous
// key), or m.upper when G < 0 right of every key. Quickselect with a three-way partition: each round keeps
// the side that holds the sign change; `above` sums the jumps of the breakpoints known to lie right of it.
std::size_t guess_split(FloatingModel& m) {
    Breakpoint *begin = m.points.data(), *end = begin + m.points.size();
    double above = m.above;
    std::size_t upper = m.upper;  // a player whose key bounds the range from above
    std::uint64_t state = 0x9E3779B97F4A7C15u;
    while (end - begin > 16) {
        state = state * 6364136223846793005u + 1442695040888963407u;  // deterministic pivot choice
        const double pivot = begin[(state >> 33) % static_cast<std::uint64_t>(end - begin)].key;
        Breakpoint* equal = std::partition(begin, end, [&](const Breakpoint& p) { return p.key < pivot; });
        Breakpoint* greater = std::partition(equal, end, [&](const Breakpoint& p) { return p.key == pivot; });
        const double right = above + jump_sum(greater, end), at = jump_sum(equal, greater);
        if (pivot - m.base - right < 0) {  // G(pivot+) < 0: x̂* lies right of the pivot
            begin = greater;
        } else if (pivot - m.base - right - at > 0) {  // G(pivot-) > 0: left of it
            above = right + at, upper = equal->player, end = equal;
        } else {
            return equal->player;  // x̂* is the pivot's target
        }
    }
    std::sort(begin, end, [](const Breakpoint& a, const Breakpoint& b) { return a.key < b.key; });
    double right = above + jump_sum(begin, end);
    for (const Breakpoint* p = begin; p != end;) {
        if (p->key - m.base - right >= 0) return p->player;  // G(key-) >= 0: at or left of this key
        const Breakpoint* next = p;
        while (next != end && next->key == p->key) right -= next->jump, ++next;
        if (p->key - m.base - right >= 0) return p->player;  // G(key+) >= 0: at this key
        p = next;
    }
    return upper;
}

// ---- Stage 2, exact: F left of a target, neighbouring targets by scans, and the walk ----

// The groups of receiver_walk.hpp named by one of their players; no_player: right of every target.
class ScannedGroups {
  public:
    ScannedGroups(const LineGame& game, const TargetKeys& keys, unsigned threads)
        : game_(game), key_(keys.key), threads_(threads) {}
    std::optional<Rational> run(std::size_t split);

    using Group = std::size_t;
    bool exists(Group g) const { return g != no_player; }
    Rational target(Group g) const { return to_rational(target_of(g)); }
    Rational jump(Group g) const { return jump_at(g); }
    Group right_of(Group g) const { return next_right(g); }
    std::optional<Group> left_of(Group g) const {
        const std::size_t previous = next_left(g);
        return previous == no_player ? std::nullopt : std::optional<Group>(previous);
    }

  private:
    const SmallFraction& target_of(std::size_t i) const { return game_.targets[i]; }
    // sign(t_i - t_j), exactly; the keys decide unless they are equal.
    int order(std::size_t i, std::size_t j) const {
        if (key_[i] != key_[j]) return key_[i] < key_[j] ? -1 : 1;
        return compare(target_of(i), target_of(j));
    }
    Rational value_left_of(std::size_t split) const;
    Rational jump_at(std::size_t group) const;
    std::size_t next_right(std::size_t group) const;
    std::size_t next_left(std::size_t group) const;

    const LineGame& game_;
    const std::vector<double>& key_;
    unsigned threads_;
};

// F on the open gap just left of t_split (right of every target for no_player), as exact_value_left_of().
Rational ScannedGroups::value_left_of(std::size_t split) const {
    return exact_value_on_gap(game_, threads_,
                              [&](std::size_t i) { return split != no_player && order(i, split) >= 0; });
}

// The total drop of F at the target of `group`: the sum of |w| (hi - lo) over the jumping players there.
Rational ScannedGroups::jump_at(std::size_t group) const {
    ExactSum total;
    for (std::size_t i = 0; i < game_.size(); ++i)
        if (key_[i] == key_[group] && jumps(game_, i) && target_of(i) == target_of(group))
            total.add(jump_of(game_, i));
    return total.value();
}

// A jumping player with the smallest target above t_group, or no_player.
std::size_t ScannedGroups::next_right(std::size_t group) const {
    std::size_t best = no_player;
    for (std::size_t i = 0; i < game_.size(); ++i) {  // cheap key tests first: most players fail them
        if (key_[i] < key_[group] || (best != no_player && key_[i] > key_[best])) continue;
        if (order(i, group) <= 0 || !jumps(game_, i)) continue;
        if (best == no_player || order(i, best) < 0) best = i;
    }
    return best;
}

// A jumping player with the largest target below t_group (below none: the largest of all), or no_player.
std::size_t ScannedGroups::next_left(std::size_t group) const {
    std::size_t best = no_player;
    for (std::size_t i = 0; i < game_.size(); ++i) {  // cheap key tests first: most players fail them
        if ((group != no_player && key_[i] > key_[group]) || (best != no_player && key_[i] < key_[best]))
            continue;
        if ((group != no_player && order(i, group) >= 0) || !jumps(game_, i)) continue;
        if (best == no_player || order(i, best) > 0) best = i;
    }
    return best;
}

// A good guess needs one scan; beyond a few steps the guess was poor and sorting is cheaper.
std::optional<Rational> ScannedGroups::run(std::size_t group) {
    constexpr std::size_t max_steps = 8;
    return walk_to_receiver(*this, group, value_left_of(group), max_steps);
}

}  // namespace

std::optional<Rational> exact_line_receiver_by_selection(const LineGame& game, const TargetKeys& keys,
                                                         unsigned threads) {
    if (!keys.monotone) return std::nullopt;
    FloatingModel model = floating_model(game, keys, threads);
    const std::size_t split = guess_split(model);
    model = {};  // release the breakpoints before the exact stage
    return ScannedGroups(game, keys, threads).run(split);
}

std::optional<SmallFraction> line_receiver_by_selection(const LineGame& game, const TargetKeys& keys,
                                                        unsigned threads) {
    std::optional<Rational> receiver = exact_line_receiver_by_selection(game, keys, threads);
    if (!receiver) return std::nullopt;
    return line_fraction(*receiver);
}

}  // namespace bigcert
