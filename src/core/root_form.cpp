#include "bigcert/core/root_form.hpp"

namespace bigcert {
namespace {

Rational linear_root(const IntegerPolynomial& p) {  // p = c1·x + c0
    return -Rational(p.coefficients()[0]) / Rational(p.coefficients()[1]);
}

// A polynomial with the coordinate as its only root in the enclosure; a linear one gives the value itself.
RootForm written(const IntegerPolynomial& p) {
    if (p.degree() == 1) return RootForm{linear_root(p), {}};
    return RootForm{std::nullopt, p};
}

}  // namespace

std::optional<RootForm> isolate_root(const IntegerPolynomial& proven, const Enclosure& e,
                                     const IntegerPolynomial& candidate) {
    if (proven.degree() < 1 || count_real_roots(proven, e.lo, e.hi) != 1) return std::nullopt;
    std::vector<Rational> rationals{simplest_rational(e)};
    if (candidate.degree() == 1) rationals.push_back(linear_root(candidate));
    for (const Rational& a : rationals)
        if (e.lo <= a && a <= e.hi && sign(proven.evaluate(a)) == 0) return RootForm{a, {}};
    if (candidate.degree() >= 1) {
        const IntegerPolynomial common = gcd(proven, candidate);
        if (common.degree() >= 1 && count_real_roots(common, e.lo, e.hi) >= 1) return written(common);
    }
    return written(square_free_part(proven));
}

}  // namespace bigcert
