// A curved action set (MODEL.md §3g): a Euclidean ball {y : |y - c|^2 <= r^2} or an ellipsoid
// {y : (y - c)ᵀ M (y - c) <= 1} with M symmetric positive definite. Its support function
//     h(g) = g·c + sqrt(gᵀ M⁻¹ g)      (M⁻¹ = r²·I for a ball)
// is irrational in general, so this type answers the exact questions by squaring with sign care
// instead of returning h(g).
#pragma once

#include <optional>
#include <string>

#include "bigcert/core/linear_algebra.hpp"
#include "bigcert/core/vector.hpp"

namespace bigcert {

class CurvedSet {
  public:
    // Throws GeometryError when r < 0.
    static CurvedSet ball(Vector center, Rational radius);
    // Throws GeometryError (with the reason) unless M is d×d, symmetric and positive definite (exact LDLᵀ).
    static CurvedSet ellipsoid(Vector center, Matrix shape);

    bool is_ball() const { return is_ball_; }
    const Vector& center() const { return center_; }
    const Rational& radius() const { return radius_; }  // balls only
    const Matrix& shape() const { return shape_; }      // M (ellipsoids only)
    const Matrix& inverse() const { return inverse_; }  // M⁻¹, or r²·I for a ball
    std::size_t dimension() const { return center_.size(); }
    bool is_single_point() const { return is_ball_ && radius_ == 0; }

    // q(g) = gᵀ M⁻¹ g, so that h(g) = g·c + sqrt(q(g)).
    Rational support_quadratic(const Vector& g) const;
    // An upper bound on the largest eigenvalue of M⁻¹ (its trace; r² for a ball).
    Rational inverse_norm_bound() const;

    // (y - c)ᵀ M (y - c) compared with 1 (|y - c|² with r² for a ball).
    bool contains(const Vector& y) const;
    bool in_interior(const Vector& y) const;
    // Is x a maximiser of g·y over the set? g·(x - c) >= sqrt(q(g)), decided exactly (x assumed in the set).
    bool maximises(const Vector& g, const Vector& x) const;

  private:
    Vector center_;
    Rational radius_;
    Matrix shape_, inverse_;
    bool is_ball_ = true;
};

// The exact inverse of a symmetric positive definite matrix, or nothing with `why` set when M is not one.
std::optional<Matrix> inverse_if_positive_definite(const Matrix& m, std::string& why);

}  // namespace bigcert
