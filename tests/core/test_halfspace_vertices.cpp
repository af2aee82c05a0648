// The vertex route's reading of "halfspaces" sets (halfspace_vertices, machine integers) against
// Polytope::from_halfspaces in GMP on random halfspace sets on a small grid: the same vertices in the same
// order, and declined exactly when the general path throws (unbounded, empty) or describes a set that is not
// full-dimensional. Repeated, parallel, opposite and redundant halfspaces are all common on such a grid.
#include <catch2/catch.hpp>
#include <numeric>
#include <random>
#include <string>

#include "bigcert/core/halfspace_vertices.hpp"
#include "bigcert/core/polytope.hpp"

using namespace bigcert;

namespace {

struct HalfspaceSet {
    std::vector<SmallFraction> normals, offsets;  // as the loader reads them: lowest terms
    std::vector<Halfspace> exact;
};

SmallFraction lowest(long num, long den) {
    const long g = std::gcd(num, den);
    return SmallFraction{num / g, den / g};
}

struct RawHalfspace {
    std::vector<long> a;
    long b, den;  // a/den · y <= b/den
};

// Random halfspaces; often the faces of a box around the origin among them (so that many sets are bounded),
// some copies negated (parallel faces, flat sets when the offsets meet) or scaled (the same halfspace).
HalfspaceSet random_halfspaces(std::mt19937& rng, std::size_t d) {
    std::uniform_int_distribution<long> entry(-2, 2), offset(-3, 3), count(1, 7), coin(0, 3), den(1, 3);
    std::vector<RawHalfspace> raw;
    if (coin(rng) != 0)
        for (std::size_t j = 0; j < d; ++j)
            for (long s : {1L, -1L}) {
                std::vector<long> a(d, 0);
                a[j] = s;
                raw.push_back({a, std::abs(offset(rng)), 1});
            }
    for (long k = count(rng); k > 0; --k) {
        if (!raw.empty() && coin(rng) == 0) {
            RawHalfspace copy = raw[std::uniform_int_distribution<std::size_t>(0, raw.size() - 1)(rng)];
            const long factor = coin(rng) < 2 ? -1 : 2;  // negated, or the same halfspace scaled by 2/den
            for (long& x : copy.a) x *= factor;
            copy.b *= factor;
            if (factor > 0) copy.den *= den(rng);
            raw.push_back(copy);
            continue;
        }
        std::vector<long> a;
        for (std::size_t j = 0; j < d; ++j) a.push_back(entry(rng));
        raw.push_back({a, offset(rng), den(rng)});
    }
    std::shuffle(raw.begin(), raw.end(), rng);
    HalfspaceSet set;
    for (const RawHalfspace& r : raw) {
        Halfspace h;
        for (long x : r.a) {
            set.normals.push_back(lowest(x, r.den));
            h.normal.push_back(Rational(x) / r.den);
        }
        set.offsets.push_back(lowest(r.b, r.den));
        h.offset = Rational(r.b) / r.den;
        set.exact.push_back(std::move(h));
    }
    return set;
}

}  // namespace

TEST_CASE("halfspace vertices: the general path's vertices, in its order", "[polygon]") {
    std::mt19937 rng(20261203);
    for (std::size_t d : {std::size_t{2}, std::size_t{3}}) {
        std::size_t accepted = 0, unbounded = 0, empty = 0, flat = 0;
        for (int trial = 0; trial < 3000; ++trial) {
            const HalfspaceSet set = random_halfspaces(rng, d);
            std::vector<SmallFraction> vertices;
            const bool taken = halfspace_vertices(set.normals, set.offsets, d, PolytopeLimits{}, vertices);
            INFO("d = " << d << ", trial " << trial);
            try {
                Polytope p = Polytope::from_halfspaces(set.exact, d);
                if (p.affine_dimension() != d) {
                    ++flat;
                    REQUIRE_FALSE(taken);
                    continue;
                }
                ++accepted;
                REQUIRE(taken);
                REQUIRE(vertices.size() == d * p.vertices().size());
                for (std::size_t k = 0; k < p.vertices().size(); ++k)
                    for (std::size_t j = 0; j < d; ++j)
                        REQUIRE(to_rational(vertices[d * k + j]) == p.vertices()[k][j]);
            } catch (const GeometryError& e) {
                const std::string what = e.what();
                ++(what.rfind("unbounded", 0) == 0 ? unbounded : empty);
                REQUIRE_FALSE(taken);
            }
        }
        // Every outcome is common, so each comparison above is exercised.
        INFO("accepted " << accepted << ", unbounded " << unbounded << ", empty " << empty << ", flat "
                         << flat);
        CHECK(accepted > 500);
        CHECK(unbounded > 100);
        CHECK(empty > 50);
        CHECK(flat > 20);
    }
}

TEST_CASE("halfspace vertices: a square, a cube and the refusals", "[polygon]") {
    auto fractions = [](std::initializer_list<long> values) {
        std::vector<SmallFraction> out;
        for (long v : values) out.push_back(SmallFraction{v, 1});
        return out;
    };
    std::vector<SmallFraction> vertices;
    // x <= 1, -x <= 0, y <= 1, -y <= 0: found (1,1), (1,0), (0,1), (0,0); counter-clockwise from (0,0).
    REQUIRE(
        halfspace_vertices(fractions({1, 0, -1, 0, 0, 1, 0, -1}), fractions({1, 0, 1, 0}), 2, {}, vertices));
    REQUIRE(vertices == fractions({0, 0, 1, 0, 1, 1, 0, 1}));
    // The unit cube's first vertices in order of discovery: (1,1,1), (1,1,0), (1,0,1), ...
    REQUIRE(halfspace_vertices(fractions({1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1}),
                               fractions({1, 0, 1, 0, 1, 0}), 3, {}, vertices));
    REQUIRE(vertices == fractions({1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0}));
    // A half-plane strip is unbounded; x <= 0 and -x <= -1 with the y bounds is empty.
    REQUIRE_FALSE(halfspace_vertices(fractions({1, 0, -1, 0, 0, 1}), fractions({1, 0, 1}), 2, {}, vertices));
    REQUIRE_FALSE(
        halfspace_vertices(fractions({1, 0, -1, 0, 0, 1, 0, -1}), fractions({0, -1, 1, 0}), 2, {}, vertices));
    // Entries at 2^30 leave the exact range; below it they are taken.
    const long big = long{1} << 30;
    REQUIRE_FALSE(halfspace_vertices(fractions({1, 0, -1, 0, 0, 1, 0, -1}), fractions({big, 0, 1, 0}), 2, {},
                                     vertices));
    REQUIRE(halfspace_vertices(fractions({1, 0, -1, 0, 0, 1, 0, -1}), fractions({big - 1, 0, 1, 0}), 2, {},
                               vertices));
    // The general path's subset limit: C(4, 2) = 6 subsets.
    REQUIRE_FALSE(halfspace_vertices(fractions({1, 0, -1, 0, 0, 1, 0, -1}), fractions({1, 0, 1, 0}), 2,
                                     PolytopeLimits{5}, vertices));
}
