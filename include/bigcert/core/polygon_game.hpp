// A game on convex polygons (d = 2, the squared loss) held in machine integers: the polygon route's model
// (docs/internals.md "The polygon route"). The same game as an Instance whose every set is a full-dimensional
// polygon given by "vertices" (MODEL.md §3f), but every number a SmallFraction and the players stored
// column-wise, so that 10^6 players on their own 8-gons cost a few flat arrays (about 400 bytes a player)
// instead of ~40 heap-allocated GMP rationals each. Exists only when every number fits; otherwise the
// Instance and the GMP path are used (the loader says so by returning nothing).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/core/small_fraction.hpp"
#include "bigcert/core/solution.hpp"

namespace bigcert {

struct PolygonGame {
    std::string name;
    std::array<SmallFraction, 2> bias{};  // w0·x0
    // Player i: target (targets[2i], targets[2i+1]), weight, w_i·t_i (the lifted coordinate's factors,
    // MODEL.md §3f), and its set.
    std::vector<SmallFraction> targets, weights, weighted_targets;
    std::vector<std::uint32_t> set_of_player;
    // Set k's vertices are vertex_of[first_vertex[k] .. first_vertex[k + 1]), two coordinates each, in
    // Polytope::from_vertices's order (counter-clockwise from the lexicographically smallest), so that
    // vertex indices, ties and faces are those of the general path. Instance::action_sets' order: the
    // common set first, then one per player that has its own.
    std::vector<std::uint32_t> first_vertex;
    std::vector<SmallFraction> vertices;  // x, y of every vertex of every set
    // The same as floats, for floating-point filters only (every SmallFraction is a normal float, so the
    // relative error is at most 2^-24 after the double's own; half the memory of doubles at 10^6 8-gons).
    std::vector<float> vertices_approx;
    std::vector<std::string> names;  // empty when no player has a name

    std::size_t size() const { return weights.size(); }
    std::uint32_t vertex_count(std::size_t player) const {
        std::uint32_t set = set_of_player[player];
        return first_vertex[set + 1] - first_vertex[set];
    }
    // Global index of the player's k-th vertex (into vertices / 2).
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

// The instance as a PolygonGame: nothing when it is not d = 2 with the squared loss and every set a
// full-dimensional polytope, or a number (or a product w_i·t_i, w0·x0) does not fit a SmallFraction. The
// vertices are the Polytope's, in its order.
std::optional<PolygonGame> polygon_game_of(const Instance& instance);

// The method the general path names (the polygon route runs the same simplicial decomposition).
inline constexpr const char* polygon_method = "simplicial-decomposition";

// The polygon route's answer, byte for byte what the general path prints (solution_writer.hpp).
struct PolygonAnswer {
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
