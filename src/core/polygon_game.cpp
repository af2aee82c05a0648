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
    // Fixed buffers for the usual polygons (an allocation per player cost as much as the hull itself).
    IntegerPoint small_integer[16], small_hull[32];
    std::vector<IntegerPoint> large_integer, large_hull;
    if (m > 16) large_integer.resize(m), large_hull.resize(2 * m);
    IntegerPoint* integer = m > 16 ? large_integer.data() : small_integer;
    IntegerPoint* hull = m > 16 ? large_hull.data() : small_hull;
    for (std::size_t k = 0; k < m; ++k) {
        __int128 x = static_cast<__int128>(points[2 * k].num) * (common / points[2 * k].den);
        __int128 y = static_cast<__int128>(points[2 * k + 1].num) * (common / points[2 * k + 1].den);
        if (x >= coordinate_limit || x <= -coordinate_limit || y >= coordinate_limit ||
            y <= -coordinate_limit)
            return false;
        integer[k] = {x, y, k};
    }
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

std::optional<PolygonGame> polygon_game_of(const Instance& instance) {
    if (instance.dimension != 2 || instance.loss != Loss::squared || !instance.receivers.empty())
        return std::nullopt;
    PolygonGame game;
    game.name = instance.name;
    auto fits = [](const Rational& value, SmallFraction& out) {
        std::optional<SmallFraction> small = small_fraction_of(value);
        if (small) out = *small;
        return small.has_value();
    };
    const Vector bias = instance.bias();
    if (!fits(bias[0], game.bias[0]) || !fits(bias[1], game.bias[1])) return std::nullopt;
    game.first_vertex.push_back(0);
    for (const ActionSet& set : instance.action_sets) {
        if (set.kind() != ActionSet::Kind::polytope || set.as_polytope().affine_dimension() != 2)
            return std::nullopt;
        for (const Vector& v : set.as_polytope().vertices())
            for (const Rational& x : v) {
                game.vertices.emplace_back();
                if (!fits(x, game.vertices.back())) return std::nullopt;
                game.vertices_approx.push_back(static_cast<float>(to_double(game.vertices.back())));
            }
        game.first_vertex.push_back(static_cast<std::uint32_t>(game.vertices.size() / 2));
    }
    const std::size_t n = instance.players.size();
    game.targets.resize(2 * n), game.weights.resize(n), game.weighted_targets.resize(2 * n);
    game.set_of_player.resize(n);
    bool named = false;
    for (std::size_t i = 0; i < n; ++i) {
        const Player& p = instance.players[i];
        if (!fits(p.weight, game.weights[i])) return std::nullopt;
        for (std::size_t j = 0; j < 2; ++j)
            if (!fits(p.target[j], game.targets[2 * i + j]) ||
                !multiply(game.weights[i], game.targets[2 * i + j], game.weighted_targets[2 * i + j]))
                return std::nullopt;
        game.set_of_player[i] = static_cast<std::uint32_t>(p.action_set);
        named = named || !p.name.empty();
    }
    if (named)
        for (const Player& p : instance.players) game.names.push_back(p.name);
    return game;
}

}  // namespace bigcert
