#include "bigcert/certify/multiplier_certificate.hpp"

#include "bigcert/core/linear_algebra.hpp"

namespace bigcert {

std::optional<Multipliers> find_multipliers(const ActionSet& set, const Vector& x, const Vector& g) {
    Multipliers m;
    const std::size_t d = x.size();
    if (set.kind() == ActionSet::Kind::interval) {
        m.facets = {{Vector{Rational(1)}, set.as_interval().hi},
                    {Vector{Rational(-1)}, -set.as_interval().lo}};
    } else {
        m.facets = set.as_polytope().facets();
        m.equations = set.as_polytope().equations();
    }
    // Columns: lambda_f for tight facets, then mu_e = mu+ - mu- (free); rows: sum_f lambda_f a_f + sum_e mu_e
    // e_e = -g.
    std::vector<std::size_t> tight;
    for (std::size_t f = 0; f < m.facets.size(); ++f)
        if (dot(m.facets[f].normal, x) == m.facets[f].offset) tight.push_back(f);
    const std::size_t columns = tight.size() + 2 * m.equations.size();
    Matrix a(d, columns);
    Vector rhs(d);
    for (std::size_t j = 0; j < d; ++j) {
        for (std::size_t k = 0; k < tight.size(); ++k) a.at(j, k) = m.facets[tight[k]].normal[j];
        for (std::size_t e = 0; e < m.equations.size(); ++e) {
            a.at(j, tight.size() + 2 * e) = m.equations[e].normal[j];
            a.at(j, tight.size() + 2 * e + 1) = -m.equations[e].normal[j];
        }
        rhs[j] = -g[j];
    }
    LinearProgramResult lp = solve_linear_program(a, rhs, Vector(columns, Rational(0)));
    if (lp.status != LinearProgramResult::Status::optimal) return std::nullopt;
    m.lambda.assign(m.facets.size(), Rational(0));
    for (std::size_t k = 0; k < tight.size(); ++k) m.lambda[tight[k]] = lp.x[k];
    m.mu.assign(m.equations.size(), Rational(0));
    for (std::size_t e = 0; e < m.equations.size(); ++e)
        m.mu[e] = lp.x[tight.size() + 2 * e] - lp.x[tight.size() + 2 * e + 1];
    return m;
}

bool check_multipliers(const Multipliers& m, const Vector& x, const Vector& g) {
    const std::size_t d = x.size();
    if (m.lambda.size() != m.facets.size() || m.mu.size() != m.equations.size()) return false;
    Vector residual = g;
    for (std::size_t f = 0; f < m.facets.size(); ++f) {
        Rational slack = m.facets[f].offset;
        for (std::size_t j = 0; j < d; ++j) slack -= m.facets[f].normal[j] * x[j];
        if (slack < 0 || m.lambda[f] < 0) return false;    // feasibility, dual feasibility
        if (m.lambda[f] != 0 && slack != 0) return false;  // complementary slackness
        for (std::size_t j = 0; j < d; ++j) residual[j] += m.lambda[f] * m.facets[f].normal[j];
    }
    for (std::size_t e = 0; e < m.equations.size(); ++e) {
        Rational value = 0;
        for (std::size_t j = 0; j < d; ++j) value += m.equations[e].normal[j] * x[j];
        if (value != m.equations[e].offset) return false;
        for (std::size_t j = 0; j < d; ++j) residual[j] += m.mu[e] * m.equations[e].normal[j];
    }
    for (const Rational& r : residual)
        if (r != 0) return false;  // stationarity
    return true;
}

}  // namespace bigcert
