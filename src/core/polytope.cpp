#include "bigcert/core/polytope.hpp"

#include <algorithm>
#include <limits>

#include "bigcert/core/linear_algebra.hpp"

namespace bigcert {

std::size_t binomial_saturating(std::size_t n, std::size_t k) {
    if (k > n) return 0;
    k = std::min(k, n - k);
    constexpr std::size_t cap = std::numeric_limits<std::size_t>::max() / 4;
    unsigned __int128 result = 1;
    for (std::size_t i = 1; i <= k; ++i) {
        result = result * (n - k + i) / i;
        if (result > cap) return cap;
    }
    return static_cast<std::size_t>(result);
}

namespace {

void require_subsets_within(std::size_t n, std::size_t k, const PolytopeLimits& limits, const char* what) {
    if (binomial_saturating(n, k) > limits.max_subsets)
        throw GeometryError(std::string("too complex: ") + what + " (" + std::to_string(n) +
                            " in dimension " + std::to_string(k) + ")");
}

// Scales a normal so that equal hyperplanes compare equal: first non-zero entry becomes +-1.
void normalise(Halfspace& h) {
    for (const Rational& x : h.normal) {
        if (sign(x) == 0) continue;
        Rational scale = 1 / abs(x);
        for (Rational& y : h.normal) y *= scale;
        h.offset *= scale;
        return;
    }
}

bool same_halfspace(const Halfspace& a, const Halfspace& b) {
    return a.normal == b.normal && a.offset == b.offset;
}

std::vector<Vector> distinct_points(const std::vector<Vector>& points) {
    std::vector<Vector> result;
    for (const Vector& p : points)
        if (std::find(result.begin(), result.end(), p) == result.end()) result.push_back(p);
    return result;
}

// Facets of the full-dimensional hull of `points` in R^k (k >= 1).
std::vector<Halfspace> facets_of_full_dimensional_hull(const std::vector<Vector>& points, std::size_t k,
                                                       const PolytopeLimits& limits) {
    std::vector<Halfspace> facets;
    if (k == 1) {
        auto [lo, hi] = std::minmax_element(points.begin(), points.end(),
                                            [](const Vector& a, const Vector& b) { return a[0] < b[0]; });
        facets.push_back({Vector{Rational(-1)}, -(*lo)[0]});
        facets.push_back({Vector{Rational(1)}, (*hi)[0]});
        return facets;
    }
    require_subsets_within(points.size(), k, limits, "vertex description");
    for_each_subset(points.size(), k, [&](const std::vector<std::size_t>& subset) {
        Matrix differences(0, k);
        for (std::size_t j = 1; j < subset.size(); ++j)
            differences.append_row(points[subset[j]] - points[subset[0]]);
        std::vector<Vector> normals = null_space(differences);
        if (normals.size() != 1) return true;
        Halfspace h{normals[0], dot(normals[0], points[subset[0]])};
        int side = 0;
        for (const Vector& p : points) {
            int s = sign(dot(h.normal, p) - h.offset);
            if (s == 0) continue;
            if (side == 0)
                side = s;
            else if (s != side)
                return true;
        }
        if (side > 0) {
            for (Rational& x : h.normal) x = -x;
            h.offset = -h.offset;
        }
        normalise(h);
        if (std::none_of(facets.begin(), facets.end(),
                         [&](const Halfspace& f) { return same_halfspace(f, h); }))
            facets.push_back(std::move(h));
        return true;
    });
    return facets;
}

Vector project(const Vector& p, const std::vector<std::size_t>& coordinates) {
    Vector q;
    for (std::size_t c : coordinates) q.push_back(p[c]);
    return q;
}

Vector lift(const Vector& normal, const std::vector<std::size_t>& coordinates, std::size_t dimension) {
    Vector v(dimension, Rational(0));
    for (std::size_t j = 0; j < coordinates.size(); ++j) v[coordinates[j]] = normal[j];
    return v;
}

// Sign of the turn a -> b -> c (positive: counter-clockwise).
int orientation(const Vector& a, const Vector& b, const Vector& c) {
    return sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

// Andrew's monotone chain: the strictly convex hull of distinct points in the plane, counter-clockwise.
// O(m log m) exact orientation tests instead of the general O(m^d) facet enumeration: per-player polygons
// are the common case and there can be 10^5 of them.
std::vector<Vector> planar_hull(std::vector<Vector> points) {
    std::sort(points.begin(), points.end());
    if (points.size() < 3) return points;
    std::vector<Vector> hull(2 * points.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        while (k >= 2 && orientation(hull[k - 2], hull[k - 1], points[i]) <= 0) --k;
        hull[k++] = points[i];
    }
    for (std::size_t i = points.size() - 1, lower = k + 1; i-- > 0;) {
        while (k >= lower && orientation(hull[k - 2], hull[k - 1], points[i]) <= 0) --k;
        hull[k++] = points[i];
    }
    hull.resize(k - 1);
    return hull;
}

}  // namespace

Polytope Polytope::from_vertices(const std::vector<Vector>& input, std::size_t dimension,
                                 const PolytopeLimits& limits) {
    std::vector<Vector> points = distinct_points(input);
    if (points.empty()) throw GeometryError("empty set: no points");
    Polytope result;
    result.dimension_ = dimension;
    if (dimension == 2) {
        std::vector<Vector> hull = planar_hull(points);
        if (hull.size() >= 3) {  // full-dimensional; collinear sets take the general path below
            result.affine_dimension_ = 2;
            for (std::size_t i = 0; i < hull.size(); ++i) {
                const Vector& a = hull[i];
                const Vector& b = hull[(i + 1) % hull.size()];
                Halfspace edge{Vector{b[1] - a[1], a[0] - b[0]},
                               Rational(0)};  // outward for counter-clockwise
                edge.offset = dot(edge.normal, a);
                normalise(edge);
                result.facets_.push_back(std::move(edge));
            }
            result.vertices_ = std::move(hull);
            return result;
        }
    }

    // Affine hull: the row space of the differences; its pivot columns give coordinates in which the
    // projection of the hull is one-to-one, so facets can be computed there and lifted back.
    Matrix differences(0, dimension);
    for (std::size_t i = 1; i < points.size(); ++i) differences.append_row(points[i] - points[0]);
    std::vector<Vector> hull_normals = null_space(differences);
    for (Vector& a : hull_normals) {
        Halfspace h{a, dot(a, points[0])};
        normalise(h);
        result.equations_.push_back(std::move(h));
    }
    result.affine_dimension_ = dimension - hull_normals.size();
    const std::size_t k = result.affine_dimension_;
    if (k == 0) {
        result.vertices_ = {points[0]};
        return result;
    }
    // Coordinates on which the hull projects injectively: pivots of the differences' row echelon form.
    std::vector<std::size_t> coordinates;
    {
        for (std::size_t c = 0; c < dimension && coordinates.size() < k; ++c) {
            // Column c is usable iff the differences restricted to chosen+c have full column rank.
            std::vector<std::size_t> candidate = coordinates;
            candidate.push_back(c);
            Matrix restricted(differences.rows(), candidate.size());
            for (std::size_t r = 0; r < differences.rows(); ++r)
                for (std::size_t j = 0; j < candidate.size(); ++j)
                    restricted.at(r, j) = differences.at(r, candidate[j]);
            if (rank(restricted) == candidate.size()) coordinates = std::move(candidate);
        }
    }
    std::vector<Vector> projected;
    for (const Vector& p : points) projected.push_back(project(p, coordinates));
    for (Halfspace& f : facets_of_full_dimensional_hull(projected, k, limits)) {
        Halfspace lifted{lift(f.normal, coordinates, dimension), f.offset};
        result.facets_.push_back(std::move(lifted));
    }
    // Vertices: points at which the tight facet normals span the k-dimensional hull directions.
    for (std::size_t i = 0; i < points.size(); ++i) {
        Matrix tight(0, k);
        for (const Halfspace& f : result.facets_)
            if (dot(f.normal, points[i]) == f.offset) tight.append_row(project(f.normal, coordinates));
        if (tight.rows() >= k && rank(tight) == k) result.vertices_.push_back(points[i]);
    }
    return result;
}

Polytope Polytope::from_halfspaces(const std::vector<Halfspace>& halfspaces, std::size_t dimension,
                                   const PolytopeLimits& limits) {
    if (halfspaces.empty()) throw GeometryError("unbounded set: no halfspaces");
    // Bounded iff the normals positively span R^d: each of +-e_j is a non-negative combination of them.
    Matrix transposed(dimension, halfspaces.size());
    for (std::size_t i = 0; i < halfspaces.size(); ++i)
        for (std::size_t j = 0; j < dimension; ++j) transposed.at(j, i) = halfspaces[i].normal[j];
    for (std::size_t j = 0; j < dimension; ++j) {
        for (int s : {1, -1}) {
            Vector target(dimension, Rational(0));
            target[j] = s;
            LinearProgramResult lp =
                solve_linear_program(transposed, target, Vector(halfspaces.size(), Rational(0)));
            if (lp.status != LinearProgramResult::Status::optimal) throw GeometryError("unbounded set");
        }
    }
    require_subsets_within(halfspaces.size(), dimension, limits, "halfspace description");
    std::vector<Vector> vertices;
    for_each_subset(halfspaces.size(), dimension, [&](const std::vector<std::size_t>& subset) {
        Matrix a(0, dimension);
        Vector b;
        for (std::size_t i : subset) {
            a.append_row(halfspaces[i].normal);
            b.push_back(halfspaces[i].offset);
        }
        auto solution = solve_linear_system(a, b);
        if (!solution || !solution->null_space.empty()) return true;
        const Vector& y = solution->particular;
        for (const Halfspace& h : halfspaces)
            if (dot(h.normal, y) > h.offset) return true;
        if (std::find(vertices.begin(), vertices.end(), y) == vertices.end()) vertices.push_back(y);
        return true;
    });
    if (vertices.empty()) throw GeometryError("empty set: the halfspaces have no common point");
    return from_vertices(vertices, dimension, limits);
}

Polytope Polytope::box(const Vector& lo, const Vector& hi) {
    const std::size_t d = lo.size();
    std::vector<Vector> corners;
    for (std::size_t mask = 0; mask < (std::size_t{1} << d); ++mask) {
        Vector corner(d);
        for (std::size_t j = 0; j < d; ++j) corner[j] = (mask >> j & 1) ? hi[j] : lo[j];
        corners.push_back(std::move(corner));
    }
    return from_vertices(corners, d);
}

bool Polytope::contains(const Vector& y) const {
    for (const Halfspace& e : equations_)
        if (dot(e.normal, y) != e.offset) return false;
    for (const Halfspace& f : facets_)
        if (dot(f.normal, y) > f.offset) return false;
    return true;
}

bool Polytope::in_relative_interior(const Vector& y) const {
    for (const Halfspace& e : equations_)
        if (dot(e.normal, y) != e.offset) return false;
    for (const Halfspace& f : facets_)
        if (dot(f.normal, y) >= f.offset) return false;
    return true;
}

bool Polytope::in_interior(const Vector& y) const {
    return affine_dimension_ == dimension_ && in_relative_interior(y);
}

Rational Polytope::support_value(const Vector& direction) const {
    Rational best = dot(direction, vertices_[0]);
    for (std::size_t i = 1; i < vertices_.size(); ++i) best = std::max(best, dot(direction, vertices_[i]));
    return best;
}

std::vector<std::size_t> Polytope::support_face(const Vector& direction) const {
    Rational best = support_value(direction);
    std::vector<std::size_t> face;
    for (std::size_t i = 0; i < vertices_.size(); ++i)
        if (dot(direction, vertices_[i]) == best) face.push_back(i);
    return face;
}

}  // namespace bigcert
