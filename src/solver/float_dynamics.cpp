// Benchmark baseline: the paper's round-robin best-response dynamics in double precision (Definition 3).
#include "bigcert/solver/float_dynamics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

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
    double w = game.weights[i];
    const double* t = &game.targets[i * game.dimension];
    if (!game.box_lo.empty()) {
        const std::size_t d = game.dimension;
        for (std::size_t c = 0; c < d; ++c)
            action[c] = std::clamp((t[c] - z[c]) / w, game.box_lo[i * d + c], game.box_hi[i * d + c]);
        return;
    }
    if (game.dimension == 1) {
        action[0] = std::clamp((t[0] - z[0]) / w, game.lower[i], game.upper[i]);
        return;
    }
    std::size_t begin = game.polygon_start[i], end = game.polygon_start[i + 1];
    Point2 goal{(t[0] - z[0]) / w, (t[1] - z[1]) / w};
    Point2 best = project_onto_polygon(goal, &game.polygon_xy[2 * begin], end - begin);
    action[0] = best.x, action[1] = best.y;
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

void add_float_box(FloatGame& game, const std::vector<double>& lo, const std::vector<double>& hi) {
    game.box_lo.insert(game.box_lo.end(), lo.begin(), lo.end());
    game.box_hi.insert(game.box_hi.end(), hi.begin(), hi.end());
}

FloatDynamicsResult run_float_best_response(const FloatGame& game, const FloatDynamicsOptions& options) {
    std::size_t n = game.players(), d = game.dimension;
    const bool boxes = !game.box_lo.empty();
    if (!boxes && d != 1 && d != 2)
        throw std::invalid_argument("float dynamics: only d = 1 and d = 2, or boxes");
    // Truthful start: every player reports the point of its set nearest to its target.
    std::vector<double> actions(n * d), no_player(d, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        if (boxes) {
            for (std::size_t c = 0; c < d; ++c)
                actions[i * d + c] =
                    std::clamp(game.targets[i * d + c], game.box_lo[i * d + c], game.box_hi[i * d + c]);
        } else if (d == 1) {
            actions[i] = std::clamp(game.targets[i], game.lower[i], game.upper[i]);
        } else {
            std::size_t begin = game.polygon_start[i];
            Point2 p = project_onto_polygon({game.targets[2 * i], game.targets[2 * i + 1]},
                                            &game.polygon_xy[2 * begin], game.polygon_start[i + 1] - begin);
            actions[2 * i] = p.x, actions[2 * i + 1] = p.y;
        }
    }
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
