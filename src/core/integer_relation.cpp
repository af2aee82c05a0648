#include "bigcert/core/integer_relation.hpp"

#include <boost/multiprecision/gmp.hpp>

namespace bigcert {
namespace {

using Row = std::vector<Rational>;

Rational dot(const Row& a, const Row& b) {
    Rational s = 0;
    for (std::size_t k = 0; k < a.size(); ++k) s += a[k] * b[k];
    return s;
}

Integer round_to_integer(const Rational& x) {  // nearest integer, ties up
    Rational shifted = x + Rational(1, 2);
    Integer q = numerator(shifted) / denominator(shifted);
    if (shifted < 0 && Rational(q) != shifted) q -= 1;  // floor for negatives
    return q;
}

// Textbook LLL (δ = 3/4) with the Gram–Schmidt data recomputed after each change: exact, and cheap for the
// few rows used here.
void reduce(std::vector<Row>& b) {
    const std::size_t n = b.size();
    auto gram_schmidt = [&](std::vector<Row>& star, std::vector<Row>& mu) {
        star = b, mu.assign(n, Row(n));
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < i; ++j) {
                mu[i][j] = dot(b[i], star[j]) / dot(star[j], star[j]);
                for (std::size_t k = 0; k < star[i].size(); ++k) star[i][k] -= mu[i][j] * star[j][k];
            }
    };
    std::vector<Row> star, mu;
    gram_schmidt(star, mu);
    std::size_t k = 1;
    for (std::size_t steps = 0; k < n && steps < 100000; ++steps) {
        for (std::size_t j = k; j-- > 0;) {
            const Integer q = round_to_integer(mu[k][j]);
            if (q == 0) continue;
            for (std::size_t c = 0; c < b[k].size(); ++c) b[k][c] -= Rational(q) * b[j][c];
            gram_schmidt(star, mu);
        }
        if (dot(star[k], star[k]) >=
            (Rational(3, 4) - mu[k][k - 1] * mu[k][k - 1]) * dot(star[k - 1], star[k - 1])) {
            ++k;
        } else {
            std::swap(b[k], b[k - 1]);
            gram_schmidt(star, mu);
            k = std::max<std::size_t>(k - 1, 1);
        }
    }
}

}  // namespace

IntegerPolynomial guess_minimal_polynomial(const Rational& v, std::size_t max_degree, unsigned bits) {
    const Rational scale(Integer(1) << bits);
    std::vector<Row> basis;
    Rational power = 1;
    for (std::size_t k = 0; k <= max_degree; ++k, power *= v) {
        Row row(max_degree + 2);
        row[k] = 1;
        row[max_degree + 1] = Rational(round_to_integer(scale * power));
        basis.push_back(row);
    }
    reduce(basis);
    std::vector<Rational> coefficients(basis[0].begin(), basis[0].end() - 1);
    return IntegerPolynomial::from_rationals(coefficients);
}

}  // namespace bigcert
