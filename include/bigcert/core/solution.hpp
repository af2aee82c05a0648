// What the solver reports (FORMAT.md "Solution"): one equilibrium, the whole equilibrium set, and the
// exaggeration report of Theorem 4. Everything here has passed bigcert's exact re-check.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bigcert/core/enclosure.hpp"
#include "bigcert/core/vector.hpp"

namespace bigcert {

enum class EquilibriumCount { one, infinite };

// Theorem 4 on this instance, over every equilibrium (not only the one printed).
struct ExaggerationReport {
    std::vector<std::size_t> interior;  // players in the interior of their set, at the printed equilibrium
    std::vector<std::size_t>
        relative_interior;                   // the same for the relative interior (lower-dimensional sets)
    std::vector<std::size_t> ever_interior;  // players in the interior at some equilibrium (all of them)
    bool premise_met = true;                 // targets pairwise distinct and all weights non-zero
    std::string premise_detail;              // why not, when not met
    bool at_most_one_interior = true;        // at every equilibrium
    bool interior_player_at_target = true;   // every player interior somewhere has x̂* = t_i
};

struct Solution {
    // One equilibrium (exact) and its consequences.
    std::vector<Vector> actions;
    Vector receiver;
    std::vector<Rational> losses;
    Rational potential;

    // The equilibrium set (MODEL.md §3c): x_i in F_i for every i and the receiver equal to x̂*.
    // face_vertices[i] lists the vertices of F_i; empty means F_i is the single point actions[i].
    std::vector<std::vector<Vector>> face_vertices;
    EquilibriumCount count = EquilibriumCount::one;

    ExaggerationReport exaggeration;
    std::string method;  // which exact method found x̂*

    // Finite action spaces (paper §5.2): actions[i] is then the sum of player i's chosen items, the items
    // themselves are in chosen_items[i], and exact_count is the exact number of pure equilibria (decimal).
    // Both are empty for convex action sets.
    std::vector<std::vector<Vector>> chosen_items;
    std::string exact_count;
    // Curved sets (MODEL.md §3g): the exact coordinates are irrational, so when `enclosed` is true every
    // action, the receiver, the losses and the potential are given by rational enclosures proven to contain
    // the exact values (curved_solver.hpp states the argument, recorded in enclosure_proof); actions and
    // receiver then hold the midpoints, which are approximations only.
    bool enclosed = false;
    std::vector<std::vector<Enclosure>> action_enclosures;
    std::vector<Enclosure> receiver_enclosure, loss_enclosures;
    Enclosure potential_enclosure;
    unsigned precision = 0;  // every enclosure has width <= 2^-precision (losses/potential: see writer)
    std::string enclosure_proof;
    // Exact algebraic answers (FORMAT.md root form; `solve --algebraic`, certify layer): the defining integer
    // polynomial of a coordinate, as text in x, whose only root in that coordinate's enclosure is the exact
    // value (proven as algebraic_answer.hpp says; Sturm's theorem counts one root in the enclosure). Empty
    // text: no root form (a coordinate proven rational has its enclosure set to that point instead). Sized
    // like the enclosures when computed.
    std::vector<std::string> receiver_roots;
    std::vector<std::vector<std::string>> action_roots;
    std::string algebraic_note;
    // Replaces the default wording of equilibria.description (the variants' sets are described differently).
    std::string set_description;
};

}  // namespace bigcert
