#include "bigcert/core/polygon_game.hpp"

#include <algorithm>
#include <numeric>

#include "bigcert/core/display_text.hpp"

namespace bigcert {

std::string PolygonGame::numbered_label(std::size_t player) const {
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

}  // namespace

bool convex_polygon(std::vector<SmallFraction>& points) {
    const std::size_t m = points.size() / 2;
    if (m < 3) return false;
    // The points over their common denominator: integers that order and turn exactly as the fractions.
    constexpr std::int64_t common_limit = std::int64_t{1} << 40, coordinate_limit = std::int64_t{1} << 61;
    std::int64_t common = 1;
    for (const SmallFraction& c : points) {
        std::int64_t g = std::gcd(common, c.den);
        __int128 lcm = static_cast<__int128>(common / g) * c.den;
        if (lcm > common_limit) return false;
        common = static_cast<std::int64_t>(lcm);
    }
    std::vector<IntegerPoint> integer(m);
    for (std::size_t k = 0; k < m; ++k) {
        __int128 x = static_cast<__int128>(points[2 * k].num) * (common / points[2 * k].den);
        __int128 y = static_cast<__int128>(points[2 * k + 1].num) * (common / points[2 * k + 1].den);
        if (x >= coordinate_limit || x <= -coordinate_limit || y >= coordinate_limit ||
            y <= -coordinate_limit)
            return false;
        integer[k] = {x, y, k};
    }
    // Andrew's monotone chain on the distinct points sorted lexicographically, as Polytope::from_vertices.
    std::sort(integer.begin(), integer.end(), [](const IntegerPoint& a, const IntegerPoint& b) {
        return a.x < b.x || (a.x == b.x && a.y < b.y);
    });
    integer.erase(
        std::unique(integer.begin(), integer.end(),
                    [](const IntegerPoint& a, const IntegerPoint& b) { return a.x == b.x && a.y == b.y; }),
        integer.end());
    if (integer.size() < 3) return false;
    std::vector<IntegerPoint> hull(2 * integer.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < integer.size(); ++i) {
        while (k >= 2 && orientation(hull[k - 2], hull[k - 1], integer[i]) <= 0) --k;
        hull[k++] = integer[i];
    }
    for (std::size_t i = integer.size() - 1, lower = k + 1; i-- > 0;) {
        while (k >= lower && orientation(hull[k - 2], hull[k - 1], integer[i]) <= 0) --k;
        hull[k++] = integer[i];
    }
    hull.resize(k - 1);
    if (hull.size() < 3) return false;  // collinear: a segment, which the general path describes
    std::vector<SmallFraction> result;
    result.reserve(2 * hull.size());
    for (const IntegerPoint& p : hull)
        result.push_back(points[2 * p.original]), result.push_back(points[2 * p.original + 1]);
    points = std::move(result);
    return true;
}

}  // namespace bigcert
