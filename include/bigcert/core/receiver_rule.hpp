// Receiver rules (docs/model.md §5): how the receiver aggregates the players' reports. The affine mean of the
// paper is the default; the others are unweighted, coordinate-wise order-statistic rules or the threshold
// rule, studied by `bigcert mechanism`.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bigcert/core/vector.hpp"

namespace bigcert {

struct ReceiverRule {
    enum class Kind { mean, median, generalized_median, trimmed_mean, threshold };
    Kind kind = Kind::mean;
    std::vector<Vector> phantoms;  // generalized-median: fixed points taking part in every median
    std::size_t trim = 0;          // trimmed-mean: reports dropped at each end, per coordinate
    Vector prior;                  // threshold: the prior point
    Rational radius;               // threshold: s >= 0 (rational, so s^2 is exact)

    bool is_mean() const { return kind == Kind::mean; }
};

// "mean", "median", "generalized-median", "trimmed-mean", "threshold" (the JSON `kind`).
std::string rule_kind_name(ReceiverRule::Kind kind);
// A one-line description for tables: "trimmed-mean (trim 2)".
std::string rule_summary(const ReceiverRule& rule);

}  // namespace bigcert
