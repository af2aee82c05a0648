#include "bigcert/core/vertex_game.hpp"

#include <algorithm>
#include <numeric>

#include "bigcert/core/display_text.hpp"

namespace bigcert {

std::string VertexGame::numbered_label(std::size_t player) const {
    const bool named = !names.empty() && !names[player].empty();
    return std::to_string(player) + (named ? " (" + display_text(names[player]) + ")" : "");
}

namespace {

struct IntegerPoint {
    __int128 x, y;
    std::size_t original;  // index into the input (its exact fraction is written back)
};

// Sign of the turn a -> b -> c (positive: counter-clockwise); |coordinates| < 2^61 keeps every product
// below 2^124.
int orientation(const IntegerPoint& a, const IntegerPoint& b, const IntegerPoint& c) {
    __int128 turn = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    return (turn > 0) - (turn < 0);
}

// The points over their common denominator: integers that compare and turn exactly as the fractions. False
// when the common denominator passes 2^40 or an integer coordinate reaches `coordinate_limit`.
bool common_integers(const std::vector<SmallFraction>& points, std::int64_t coordinate_limit,
                     std::vector<std::int64_t>& integers) {
    constexpr std::int64_t common_limit = std::int64_t{1} << 40;
    std::int64_t common = 1;
    for (const SmallFraction& c : points) {
        std::int64_t g = std::gcd(common, c.den);
        __int128 lcm = static_cast<__int128>(common / g) * c.den;
        if (lcm > common_limit) return false;
        common = static_cast<std::int64_t>(lcm);
    }
    integers.resize(points.size());
    for (std::size_t k = 0; k < points.size(); ++k) {
        __int128 x = static_cast<__int128>(points[k].num) * (common / points[k].den);
        if (x >= coordinate_limit || x <= -coordinate_limit) return false;
        integers[k] = static_cast<std::int64_t>(x);
    }
    return true;
}

}  // namespace

bool convex_polygon(std::vector<SmallFraction>& points) {
    const std::size_t m = points.size() / 2;
    if (m < 3) return false;
    thread_local std::vector<std::int64_t> integers;  // a buffer per thread: no allocation per polygon
    if (!common_integers(points, std::int64_t{1} << 61, integers)) return false;
    // Fixed buffers for the usual polygons (an allocation per player cost as much as the hull itself).
    IntegerPoint small_integer[16], small_hull[32];
    std::vector<IntegerPoint> large_integer, large_hull;
    if (m > 16) large_integer.resize(m), large_hull.resize(2 * m);
    IntegerPoint* integer = m > 16 ? large_integer.data() : small_integer;
    IntegerPoint* hull = m > 16 ? large_hull.data() : small_hull;
    for (std::size_t k = 0; k < m; ++k) integer[k] = {integers[2 * k], integers[2 * k + 1], k};
    // Andrew's monotone chain on the distinct points sorted lexicographically, as Polytope::from_vertices.
    std::sort(integer, integer + m, [](const IntegerPoint& a, const IntegerPoint& b) {
        return a.x < b.x || (a.x == b.x && a.y < b.y);
    });
    auto same = [](const IntegerPoint& a, const IntegerPoint& b) { return a.x == b.x && a.y == b.y; };
    const auto distinct = static_cast<std::size_t>(std::unique(integer, integer + m, same) - integer);
    if (distinct < 3) return false;
    std::size_t k = 0;
    for (std::size_t i = 0; i < distinct; ++i) {
        while (k >= 2 && orientation(hull[k - 2], hull[k - 1], integer[i]) <= 0) --k;
        hull[k++] = integer[i];
    }
    for (std::size_t i = distinct - 1, lower = k + 1; i-- > 0;) {
        while (k >= lower && orientation(hull[k - 2], hull[k - 1], integer[i]) <= 0) --k;
        hull[k++] = integer[i];
    }
    const std::size_t size = k - 1;
    if (size < 3) return false;  // collinear: a segment, which the general path describes
    // The hull's points in order, gathered in a buffer (they are read from `points`, then written over it).
    SmallFraction small_result[32];
    std::vector<SmallFraction> large_result;
    if (size > 16) large_result.resize(2 * size);
    SmallFraction* result = size > 16 ? large_result.data() : small_result;
    for (std::size_t h = 0; h < size; ++h)
        result[2 * h] = points[2 * hull[h].original], result[2 * h + 1] = points[2 * hull[h].original + 1];
    points.assign(result, result + 2 * size);
    return true;
}

namespace {

// Every plane through three of the points with all points on one side is a facet's plane (its section of
// the hull is two-dimensional) and every facet has such three points. The points a facet's plane holds are
// its `tight` set; meet[p] becomes the points common to every facet through p, those of the smallest face
// containing p: {p} exactly when p is a vertex (an interior point lies on no facet, its meet stays full).
// `Int` holds every side value n·p, n = (b − a) × (c − a); false when all the points are coplanar.
template <class Int>
bool meet_facets(const std::int64_t* xyz, std::size_t m, std::uint64_t* meet) {
    bool full_dimensional = false;
    auto at = [xyz](std::size_t p, std::size_t j) { return static_cast<Int>(xyz[3 * p + j]); };
    for (std::size_t a = 0; a < m; ++a) {
        for (std::size_t b = a + 1; b < m; ++b) {
            const Int u[3] = {at(b, 0) - at(a, 0), at(b, 1) - at(a, 1), at(b, 2) - at(a, 2)};
            for (std::size_t c = b + 1; c < m; ++c) {
                const Int v[3] = {at(c, 0) - at(a, 0), at(c, 1) - at(a, 1), at(c, 2) - at(a, 2)};
                const Int n[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2],
                                  u[0] * v[1] - u[1] * v[0]};
                if (n[0] == 0 && n[1] == 0 && n[2] == 0) continue;  // collinear
                const Int offset = n[0] * at(a, 0) + n[1] * at(a, 1) + n[2] * at(a, 2);
                bool above = false, below = false;
                std::uint64_t tight = 0;
                for (std::size_t p = 0; p < m && !(above && below); ++p) {  // a cutting plane stops early
                    const Int side = n[0] * at(p, 0) + n[1] * at(p, 1) + n[2] * at(p, 2) - offset;
                    if (side > 0)
                        above = true;
                    else if (side < 0)
                        below = true;
                    else
                        tight |= std::uint64_t{1} << p;
                }
                if (above == below) continue;  // a cutting plane, or every point on it
                full_dimensional = true;
                for (std::size_t p = 0; p < m; ++p)
                    if (tight >> p & 1) meet[p] &= tight;
            }
        }
    }
    return full_dimensional;
}

}  // namespace

bool convex_polyhedron(std::vector<SmallFraction>& points, const PolytopeLimits& limits) {
    // Buffers kept per thread: a set costs no allocation (10^6 players each have one).
    thread_local std::vector<std::int64_t> integers, distinct_xyz;
    thread_local std::vector<std::size_t> distinct;
    // |coordinates| < 2^40: differences < 2^41, a normal's entries < 2^83, a side value < 2^126.
    if (points.size() % 3 != 0 || !common_integers(points, std::int64_t{1} << 40, integers)) return false;
    // Distinct points in order of first appearance, as Polytope::from_vertices keeps them.
    distinct.clear(), distinct_xyz.clear();
    std::int64_t largest = 0;
    for (std::size_t k = 0; k < points.size() / 3; ++k) {
        const std::int64_t* p = &integers[3 * k];
        bool seen = false;
        for (std::size_t j = 0; j < distinct.size() && !seen; ++j)
            seen = std::equal(p, p + 3, &distinct_xyz[3 * j]);
        if (seen) continue;
        distinct.push_back(k), distinct_xyz.insert(distinct_xyz.end(), p, p + 3);
        for (std::size_t j = 0; j < 3; ++j) largest = std::max(largest, p[j] < 0 ? -p[j] : p[j]);
    }
    const std::size_t m = distinct.size();
    if (m < 4 || m > 64 || binomial_saturating(m, 3) > limits.max_subsets) return false;
    std::uint64_t meet[64];
    std::fill(meet, meet + m, ~std::uint64_t{0});
    // |coordinates| < 2^18: a normal's entries < 2^39, a side value < 2^60, in 64 bits.
    const bool full = largest < (std::int64_t{1} << 18)
                          ? meet_facets<std::int64_t>(distinct_xyz.data(), m, meet)
                          : meet_facets<__int128>(distinct_xyz.data(), m, meet);
    if (!full) return false;
    std::size_t kept = 0;  // the vertices written over the front of `points`, in order
    for (std::size_t p = 0; p < m; ++p)
        if (meet[p] == std::uint64_t{1} << p)
            for (std::size_t j = 0; j < 3; ++j) points[kept++] = points[3 * distinct[p] + j];
    points.resize(kept);
    return true;
}

std::optional<VertexGame> vertex_game_of(const Instance& instance) {
    const std::size_t d = instance.dimension;
    if (d < 2 || d > max_vertex_game_dimension || instance.loss != Loss::squared ||
        !instance.receivers.empty())
        return std::nullopt;
    VertexGame game;
    game.name = instance.name;
    game.dimension = d;
    auto fits = [](const Rational& value, SmallFraction& out) {
        std::optional<SmallFraction> small = small_fraction_of(value);
        if (small) out = *small;
        return small.has_value();
    };
    const Vector bias = instance.bias();
    for (std::size_t j = 0; j < d; ++j)
        if (!fits(bias[j], game.bias[j])) return std::nullopt;
    game.first_vertex.push_back(0);
    for (const ActionSet& set : instance.action_sets) {
        if (set.kind() != ActionSet::Kind::polytope || set.as_polytope().affine_dimension() != d)
            return std::nullopt;
        for (const Vector& v : set.as_polytope().vertices())
            for (const Rational& x : v) {
                game.vertices.emplace_back();
                if (!fits(x, game.vertices.back())) return std::nullopt;
                game.vertices_approx.push_back(static_cast<float>(to_double(game.vertices.back())));
            }
        game.first_vertex.push_back(static_cast<std::uint32_t>(game.vertices.size() / d));
    }
    const std::size_t n = instance.players.size();
    game.targets.resize(d * n), game.weights.resize(n), game.weighted_targets.resize(d * n);
    game.set_of_player.resize(n);
    bool named = false;
    for (std::size_t i = 0; i < n; ++i) {
        const Player& p = instance.players[i];
        if (!fits(p.weight, game.weights[i])) return std::nullopt;
        for (std::size_t j = 0; j < d; ++j)
            if (!fits(p.target[j], game.targets[d * i + j]) ||
                !multiply(game.weights[i], game.targets[d * i + j], game.weighted_targets[d * i + j]))
                return std::nullopt;
        game.set_of_player[i] = static_cast<std::uint32_t>(p.action_set);
        named = named || !p.name.empty();
    }
    if (named)
        for (const Player& p : instance.players) game.names.push_back(p.name);
    return game;
}

}  // namespace bigcert
