// Univariate polynomials with integer coefficients: the defining polynomials of FORMAT.md's algebraic "root
// form" ({"root": "x^2 - 2", "interval": ["1", "3/2"]}: the unique root of the polynomial in that interval).
// Root counting is Sturm's theorem in exact rational arithmetic.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bigcert/core/rational.hpp"

namespace bigcert {

class IntegerPolynomial {
  public:
    IntegerPolynomial() = default;
    // Scales rational coefficients (c[k] of x^k) to coprime integers with a positive leading coefficient.
    static IntegerPolynomial from_rationals(const std::vector<Rational>& coefficients);

    const std::vector<Integer>& coefficients() const {
        return coefficients_;
    }  // c[k] of x^k, no leading zeros
    int degree() const { return static_cast<int>(coefficients_.size()) - 1; }  // -1 for the zero polynomial
    Rational evaluate(const Rational& x) const;
    // "3*x^2 - 2*x + 1" (descending powers).
    std::string text() const;

  private:
    std::vector<Integer> coefficients_;
};

// The number of distinct real roots of p in the closed interval [lo, hi], lo <= hi (Sturm's theorem; the
// sequence p, p', -rem, ... counts distinct roots in (lo, hi] whether or not p is square-free, and a root at
// lo is added separately).
std::size_t count_real_roots(const IntegerPolynomial& p, const Rational& lo, const Rational& hi);

// The greatest common divisor (Euclid over the rationals, scaled like from_rationals); gcd(a, 0) = a.
IntegerPolynomial gcd(const IntegerPolynomial& a, const IntegerPolynomial& b);

// p / gcd(p, p'): the same distinct roots, each simple.
IntegerPolynomial square_free_part(const IntegerPolynomial& p);

}  // namespace bigcert
