// Exact fractions in machine integers: the d = 1 fast path's number (docs/internals.md).
//
// A SmallFraction is num/den in lowest terms with den > 0 and |num|, den <= small_fraction_limit = 2^62.
// The bound leaves room: the sum or difference of two such fractions has a numerator below 2^126 and every
// cross product below 2^124, so each operation is formed exactly in __int128 and then checked back into
// range. An operation whose exact result leaves the range returns false and leaves its output unspecified;
// nothing ever wraps. The caller then falls back to Rational (GMP), so the answer stays exact either way.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "bigcert/core/rational.hpp"

namespace bigcert {

constexpr std::int64_t small_fraction_limit = std::int64_t{1} << 62;

struct SmallFraction {
    std::int64_t num = 0;
    std::int64_t den = 1;
};

// Lowest terms make equality fieldwise.
inline bool operator==(const SmallFraction& a, const SmallFraction& b) {
    return a.num == b.num && a.den == b.den;
}
inline bool operator!=(const SmallFraction& a, const SmallFraction& b) { return !(a == b); }
inline int sign(const SmallFraction& a) { return (a.num > 0) - (a.num < 0); }

// sign(a - b), exactly: |a.num * b.den| < 2^124 cannot overflow.
inline int compare(const SmallFraction& a, const SmallFraction& b) {
    __int128 left = static_cast<__int128>(a.num) * b.den, right = static_cast<__int128>(b.num) * a.den;
    return (left > right) - (left < right);
}
inline bool operator<(const SmallFraction& a, const SmallFraction& b) { return compare(a, b) < 0; }

// gcd(a, b) of machine integers (gcd(0, b) = b): the fast paths' gcd, inline because it runs once per number
// read and per loss written.
inline std::uint64_t gcd64(std::uint64_t a, std::uint64_t b) {
    if (a == 0) return b;
    if (b == 0) return a;
    if (a == 1 || b == 1) return 1;  // weights 1/n, integer targets: common on input
    const int shift = __builtin_ctzll(a | b);
    a >>= __builtin_ctzll(a);
    b >>= __builtin_ctzll(b);
    // Both odd: |a - b| is even and nonzero, and its odd part replaces the larger. Taking the trailing zeros
    // of the difference, not of the next operand, shortens the dependency chain of each step (Brent's
    // binary gcd): about twice as fast as the textbook loop on random 10- to 40-bit inputs.
    while (a != b) {
        const std::uint64_t difference = a > b ? a - b : b - a;
        b = a < b ? a : b;
        a = difference >> __builtin_ctzll(difference);
    }
    return a << shift;
}

// num/den in lowest terms for 0 <= num and 0 < den, both below 2^62 (what the scanners read): the common
// case of make_small_fraction, inline.
inline SmallFraction reduced_small_fraction(std::int64_t num, std::int64_t den) {
    const auto g =
        static_cast<std::int64_t>(gcd64(static_cast<std::uint64_t>(num), static_cast<std::uint64_t>(den)));
    return g == 1 ? SmallFraction{num, den} : SmallFraction{num / g, den / g};
}

// num/den reduced to lowest terms (den != 0, any signs); false when the result is out of range.
bool make_small_fraction(__int128 num, __int128 den, SmallFraction& out);

// Exact arithmetic; false when the exact result is out of range (or, for divide, b = 0).
bool add(const SmallFraction& a, const SmallFraction& b, SmallFraction& out);
bool subtract(const SmallFraction& a, const SmallFraction& b, SmallFraction& out);
bool multiply(const SmallFraction& a, const SmallFraction& b, SmallFraction& out);
bool divide(const SmallFraction& a, const SmallFraction& b, SmallFraction& out);

// add() in two steps: gcd(a.den, b.den) and both denominators divided by it, then the sum. A caller that
// adds many fractions to one fixed fraction caches the split per denominator and saves most divisions.
struct DenominatorSplit {
    std::uint64_t gcd;
    std::int64_t a_rest, b_rest;  // a.den / gcd, b.den / gcd
};
DenominatorSplit split_denominators(const SmallFraction& a, const SmallFraction& b);
bool add_with_split(const SmallFraction& a, const SmallFraction& b, const DenominatorSplit& split,
                    SmallFraction& out);

// The value of a Rational when it is in range.
std::optional<SmallFraction> small_fraction_of(const Rational& value);
Rational to_rational(const SmallFraction& value);
// Nearest-ish double; for floating-point guesses only (never for a decision).
inline double to_double(const SmallFraction& value) {
    return static_cast<double>(value.num) / static_cast<double>(value.den);
}

// Reads the texts parse_rational reads as an integer ("-3"), a plain decimal ("0.25") or a fraction
// ("7/3") when every digit run has at most 18 digits (and at most limits.max_digits), with the same value;
// false for anything else (exponents, longer numbers, other spellings), which then goes to parse_rational.
bool parse_small_fraction(std::string_view text, const NumberLimits& limits, SmallFraction& out);

// Writes the same text as to_string(to_rational(value)) ("4", "-7/3") at `out`; returns the end.
// At most 41 characters.
char* write_small_fraction(char* out, const SmallFraction& value);
// Writes the decimal digits of `value` at `out` (at most 39); returns the end.
char* write_decimal(char* out, unsigned __int128 value);
// Writes the square of `value` in lowest terms (num^2 / den^2 is in lowest terms when num/den is) from
// 128-bit integers, so that losses (x̂* - t_i)^2 need no GMP. At most 79 characters.
char* write_small_fraction_squared(char* out, const SmallFraction& value);

}  // namespace bigcert
