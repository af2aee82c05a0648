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
    // a·b without GMP while the product's denominator fits 63 bits (the d = 1 fast path). Inline: the fast
    // paths add 10^6 products in a row, most with the previous term's denominator.
    void add_product(const SmallFraction& a, const SmallFraction& b) {
        if (a.num == 0 || b.num == 0) return;
        const unsigned __int128 den =
            static_cast<unsigned __int128>(a.den) * static_cast<unsigned __int128>(b.den);
        if (den >= (static_cast<unsigned __int128>(1) << 63)) return add_large_product(a, b);
        const __int128 numerator = static_cast<__int128>(a.num) * b.num;  // |a.num b.num| <= 2^124
        __int128 sum;
        if (!buckets_.empty() && buckets_.back().denominator == static_cast<std::uint64_t>(den) &&
            !__builtin_add_overflow(buckets_.back().numerator, numerator, &sum)) {
            buckets_.back().numerator = sum;  // the run of one denominator goes on
            return;
        }
        add_small(numerator, static_cast<std::uint64_t>(den));
    }
    // Adds everything summed by `other` (for combining per-thread partial sums).
    void merge(const ExactSum& other);
    Rational value() const;

  private:
    struct Bucket {
        std::uint64_t denominator;
        __int128 numerator;
    };
    void add_small(__int128 numerator, std::uint64_t denominator);
    void add_large_product(const SmallFraction& a, const SmallFraction& b);
    void compact();
    static std::optional<Rational> over_common_denominator(const std::vector<Bucket>& buckets);

    // Appended in order, runs of one denominator merged on the spot; sorted and merged by denominator
    // whenever the list doubles (a flat list: a hash map per term cost more than the sum itself when most
    // terms have their own denominator).
    std::vector<Bucket> buckets_;
    std::size_t compacted_size_ = 0;
    static constexpr int recent_bits = 8;
    std::vector<std::uint32_t> recent_;  // by hashed denominator: a bucket's position + 1 (add_small)
    std::vector<Rational> large_terms_;
};

// Sum of a list of rationals by pairwise reduction.
Rational balanced_sum(std::vector<Rational> terms);

}  // namespace bigcert
