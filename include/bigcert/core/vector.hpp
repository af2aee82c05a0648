// Exact points of R^d and the few operations the model needs on them.
#pragma once

#include <string>
#include <vector>

#include "bigcert/core/rational.hpp"

namespace bigcert {

using Vector = std::vector<Rational>;

Rational dot(const Vector& a, const Vector& b);
Vector operator+(const Vector& a, const Vector& b);
Vector operator-(const Vector& a, const Vector& b);
Vector operator*(const Rational& scale, const Vector& v);
// y += scale * x (sizes must agree).
void add_scaled(Vector& y, const Rational& scale, const Vector& x);
Rational squared_norm(const Vector& v);
bool is_zero(const Vector& v);
std::vector<std::string> to_strings(const Vector& v);
std::vector<double> to_doubles(const Vector& v);

}  // namespace bigcert
