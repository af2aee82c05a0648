#include "bigcert/mechanism/rule_outcome.hpp"

#include <algorithm>
#include <numeric>

#include "bigcert/core/errors.hpp"
#include "bigcert/solver/dynamics_best_response.hpp"
#include "mechanism/order_statistics.hpp"

namespace bigcert {

Rational Clamp::apply(const Rational& y) const {
    if (lo && y < *lo) return *lo;
    if (hi && y > *hi) return *hi;
    return y;
}

Rational CoordinateMap::apply(const Rational& y) const {
    Rational sum = 0;
    for (const Clamp& c : clamps) sum += c.apply(y);
    return offset + scale * sum;
}

bool OwnReportMap::inside_ball(const Vector& y) const { return squared_norm(y - prior) <= radius_squared; }

Vector OwnReportMap::apply(const Vector& y) const {
    if (!threshold) {
        Vector o(coordinates.size());
        for (std::size_t c = 0; c < o.size(); ++c) o[c] = coordinates[c].apply(y[c]);
        return o;
    }
    if (!inside_ball(y)) return outside_outcome;
    return Rational(1, inside + 1) * (inside_sum + y);
}

namespace {

// docs/model.md §6: the mean of the reports within distance s of the prior (s^2 compared exactly), the
// prior when there is none.
Vector threshold_outcome(const ReceiverRule& rule, const std::vector<Vector>& reports) {
    const Rational s2 = rule.radius * rule.radius;
    Vector sum(rule.prior.size(), Rational(0));
    std::size_t count = 0;
    for (const Vector& r : reports)
        if (squared_norm(r - rule.prior) <= s2) add_scaled(sum, 1, r), ++count;
    return count == 0 ? rule.prior : Rational(1, count) * sum;
}

// The order-statistic rules per coordinate, exactly as docs/model.md §6 defines them.
Rational coordinate_outcome(const ReceiverRule& rule, std::vector<Rational> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    if (rule.kind == ReceiverRule::Kind::trimmed_mean) {
        Rational sum = 0;
        for (std::size_t p = rule.trim; p < n - rule.trim; ++p) sum += values[p];
        return sum / Rational(n - 2 * rule.trim);
    }
    if (n % 2 == 1) return values[n / 2];
    return (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

Vector rule_outcome(const Instance& instance, const ReceiverRule& rule, const std::vector<Vector>& reports) {
    if (rule.is_mean()) return instance.receiver(reports);
    if (rule.kind == ReceiverRule::Kind::threshold) return threshold_outcome(rule, reports);
    Vector outcome(instance.dimension);
    for (std::size_t c = 0; c < instance.dimension; ++c) {
        std::vector<Rational> values;
        values.reserve(reports.size() + rule.phantoms.size());
        for (const Vector& r : reports) values.push_back(r[c]);
        for (const Vector& p : rule.phantoms) values.push_back(p[c]);
        outcome[c] = coordinate_outcome(rule, std::move(values));
    }
    return outcome;
}

OwnReportMap own_report_map(const Instance& instance, const ReceiverRule& rule, std::size_t player,
                            const std::vector<Vector>& reports) {
    return ProfileOrder(instance, rule, reports).own_report_map(player);
}

Vector truthful_report(const Instance& instance, std::size_t player) {
    const ActionSet& set = instance.set_of(player);
    const Vector& t = instance.players[player].target;
    switch (set.kind()) {
        case ActionSet::Kind::interval:
            return {std::clamp(t[0], set.as_interval().lo, set.as_interval().hi)};
        case ActionSet::Kind::polytope:
            return set.contains(t) ? t : project_onto_polytope(set.as_polytope(), t);
        default:
            throw UnsupportedError("players[" + std::to_string(player) + "].action_set",
                                   "truthful reports on finite or curved action sets");
    }
}

std::vector<Vector> truthful_profile(const Instance& instance) {
    std::vector<Vector> profile;
    profile.reserve(instance.players.size());
    for (std::size_t i = 0; i < instance.players.size(); ++i) profile.push_back(truthful_report(instance, i));
    return profile;
}

Rational rule_loss(const Instance& instance, std::size_t player, const Vector& outcome) {
    return squared_norm(outcome - instance.players[player].target);
}

}  // namespace bigcert
