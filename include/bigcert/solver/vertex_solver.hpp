// The vertex route's solver (MODEL.md §3f; docs/internals.md "The vertex route"), on a VertexGame read
// straight from the text (vertex_game_loader.hpp).
//
//   VertexAnswer solve_vertex_game(const VertexGame&, unsigned threads)
// The same simplicial decomposition as the general path (simplicial_decomposition.hpp), step for step: the
// same atoms, the same master problems (minimise_over_atom_hull) and the same oracle answers (the lowest-
// indexed exact maximiser), but every player's support point located in doubles from its machine-integer
// vertices and confirmed exactly (GMP only for the near-ties the floating-point bound cannot separate), and
// every sum over the players an ExactSum of machine-integer products. Then the exact re-check (the receiver
// recomputed from the actions, every action a support point, a moved action inside its set) and the
// equilibrium set: faces at x̂*, and the count and Theorem 4's report by the general path's own code
// (describe_equilibrium_set) on an Instance of the players whose face is not a point.
// Post: what write_vertex_answer_json() writes is byte for byte write_solution_json(instance,
//       solve(instance, force_general)) on the same instance. InternalError when a check fails.
//
//   Solution vertex_solution(const Instance&, const VertexGame&, VertexAnswer)
// Pre: game = vertex_game_of(instance), answer = solve_vertex_game(game). Post: solve(instance,
//      force_general)'s Solution (losses and potential included), field for field.
#pragma once

#include "bigcert/core/instance.hpp"
#include "bigcert/core/solution.hpp"
#include "bigcert/core/vertex_game.hpp"

namespace bigcert {

VertexAnswer solve_vertex_game(const VertexGame& game, unsigned threads = 0);
Solution vertex_solution(const Instance& instance, const VertexGame& game, VertexAnswer answer,
                         unsigned threads = 0);

}  // namespace bigcert
