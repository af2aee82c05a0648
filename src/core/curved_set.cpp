#include "bigcert/core/curved_set.hpp"

#include "bigcert/core/polytope.hpp"  // GeometryError

namespace bigcert {
namespace {

Matrix identity_scaled(std::size_t d, const Rational& scale) {
    Matrix m(d, d);
    for (std::size_t j = 0; j < d; ++j) m.at(j, j) = scale;
    return m;
}

Rational quadratic_form(const Matrix& m, const Vector& v) {
    Rational total = 0;
    for (std::size_t r = 0; r < m.rows(); ++r) {
        Rational row = 0;
        for (std::size_t c = 0; c < m.cols(); ++c) row += m.at(r, c) * v[c];
        total += v[r] * row;
    }
    return total;
}

}  // namespace

// Symmetric M is positive definite iff every pivot of Gaussian elimination without row exchanges is > 0
// (the pivots are the D of M = L D Lᵀ, and ratios of leading principal minors). The same elimination,
// continued Gauss-Jordan style on [M | I], yields M⁻¹.
std::optional<Matrix> inverse_if_positive_definite(const Matrix& m, std::string& why) {
    const std::size_t d = m.rows();
    if (m.cols() != d) return why = "the matrix is not square", std::nullopt;
    for (std::size_t r = 0; r < d; ++r)
        for (std::size_t c = r + 1; c < d; ++c)
            if (m.at(r, c) != m.at(c, r))
                return why = "the matrix is not symmetric (entry [" + std::to_string(r) + "][" +
                             std::to_string(c) + "])",
                       std::nullopt;
    Matrix a = m, inv = identity_scaled(d, 1);
    for (std::size_t k = 0; k < d; ++k) {
        Rational pivot = a.at(k, k);
        if (sign(pivot) == 0) return why = "the matrix is singular (not positive definite)", std::nullopt;
        if (sign(pivot) < 0)
            return why = "the matrix is not positive definite (indefinite or negative)", std::nullopt;
        for (std::size_t c = 0; c < d; ++c) a.at(k, c) /= pivot, inv.at(k, c) /= pivot;
        for (std::size_t r = 0; r < d; ++r) {
            if (r == k || sign(a.at(r, k)) == 0) continue;
            Rational factor = a.at(r, k);
            for (std::size_t c = 0; c < d; ++c) {
                a.at(r, c) -= factor * a.at(k, c);
                inv.at(r, c) -= factor * inv.at(k, c);
            }
        }
    }
    return inv;
}

CurvedSet CurvedSet::ball(Vector center, Rational radius) {
    if (sign(radius) < 0) throw GeometryError("the radius is negative");
    CurvedSet set;
    const std::size_t d = center.size();
    set.inverse_ = identity_scaled(d, radius * radius);
    set.center_ = std::move(center);
    set.radius_ = std::move(radius);
    set.is_ball_ = true;
    return set;
}

CurvedSet CurvedSet::ellipsoid(Vector center, Matrix shape) {
    if (shape.rows() != center.size() || shape.cols() != center.size())
        throw GeometryError("the matrix must be " + std::to_string(center.size()) + "x" +
                            std::to_string(center.size()));
    std::string why;
    std::optional<Matrix> inverse = inverse_if_positive_definite(shape, why);
    if (!inverse) throw GeometryError(why);
    CurvedSet set;
    set.center_ = std::move(center);
    set.shape_ = std::move(shape);
    set.inverse_ = std::move(*inverse);
    set.is_ball_ = false;
    return set;
}

Rational CurvedSet::support_quadratic(const Vector& g) const {
    if (is_ball_) return radius_ * radius_ * squared_norm(g);
    return quadratic_form(inverse_, g);
}

Rational CurvedSet::inverse_norm_bound() const {
    if (is_ball_) return radius_ * radius_;
    Rational trace = 0;
    for (std::size_t j = 0; j < dimension(); ++j) trace += inverse_.at(j, j);
    return trace;
}

bool CurvedSet::contains(const Vector& y) const {
    Vector offset = y - center_;
    if (is_ball_) return squared_norm(offset) <= radius_ * radius_;
    return quadratic_form(shape_, offset) <= 1;
}

bool CurvedSet::in_interior(const Vector& y) const {
    Vector offset = y - center_;
    if (is_ball_) return squared_norm(offset) < radius_ * radius_;
    return quadratic_form(shape_, offset) < 1;
}

// g·x >= g·c + sqrt(q)  ⟺  a := g·(x - c) >= 0 and a² >= q.
bool CurvedSet::maximises(const Vector& g, const Vector& x) const {
    Rational a = dot(g, x - center_);
    if (sign(a) < 0) return false;
    return a * a >= support_quadratic(g);
}

}  // namespace bigcert
