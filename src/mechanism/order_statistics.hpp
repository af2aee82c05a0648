// Every player's view of the rule at one profile, from one sort per coordinate: the q-th smallest of the
// others' reports (phantoms included) is read off the sorted profile around the player's own entry, so all
// n own-report maps cost O(n log n) instead of O(n^2 log n).
#pragma once

#include <vector>

#include "bigcert/mechanism/rule_outcome.hpp"

namespace bigcert {

class ProfileOrder {
  public:
    ProfileOrder(const Instance& instance, const ReceiverRule& rule, const std::vector<Vector>& reports);
    OwnReportMap own_report_map(std::size_t player) const;

  private:
    // Coordinate c: the q-th smallest (1-based) of the values other than the player's own report; empty
    // for q = 0 (-infinity) and q > count (+infinity).
    std::optional<Rational> others_statistic(std::size_t c, std::size_t q, std::size_t player) const;
    // Sum of the others' q-th smallest for q in [a, b] (1-based, a <= b + 1).
    Rational others_range_sum(std::size_t c, std::size_t a, std::size_t b, std::size_t player) const;
    CoordinateMap coordinate_map(std::size_t c, std::size_t player) const;
    OwnReportMap threshold_map(std::size_t player) const;
    OwnReportMap mean_map(std::size_t player) const;

    const Instance& instance_;
    const ReceiverRule& rule_;
    const std::vector<Vector>& reports_;
    std::size_t values_ = 0;                          // reports plus phantoms, per coordinate
    std::vector<std::vector<Rational>> sorted_;       // per coordinate
    std::vector<std::vector<Rational>> prefix_;       // prefix sums of sorted_ (size values_ + 1)
    std::vector<std::vector<std::size_t>> position_;  // per coordinate, the sorted position of each player
    // threshold: which reports are inside the ball, their count and sum
    std::vector<bool> inside_;
    std::size_t inside_count_ = 0;
    Vector inside_sum_;
};

}  // namespace bigcert
