// Certifying many players at once (docs/model.md, "Certifying at scale"). Player i's variational claim
//   there is no y in X_i with g_i·(y - x_i) < 0,  g_i = 2 w_i (x̂ - t_i)
// depends on g_i only through its ray: with g_i = c d and c > 0 it reads "no y in X_i with d·y < d·x_i".
// So players with the same set, the same action and the same ray make one claim (a ClaimClass, with d the
// ray's primitive integer vector), and claims of different classes, over disjoint variables, are asked in
// one query as a disjunction: unsat iff every member claim is unsat. Internal to the certification layer.
#pragma once

#include <cstddef>
#include <vector>

#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/instance.hpp"
#include "certify/cone_facts.hpp"

namespace bigcert {

// The primitive integer vector d of g's ray (coprime integer entries) and c > 0 with g = c d, exactly; d = 0
// and c = 0 when g = 0. Throws InternalError if the identity fails (checked in exact arithmetic).
struct Ray {
    Vector direction;
    Rational scale;
};
Ray ray_of(const Vector& g);

struct ClaimClass {
    std::size_t set = 0;  // index into Instance::action_sets
    Vector action;
    Vector direction;
    std::vector<std::size_t>
        players;  // ascending; every member has g_i = c_i direction with c_i > 0 (or g_i = 0)
};

// Classes of the given players (ascending), in the order of their first member. `gradients[i]` is g_i.
std::vector<ClaimClass> claim_classes(const Instance& instance, const std::vector<std::size_t>& players,
                                      const std::vector<Vector>& actions,
                                      const std::vector<Vector>& gradients);

// One QF_LRA query: "some member of `members` has an improving y", a disjunction over disjoint variables
// y<m>_<j>. Polytope or interval sets only. Expected unsat.
SmtQuery claim_group_query(const Instance& instance, const std::vector<const ClaimClass*>& members,
                           std::size_t group);

// The same claims as variable-free cone facts (cone_facts.hpp): `facts[m]` is member m's smt_cone_fact for
// u = -xden g of its first player (x minimises g·y), written over the receiver's terms (receiver_terms),
// which the query defines once. One query "some member's fact is false", expected unsat; no simplex over the
// ray's digits (docs/model.md §3i).
SmtQuery claim_cone_query(const std::vector<std::string>& facts, const Vector& receiver, std::size_t group);

// The names define_receiver gives the receiver's terms in every query.
ReceiverTerms receiver_terms(std::size_t dimension);

}  // namespace bigcert
