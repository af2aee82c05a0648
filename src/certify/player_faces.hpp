// Steps (a) and (c) of the structured check (docs/model.md "Checking every equilibrium from the certified
// structure"): for the solver's profile x* with receiver x̂* and g_i = w_i (t_i - x̂*), Z3 shows per player
//   optimal:        no y in X_i with g_i·y > g_i·x*_i                    (x*_i maximises g_i, certify's
//   query) single point:   no y in X_i with g_i·y >= g_i·x*_i and y != x*_i     (F_i = {x*_i}; implies
//   optimal)
//                   or such a y exists (sat: F_i has a second point)
//   interior:       whether F_i = {y in X_i : g_i·y >= g_i·x*_i} meets the interior of X_i.
// Players whose claims are the same query are asked once: same set, the same direction of g_i up to a
// positive rational factor (checked exactly) and, when g_i != 0, the same action. Which answer to expect is
// computed exactly first (support faces of the set); the claims are then asked in batches, one SMT-LIB file
// per batch (the blocks of an "expected unsat" batch are joined by `or`, those of an "expected sat" batch by
// `and`, each block over its own variables), and a batch that does not give the expected answer is asked
// again block by block. Internal to the certification layer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bigcert/certify/multiplier_certificate.hpp"
#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/properties.hpp"
#include "bigcert/core/instance.hpp"

namespace bigcert {

// One distinct claim, shared by every player in its group.
struct FaceClaim {
    std::size_t representative = 0;  // a player of the group (its set and, for direction != 0, its action)
    Vector direction;                // g_i scaled so that its first non-zero coordinate is +-1 (0: g_i = 0)
    Vector point;                    // the representative's action
    std::vector<Vector> face;        // vertices of F_i (exact prediction; for direction 0, all of X_i)
    bool optimal = false;            // shown: the action maximises the direction over X_i
    std::optional<bool> single_point, meets_interior;  // shown by a query or an exact argument
    Vector interior_point;                             // a point of F_i in the interior, when it meets it
    // Exact multipliers showing that `point` maximises `direction` (cone_facts.hpp), when they exist and
    // options.cone_facts: optimality is then the variable-free cone fact, and F_i = {y in X_i : a_k·y >= b_k,
    // k in P} with small numbers in place of the direction's digits.
    std::optional<Multipliers> cone;
    // The cone fact also says that the active normals span R^d (smt_pins_point): F_i is the point x*_i.
    std::optional<std::string> pins_point;
    std::string problem;  // why a fact is not shown
};

struct PlayerFaces {
    std::vector<std::size_t> claim_of;  // per player
    std::vector<FaceClaim> claims;
    std::size_t queries = 0, files = 0;
};

// Pre: squared loss, interval or polytope sets, `actions` in the sets, receiver = instance.receiver(actions).
PlayerFaces establish_player_faces(const Instance& instance, const std::vector<Vector>& actions,
                                   const Vector& receiver, ProofLog& log, const CheckOptions& options);

// F_i's description beside y in X_i, over the variables y: the active facets when the claim has a cone,
// else direction·y >= direction·point (nothing for direction 0).
std::vector<std::string> smt_face(const FaceClaim& claim, const std::vector<std::string>& y);

// A point of F_i other than `x` (a vertex of the predicted face), when the face is shown not to be a point.
std::optional<Vector> other_face_point(const FaceClaim& claim, const Vector& x);

}  // namespace bigcert
