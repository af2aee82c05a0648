// A guess of an algebraic number's defining polynomial from a rational approximation (curved sets,
// `solve --algebraic` when Z3 finds no model): LLL lattice reduction in exact rationals. Only a guess:
// callers prove the polynomial exactly before printing anything.
#pragma once

#include "bigcert/core/polynomial.hpp"

namespace bigcert {

// A small integer polynomial of degree <= max_degree with p(v) ≈ 0 at the scale 2^-bits (the first vector of
// an LLL-reduced basis of the lattice spanned by (e_k, round(2^bits·v^k)), k = 0..max_degree). Zero
// polynomial when the reduction finds none.
IntegerPolynomial guess_minimal_polynomial(const Rational& v, std::size_t max_degree, unsigned bits);

}  // namespace bigcert
