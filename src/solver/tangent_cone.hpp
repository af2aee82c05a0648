// Is a convex equilibrium set one point? Decided at a known point of it (docs/model.md §3c, §8.3): the set is
// {x : x_i in F_i for the free players, sum_i a_ik x_i fixed for every block k}, the others fixed, and it is
// one point iff its tangent cone at the known point is {0}. For polytopes F_i that cone is spanned by the
// directions v - x_i to the vertices v of F_i, so exact LPs over those directions decide it.
#pragma once

#include <cstddef>
#include <vector>

#include "bigcert/core/vector.hpp"

namespace bigcert {

struct FreeFace {
    const Vector* action;                 // x_i, a point of the face
    const std::vector<Vector>* vertices;  // the vertices of F_i
    std::vector<Rational> weights;        // a_ik, one per block (the receivers the player moves)
};

// True iff no non-zero (delta_i), delta_i in the tangent cone of F_i at x_i, has sum_i a_ik delta_i = 0 for
// every block k. Per free player, coordinate and sign one LP: maximise +-delta_ic over the directions'
// non-negative combinations with the block equations and sum lambda = 1.
bool equilibrium_set_is_a_point(const std::vector<FreeFace>& faces, std::size_t dimension,
                                std::size_t blocks);

}  // namespace bigcert
