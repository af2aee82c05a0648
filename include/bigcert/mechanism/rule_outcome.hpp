// Exact evaluation of a receiver rule (docs/model.md §6) on a profile of reports, and the rule seen by one
// player while the others' reports are fixed: per coordinate an offset plus a scaled sum of clamps of the
// player's own coordinate (the order-statistic rules and the mean), or the threshold rule's two branches.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/core/receiver_rule.hpp"

namespace bigcert {

// The receiver's point for a profile of reports under `rule` (the mean: instance.receiver()).
Vector rule_outcome(const Instance& instance, const ReceiverRule& rule, const std::vector<Vector>& reports);

// clamp(y, lo, hi) with a missing bound meaning -infinity / +infinity (lo <= hi when both exist).
struct Clamp {
    std::optional<Rational> lo, hi;
    Rational apply(const Rational& y) const;
};

// o_c(y) = offset + scale · sum_p clamp_p(y_c): continuous and monotone in y_c (non-decreasing when
// scale >= 0).
struct CoordinateMap {
    Rational offset, scale;
    std::vector<Clamp> clamps;
    Rational apply(const Rational& y) const;
};

// The rule as a function of player i's own report y, the others' reports fixed.
struct OwnReportMap {
    bool threshold = false;
    std::vector<CoordinateMap> coordinates;  // not threshold
    // threshold: the others inside the ball (count, sum of their reports), the outcome when y is outside,
    // the prior point and s^2.
    std::size_t inside = 0;
    Vector inside_sum, outside_outcome, prior;
    Rational radius, radius_squared;

    Vector apply(const Vector& y) const;
    bool inside_ball(const Vector& y) const;
};

OwnReportMap own_report_map(const Instance& instance, const ReceiverRule& rule, std::size_t player,
                            const std::vector<Vector>& reports);

// The truthful report: t_i when t_i is in X_i, else its nearest point of X_i (exact projection).
Vector truthful_report(const Instance& instance, std::size_t player);
std::vector<Vector> truthful_profile(const Instance& instance);

// |o - t_i|^2, the player's loss at receiver point o.
Rational rule_loss(const Instance& instance, std::size_t player, const Vector& outcome);

}  // namespace bigcert
