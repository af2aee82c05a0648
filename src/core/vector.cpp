#include "bigcert/core/vector.hpp"

#include <cassert>

namespace bigcert {

Rational dot(const Vector& a, const Vector& b) {
    assert(a.size() == b.size());
    Rational sum = 0;
    for (std::size_t j = 0; j < a.size(); ++j) sum += a[j] * b[j];
    return sum;
}

Vector operator+(const Vector& a, const Vector& b) {
    assert(a.size() == b.size());
    Vector result(a.size());
    for (std::size_t j = 0; j < a.size(); ++j) result[j] = a[j] + b[j];
    return result;
}

Vector operator-(const Vector& a, const Vector& b) {
    assert(a.size() == b.size());
    Vector result(a.size());
    for (std::size_t j = 0; j < a.size(); ++j) result[j] = a[j] - b[j];
    return result;
}

Vector operator*(const Rational& scale, const Vector& v) {
    Vector result(v.size());
    for (std::size_t j = 0; j < v.size(); ++j) result[j] = scale * v[j];
    return result;
}

void add_scaled(Vector& y, const Rational& scale, const Vector& x) {
    assert(y.size() == x.size());
    if (sign(scale) == 0) return;
    for (std::size_t j = 0; j < y.size(); ++j) y[j] += scale * x[j];
}

Rational squared_norm(const Vector& v) { return dot(v, v); }

bool is_zero(const Vector& v) {
    for (const Rational& x : v)
        if (sign(x) != 0) return false;
    return true;
}

std::vector<std::string> to_strings(const Vector& v) {
    std::vector<std::string> result;
    result.reserve(v.size());
    for (const Rational& x : v) result.push_back(to_string(x));
    return result;
}

std::vector<double> to_doubles(const Vector& v) {
    std::vector<double> result;
    result.reserve(v.size());
    for (const Rational& x : v) result.push_back(to_double(x));
    return result;
}

}  // namespace bigcert
