// How a proven algebraic coordinate is written (FORMAT.md): the exact rational when the value is rational,
// else the root form, a polynomial whose only root in the certified enclosure is the value.
#pragma once

#include <optional>

#include "bigcert/core/enclosure.hpp"
#include "bigcert/core/polynomial.hpp"

namespace bigcert {

struct RootForm {
    std::optional<Rational> value;  // the coordinate exactly, when it is rational
    IntegerPolynomial polynomial;   // otherwise: its only root in the enclosure is the coordinate
};

// Pre: proven(v) = 0 has been shown for the coordinate v, and v lies in the closed enclosure e (not a point).
// Nothing unless `proven` has exactly one root in e (Sturm), which is then v. A rational v is recognised when
// it is the simplest rational in e or the root of a linear `candidate`; checked exactly: proven(a) = 0 with a
// in e. Otherwise the polynomial is gcd(proven, candidate) when that has a root in e (a candidate from a Z3
// model is usually the minimal polynomial), else the square-free part of `proven`.
std::optional<RootForm> isolate_root(const IntegerPolynomial& proven, const Enclosure& e,
                                     const IntegerPolynomial& candidate);

}  // namespace bigcert
