// Exact sums of many rationals, fast: terms are bucketed by denominator with 128-bit numerators while
// they fit, and only the buckets are combined in GMP (pairwise, to keep operands balanced). Summing
// 10^6 small fractions term by term in GMP would renormalise a huge running denominator 10^6 times.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "bigcert/core/rational.hpp"
#include "bigcert/core/small_fraction.hpp"

namespace bigcert {

class ExactSum {
  public:
    ExactSum() = default;
    // Copies must not share the cached bucket pointer of the original.
    ExactSum(const ExactSum& other) : buckets_(other.buckets_), large_terms_(other.large_terms_) {}
    ExactSum& operator=(const ExactSum& other) {
        buckets_ = other.buckets_;
        large_terms_ = other.large_terms_;
        last_bucket_ = nullptr;
        return *this;
    }
    void add(const Rational& term);
    void add_product(const Rational& a, const Rational& b);
    // a·b without GMP while the product's denominator fits 63 bits (the d = 1 fast path).
    void add_product(const SmallFraction& a, const SmallFraction& b);
    // Adds everything summed by `other` (for combining per-thread partial sums).
    void merge(const ExactSum& other);
    Rational value() const;

  private:
    void add_small(__int128 numerator, std::uint64_t denominator);

    std::unordered_map<std::uint64_t, __int128> buckets_;
    std::uint64_t last_denominator_ = 0;
    __int128* last_bucket_ = nullptr;
    std::vector<Rational> large_terms_;
};

// Sum of a list of rationals by pairwise reduction.
Rational balanced_sum(std::vector<Rational> terms);

}  // namespace bigcert
