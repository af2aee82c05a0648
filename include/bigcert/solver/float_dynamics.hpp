// The paper's own floating-point method (MODEL.md §2, Definition 3), kept as the benchmarks' side-by-side
// baseline: round-robin best-response dynamics in double precision. Approximate by design; nothing exact
// is ever derived from it.
//
//   FloatDynamicsResult run_float_best_response(const FloatGame&, const FloatDynamicsOptions&)
// Pre: weights, targets and action sets as doubles; d = 1 (intervals), d = 2 (convex polygons, vertices in
//      counter-clockwise order as add_float_polygon stores them), d = 3 (polytopes given by points,
//      add_float_polytope), or boxes in any d (add_float_box; the projection onto a box is the clamp of each
//      coordinate).
// Post: players update in turn, each to its best response (Euclidean projection of (t_i − z)/w_i onto X_i,
//       z the receiver without player i); after every sweep the receiver is re-summed and compared with
//       options.reference (the exact x̂* rounded to double). Stops when the Euclidean error is below
//       options.tolerance (converged) or after options.max_sweeps sweeps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bigcert {

struct FloatGame {
    std::size_t dimension = 1;
    std::vector<double> weights;  // n
    std::vector<double> targets;  // n·d, player-major
    std::vector<double> bias;     // d: w0·x0
    // d = 1: each player's interval.
    std::vector<double> lower, upper;
    // d = 2: player i's polygon is polygon_xy[2·polygon_start[i] .. 2·polygon_start[i+1]).
    std::vector<std::size_t> polygon_start{0};
    std::vector<double> polygon_xy;
    // d = 3: player i's distinct points are polytope_xyz[3·polytope_start[i] .. 3·polytope_start[i+1]);
    // triangles covering its boundary are polytope_triangles[3·triangle_start[i] .. 3·triangle_start[i+1]),
    // as indices among those points, oriented outward. polytope_solid[i] is 0 when the points lie in a plane:
    // no interior, and the triangles cover the whole set.
    std::vector<std::size_t> polytope_start{0}, triangle_start{0};
    std::vector<double> polytope_xyz;
    std::vector<std::uint16_t> polytope_triangles;
    std::vector<std::uint8_t> polytope_solid;
    // Boxes (any d, used when box_lo is not empty): player i's box is [box_lo, box_hi][i·d .. i·d + d).
    std::vector<double> box_lo, box_hi;

    std::size_t players() const { return weights.size(); }
};

// Appends the convex hull (counter-clockwise, Andrew's monotone chain in double) of points as the next
// player's polygon.
void add_float_polygon(FloatGame& game, std::vector<double> points_xy);

// Appends the polytope spanned by points_xyz (3 coordinates a point; repeats and points that are not
// vertices allowed; at most 65,536 distinct points) as the next player's set. Its boundary triangles are the
// triples of points with every point on one side of their plane (a brute force, O(p⁴) in the number of
// points p, in double with a relative tolerance: meant for the bench's small polytopes).
void add_float_polytope(FloatGame& game, std::vector<double> points_xyz);

// Appends lo and hi (d coordinates each) as the next player's box.
void add_float_box(FloatGame& game, const std::vector<double>& lo, const std::vector<double>& hi);

struct FloatDynamicsOptions {
    std::vector<double> reference;  // the exact receiver, rounded
    double tolerance = 1e-9;
    std::size_t max_sweeps = 1000;
};

struct FloatDynamicsResult {
    std::vector<double> receiver;
    std::size_t sweeps = 0;
    double error = 0;  // Euclidean distance to options.reference after the last sweep
    bool converged = false;
};

FloatDynamicsResult run_float_best_response(const FloatGame& game, const FloatDynamicsOptions& options);

}  // namespace bigcert
