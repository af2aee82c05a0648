// A polytope claim "x maximises u over X" as a ground fact (docs/model.md §3i, "Cone facts"). With
// X = {y : a_k·y <= b_k, e·y = f} (the H-description every query writes, an interval as y <= hi, -y <= -lo),
// x maximises u over X iff u lies in the normal cone of X at x:
//     x in X,  u = Σ_{k in P} λ_k a_k + Σ_e μ_e e  with every λ_k > 0 and a_k·x = b_k for k in P,
// because for y in X, u·(x - y) = Σ_{k in P} λ_k (b_k - a_k·y) >= 0 (weak duality). The same sum shows the
// face: {y in X : u·y >= u·x} = {y in X : a_k·y = b_k for k in P}. The multipliers are found and checked in
// exact arithmetic; the fact itself has no variables, so Z3 (and the stock binary on replay) decides it by
// evaluating numerals, however many digits u has — no simplex over huge coefficients. Internal to the
// certification layer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bigcert/certify/multiplier_certificate.hpp"
#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/action_set.hpp"

namespace bigcert {

// Multipliers showing that x maximises u over a polytope or interval set, checked exactly; nullopt when there
// are none (x does not maximise u) or the set is curved or finite.
std::optional<Multipliers> cone_multipliers(const ActionSet& set, const Vector& x, const Vector& u);

// P: the facets with a positive multiplier (the face is X ∩ {a_k·y = b_k : k in P}).
std::vector<std::size_t> active_facets(const Multipliers& m);

// The certificate as a variable-free SMT-LIB formula, true iff it is valid: x in X, a_k·x = b_k and λ_k > 0
// for k in P, and u = Σ_{k in P} λ_k a_k + Σ_e μ_e e, coordinate by coordinate. `u` holds u's coordinates as
// ground terms (numerals, or expressions over names the query defines); they are bound once by `let`. When P
// has one facet, or two in the plane, and X has no equation, λ is written as its Cramer expression in u
// (small coefficients from the set: λ is the unique solution), so no numeral of λ's digits appears; else as
// numerals from `m`.
std::string smt_cone_fact(const Multipliers& m, const Vector& x, const std::vector<std::string>& u);

// The receiver x̂ written with integers, x̂ = xnum / xden (xden > 0 the common denominator), defined once in
// a query: facts over u = xden·c (t - x̂) = c (t xden - xnum) then do integer-sized arithmetic instead of
// normalising fractions with hundreds of digits in their denominators (measured: the gcds dominated).
struct ReceiverTerms {
    std::vector<std::string> numerators;
    std::string denominator;
};
ReceiverTerms define_receiver(SmtQuery& q, const Vector& receiver);

// u = c (t xden - xnum), a positive multiple (xden > 0) of c (t - x̂): exactly, and as terms.
Vector scaled_offset(const Rational& c, const Vector& t, const Vector& receiver);
std::vector<std::string> smt_scaled_offset(const Rational& c, const Vector& t, const ReceiverTerms& r);

// When the active normals span R^d in a shape written here (d = 1, or d = 2 with two active facets), a
// variable-free formula true iff they do (a non-zero normal, a non-zero determinant): the equations
// a_k·y = b_k, k in P, then have one solution, so with the cone fact the face is the single point x. nullopt
// otherwise (the face is then asked by a query).
std::optional<std::string> smt_pins_point(const Multipliers& m, std::size_t dimension);

// A direction whose coordinates are short (at most 40 digits in numerator and denominator, e.g. the ray ±1 of
// every 1-D claim) is cheaper written as numerals than over the receiver: the fact's u is then the direction.
bool is_short(const Vector& u);
std::vector<std::string> smt_numerals(const Vector& u);

// "y lies on the face": a_k·y >= b_k for every k in P (with y in X, equality).
std::vector<std::string> smt_on_face(const Multipliers& m, const std::vector<std::string>& y);

}  // namespace bigcert
