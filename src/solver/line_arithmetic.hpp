// SmallFraction arithmetic for the d = 1 fast path that throws LineOverflow instead of returning false,
// so that the solver's formulas read like formulas. solve_line_game() catches LineOverflow and reports
// that the fast path does not apply; the GMP path then solves the instance (exact either way).
#pragma once

#include "bigcert/core/small_fraction.hpp"

namespace bigcert {

struct LineOverflow {};

inline SmallFraction line_add(const SmallFraction& a, const SmallFraction& b) {
    SmallFraction r;
    if (!add(a, b, r)) throw LineOverflow{};
    return r;
}

inline SmallFraction line_subtract(const SmallFraction& a, const SmallFraction& b) {
    SmallFraction r;
    if (!subtract(a, b, r)) throw LineOverflow{};
    return r;
}

inline SmallFraction line_fraction(const Rational& value) {
    auto small = small_fraction_of(value);
    if (!small) throw LineOverflow{};
    return *small;
}

}  // namespace bigcert
