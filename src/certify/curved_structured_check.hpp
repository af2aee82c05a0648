// `bigcert check --method structure` on ball and ellipsoid sets (docs/model.md §3a′, "Curved sets").
// The identity Φ(x) - Φ(x*) = |x̂(x) - x̂*|² - 2 Σ_i g_i·(x_i - x*_i), g_i = w_i (t_i - x̂*), holds for any
// profiles; at an equilibrium x* every x*_i maximises g_i over X_i (§3b), so every equilibrium x has
// x̂(x) = x̂* and x_i ∈ F_i = argmax_{X_i} g_i·y. On curved sets x* is irrational, so it is not written down;
// instead certify's small per-player steps (enclosure_steps.hpp) prove that x̂* lies in the solver's receiver
// box B, and then, per player, exactly:
//   w_i = 0                 F_i = X_i (the player moves freely, the receiver does not change);
//   w_i != 0, t_i ∉ B       g_i != 0: a ball or ellipsoid is strictly convex, F_i is one point; a polytope
//                           player's F_i is a point when its action box (step 3) is a point;
//   w_i != 0, B = {t_i}     g_i = 0, F_i = X_i (the pinned player; the solver separates all but one player,
//                           so there is at most one, and the receiver equation fixes it);
//   otherwise               not decided (the properties that need it are "unknown").
// Internal to the certification layer.
#pragma once

#include <string>
#include <vector>

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/properties.hpp"
#include "bigcert/core/instance.hpp"

namespace bigcert {

// Verdicts for the requested properties among exaggeration, receiver-unique and count (others are ignored),
// in request order, with method "structure". Pre: squared loss, at least one curved set, no finite set.
std::vector<PropertyVerdict> check_curved_by_structure(const Instance& instance,
                                                       const std::vector<std::string>& properties,
                                                       ProofLog& log, const CheckOptions& options);

}  // namespace bigcert
