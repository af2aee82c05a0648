#include "io/line_loss_text.hpp"

#include <gmp.h>

#include <cstring>
#include <numeric>
#include <stdexcept>

namespace bigcert {
namespace {

constexpr std::uint32_t limb_base = 1000000000;  // 10^9: one limb is nine decimal digits
constexpr long small = 1L << 15;                 // |p| and q/g below this keep every limb sum in 63 bits
constexpr std::size_t cache_entries = 4096;      // beyond this many distinct g or (g, q): no caching

std::vector<std::uint32_t> decimal_limbs(mpz_srcptr value) {  // value >= 0
    std::string text(mpz_sizeinbase(value, 10) + 2, '\0');
    mpz_get_str(text.data(), 10, value);
    text.resize(std::strlen(text.c_str()));
    std::vector<std::uint32_t> limbs;
    for (std::size_t end = text.size(); end > 0;) {
        std::size_t begin = end >= 9 ? end - 9 : 0;
        std::uint32_t limb = 0;
        for (std::size_t k = begin; k < end; ++k)
            limb = limb * 10 + static_cast<std::uint32_t>(text[k] - '0');
        limbs.push_back(limb);
        end = begin;
    }
    return limbs;
}

// "00".."99": two digits per division.
struct DigitPairs {
    char text[200];
    constexpr DigitPairs() : text() {
        for (int k = 0; k < 100; ++k)
            text[2 * k] = static_cast<char>('0' + k / 10), text[2 * k + 1] = static_cast<char>('0' + k % 10);
    }
};
constexpr DigitPairs digit_pairs;

char* put_nine_digits(char* at, std::uint32_t limb) {
    for (int k = 7; k >= 1; k -= 2) {
        std::memcpy(at + k, digit_pairs.text + 2 * (limb % 100), 2);
        limb /= 100;
    }
    at[0] = static_cast<char>('0' + limb);
    return at + 9;
}

char* put_limbs(char* at, const std::vector<std::uint32_t>& limbs, std::size_t size) {
    while (size > 1 && limbs[size - 1] == 0) --size;
    char first[10];
    int k = 0;
    std::uint32_t top = limbs[size - 1];
    do first[k++] = static_cast<char>('0' + top % 10), top /= 10;
    while (top != 0);
    while (k > 0) *at++ = first[--k];
    for (std::size_t i = size - 1; i-- > 0;) at = put_nine_digits(at, limbs[i]);
    return at;
}

}  // namespace

LineLossText::LineLossText(const Rational& receiver) : receiver_(receiver) {
    mpq_srcptr r = receiver_.backend().data();
    mpz_abs(abs_numerator_.backend().data(), mpq_numref(r));
    mpz_set(denominator_.backend().data(), mpq_denref(r));
    numerator_sign_ = mpz_sgn(mpq_numref(r)) < 0 ? -1 : 1;
    Integer square = abs_numerator_ * abs_numerator_;
    n_squared_ = decimal_limbs(square.backend().data());
    n_squared_limbs_ = n_squared_.size();
    most_digits_ = std::max(mpz_sizeinbase(abs_numerator_.backend().data(), 10),
                            mpz_sizeinbase(denominator_.backend().data(), 10));
}

std::size_t LineLossText::most_characters(const Rational& target) const {
    mpq_srcptr t = target.backend().data();
    // (|N| q + |p| D)^2 / (D q)^2 before reduction: each at most 2 (digits + digits + 1) digits.
    std::size_t digits =
        most_digits_ + std::max(mpz_sizeinbase(mpq_numref(t), 10), mpz_sizeinbase(mpq_denref(t), 10)) + 1;
    return 4 * digits + 4;
}

std::size_t LineLossText::most_characters(const SmallFraction& target) const {
    // As for a Rational target; a SmallFraction's parts have at most 19 digits.
    return 4 * (most_digits_ + 19 + 1) + 4;
}

const LineLossText::Scaled& LineLossText::scaled(std::uint64_t g) {
    auto found = scaled_.find(g);
    if (found != scaled_.end()) return found->second;
    Scaled s;
    mpz_divexact_ui(s.dg.backend().data(), denominator_.backend().data(), g);
    Integer product = abs_numerator_ * s.dg;
    s.n_times_dg = decimal_limbs(product.backend().data());
    product = s.dg * s.dg;
    s.dg_squared = decimal_limbs(product.backend().data());
    // One length for the three numbers, with room for the carries: put_fast's loop then needs no bounds.
    const std::size_t size = std::max({n_squared_limbs_, s.n_times_dg.size(), s.dg_squared.size()}) + 3;
    if (n_squared_.size() < size) n_squared_.resize(size, 0);
    s.n_times_dg.resize(size, 0), s.dg_squared.resize(size, 0);
    return scaled_.emplace(g, std::move(s)).first->second;
}

// ((D/g)·q)², cached per (g, q): players sharing a target denominator share it.
const std::string& LineLossText::denominator_text(std::uint64_t g, std::uint64_t q) {
    const std::uint64_t key = g << 32 | q;  // g <= q < 2^31
    auto found = denominators_.find(key);
    if (found != denominators_.end()) return found->second;
    Integer root = scaled(g).dg * Integer(q);
    std::string text = (root * root).str();
    if (denominators_.size() >= cache_entries) return spare_denominator_ = std::move(text);
    return denominators_.emplace(key, std::move(text)).first->second;
}

char* LineLossText::put_exact(char* at, const Rational& target) const {
    Rational offset = receiver_ - target;
    Rational loss = offset * offset;
    mpq_get_str(at, 10, loss.backend().data());
    return at + std::strlen(at);
}

// h² = gcd(q, D)², N mod h² and D mod h²: per target denominator, most players share one.
const LineLossText::Residues& LineLossText::residues_of(std::uint64_t q) {
    auto found = residues_.find(q);
    if (found != residues_.end()) return found->second;
    mpz_srcptr n = mpq_numref(receiver_.backend().data()), d = denominator_.backend().data();
    const std::uint64_t h = std::gcd(q, mpz_fdiv_ui(d, q));
    Residues r;
    r.hh = h * h;  // h <= q < 2^31
    r.n_mod = mpz_fdiv_ui(n, r.hh), r.d_mod = mpz_fdiv_ui(d, r.hh);
    if (residues_.size() >= cache_entries) return spare_residues_ = r;
    return residues_.emplace(q, r).first->second;
}

// The fast case of the header's formula for t = p/q in lowest terms; false (nothing written) outside its
// bounds.
bool LineLossText::put_fast(char*& at, long p, std::uint64_t q) {
    if (p <= -small || p >= small || q >= std::uint64_t{1} << 31) return false;
    // g = gcd(Nq − pD, Dq) divides gcd(Nq − pD, D)·gcd(Nq − pD, q) = h², h = gcd(q, D): residues mod h².
    const Residues& residues = residues_of(q);
    const std::uint64_t hh = residues.hh;
    using U128 = unsigned __int128;
    const U128 n_mod = residues.n_mod, d_mod = residues.d_mod;
    const U128 p_mod = static_cast<std::uint64_t>(((p % static_cast<long>(hh)) + static_cast<long>(hh)) %
                                                  static_cast<long>(hh));
    const auto x_mod = static_cast<std::uint64_t>((n_mod * q % hh + hh - p_mod * d_mod % hh) % hh);
    const std::uint64_t g = std::gcd(std::gcd(x_mod, hh), static_cast<std::uint64_t>(d_mod * q % hh));
    if (q % g != 0 || static_cast<std::uint64_t>(d_mod % g) != 0) return false;
    const std::uint64_t r = q / g;
    if (r >= static_cast<std::uint64_t>(small)) return false;
    if (scaled_.size() >= cache_entries && !scaled_.count(g)) return false;
    const Scaled& s = scaled(g);
    // (|N| r − p' D/g)^2 with p' = sign(N)·p: a·N² − b·N(D/g) + c·(D/g)², each limb term below 2^61.
    const long signed_p = numerator_sign_ * p;
    const auto a = static_cast<long>(r * r), b = 2 * static_cast<long>(r) * signed_p, c = signed_p * signed_p;
    const std::size_t size = s.dg_squared.size();
    work_.resize(size);
    const std::uint32_t *nn = n_squared_.data(), *nd = s.n_times_dg.data(), *dd = s.dg_squared.data();
    long carry = 0;
    for (std::size_t k = 0; k < size; ++k) {
        long value = a * static_cast<long>(nn[k]) - b * static_cast<long>(nd[k]) +
                     c * static_cast<long>(dd[k]) + carry;
        carry = value / limb_base;
        value -= carry * limb_base;
        if (value < 0) value += limb_base, --carry;
        work_[k] = static_cast<std::uint32_t>(value);
    }
    if (carry != 0) throw std::logic_error("LineLossText: a square came out negative");
    at = put_limbs(at, work_, size);
    const std::string& denominator = denominator_text(g, q);
    if (denominator != "1") {
        *at++ = '/';
        std::memcpy(at, denominator.data(), denominator.size());
        at += denominator.size();
    }
    return true;
}

char* LineLossText::put(char* at, const Rational& target) {
    mpq_srcptr t = target.backend().data();
    if (mpz_fits_slong_p(mpq_numref(t)) && mpz_cmp_ui(mpq_denref(t), 1UL << 31) < 0 &&
        put_fast(at, mpz_get_si(mpq_numref(t)), mpz_get_ui(mpq_denref(t))))
        return at;
    return put_exact(at, target);
}

char* LineLossText::put(char* at, const SmallFraction& target) {
    if (put_fast(at, static_cast<long>(target.num), static_cast<std::uint64_t>(target.den))) return at;
    return put_exact(at, to_rational(target));
}

}  // namespace bigcert
