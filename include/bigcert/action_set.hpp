// A player's action set X_i: a compact convex set in R^d (an interval in d = 1, a polytope otherwise).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "bigcert/polytope.hpp"
#include "bigcert/vector.hpp"

namespace bigcert {

struct Interval {
    Rational lo, hi;  // lo <= hi
};

class ActionSet {
public:
    enum class Kind { interval, polytope };

    static ActionSet interval(Rational lo, Rational hi);
    // `origin` records how the user wrote it ("box", "vertices", "halfspaces") for reports and figures.
    static ActionSet polytope(Polytope p, std::string origin);

    Kind kind() const { return std::holds_alternative<Interval>(shape_) ? Kind::interval : Kind::polytope; }
    const std::string& origin() const { return origin_; }
    std::size_t dimension() const;
    const Interval& as_interval() const { return std::get<Interval>(shape_); }
    const Polytope& as_polytope() const { return std::get<Polytope>(shape_); }

    std::vector<Vector> vertices() const;
    bool contains(const Vector& y) const;
    bool in_interior(const Vector& y) const;
    bool in_relative_interior(const Vector& y) const;
    bool is_single_point() const;
    // Dimension of the affine hull (0 for a point).
    std::size_t affine_dimension() const;

    // h(g) = max_{y in X} g·y, and the vertices of the face where it is attained (MODEL.md §3b).
    Rational support_value(const Vector& direction) const;
    std::vector<Vector> support_face(const Vector& direction) const;

private:
    std::variant<Interval, Polytope> shape_;
    std::string origin_;
};

}  // namespace bigcert
