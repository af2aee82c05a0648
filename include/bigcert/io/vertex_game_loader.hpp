// Reading a game on polygons or polyhedra straight into a VertexGame (docs/internals.md "The vertex route"):
// every number parsed from its text into a SmallFraction and every set's hull built in 128-bit integers, so
// that 10^6 players on their own 8-gons or octahedra cost no GMP number.
//
// Accepts a subset of what load_instance_*() accepts (instance_loader.hpp) and reads it with the same
// meaning: dimension 2 or 3, the squared loss, "vertices" action sets (per player and/or common) whose hull
// is full-dimensional, numbers with at most 18 digits per digit run (integers, plain decimals, fractions).
// For anything else, including every input that load_instance_*() rejects, it returns nothing and the caller
// uses load_instance_*(), which then reads the instance or reports the error; so the fast route never
// changes what is accepted or how errors read.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bigcert/core/vertex_game.hpp"
#include "bigcert/io/instance_loader.hpp"

namespace bigcert {

std::optional<VertexGame> load_vertex_game_text(std::string_view json, const LoadLimits& limits = {});
std::optional<VertexGame> load_vertex_game_file(const std::string& path, const LoadLimits& limits = {});

}  // namespace bigcert
