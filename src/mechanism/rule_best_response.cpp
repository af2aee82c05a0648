#include "mechanism/rule_best_response.hpp"

#include <algorithm>

#include "bigcert/solver/dynamics_best_response.hpp"
#include "mechanism/polygon_best_response.hpp"

namespace bigcert {
namespace {

bool is_box(const ActionSet& set) {
    return set.kind() == ActionSet::Kind::interval ||
           (set.kind() == ActionSet::Kind::polytope && set.origin() == "box");
}

std::pair<Rational, Rational> coordinate_bounds(const ActionSet& set, std::size_t c) {
    if (set.kind() == ActionSet::Kind::interval) return {set.as_interval().lo, set.as_interval().hi};
    Rational lo = set.vertices()[0][c], hi = lo;
    for (const Vector& v : set.vertices()) lo = std::min(lo, v[c]), hi = std::max(hi, v[c]);
    return {lo, hi};
}

// min over y in [a, b] of (o(y) - t)^2 for a continuous monotone piecewise-linear o: the best outcome is t
// clamped to o([a, b]); its preimage is an interval [y1, y2] found segment by segment between breakpoints.
Rational best_coordinate(const CoordinateMap& o, const Rational& a, const Rational& b, const Rational& t,
                         const Rational& current, const Rational& truthful) {
    std::vector<Rational> points{a, b};
    for (const Clamp& c : o.clamps) {
        if (c.lo && a < *c.lo && *c.lo < b) points.push_back(*c.lo);
        if (c.hi && a < *c.hi && *c.hi < b) points.push_back(*c.hi);
    }
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    const Rational oa = o.apply(a), ob = o.apply(b);
    const Rational best = std::clamp(t, std::min(oa, ob), std::max(oa, ob));
    if (o.apply(current) == best) return current;
    std::optional<Rational> y1, y2;
    auto take = [&](const Rational& y) {
        if (!y1 || y < *y1) y1 = y;
        if (!y2 || y > *y2) y2 = y;
    };
    for (std::size_t k = 0; k + 1 < points.size() || (points.size() == 1 && k == 0); ++k) {
        const Rational& u = points[k];
        const Rational& w = points.size() == 1 ? u : points[k + 1];
        const Rational ou = o.apply(u), ow = o.apply(w);
        if (ou == best) take(u);
        if (ow == best) take(w);
        if (ou != ow && std::min(ou, ow) < best && best < std::max(ou, ow))
            take(u + (best - ou) * (w - u) / (ow - ou));
    }
    return std::clamp(truthful, *y1, *y2);
}

// Threshold rule, d = 1: inside the ball the outcome (sigma + y)/(c + 1) rises with y; outside it is fixed.
Vector threshold_best_1d(const OwnReportMap& map, const Rational& a, const Rational& b, const Rational& t,
                         const Rational& current) {
    const Rational p = map.prior[0], lo = std::max(a, p - map.radius), hi = std::min(b, p + map.radius);
    const Rational loss_now = (map.apply({current})[0] - t) * (map.apply({current})[0] - t);
    std::optional<Rational> best_y;
    Rational best_loss = loss_now;
    auto consider = [&](const Rational& y) {
        const Rational e = map.apply({y})[0] - t;
        if (e * e < best_loss) best_loss = e * e, best_y = y;
    };
    if (lo <= hi) consider(std::clamp(Rational(map.inside + 1) * t - map.inside_sum[0], lo, hi));
    if (a < p - map.radius) consider(a);
    if (b > p + map.radius) consider(b);
    return {best_y ? *best_y : current};
}

}  // namespace

bool best_response_supported(const Instance& instance, const ReceiverRule& rule) {
    for (const ActionSet& set : instance.action_sets) {
        if (set.is_finite() || set.is_curved()) return false;
        if (rule.kind == ReceiverRule::Kind::threshold && instance.dimension > 1) return false;
        // Coordinate-wise rules off boxes: the cell search of polygon_best_response.hpp, in the plane only.
        const bool polygon = instance.dimension == 2 && set.kind() == ActionSet::Kind::polytope;
        if (!rule.is_mean() && !is_box(set) && !polygon) return false;
    }
    return true;
}

std::optional<Vector> rule_best_response(const Instance& instance, const ReceiverRule& rule,
                                         std::size_t player, const OwnReportMap& map, const Vector& current) {
    if (!best_response_supported(instance, rule)) return std::nullopt;
    const ActionSet& set = instance.set_of(player);
    const Vector& t = instance.players[player].target;
    if (map.threshold) {
        auto [a, b] = coordinate_bounds(set, 0);
        return threshold_best_1d(map, a, b, t[0], current[0]);
    }
    if (!is_box(set) && !rule.is_mean())
        return polygon_best_response(set, map, t, current, truthful_report(instance, player));
    if (!is_box(
            set)) {  // the mean on a polytope: the projection of (t - rest)/w (dynamics_best_response.hpp)
        Vector rest(instance.dimension);
        for (std::size_t c = 0; c < rest.size(); ++c) rest[c] = map.coordinates[c].offset;
        return convex_best_response(instance, player, rest, current);
    }
    const Vector truthful = truthful_report(instance, player);
    Vector best(instance.dimension);
    for (std::size_t c = 0; c < best.size(); ++c) {
        auto [a, b] = coordinate_bounds(set, c);
        best[c] = best_coordinate(map.coordinates[c], a, b, t[c], current[c], truthful[c]);
    }
    return best;
}

}  // namespace bigcert
