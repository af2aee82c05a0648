#include "bigcert/core/small_fraction.hpp"

#include <gmp.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace bigcert {
namespace {

using U128 = unsigned __int128;

}  // namespace

namespace {

U128 gcd128(U128 a, U128 b) {
    while (b != 0) {
        if ((a >> 64) == 0 && (b >> 64) == 0)
            return gcd64(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b));
        U128 r = a % b;
        a = b;
        b = r;
    }
    return a;
}

U128 magnitude(__int128 x) { return x < 0 ? -static_cast<U128>(x) : static_cast<U128>(x); }

// Stores num/den (den > 0, already in lowest terms) when both are in range.
bool store(__int128 num, __int128 den, SmallFraction& out) {
    if (magnitude(num) > static_cast<U128>(small_fraction_limit) || den > small_fraction_limit) return false;
    out.num = static_cast<std::int64_t>(num);
    out.den = static_cast<std::int64_t>(den);
    return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// An optionally signed run of 1-18 digits (parse_rational's small-integer syntax).
bool parse_digits(std::string_view text, bool allow_sign, const NumberLimits& limits, std::int64_t& out) {
    bool negative = false;
    if (allow_sign && !text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text.empty() || text.size() > 18 || text.size() > limits.max_digits) return false;
    std::int64_t value = 0;
    for (char c : text) {
        if (!is_digit(c)) return false;
        value = value * 10 + (c - '0');
    }
    out = negative ? -value : value;
    return true;
}

}  // namespace

bool make_small_fraction(__int128 num, __int128 den, SmallFraction& out) {
    if (den == 0) return false;
    if (den < 0) num = -num, den = -den;  // |num|, |den| < 2^127 for every caller here
    if (num == 0) return store(0, 1, out);
    if (magnitude(num) <= static_cast<U128>(INT64_MAX) &&
        den <= INT64_MAX) {  // 64-bit division is much cheaper
        std::int64_t n = static_cast<std::int64_t>(num), d = static_cast<std::int64_t>(den);
        std::int64_t g = static_cast<std::int64_t>(
            gcd64(static_cast<std::uint64_t>(n < 0 ? -n : n), static_cast<std::uint64_t>(d)));
        if (g == 1) return store(n, d, out);  // the common case on input: skip two divisions
        return store(n / g, d / g, out);
    }
    U128 g = gcd128(magnitude(num), static_cast<U128>(den));
    return store(num / static_cast<__int128>(g), den / static_cast<__int128>(g), out);
}

// Knuth's addition (TAOCP 4.5.1): only the common factor g1 of the denominators can cancel, so both gcds
// are on 64-bit numbers and the result is in lowest terms without a 128-bit gcd.
bool add(const SmallFraction& a, const SmallFraction& b, SmallFraction& out) {
    if (a.num == 0) return store(b.num, b.den, out);
    if (b.num == 0) return store(a.num, a.den, out);
    return add_with_split(a, b, split_denominators(a, b), out);
}

DenominatorSplit split_denominators(const SmallFraction& a, const SmallFraction& b) {
    std::uint64_t g = gcd64(static_cast<std::uint64_t>(a.den), static_cast<std::uint64_t>(b.den));
    if (g == 1) return {1, a.den, b.den};
    return {g, a.den / static_cast<std::int64_t>(g), b.den / static_cast<std::int64_t>(g)};
}

bool add_with_split(const SmallFraction& a, const SmallFraction& b, const DenominatorSplit& split,
                    SmallFraction& out) {
    const std::uint64_t g1 = split.gcd;
    const std::int64_t a_rest = split.a_rest;
    __int128 t = static_cast<__int128>(a.num) * split.b_rest + static_cast<__int128>(b.num) * a_rest;
    if (t == 0) return store(0, 1, out);
    if (g1 == 1) return store(t, static_cast<__int128>(a.den) * b.den, out);
    // 128-bit remainders and quotients are library calls; most numerators fit 64 bits, most g2 are 1.
    U128 size = magnitude(t);
    std::uint64_t remainder =
        (size >> 64) == 0 ? static_cast<std::uint64_t>(size) % g1 : static_cast<std::uint64_t>(size % g1);
    std::uint64_t g2 = gcd64(remainder, g1);
    if (g2 == 1) return store(t, static_cast<__int128>(a_rest) * b.den, out);
    return store(t / static_cast<__int128>(g2),
                 static_cast<__int128>(a_rest) * (b.den / static_cast<std::int64_t>(g2)), out);
}

bool subtract(const SmallFraction& a, const SmallFraction& b, SmallFraction& out) {
    return add(a, SmallFraction{-b.num, b.den}, out);  // |b.num| <= 2^62: negation is safe
}

// Cross-cancelling first keeps the products in lowest terms.
bool multiply(const SmallFraction& a, const SmallFraction& b, SmallFraction& out) {
    if (a.num == 0 || b.num == 0) return store(0, 1, out);
    std::int64_t g1 = static_cast<std::int64_t>(
        gcd64(static_cast<std::uint64_t>(a.num < 0 ? -a.num : a.num), static_cast<std::uint64_t>(b.den)));
    std::int64_t g2 = static_cast<std::int64_t>(
        gcd64(static_cast<std::uint64_t>(b.num < 0 ? -b.num : b.num), static_cast<std::uint64_t>(a.den)));
    return store(static_cast<__int128>(a.num / g1) * (b.num / g2),
                 static_cast<__int128>(a.den / g2) * (b.den / g1), out);
}

bool divide(const SmallFraction& a, const SmallFraction& b, SmallFraction& out) {
    if (b.num == 0) return false;
    SmallFraction inverse{b.num < 0 ? -b.den : b.den, b.num < 0 ? -b.num : b.num};
    return multiply(a, inverse, out);
}

std::optional<SmallFraction> small_fraction_of(const Rational& value) {
    mpq_srcptr q = value.backend().data();
    if (!mpz_fits_slong_p(mpq_numref(q)) || !mpz_fits_slong_p(mpq_denref(q))) return std::nullopt;
    SmallFraction result{mpz_get_si(mpq_numref(q)), mpz_get_si(mpq_denref(q))};
    if (result.num > small_fraction_limit || result.num < -small_fraction_limit ||
        result.den > small_fraction_limit)
        return std::nullopt;
    return result;
}

Rational to_rational(const SmallFraction& value) {
    Rational result;
    mpq_ptr q = result.backend().data();
    mpz_set_si(mpq_numref(q), value.num);
    mpz_set_si(mpq_denref(q), value.den);
    return result;
}

bool parse_small_fraction(std::string_view text, const NumberLimits& limits, SmallFraction& out) {
    if (text.empty() || text.size() > limits.max_digits + 64) return false;
    std::size_t slash = text.find('/');
    std::int64_t num = 0, den = 1;
    if (slash != std::string_view::npos) {
        if (!parse_digits(text.substr(0, slash), true, limits, num)) return false;
        if (!parse_digits(text.substr(slash + 1), false, limits, den) || den == 0) return false;
        return make_small_fraction(num, den, out);
    }
    // [sign] digits [. digits]: the decimals JSON writes, without exponent (those go to parse_rational).
    bool negative = text[0] == '-';
    if (text[0] == '-' || text[0] == '+') text.remove_prefix(1);
    std::size_t point = text.find('.');
    std::string_view whole = text.substr(0, point);
    std::string_view fraction = point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
    if (whole.empty() || (point != std::string_view::npos && fraction.empty())) return false;
    if (whole.size() + fraction.size() > 18 || whole.size() + fraction.size() > limits.max_digits)
        return false;
    for (std::string_view part : {whole, fraction})
        for (char c : part) {
            if (!is_digit(c)) return false;
            num = num * 10 + (c - '0');
        }
    for (std::size_t k = 0; k < fraction.size(); ++k) den *= 10;  // 10^k, k <= 18
    return make_small_fraction(negative ? -num : num, den, out);
}

char* write_small_fraction(char* out, const SmallFraction& value) {
    out = std::to_chars(out, out + 20, value.num).ptr;
    if (value.den == 1) return out;
    *out++ = '/';
    return std::to_chars(out, out + 20, value.den).ptr;
}

namespace {

// Decimal digits with short dependency chains: a number is cut into blocks of 8 digits, and each block into
// four pairs that are independent of one another (to_chars' loop takes one pair after another).
constexpr char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Exactly 8 digits of v < 10^8, leading zeros included.
char* put_8_digits(char* at, std::uint32_t v) {
    const std::uint32_t high = v / 10000, low = v % 10000;
    std::memcpy(at, digit_pairs + 2 * (high / 100), 2);
    std::memcpy(at + 2, digit_pairs + 2 * (high % 100), 2);
    std::memcpy(at + 4, digit_pairs + 2 * (low / 100), 2);
    std::memcpy(at + 6, digit_pairs + 2 * (low % 100), 2);
    return at + 8;
}

char* write_decimal64(char* at, std::uint64_t value) {
    constexpr std::uint64_t ten_to_8 = 100000000, ten_to_16 = ten_to_8 * ten_to_8;
    if (value < ten_to_8) return std::to_chars(at, at + 8, value).ptr;
    if (value < ten_to_16) {
        at = std::to_chars(at, at + 8, value / ten_to_8).ptr;
        return put_8_digits(at, static_cast<std::uint32_t>(value % ten_to_8));
    }
    at = std::to_chars(at, at + 4, value / ten_to_16).ptr;  // at most 1844
    at = put_8_digits(at, static_cast<std::uint32_t>(value / ten_to_8 % ten_to_8));
    return put_8_digits(at, static_cast<std::uint32_t>(value % ten_to_8));
}

}  // namespace

// In 64-bit parts: a 128-bit division per digit (a library call) would cost more than the rest of a loss. At
// most two 128-bit divisions, by 10^19.
char* write_decimal(char* at, unsigned __int128 value) {
    constexpr std::uint64_t ten_to_8 = 100000000, ten_to_16 = ten_to_8 * ten_to_8;
    constexpr std::uint64_t ten_to_19 = 10000000000000000000ULL;
    if (value >> 64 == 0) return write_decimal64(at, static_cast<std::uint64_t>(value));
    const auto low = static_cast<std::uint64_t>(value % ten_to_19);
    at = write_decimal(at, value / ten_to_19);
    // The low part with all its 19 digits: 3, then two blocks of 8.
    const auto top = static_cast<std::uint32_t>(low / ten_to_16);
    *at++ = static_cast<char>('0' + top / 100);
    std::memcpy(at, digit_pairs + 2 * (top % 100), 2);
    at = put_8_digits(at + 2, static_cast<std::uint32_t>(low / ten_to_8 % ten_to_8));
    return put_8_digits(at, static_cast<std::uint32_t>(low % ten_to_8));
}

char* write_small_fraction_squared(char* out, const SmallFraction& value) {
    U128 num = magnitude(value.num), den = static_cast<U128>(value.den);
    out = write_decimal(out, num * num);
    if (den == 1) return out;
    *out++ = '/';
    return write_decimal(out, den * den);
}

}  // namespace bigcert
