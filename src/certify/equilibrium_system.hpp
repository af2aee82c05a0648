// The equilibrium set of a squared-loss instance as SMT-LIB2 assertions (MODEL.md §3b-c), shared by `check`,
// `certify` (the enclosure claim) and the algebraic answers. x is a NE iff, with r = w0·x0 + Σ_i w_i x_i and
// u_i = w_i (t_i - r), every x_i maximises u_i·y over X_i; the KKT conditions of that maximisation are
// necessary and sufficient (X_i convex, linear objective):
//   interval / polytope:  x_i ∈ X_i, u_i = Σ_f λ_f a_f + Σ_e μ_e e_e, λ_f >= 0, λ_f = 0 or a_f·x_i = b_f
//   (linear) ball / ellipsoid:     x_i ∈ X_i, u_i = ν_i M (x_i - c), ν_i >= 0, ν_i = 0 or x_i on the boundary
//   (nonlinear)
// Internal to the certification layer.
#pragma once

#include <string>
#include <vector>

#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/instance.hpp"

namespace bigcert {

// The variable names of one copy of the equilibrium set (suffix `copy`, so two equilibria fit in one query).
struct EquilibriumCopy {
    std::string copy;
    std::vector<std::vector<std::string>> x;  // x[i][j]
    std::vector<std::string> r;               // the receiver
};

// "QF_NRA" when some set is curved, else "QF_LRA".
std::string equilibrium_logic(const Instance& instance);

// Declares the copy's variables and asserts its membership in the equilibrium set.
// Pre: squared loss; interval, polytope or curved sets (UnsupportedError naming the set otherwise).
EquilibriumCopy add_equilibrium(SmtQuery& q, const Instance& instance, const std::string& copy);

// Player i's part of the description for given variable names: x ∈ X_i and the KKT conditions of
// max_{y in X_i} u·y (u: SMT terms, e.g. constants or w_i (t_i - r)); the multipliers are declared here,
// named after `tag`. Pre: x declared.
void add_player_kkt(SmtQuery& q, const Instance& instance, std::size_t i, const std::vector<std::string>& x,
                    const std::vector<std::string>& u, const std::string& tag);

// x_i in the topological interior of X_i (strict facets or the strict quadratic; "false" for a set with an
// equation, whose interior is empty).
std::string smt_interior(const Instance& instance, std::size_t i, const std::vector<std::string>& x);

// (or (not (= a_0 b_0)) ...)
std::string smt_differs(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace bigcert
