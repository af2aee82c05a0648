// Exact algebraic answers for small curved games (issue 6; certify layer): every coordinate of x̂* and of the
// actions in FORMAT.md's root form, a defining integer polynomial p and an isolating interval.
//
// How each claim is shown (nothing rests on Z3's model or on floating point):
//   1. The system S, with B the certified receiver enclosure (B itself is not asserted: it slows nlsat), per
//   player
//        ball/ellipsoid with t_i ∉ B:  x_i on the boundary, u_i parallel to M(x_i - c) with u_i·M(x_i - c) >
//        0
//                                      (the KKT conditions once ν_i > 0, which u_i = w_i (t_i - x̂) ≠ 0
//                                      forces),
//        polytope whose enclosure is a point:  x_i equal to that vertex (the enclosure proves it),
//      so every equilibrium satisfies S (solve_curved's exact enclosure argument). Other games are not
//      handled.
//   2. Z3 (nlsat) finds a model of S; its algebraic values name candidate polynomials p (Z3's root objects).
//   3. For each coordinate v: Z3 proves S ∧ p(v) ≠ 0 unsat (every equilibrium's v is a root of p).
//   4. bigcert checks with Sturm's theorem in exact rationals that p has exactly one root in v's enclosure,
//      which is certified to contain v. Then v is that root: the enclosure is the isolating interval.
// Any step that fails or answers unknown leaves that coordinate in interval form, and the note says why.
#pragma once

#include "bigcert/instance.hpp"
#include "bigcert/proof_log.hpp"
#include "bigcert/solution.hpp"

namespace bigcert {

struct AlgebraicOptions {
    std::size_t max_players = 3;  // the degree of the defining polynomials grows fast with n
    double timeout_seconds = 10;  // per Z3 query (the proofs run in the `z3` binary, whose -T is enforced)
    unsigned rlimit =
        20'000'000;  // per query; Z3 4.8.12's nlsat does not always honour the wall-clock timeout
};

// Pre: `solution` came from solve() on `instance`. Fills solution.receiver_roots, action_roots and
// algebraic_note; records every Z3 query in `log`.
void add_algebraic_answers(const Instance& instance, Solution& solution, ProofLog& log,
                           const AlgebraicOptions& options = {});

}  // namespace bigcert
