// A game on convex polytopes given by their vertices (d = 2 polygons or d = 3 polyhedra, the squared loss)
// held in machine integers: the vertex route's model (docs/internals.md "The vertex route"). The same game as
// an Instance whose every set is a full-dimensional polytope given by "vertices" (MODEL.md §3f), but every
// number a SmallFraction and the players stored column-wise, so that 10^6 players on their own 8-gons cost
// a few flat arrays (about 400 bytes a player) instead of ~40 heap-allocated GMP rationals each, and an
// octahedron per player about 500 bytes instead of 9 KB. Exists only when every number fits; otherwise the
// Instance and the GMP path are used (the loader says so by returning nothing).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/core/polytope.hpp"
#include "bigcert/core/small_fraction.hpp"
#include "bigcert/core/solution.hpp"

namespace bigcert {

// The dimensions the route takes: polygons and polyhedra (the 128-bit hull tests are written for these).
inline constexpr std::size_t max_vertex_game_dimension = 3;

struct VertexGame {
    std::string name;
    std::size_t dimension = 2;  // d, 2 or 3: every point below has d coordinates
    std::array<SmallFraction, max_vertex_game_dimension> bias{};  // w0·x0
    // Player i: target (targets[d·i .. d·i + d)), weight, w_i·t_i (the lifted coordinate's factors,
    // MODEL.md §3f), and its set.
    std::vector<SmallFraction> targets, weights, weighted_targets;
    std::vector<std::uint32_t> set_of_player;
    // Set k's vertices are vertices[d·first_vertex[k] .. d·first_vertex[k + 1]), in Polytope::from_vertices's
    // order (d = 2: counter-clockwise from the lexicographically smallest; d = 3: the order of first
    // appearance in the input), so that vertex indices, ties and faces are those of the general path.
    // Instance::action_sets' order: the common set first, then one per player that has its own.
    std::vector<std::uint32_t> first_vertex;
    std::vector<SmallFraction> vertices;  // the d coordinates of every vertex of every set
    // The same as floats, for floating-point filters only (every SmallFraction is a normal float, so the
    // relative error is at most 2^-24 after the double's own; half the memory of doubles at 10^6 8-gons).
    std::vector<float> vertices_approx;
    std::vector<std::string> names;  // empty when no player has a name

    std::size_t size() const { return weights.size(); }
    std::uint32_t vertex_count(std::size_t player) const {
        std::uint32_t set = set_of_player[player];
        return first_vertex[set + 1] - first_vertex[set];
    }
    // Global index of the player's k-th vertex (into vertices / d).
    std::uint32_t vertex_index(std::size_t player, std::uint32_t k) const {
        return first_vertex[set_of_player[player]] + k;
    }
    // Instance::numbered_label: "0 (left)", "1".
    std::string numbered_label(std::size_t player) const;
};

// The vertices of the convex hull of `points` (x, y pairs; repeats and non-extreme points allowed), in
// Polytope::from_vertices's order, replacing `points`. False when the hull is not full-dimensional (the
// general path then describes the segment or point) or a coordinate leaves the range the exact 128-bit
// orientation test needs (each polygon's coordinates over their common denominator below 2^61).
bool convex_polygon(std::vector<SmallFraction>& points);

// The vertices of the convex hull of `points` (x, y, z triples; repeats and non-extreme points allowed), in
// Polytope::from_vertices's order (first appearance), replacing `points`. False when the hull is not
// full-dimensional, a coordinate leaves the range of the exact 128-bit side tests (each polyhedron's
// coordinates over their common denominator below 2^40), there are more than 64 distinct points, or the
// general path would refuse the set as too complex under `limits` (so the route never accepts more).
bool convex_polyhedron(std::vector<SmallFraction>& points, const PolytopeLimits& limits);

// The instance as a VertexGame: nothing when it is not d = 2 or 3 with the squared loss and every set a
// full-dimensional polytope, or a number (or a product w_i·t_i, w0·x0) does not fit a SmallFraction. The
// vertices are the Polytope's, in its order.
std::optional<VertexGame> vertex_game_of(const Instance& instance);

// The method the general path names (the vertex route runs the same simplicial decomposition).
inline constexpr const char* vertex_method = "simplicial-decomposition";

// The vertex route's answer, byte for byte what the general path prints (solution_writer.hpp).
struct VertexAnswer {
    // Player i's printed action: vertex action_vertex[i] (a global vertex index), unless it is listed in
    // moved_actions (a convex combination of atoms' vertices, exact), by player.
    std::vector<std::uint32_t> action_vertex;
    std::vector<std::pair<std::size_t, Vector>> moved_actions;
    Vector receiver;
    Rational potential;
    std::vector<std::pair<std::size_t, std::vector<Vector>>> faces;  // every face with > 1 vertex, by player
    EquilibriumCount count = EquilibriumCount::one;
    ExaggerationReport exaggeration;
};

}  // namespace bigcert
