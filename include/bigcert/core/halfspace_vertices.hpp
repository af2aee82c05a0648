// The vertex route's reading of a set given by "halfspaces" (docs/format.md) in d = 2 or 3: the vertices
// Polytope::from_halfspaces finds, in machine integers (docs/internals.md "d = 2 and 3, the vertex route").
#pragma once

#include <cstddef>
#include <vector>

#include "bigcert/core/polytope.hpp"
#include "bigcert/core/small_fraction.hpp"

namespace bigcert {

// The vertices of {y : a_h·y <= b_h for every h}, where halfspace h is normals[d·h .. d·h + d) and
// offsets[h], in Polytope::from_halfspaces's order (its vertices in order of discovery over the d-subsets of
// halfspaces, then Polytope::from_vertices's order as convex_polygon / convex_polyhedron give it), written
// to `vertices` (d coordinates each). False whenever the general path would refuse the set (unbounded,
// empty, too complex under `limits`) or describe it as not full-dimensional, and whenever a number leaves
// the exact 128-bit range (each halfspace over its common denominator, divided by the gcd of its entries,
// must have entries below 2^30; each vertex coordinate must fit a SmallFraction): the general path then
// reads the set.
bool halfspace_vertices(const std::vector<SmallFraction>& normals, const std::vector<SmallFraction>& offsets,
                        std::size_t d, const PolytopeLimits& limits, std::vector<SmallFraction>& vertices);

}  // namespace bigcert
