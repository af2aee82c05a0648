// Benchmark baseline: the paper's round-robin best-response dynamics in double precision (Definition 3).
#include "bigcert/solver/float_dynamics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <tuple>

namespace bigcert {
namespace {

struct Point2 {
    double x, y;
};

double cross(Point2 o, Point2 a, Point2 b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

double squared_distance(Point2 a, Point2 b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }

Point2 project_onto_segment(Point2 p, Point2 a, Point2 b) {
    double dx = b.x - a.x, dy = b.y - a.y;
    double length2 = dx * dx + dy * dy;
    double s = length2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0, 1.0) : 0.0;
    return {a.x + s * dx, a.y + s * dy};
}

// Euclidean projection onto a counter-clockwise convex polygon: the point itself when inside, else the
// nearest point of the boundary.
Point2 project_onto_polygon(Point2 p, const double* xy, std::size_t count) {
    auto vertex = [&](std::size_t k) { return Point2{xy[2 * (k % count)], xy[2 * (k % count) + 1]}; };
    if (count == 1) return vertex(0);
    bool inside = count >= 3;
    for (std::size_t k = 0; k < count && inside; ++k) inside = cross(vertex(k), vertex(k + 1), p) >= 0;
    if (inside) return p;
    Point2 best = vertex(0);
    double best_distance = squared_distance(p, best);
    for (std::size_t k = 0; k < count; ++k) {
        Point2 candidate = project_onto_segment(p, vertex(k), vertex(k + 1));
        double distance = squared_distance(p, candidate);
        if (distance < best_distance) best = candidate, best_distance = distance;
    }
    return best;
}

struct Point3 {
    double x, y, z;
};

Point3 operator-(Point3 a, Point3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
Point3 operator+(Point3 a, Point3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
Point3 operator*(double s, Point3 a) { return {s * a.x, s * a.y, s * a.z}; }
double dot(Point3 a, Point3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
Point3 cross(Point3 a, Point3 b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

Point3 project_onto_segment(Point3 p, Point3 a, Point3 b) {
    Point3 ab = b - a;
    double length2 = dot(ab, ab);
    double s = length2 > 0 ? std::clamp(dot(p - a, ab) / length2, 0.0, 1.0) : 0.0;
    return a + s * ab;
}

Point3 nearer(Point3 p, Point3 u, Point3 v) { return dot(p - u, p - u) <= dot(p - v, p - v) ? u : v; }

// The point of triangle abc nearest to p: Ericson, Real-Time Collision Detection §5.1.5, by the Voronoi
// regions of the corners, edges and face. A degenerate triangle (corners on a line or repeated) is the
// union of its edges.
Point3 project_onto_triangle(Point3 p, Point3 a, Point3 b, Point3 c) {
    Point3 ab = b - a, ac = c - a, normal = cross(ab, ac);
    if (dot(normal, normal) <= 1e-24 * dot(ab, ab) * dot(ac, ac))
        return nearer(p, nearer(p, project_onto_segment(p, a, b), project_onto_segment(p, b, c)),
                      project_onto_segment(p, c, a));
    Point3 ap = p - a;
    double d1 = dot(ab, ap), d2 = dot(ac, ap);
    if (d1 <= 0 && d2 <= 0) return a;
    Point3 bp = p - b;
    double d3 = dot(ab, bp), d4 = dot(ac, bp);
    if (d3 >= 0 && d4 <= d3) return b;
    double vc = d1 * d4 - d3 * d2;
    if (vc <= 0 && d1 >= 0 && d3 <= 0) return a + (d1 / (d1 - d3)) * ab;
    Point3 cp = p - c;
    double d5 = dot(ab, cp), d6 = dot(ac, cp);
    if (d6 >= 0 && d5 <= d6) return c;
    double vb = d5 * d2 - d1 * d6;
    if (vb <= 0 && d2 >= 0 && d6 <= 0) return a + (d2 / (d2 - d6)) * ac;
    double va = d3 * d6 - d5 * d4;
    if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) return b + ((d4 - d3) / ((d4 - d3) + (d5 - d6))) * (c - b);
    double scale = 1 / (va + vb + vc);
    return a + (vb * scale) * ab + (vc * scale) * ac;
}

// Player i's polytope as stored by add_float_polytope.
struct PolytopeView {
    const double* xyz;
    const std::uint16_t* triangles;
    std::size_t triangle_count;
    bool solid;

    Point3 point(std::size_t k) const { return {xyz[3 * k], xyz[3 * k + 1], xyz[3 * k + 2]}; }
};

PolytopeView polytope_of(const FloatGame& game, std::size_t i) {
    std::size_t first = game.triangle_start[i];
    return {&game.polytope_xyz[3 * game.polytope_start[i]], &game.polytope_triangles[3 * first],
            game.triangle_start[i + 1] - first, game.polytope_solid[i] != 0};
}

// Euclidean projection onto a polytope: the point itself when inside (behind every outward boundary
// triangle's plane), else the nearest point of the boundary triangles that p is in front of. Those suffice:
// p − q, for q the nearest point, is a non-negative combination of the outward normals of the facets through
// q, so p is in front of at least one of them. A flat set has no inside; all its triangles are candidates.
Point3 project_onto_polytope(Point3 p, const PolytopeView& polytope) {
    bool outside = false;
    Point3 best = polytope.point(0);
    double best_distance = dot(p - best, p - best);
    for (std::size_t k = 0; k < polytope.triangle_count; ++k) {
        const std::uint16_t* t = &polytope.triangles[3 * k];
        Point3 a = polytope.point(t[0]), b = polytope.point(t[1]), c = polytope.point(t[2]);
        if (polytope.solid && dot(cross(b - a, c - a), p - a) <= 0) continue;
        outside = true;
        Point3 candidate = project_onto_triangle(p, a, b, c);
        double distance = dot(p - candidate, p - candidate);
        if (distance < best_distance) best = candidate, best_distance = distance;
    }
    return outside || !polytope.solid ? best : p;
}

// Player i's set's point nearest to goal (d coordinates), written to action.
void project_onto_own_set(const FloatGame& game, std::size_t i, const double* goal, double* action) {
    const std::size_t d = game.dimension;
    if (!game.box_lo.empty()) {
        for (std::size_t c = 0; c < d; ++c)
            action[c] = std::clamp(goal[c], game.box_lo[i * d + c], game.box_hi[i * d + c]);
    } else if (d == 1) {
        action[0] = std::clamp(goal[0], game.lower[i], game.upper[i]);
    } else if (d == 2) {
        std::size_t begin = game.polygon_start[i], end = game.polygon_start[i + 1];
        Point2 best = project_onto_polygon({goal[0], goal[1]}, &game.polygon_xy[2 * begin], end - begin);
        action[0] = best.x, action[1] = best.y;
    } else {
        Point3 best = project_onto_polytope({goal[0], goal[1], goal[2]}, polytope_of(game, i));
        action[0] = best.x, action[1] = best.y, action[2] = best.z;
    }
}

// The receiver re-summed from scratch, so that rounding drift of the incremental updates does not build up.
std::vector<double> receiver_of(const FloatGame& game, const std::vector<double>& actions) {
    std::vector<double> receiver = game.bias;
    std::size_t d = game.dimension;
    for (std::size_t i = 0; i < game.players(); ++i)
        for (std::size_t c = 0; c < d; ++c) receiver[c] += game.weights[i] * actions[i * d + c];
    return receiver;
}

double distance(const std::vector<double>& a, const std::vector<double>& b) {
    double sum = 0;
    for (std::size_t c = 0; c < a.size(); ++c) sum += (a[c] - b[c]) * (a[c] - b[c]);
    return std::sqrt(sum);
}

// Player i's best response to the receiver without it, z: the projection of (t_i − z)/w_i (Definition 3).
void best_response(const FloatGame& game, std::size_t i, const double* z, double* action) {
    const std::size_t d = game.dimension;
    const double w = game.weights[i], *t = &game.targets[i * d];
    if (!game.box_lo.empty()) {  // any d: the clamp of each coordinate
        for (std::size_t c = 0; c < d; ++c)
            action[c] = std::clamp((t[c] - z[c]) / w, game.box_lo[i * d + c], game.box_hi[i * d + c]);
        return;
    }
    double goal[3];  // d <= 3 (run_float_best_response checks)
    for (std::size_t c = 0; c < d; ++c) goal[c] = (t[c] - z[c]) / w;
    project_onto_own_set(game, i, goal, action);
}

}  // namespace

void add_float_polygon(FloatGame& game, std::vector<double> points_xy) {
    std::vector<Point2> points(points_xy.size() / 2);
    for (std::size_t k = 0; k < points.size(); ++k) points[k] = {points_xy[2 * k], points_xy[2 * k + 1]};
    std::sort(points.begin(), points.end(),
              [](Point2 a, Point2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    std::vector<Point2> hull(2 * points.size() + 1);
    std::size_t size = 0;
    for (std::size_t k = 0; k < points.size(); ++k) {
        while (size >= 2 && cross(hull[size - 2], hull[size - 1], points[k]) <= 0) --size;
        hull[size++] = points[k];
    }
    for (std::size_t k = points.size() - 1, lower = size + 1; k-- > 0;) {
        while (size >= lower && cross(hull[size - 2], hull[size - 1], points[k]) <= 0) --size;
        hull[size++] = points[k];
    }
    if (size > 1) --size;  // the last point repeats the first
    for (std::size_t k = 0; k < size; ++k) {
        game.polygon_xy.push_back(hull[k].x);
        game.polygon_xy.push_back(hull[k].y);
    }
    game.polygon_start.push_back(game.polygon_xy.size() / 2);
}

void add_float_polytope(FloatGame& game, std::vector<double> points_xyz) {
    std::vector<Point3> points(points_xyz.size() / 3);
    for (std::size_t k = 0; k < points.size(); ++k)
        points[k] = {points_xyz[3 * k], points_xyz[3 * k + 1], points_xyz[3 * k + 2]};
    auto key = [](Point3 a) { return std::tuple{a.x, a.y, a.z}; };
    std::sort(points.begin(), points.end(), [&](Point3 a, Point3 b) { return key(a) < key(b); });
    points.erase(
        std::unique(points.begin(), points.end(), [&](Point3 a, Point3 b) { return key(a) == key(b); }),
        points.end());
    if (points.empty()) throw std::invalid_argument("float dynamics: a polytope without points");
    if (points.size() > 65536)
        throw std::invalid_argument("float dynamics: more than 65,536 points in a polytope");
    double extent = 0;  // the tolerances below are relative to the set's size
    for (Point3 q : points) {
        Point3 offset = q - points[0];
        extent = std::max({extent, std::abs(offset.x), std::abs(offset.y), std::abs(offset.z)});
    }
    const std::size_t count = points.size();
    std::vector<std::uint16_t> solid_triangles, flat_triangles;
    solid_triangles.reserve(6 * count);  // 3 (2·count − 4) for a hull of triangles
    for (std::size_t a = 0; a < count; ++a)
        for (std::size_t b = a + 1; b < count; ++b)
            for (std::size_t c = b + 1; c < count; ++c) {
                Point3 normal = cross(points[b] - points[a], points[c] - points[a]);
                double length = std::sqrt(dot(normal, normal));
                if (length <= 1e-12 * extent * extent) continue;  // a, b, c on a line
                bool above = false, below = false;
                for (std::size_t q = 0; q < count && !(above && below); ++q) {
                    double side = dot(normal, points[q] - points[a]);
                    above |= side > 1e-12 * length * extent;
                    below |= side < -1e-12 * length * extent;
                }
                if (above && below) continue;  // the plane cuts the set
                std::vector<std::uint16_t>& into = above || below ? solid_triangles : flat_triangles;
                // Outward: every point behind the plane, so that a point is inside when behind all of them.
                into.insert(into.end(),
                            {std::uint16_t(a), std::uint16_t(above ? c : b), std::uint16_t(above ? b : c)});
            }
    const bool solid = !solid_triangles.empty();
    std::vector<std::uint16_t>& triangles = solid ? solid_triangles : flat_triangles;
    if (triangles.empty())  // the points on a line, or one point: segments as degenerate triangles
        for (std::size_t a = 0; a < count; ++a)
            for (std::size_t b = a + (count > 1); b < count; ++b)
                triangles.insert(triangles.end(), {std::uint16_t(a), std::uint16_t(b), std::uint16_t(b)});
    for (Point3 q : points) game.polytope_xyz.insert(game.polytope_xyz.end(), {q.x, q.y, q.z});
    game.polytope_triangles.insert(game.polytope_triangles.end(), triangles.begin(), triangles.end());
    game.polytope_start.push_back(game.polytope_xyz.size() / 3);
    game.triangle_start.push_back(game.polytope_triangles.size() / 3);
    game.polytope_solid.push_back(solid);
}

void add_float_box(FloatGame& game, const std::vector<double>& lo, const std::vector<double>& hi) {
    game.box_lo.insert(game.box_lo.end(), lo.begin(), lo.end());
    game.box_hi.insert(game.box_hi.end(), hi.begin(), hi.end());
}

FloatDynamicsResult run_float_best_response(const FloatGame& game, const FloatDynamicsOptions& options) {
    std::size_t n = game.players(), d = game.dimension;
    const bool boxes = !game.box_lo.empty();
    if (!boxes && d != 1 && d != 2 && d != 3)
        throw std::invalid_argument("float dynamics: only d = 1, 2 and 3, or boxes");
    // Truthful start: every player reports the point of its set nearest to its target.
    std::vector<double> actions(n * d);
    for (std::size_t i = 0; i < n; ++i) project_onto_own_set(game, i, &game.targets[i * d], &actions[i * d]);
    FloatDynamicsResult result;
    result.receiver = receiver_of(game, actions);
    result.error = distance(result.receiver, options.reference);
    std::vector<double> z(d);
    while (result.error >= options.tolerance && result.sweeps < options.max_sweeps) {
        for (std::size_t i = 0; i < n; ++i) {
            double w = game.weights[i];
            if (w == 0) continue;
            double* x = &actions[i * d];
            for (std::size_t c = 0; c < d; ++c) z[c] = result.receiver[c] - w * x[c];
            best_response(game, i, z.data(), x);
            for (std::size_t c = 0; c < d; ++c) result.receiver[c] = z[c] + w * x[c];
        }
        ++result.sweeps;
        result.receiver = receiver_of(game, actions);
        result.error = distance(result.receiver, options.reference);
    }
    result.converged = result.error < options.tolerance;
    return result;
}

}  // namespace bigcert
