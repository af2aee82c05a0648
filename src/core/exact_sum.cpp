#include "bigcert/core/exact_sum.hpp"

#include <gmp.h>

#include <algorithm>

namespace bigcert {
namespace {

constexpr std::int64_t small_bound = std::int64_t{1} << 62;

// num/den of a rational when both fit comfortably in 64 bits.
bool small_parts(const Rational& q, std::int64_t& numerator, std::int64_t& denominator) {
    mpq_srcptr p = q.backend().data();
    if (!mpz_fits_slong_p(mpq_numref(p)) || !mpz_fits_slong_p(mpq_denref(p))) return false;
    numerator = mpz_get_si(mpq_numref(p));
    denominator = mpz_get_si(mpq_denref(p));
    return numerator > -small_bound && numerator < small_bound && denominator < small_bound;
}

void set_int128(mpz_ptr target, __int128 value) {
    bool negative = value < 0;
    unsigned __int128 magnitude = negative ? -static_cast<unsigned __int128>(value) : value;
    std::uint64_t limbs[2] = {static_cast<std::uint64_t>(magnitude),
                              static_cast<std::uint64_t>(magnitude >> 64)};
    mpz_import(target, 2, -1, sizeof(std::uint64_t), 0, 0, limbs);
    if (negative) mpz_neg(target, target);
}

Rational from_int128(__int128 numerator, std::uint64_t denominator) {
    Integer n, d;
    set_int128(n.backend().data(), numerator);
    mpz_import(d.backend().data(), 1, -1, sizeof(std::uint64_t), 0, 0, &denominator);
    return Rational(n, d);
}

}  // namespace

void ExactSum::add_small(__int128 numerator, std::uint64_t denominator) {
    auto add_into = [&](Bucket& bucket) {
        __int128 sum;
        if (__builtin_add_overflow(bucket.numerator, numerator, &sum)) {
            large_terms_.push_back(from_int128(bucket.numerator, denominator));
            sum = numerator;
        }
        bucket.numerator = sum;
    };
    if (!buckets_.empty() && buckets_.back().denominator == denominator) return add_into(buckets_.back());
    // Terms whose denominators alternate among a few values (weights k/m with different k): a small table of
    // where each denominator's bucket is, once the list is long enough to pay for it, so that such terms
    // merge on the spot instead of growing the list and sorting it again and again.
    constexpr std::size_t worth_a_table = 64;
    if (buckets_.size() >= worth_a_table && recent_.empty()) recent_.assign(std::size_t{1} << recent_bits, 0);
    std::uint32_t* slot = nullptr;
    if (!recent_.empty()) {
        slot = &recent_[(denominator * 0x9E3779B97F4A7C15u) >> (64 - recent_bits)];
        if (*slot != 0 && *slot <= buckets_.size() && buckets_[*slot - 1].denominator == denominator)
            return add_into(buckets_[*slot - 1]);
    }
    buckets_.push_back({denominator, numerator});
    if (slot) *slot = static_cast<std::uint32_t>(buckets_.size());  // its position + 1; 0 is an empty slot
    if (buckets_.size() >= 2 * std::max<std::size_t>(compacted_size_, 512)) {
        compact();
        std::fill(recent_.begin(), recent_.end(), 0);  // positions changed
    }
}

void ExactSum::compact() {
    std::sort(buckets_.begin(), buckets_.end(),
              [](const Bucket& a, const Bucket& b) { return a.denominator < b.denominator; });
    std::size_t kept = 0;
    for (std::size_t k = 0; k < buckets_.size(); ++k) {
        if (kept > 0 && buckets_[kept - 1].denominator == buckets_[k].denominator) {
            __int128& last = buckets_[kept - 1].numerator;
            __int128 sum;
            if (__builtin_add_overflow(last, buckets_[k].numerator, &sum))  // the term goes to GMP
                large_terms_.push_back(from_int128(buckets_[k].numerator, buckets_[k].denominator));
            else
                last = sum;
            continue;
        }
        buckets_[kept++] = buckets_[k];
    }
    buckets_.resize(kept);
    compacted_size_ = kept;
}

void ExactSum::add(const Rational& term) {
    std::int64_t n, d;
    if (small_parts(term, n, d))
        add_small(n, static_cast<std::uint64_t>(d));
    else
        large_terms_.push_back(term);
}

void ExactSum::add_product(const Rational& a, const Rational& b) {
    std::int64_t an, ad, bn, bd;
    if (small_parts(a, an, ad) && small_parts(b, bn, bd)) {
        unsigned __int128 den = static_cast<unsigned __int128>(ad) * static_cast<unsigned __int128>(bd);
        if (den < (static_cast<unsigned __int128>(1) << 63)) {
            if (an == 0 || bn == 0) return;
            add_small(static_cast<__int128>(an) * bn, static_cast<std::uint64_t>(den));
            return;
        }
    }
    large_terms_.push_back(a * b);
}

void ExactSum::add_large_product(const SmallFraction& a, const SmallFraction& b) {
    large_terms_.push_back(to_rational(a) * to_rational(b));
}

void ExactSum::merge(const ExactSum& other) {
    for (const Bucket& b : other.buckets_) add_small(b.numerator, b.denominator);
    large_terms_.insert(large_terms_.end(), other.large_terms_.begin(), other.large_terms_.end());
}

Rational ExactSum::value() const {
    ExactSum merged = *this;
    merged.compact();
    std::vector<Rational> terms = std::move(merged.large_terms_);
    if (std::optional<Rational> sum = over_common_denominator(merged.buckets_)) {
        terms.push_back(std::move(*sum));
        return balanced_sum(std::move(terms));
    }
    terms.reserve(terms.size() + merged.buckets_.size());
    for (const Bucket& b : merged.buckets_)
        if (b.numerator != 0) terms.push_back(from_int128(b.numerator, b.denominator));
    return balanced_sum(std::move(terms));
}

// Σ num_k / den_k as (Σ num_k · (L / den_k)) / L with L = lcm(den_k), reduced once at the end: one-limb gcds
// and products against L instead of a full rational addition (gcds of big numbers) per bucket. L is built
// one denominator at a time, which is linear while L stays short (many denominators sharing factors, as
// sums of w_i·x_i with small denominators do); beyond `longest` limbs it gives up (the pairwise sum then).
std::optional<Rational> ExactSum::over_common_denominator(const std::vector<Bucket>& buckets) {
    constexpr std::size_t longest = 256;  // limbs of L: about 4,900 digits
    Integer lcm = 1;
    mpz_ptr l = lcm.backend().data();
    for (const Bucket& b : buckets) {
        if (b.numerator == 0) continue;
        const unsigned long g = mpz_gcd_ui(nullptr, l, b.denominator);
        if (g != b.denominator) mpz_mul_ui(l, l, b.denominator / g);
        if (mpz_size(l) > longest) return std::nullopt;
    }
    Integer sum = 0, quotient, numerator;
    for (const Bucket& b : buckets) {
        if (b.numerator == 0) continue;
        mpz_divexact_ui(quotient.backend().data(), l, b.denominator);
        set_int128(numerator.backend().data(), b.numerator);
        mpz_addmul(sum.backend().data(), quotient.backend().data(), numerator.backend().data());
    }
    return Rational(sum, lcm);  // canonicalised: one gcd
}

Rational balanced_sum(std::vector<Rational> terms) {
    if (terms.empty()) return 0;
    while (terms.size() > 1) {
        std::size_t half = (terms.size() + 1) / 2;
        for (std::size_t i = 0; i + half < terms.size(); ++i) terms[i] += terms[i + half];
        terms.resize(half);
    }
    return terms[0];
}

}  // namespace bigcert
