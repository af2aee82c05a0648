#include "mechanism/order_statistics.hpp"

#include <algorithm>
#include <numeric>

namespace bigcert {

ProfileOrder::ProfileOrder(const Instance& instance, const ReceiverRule& rule,
                           const std::vector<Vector>& reports)
    : instance_(instance), rule_(rule), reports_(reports) {
    const std::size_t n = reports.size(), d = instance.dimension;
    if (rule.kind == ReceiverRule::Kind::threshold) {
        const Rational s2 = rule.radius * rule.radius;
        inside_sum_.assign(d, Rational(0));
        inside_.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            if ((inside_[i] = squared_norm(reports[i] - rule.prior) <= s2))
                add_scaled(inside_sum_, 1, reports[i]), ++inside_count_;
        return;
    }
    if (rule.is_mean()) return;
    values_ = n + rule.phantoms.size();
    sorted_.resize(d), prefix_.resize(d), position_.resize(d);
    for (std::size_t c = 0; c < d; ++c) {
        // Entries 0..n-1 are the players, n.. the phantoms; ties ordered by index so positions are unique.
        std::vector<std::size_t> order(values_);
        std::iota(order.begin(), order.end(), std::size_t{0});
        auto value = [&](std::size_t k) -> const Rational& {
            return k < n ? reports[k][c] : rule.phantoms[k - n][c];
        };
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            int s = value(a).compare(value(b));
            return s != 0 ? s < 0 : a < b;
        });
        sorted_[c].reserve(values_);
        prefix_[c].assign(1, Rational(0));
        position_[c].resize(n);
        for (std::size_t p = 0; p < values_; ++p) {
            sorted_[c].push_back(value(order[p]));
            prefix_[c].push_back(prefix_[c].back() + sorted_[c].back());
            if (order[p] < n) position_[c][order[p]] = p;
        }
    }
}

std::optional<Rational> ProfileOrder::others_statistic(std::size_t c, std::size_t q,
                                                       std::size_t player) const {
    if (q == 0 || q > values_ - 1) return std::nullopt;
    const std::size_t f = q - 1 < position_[c][player] ? q - 1 : q;
    return sorted_[c][f];
}

Rational ProfileOrder::others_range_sum(std::size_t c, std::size_t a, std::size_t b,
                                        std::size_t player) const {
    if (a > b) return 0;
    const std::size_t pos = position_[c][player];
    // Others' q maps to the full index q-1 below the player's position and q from it on.
    std::size_t lo = a - 1, hi = b;  // full indices [lo, hi] minus pos, when pos lies inside
    if (pos < lo)
        lo = a, hi = b;
    else if (pos > hi)
        lo = a - 1, hi = b - 1;
    Rational sum = prefix_[c][hi + 1] - prefix_[c][lo];
    if (lo <= pos && pos <= hi) sum -= sorted_[c][pos];
    return sum;
}

// docs/model.md §6: the k-th smallest of the others' values together with y is clamp(y, s_{k-1}, s_k).
CoordinateMap ProfileOrder::coordinate_map(std::size_t c, std::size_t player) const {
    const std::size_t total = values_, m = values_ - 1;
    CoordinateMap map;
    auto clamp_at = [&](std::size_t k) {
        return Clamp{others_statistic(c, k - 1, player), others_statistic(c, k, player)};
    };
    if (rule_.kind == ReceiverRule::Kind::trimmed_mean) {
        const std::size_t k = rule_.trim, kept = total - 2 * k;
        map.scale = Rational(1, kept);
        map.offset = map.scale * others_range_sum(c, k + 1, m - k, player);
        map.clamps.push_back(Clamp{others_statistic(c, k, player), others_statistic(c, m - k + 1, player)});
        return map;
    }
    if (total % 2 == 1) {
        map.scale = 1;
        map.clamps.push_back(clamp_at((total + 1) / 2));
    } else {
        map.scale = Rational(1, 2);
        map.clamps.push_back(clamp_at(total / 2));
        map.clamps.push_back(clamp_at(total / 2 + 1));
    }
    map.offset = 0;
    return map;
}

OwnReportMap ProfileOrder::threshold_map(std::size_t player) const {
    OwnReportMap map;
    map.threshold = true;
    map.prior = rule_.prior;
    map.radius = rule_.radius;
    map.radius_squared = rule_.radius * rule_.radius;
    map.inside = inside_count_ - (inside_[player] ? 1 : 0);
    map.inside_sum = inside_sum_;
    if (inside_[player]) add_scaled(map.inside_sum, -1, reports_[player]);
    map.outside_outcome = map.inside == 0 ? rule_.prior : Rational(1, map.inside) * map.inside_sum;
    return map;
}

OwnReportMap ProfileOrder::mean_map(std::size_t player) const {
    const Rational& w = instance_.players[player].weight;
    Vector rest = instance_.receiver(reports_);
    add_scaled(rest, -w, reports_[player]);
    OwnReportMap map;
    for (std::size_t c = 0; c < instance_.dimension; ++c)
        map.coordinates.push_back(CoordinateMap{rest[c], w, {Clamp{}}});
    return map;
}

OwnReportMap ProfileOrder::own_report_map(std::size_t player) const {
    if (rule_.kind == ReceiverRule::Kind::threshold) return threshold_map(player);
    if (rule_.is_mean()) return mean_map(player);
    OwnReportMap map;
    for (std::size_t c = 0; c < instance_.dimension; ++c)
        map.coordinates.push_back(coordinate_map(c, player));
    return map;
}

}  // namespace bigcert
