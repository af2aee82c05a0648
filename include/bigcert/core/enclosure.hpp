// Rational intervals proven to contain an irrational exact value (FORMAT.md: {"interval": [a, b], ...}),
// with the few interval operations the curved solver needs, outward dyadic rounding (keeps the numbers
// short) and rational square-root enclosures.
#pragma once

#include <vector>

#include "bigcert/core/vector.hpp"

namespace bigcert {

struct Enclosure {
    Rational lo, hi;  // lo <= hi; lo == hi: the value is exactly lo

    static Enclosure point(const Rational& x) { return {x, x}; }
    bool is_exact() const { return lo == hi; }
    Rational width() const { return hi - lo; }
    Rational midpoint() const { return (lo + hi) / 2; }
    bool contains(const Rational& x) const { return lo <= x && x <= hi; }
};

Enclosure operator+(const Enclosure& a, const Enclosure& b);
Enclosure operator-(const Enclosure& a, const Enclosure& b);
Enclosure operator*(const Enclosure& a, const Enclosure& b);
Enclosure operator*(const Rational& a, const Enclosure& b);
Enclosure widened(const Enclosure& a, const Rational& by);
// {x² : x in a}.
Enclosure square(const Enclosure& a);

// floor(x·2^bits)/2^bits and the ceiling: outward rounding to a dyadic grid.
Rational round_down(const Rational& x, unsigned bits);
Rational round_up(const Rational& x, unsigned bits);
Enclosure rounded_outward(const Enclosure& a, unsigned bits);

// [lo, hi] ∋ sqrt(q) for q >= 0 with hi - lo <= 2^-bits (from the integer square root of q·4^bits).
Enclosure sqrt_enclosure(const Rational& q, unsigned bits);

// The rational with the smallest denominator in [lo, hi] (continued fractions): a candidate when the exact
// value may be rational, to be verified exactly by the caller.
Rational simplest_rational(const Enclosure& e);

}  // namespace bigcert
