// The vertex route's hulls in machine integers (convex_polygon, convex_polyhedron) against
// Polytope::from_vertices in GMP on random point sets on a small grid: the same vertices in the same order,
// and declined exactly when the general hull is not full-dimensional. Repeated points, points on edges and
// facets, points inside and coplanar or collinear sets are all common on such a grid.
#include <catch2/catch.hpp>
#include <random>

#include "bigcert/core/polytope.hpp"
#include "bigcert/core/vertex_game.hpp"

using namespace bigcert;

namespace {

struct PointSet {
    std::vector<SmallFraction> flat;  // d coordinates per point
    std::vector<Vector> exact;
};

PointSet random_points(std::mt19937& rng, std::size_t d, int count, long spread, long den) {
    PointSet set;
    std::uniform_int_distribution<long> coordinate(-spread, spread);
    for (int k = 0; k < count; ++k) {
        Vector point;
        for (std::size_t j = 0; j < d; ++j) {
            const long num = coordinate(rng);
            point.push_back(Rational(num) / den);
            set.flat.push_back(SmallFraction{num, den});
        }
        set.exact.push_back(std::move(point));
    }
    // Lowest terms, as the loaders give them.
    for (SmallFraction& f : set.flat) {
        const std::int64_t g = std::gcd(f.num, f.den);
        f.num /= g, f.den /= g;
    }
    return set;
}

// The general path's vertices, flattened, or nothing when its hull is not full-dimensional.
std::optional<std::vector<Rational>> general_vertices(const PointSet& set, std::size_t d) {
    Polytope p = Polytope::from_vertices(set.exact, d);
    if (p.affine_dimension() != d) return std::nullopt;
    std::vector<Rational> flat;
    for (const Vector& v : p.vertices()) flat.insert(flat.end(), v.begin(), v.end());
    return flat;
}

void require_same_hull(std::size_t d, std::vector<SmallFraction> points,
                       const std::optional<std::vector<Rational>>& expected) {
    const bool full = d == 2 ? convex_polygon(points) : convex_polyhedron(points, PolytopeLimits{});
    REQUIRE(full == expected.has_value());
    if (!full) return;
    REQUIRE(points.size() == expected->size());
    for (std::size_t k = 0; k < points.size(); ++k) REQUIRE(to_rational(points[k]) == (*expected)[k]);
}

}  // namespace

TEST_CASE("vertex hulls: the general path's vertices, in its order", "[polygon]") {
    std::mt19937 rng(31);
    for (std::size_t d : {std::size_t{2}, std::size_t{3}}) {
        int full = 0, flat = 0, trimmed = 0;
        for (int round = 0; round < 3000; ++round) {
            const int count = 1 + static_cast<int>(rng() % 14);
            const long spread = 1 + static_cast<long>(rng() % 3), den = 1 + static_cast<long>(rng() % 3);
            PointSet set = random_points(rng, d, count, spread, den);
            INFO("d = " << d << ", round " << round);
            std::optional<std::vector<Rational>> expected = general_vertices(set, d);
            require_same_hull(d, set.flat, expected);
            ++(expected ? full : flat);
            trimmed += expected && expected->size() < set.flat.size();
        }
        REQUIRE(full > 1000);
        REQUIRE(flat > 100);
        REQUIRE(trimmed > 500);  // repeated and non-extreme points removed
    }
}

TEST_CASE("vertex hulls: sets the 128-bit tests or the general limits do not take are declined",
          "[polygon]") {
    // A tetrahedron and a point beyond a facet: five vertices.
    const std::vector<SmallFraction> five = {{0, 1}, {0, 1}, {0, 1}, {1, 1}, {0, 1}, {0, 1}, {0, 1}, {1, 1},
                                             {0, 1}, {0, 1}, {0, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}};
    std::vector<SmallFraction> points = five;
    REQUIRE(convex_polyhedron(points, PolytopeLimits{}));
    REQUIRE(points.size() == 15);
    // A coordinate at 2^40 over the common denominator.
    points = five;
    points[0] = {std::int64_t{1} << 40, 1};
    REQUIRE(!convex_polyhedron(points, PolytopeLimits{}));
    // A common denominator past 2^40.
    points = five;
    points[3] = {1, 1000003}, points[4] = {1, 1000033}, points[8] = {1, 1000037};
    REQUIRE(!convex_polyhedron(points, PolytopeLimits{}));
    // More triples than the general path's limit (it would refuse the set as too complex): C(5, 3) = 10.
    points = five;
    PolytopeLimits tight;
    tight.max_subsets = 9;
    REQUIRE(!convex_polyhedron(points, tight));
    tight.max_subsets = 10;
    REQUIRE(convex_polyhedron(points, tight));
    // More than 64 distinct points: the general path takes them.
    points.clear();
    for (long k = 0; k < 65; ++k) points.insert(points.end(), {{k, 1}, {k * k, 1}, {k * k * k, 1}});
    REQUIRE(!convex_polyhedron(points, PolytopeLimits{}));
}
