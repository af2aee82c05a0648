#include "bigcert/core/enclosure.hpp"

#include <algorithm>

namespace bigcert {

Enclosure operator+(const Enclosure& a, const Enclosure& b) { return {a.lo + b.lo, a.hi + b.hi}; }
Enclosure operator-(const Enclosure& a, const Enclosure& b) { return {a.lo - b.hi, a.hi - b.lo}; }

Enclosure operator*(const Enclosure& a, const Enclosure& b) {
    Rational p[4] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
    return {*std::min_element(p, p + 4), *std::max_element(p, p + 4)};
}

Enclosure operator*(const Rational& a, const Enclosure& b) {
    if (sign(a) >= 0) return {a * b.lo, a * b.hi};
    return {a * b.hi, a * b.lo};
}

Enclosure widened(const Enclosure& a, const Rational& by) { return {a.lo - by, a.hi + by}; }

Enclosure square(const Enclosure& a) {
    Rational l = a.lo * a.lo, h = a.hi * a.hi;
    if (sign(a.lo) <= 0 && sign(a.hi) >= 0) return {Rational(0), std::max(l, h)};
    return {std::min(l, h), std::max(l, h)};
}

namespace {

Integer power_of_two(unsigned bits) {
    Integer p = 1;
    return p << bits;
}

// floor(a / b) for b > 0.
Integer floor_division(const Integer& a, const Integer& b) {
    Integer q = a / b;  // truncates towards zero
    if (sign(Rational(a)) < 0 && q * b != a) q -= 1;
    return q;
}

}  // namespace

Rational round_down(const Rational& x, unsigned bits) {
    Integer scale = power_of_two(bits);
    Integer num = boost::multiprecision::numerator(x), den = boost::multiprecision::denominator(x);
    return Rational(floor_division(Integer(num * scale), den), scale);
}

Rational round_up(const Rational& x, unsigned bits) { return -round_down(Rational(-x), bits); }

Enclosure rounded_outward(const Enclosure& a, unsigned bits) {
    return {round_down(a.lo, bits), round_up(a.hi, bits)};
}

Enclosure sqrt_enclosure(const Rational& q, unsigned bits) {
    if (sign(q) <= 0) return Enclosure::point(Rational(0));
    Integer scale = power_of_two(bits);
    Integer num = boost::multiprecision::numerator(q), den = boost::multiprecision::denominator(q);
    Integer scaled = floor_division(Integer(num * scale * scale), den);  // floor(q·4^bits)
    Integer root = boost::multiprecision::sqrt(scaled);                  // root² <= scaled < (root+1)²
    return {Rational(root, scale), Rational(Integer(root + 1), scale)};
}

namespace {

Rational floor_of(const Rational& x) {
    return Rational(
        floor_division(boost::multiprecision::numerator(x), boost::multiprecision::denominator(x)));
}

// 0 <= lo <= hi.
Rational simplest_nonnegative(const Rational& lo, const Rational& hi, int depth) {
    Rational fl = floor_of(lo);
    if (fl == lo || depth > 400) return fl == lo ? fl : lo;
    if (fl + 1 <= hi) return fl + 1;
    return fl + 1 / simplest_nonnegative(Rational(1 / (hi - fl)), Rational(1 / (lo - fl)), depth + 1);
}

}  // namespace

Rational simplest_rational(const Enclosure& e) {
    if (sign(e.lo) <= 0 && sign(e.hi) >= 0) return Rational(0);
    if (sign(e.hi) < 0) return -simplest_nonnegative(Rational(-e.hi), Rational(-e.lo), 0);
    return simplest_nonnegative(e.lo, e.hi, 0);
}

}  // namespace bigcert
