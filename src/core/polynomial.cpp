#include "bigcert/core/polynomial.hpp"

#include <boost/multiprecision/gmp.hpp>

namespace bigcert {
namespace {

using Coefficients = std::vector<Rational>;  // c[k] of x^k, no leading zeros

void trim(Coefficients& c) {
    while (!c.empty() && sign(c.back()) == 0) c.pop_back();
}

Coefficients derivative(const Coefficients& c) {
    Coefficients d;
    for (std::size_t k = 1; k < c.size(); ++k) d.push_back(Rational(Integer(k)) * c[k]);
    trim(d);
    return d;
}

// The remainder of a divided by b (b non-zero).
Coefficients remainder(Coefficients a, const Coefficients& b) {
    while (a.size() >= b.size() && !a.empty()) {
        const std::size_t shift = a.size() - b.size();
        const Rational factor = a.back() / b.back();
        for (std::size_t k = 0; k < b.size(); ++k) a[k + shift] -= factor * b[k];
        a.pop_back();  // the leading term cancels exactly
        trim(a);
    }
    return a;
}

// The quotient of a divided by b (b non-zero), remainder dropped.
Coefficients quotient(Coefficients a, const Coefficients& b) {
    Coefficients q(a.size() >= b.size() ? a.size() - b.size() + 1 : 0);
    while (a.size() >= b.size() && !a.empty()) {
        const std::size_t shift = a.size() - b.size();
        const Rational factor = a.back() / b.back();
        q[shift] = factor;
        for (std::size_t k = 0; k < b.size(); ++k) a[k + shift] -= factor * b[k];
        a.pop_back();
        trim(a);
    }
    return q;
}

Coefficients rationals(const IntegerPolynomial& p) {
    Coefficients c;
    for (const Integer& k : p.coefficients()) c.push_back(Rational(k));
    return c;
}

Rational evaluate_at(const Coefficients& c, const Rational& x) {
    Rational value = 0;
    for (std::size_t k = c.size(); k-- > 0;) value = value * x + c[k];
    return value;
}

std::size_t sign_changes(const std::vector<Coefficients>& sequence, const Rational& x) {
    std::size_t changes = 0;
    int previous = 0;
    for (const Coefficients& p : sequence) {
        int s = sign(evaluate_at(p, x));
        if (s == 0) continue;
        if (previous != 0 && s != previous) ++changes;
        previous = s;
    }
    return changes;
}

}  // namespace

IntegerPolynomial IntegerPolynomial::from_rationals(const std::vector<Rational>& coefficients) {
    Coefficients c = coefficients;
    trim(c);
    IntegerPolynomial p;
    if (c.empty()) return p;
    Integer lcm = 1;
    for (const Rational& x : c) lcm = boost::multiprecision::lcm(lcm, Integer(denominator(x)));
    Integer content = 0;
    for (const Rational& x : c) {
        Integer k = Integer(numerator(x)) * (lcm / Integer(denominator(x)));
        p.coefficients_.push_back(k);
        content = boost::multiprecision::gcd(content, k);
    }
    if (c.back() < 0) content = -content;
    for (Integer& k : p.coefficients_) k /= content;
    return p;
}

Rational IntegerPolynomial::evaluate(const Rational& x) const {
    Rational value = 0;
    for (std::size_t k = coefficients_.size(); k-- > 0;) value = value * x + Rational(coefficients_[k]);
    return value;
}

std::string IntegerPolynomial::text() const {
    if (coefficients_.empty()) return "0";
    std::string out;
    for (std::size_t k = coefficients_.size(); k-- > 0;) {
        const Integer& c = coefficients_[k];
        if (c == 0) continue;
        Integer magnitude = c < 0 ? Integer(-c) : c;
        if (out.empty())
            out += c < 0 ? "-" : "";
        else
            out += c < 0 ? " - " : " + ";
        const bool unit = magnitude == 1 && k > 0;
        if (!unit) out += magnitude.str() + (k > 0 ? "*" : "");
        if (k >= 1) out += "x";
        if (k >= 2) out += "^" + std::to_string(k);
    }
    return out;
}

std::size_t count_real_roots(const IntegerPolynomial& p, const Rational& lo, const Rational& hi) {
    Coefficients c;
    for (const Integer& k : p.coefficients()) c.push_back(Rational(k));
    if (c.size() <= 1) return 0;  // constants: no roots (the zero polynomial is not a defining polynomial)
    std::vector<Coefficients> sequence{c, derivative(c)};
    while (!sequence.back().empty()) {
        Coefficients r = remainder(sequence[sequence.size() - 2], sequence.back());
        for (Rational& x : r) x = -x;
        sequence.push_back(std::move(r));
    }
    sequence.pop_back();
    // Sturm: distinct roots in (lo, hi] = V(lo) - V(hi); valid when lo is not a root, which is added apart.
    const bool root_at_lo = sign(evaluate_at(c, lo)) == 0;
    if (root_at_lo) {
        // V is evaluated just right of lo: shift by less than the distance to any other root is not
        // computable cheaply, so count (lo, hi] from the sequence of p / (x - lo) instead.
        Coefficients quotient(c.size() - 1);
        Rational carry = 0;
        for (std::size_t k = c.size(); k-- > 1;) carry = c[k] + carry * lo, quotient[k - 1] = carry;
        IntegerPolynomial q = IntegerPolynomial::from_rationals(quotient);
        std::size_t others = lo < hi ? count_real_roots(q, lo, hi) - (sign(q.evaluate(lo)) == 0 ? 1 : 0) : 0;
        return 1 + others;
    }
    return sign_changes(sequence, lo) - sign_changes(sequence, hi);
}

}  // namespace bigcert

namespace bigcert {

IntegerPolynomial gcd(const IntegerPolynomial& a, const IntegerPolynomial& b) {
    Coefficients x = rationals(a), y = rationals(b);
    while (!y.empty()) {
        Coefficients r = remainder(x, y);
        x = std::move(y), y = std::move(r);
    }
    return IntegerPolynomial::from_rationals(x);
}

IntegerPolynomial square_free_part(const IntegerPolynomial& p) {
    if (p.degree() < 1) return p;
    const IntegerPolynomial g = gcd(p, IntegerPolynomial::from_rationals(derivative(rationals(p))));
    return IntegerPolynomial::from_rationals(quotient(rationals(p), rationals(g)));
}

}  // namespace bigcert
