#include "mechanism/polygon_best_response.hpp"

#include <algorithm>
#include <array>

#include "bigcert/core/polytope.hpp"

namespace bigcert {
namespace {

// The points of [lo, hi] between which coordinate map o is affine: the ends and the clamps' bounds inside.
std::vector<Rational> cell_bounds(const CoordinateMap& o, const Rational& lo, const Rational& hi) {
    std::vector<Rational> points{lo, hi};
    for (const Clamp& c : o.clamps)
        for (const std::optional<Rational>& bound : {c.lo, c.hi})
            if (bound && lo < *bound && *bound < hi) points.push_back(*bound);
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    return points;
}

// o(y) = alpha + beta·y for y in [u, w].
struct Affine {
    Rational alpha, beta;
};

Affine affine_on(const CoordinateMap& o, const Rational& u, const Rational& w) {
    const Rational ou = o.apply(u);
    if (u == w) return {ou, Rational(0)};
    const Rational beta = (o.apply(w) - ou) / (w - u);
    return {ou - beta * u, beta};
}

// Sutherland–Hodgman against one axis-parallel line: the part of a convex polygon (vertices in cyclic order;
// a segment or a single point allowed) where y_c <= bound (keep_below) or y_c >= bound.
std::vector<Vector> clip(const std::vector<Vector>& polygon, std::size_t c, const Rational& bound,
                         bool keep_below) {
    auto inside = [&](const Vector& p) { return keep_below ? p[c] <= bound : p[c] >= bound; };
    std::vector<Vector> out;
    auto add = [&](Vector p) {
        if (out.empty() || out.back() != p) out.push_back(std::move(p));
    };
    for (std::size_t k = 0; k < polygon.size(); ++k) {
        const Vector& a = polygon[k];
        const Vector& b = polygon[(k + 1) % polygon.size()];
        if (inside(a)) add(a);
        if (inside(a) != inside(b)) add(a + ((bound - a[c]) / (b[c] - a[c])) * (b - a));
    }
    while (out.size() > 1 && out.back() == out.front()) out.pop_back();
    return out;
}

struct Search {
    const OwnReportMap& map;
    const Vector& target;
    std::vector<Vector> candidates;

    // On segment a + s(b - a), s in [0, 1], the loss is sum_c (p_c + s r_c)^2 with the cell's affine maps.
    void add_segment(const Vector& a, const Vector& b, const std::array<Affine, 2>& f) {
        Rational quadratic = 0, linear = 0;
        for (std::size_t c = 0; c < 2; ++c) {
            const Rational p = f[c].alpha + f[c].beta * a[c] - target[c], r = f[c].beta * (b[c] - a[c]);
            quadratic += r * r;
            linear += p * r;
        }
        candidates.push_back(a);
        if (quadratic > 0) {
            const Rational s = std::clamp(Rational(-linear / quadratic), Rational(0), Rational(1));
            candidates.push_back(a + s * (b - a));
        }
    }

    // One cell's piece of the polygon: its vertices, each edge's minimiser, and the unconstrained minimiser
    // when both coordinates move the outcome (otherwise the minimum is also reached on the boundary).
    void add_piece(const std::vector<Vector>& piece, const std::array<Affine, 2>& f, const ActionSet& set,
                   const std::array<std::pair<Rational, Rational>, 2>& cell) {
        for (std::size_t k = 0; k < piece.size(); ++k)
            add_segment(piece[k], piece[(k + 1) % piece.size()], f);
        if (f[0].beta == 0 || f[1].beta == 0) return;
        Vector stationary(2);
        for (std::size_t c = 0; c < 2; ++c) {
            stationary[c] = (target[c] - f[c].alpha) / f[c].beta;
            if (stationary[c] < cell[c].first || stationary[c] > cell[c].second) return;
        }
        if (set.contains(stationary)) candidates.push_back(std::move(stationary));
    }

    Rational loss(const Vector& y) const { return squared_norm(map.apply(y) - target); }
};

}  // namespace

Vector polygon_best_response(const ActionSet& set, const OwnReportMap& map, const Vector& target,
                             const Vector& current, const Vector& truthful) {
    // Counter-clockwise for a polygon; the two ends of a segment; one point.
    const std::vector<Vector> polygon = Polytope::from_vertices(set.vertices(), 2).vertices();
    std::array<std::vector<Rational>, 2> bounds;
    for (std::size_t c = 0; c < 2; ++c) {
        Rational lo = polygon[0][c], hi = lo;
        for (const Vector& v : polygon) lo = std::min(lo, v[c]), hi = std::max(hi, v[c]);
        bounds[c] = cell_bounds(map.coordinates[c], lo, hi);
        if (bounds[c].size() == 1) bounds[c].push_back(bounds[c][0]);  // a flat set: one degenerate cell
    }
    Search search{map, target, {current, truthful}};
    for (std::size_t i = 0; i + 1 < bounds[0].size(); ++i)
        for (std::size_t j = 0; j + 1 < bounds[1].size(); ++j) {
            const std::array<std::pair<Rational, Rational>, 2> cell{
                std::pair{bounds[0][i], bounds[0][i + 1]}, std::pair{bounds[1][j], bounds[1][j + 1]}};
            std::vector<Vector> piece = polygon;
            for (std::size_t c = 0; c < 2 && !piece.empty(); ++c) {
                piece = clip(piece, c, cell[c].first, false);
                if (!piece.empty()) piece = clip(piece, c, cell[c].second, true);
            }
            if (piece.empty()) continue;
            const std::array<Affine, 2> f{affine_on(map.coordinates[0], cell[0].first, cell[0].second),
                                          affine_on(map.coordinates[1], cell[1].first, cell[1].second)};
            search.add_piece(piece, f, set, cell);
        }
    // Every candidate's loss is evaluated with the rule itself, not with the cells' affine forms.
    Rational best = search.loss(current);
    for (const Vector& y : search.candidates) best = std::min(best, search.loss(y));
    if (search.loss(current) == best) return current;  // ties keep the current report
    const Vector* chosen = nullptr;
    Rational nearest;
    for (const Vector& y : search.candidates)
        if (search.loss(y) == best && (!chosen || squared_norm(y - truthful) < nearest))
            chosen = &y, nearest = squared_norm(y - truthful);
    return *chosen;
}

}  // namespace bigcert
