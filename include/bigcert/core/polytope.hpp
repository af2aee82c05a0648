// Exact convex polytopes in R^d with both descriptions: vertices, and (affine hull, facets).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "bigcert/core/vector.hpp"

namespace bigcert {

// normal·y <= offset (a facet) or normal·y == offset (an equation of the affine hull).
struct Halfspace {
    Vector normal;
    Rational offset;
};

// Combinatorial caps: conversions enumerate subsets of size d, so they refuse absurd inputs early.
struct PolytopeLimits {
    std::size_t max_subsets = 2'000'000;
};

class Polytope {
  public:
    // Convex hull of the points (duplicates and non-extreme points allowed). Throws GeometryError.
    static Polytope from_vertices(const std::vector<Vector>& points, std::size_t dimension,
                                  const PolytopeLimits& limits = {});
    // {y : a·y <= b for all}: must be bounded and non-empty (else GeometryError).
    static Polytope from_halfspaces(const std::vector<Halfspace>& halfspaces, std::size_t dimension,
                                    const PolytopeLimits& limits = {});
    static Polytope box(const Vector& lo, const Vector& hi);

    std::size_t dimension() const { return dimension_; }
    // Dimension of the affine hull: dimension() for full-dimensional sets, 0 for a point.
    std::size_t affine_dimension() const { return affine_dimension_; }
    const std::vector<Vector>& vertices() const { return vertices_; }
    const std::vector<Halfspace>& equations() const { return equations_; }
    const std::vector<Halfspace>& facets() const { return facets_; }

    bool contains(const Vector& y) const;
    bool in_interior(const Vector& y) const;           // the interior in R^d (empty when not full-dim)
    bool in_relative_interior(const Vector& y) const;  // the interior within the affine hull

    // h(g) = max over the set of g·y.
    Rational support_value(const Vector& direction) const;
    // Indices of the vertices attaining h(g): the face argmax g·y is their convex hull.
    std::vector<std::size_t> support_face(const Vector& direction) const;

  private:
    std::size_t dimension_ = 0;
    std::size_t affine_dimension_ = 0;
    std::vector<Vector> vertices_;
    std::vector<Halfspace> equations_;
    std::vector<Halfspace> facets_;
};

// Thrown by the conversions (empty, unbounded, too complex); the loader adds the JSON path.
class GeometryError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Calls visit(indices) for every k-subset of {0..n-1} in lexicographic order; stops when it returns false.
template <class Visit>
void for_each_subset(std::size_t n, std::size_t k, Visit&& visit) {
    if (k > n) return;
    std::vector<std::size_t> idx(k);
    for (std::size_t i = 0; i < k; ++i) idx[i] = i;
    for (;;) {
        if (!visit(static_cast<const std::vector<std::size_t>&>(idx))) return;
        std::size_t i = k;
        while (i > 0 && idx[i - 1] == n - k + i - 1) --i;
        if (i == 0) return;
        ++idx[i - 1];
        for (std::size_t j = i; j < k; ++j) idx[j] = idx[j - 1] + 1;
    }
}

// C(n, k), saturating at a large value instead of overflowing.
std::size_t binomial_saturating(std::size_t n, std::size_t k);

}  // namespace bigcert
