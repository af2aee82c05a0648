// `bigcert check --method structure` (docs/model.md "Checking every equilibrium from the certified
// structure"): with the solver's profile x*, receiver x̂* and g_i = w_i (t_i - x̂*),
//     Φ(x) - Φ(x*) = |x̂(x) - x̂*|² - 2 Σ_i g_i·(x_i - x*_i)          (proofs/general/identity-*.smt2)
// so once every x*_i is shown to maximise g_i over X_i (player_faces.hpp), the equilibria are exactly
// {x : x_i ∈ F_i for all i, Σ_i w_i x_i = Σ_i w_i x*_i}, F_i = argmax_{X_i} g_i·y. Then
//   receiver-unique holds (no further query);
//   count: "one" when every F_i is a point, else one reduced QF_LRA query over the players S whose face is
//   not
//          a point (everyone else fixed): an equilibrium other than x* (sat: infinitely many, the model
//          re-checked exactly; unsat: one);
//   exaggeration: a player is interior somewhere only if its face meets the interior of its set (g_i = 0 and
//          X_i full-dimensional); the reduced query over S asks for two interior players or an interior
//          player whose target is not x̂*.
// A zero-weight player whose face is not a point moves without changing the receiver: such witnesses are
// built directly and checked exactly. Any fact not shown leaves the dependent properties "unknown".
// Internal to the certification layer.
#pragma once

#include <string>
#include <vector>

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/properties.hpp"
#include "bigcert/core/instance.hpp"

namespace bigcert {

// Verdicts for the requested properties among exaggeration, receiver-unique and count (others are ignored),
// in request order, with method "structure"; the exaggeration premise is left to the caller.
// Pre: squared loss, interval or polytope sets.
std::vector<PropertyVerdict> check_by_structure(const Instance& instance,
                                                const std::vector<std::string>& properties, ProofLog& log,
                                                const CheckOptions& options);

}  // namespace bigcert
