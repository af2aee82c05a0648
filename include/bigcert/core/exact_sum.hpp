// Exact sums of many rationals, fast: terms are bucketed by denominator with 128-bit numerators while
// they fit, and only the buckets are combined in GMP (pairwise, to keep operands balanced). Summing
// 10^6 small fractions term by term in GMP would renormalise a huge running denominator 10^6 times.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "bigcert/core/rational.hpp"
#include "bigcert/core/small_fraction.hpp"

namespace bigcert {

class ExactSum {
  public:
    void add(const Rational& term);
    void add_product(const Rational& a, const Rational& b);
    // a·b without GMP while the product's denominator fits 63 bits (the d = 1 fast path).
    void add_product(const SmallFraction& a, const SmallFraction& b);
    // Adds everything summed by `other` (for combining per-thread partial sums).
    void merge(const ExactSum& other);
    Rational value() const;

  private:
    struct Bucket {
        std::uint64_t denominator;
        __int128 numerator;
    };
    void add_small(__int128 numerator, std::uint64_t denominator);
    void compact();
    static std::optional<Rational> over_common_denominator(const std::vector<Bucket>& buckets);

    // Appended in order, runs of one denominator merged on the spot; sorted and merged by denominator
    // whenever the list doubles (a flat list: a hash map per term cost more than the sum itself when most
    // terms have their own denominator).
    std::vector<Bucket> buckets_;
    std::size_t compacted_size_ = 0;
    std::vector<Rational> large_terms_;
};

// Sum of a list of rationals by pairwise reduction.
Rational balanced_sum(std::vector<Rational> terms);

}  // namespace bigcert
