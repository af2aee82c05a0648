// Exact algebraic answers for small curved games (certify layer): every coordinate of x̂* and of the
// actions exact, as FORMAT.md prescribes: the rational itself when the value is rational, else the root form
// (a defining integer polynomial p and an isolating interval, the certified enclosure).
//
// How each claim is shown (nothing rests on a model, a guess or floating point):
//   1. Candidates: for each coordinate a small integer polynomial with exactly one root in the certified
//      enclosure, guessed by lattice reduction from the enclosure's midpoint (integer_relation.hpp), or, on
//      the fallback route, taken from a Z3 (nlsat) model of the equilibrium set (Z3's root objects).
//   2. Receiver, in-house route (support_elimination.hpp, proves_equilibrium_receiver; every player curved):
//      the candidate receiver r̃ is substituted into the fixed-point equations r = w0·x0 + Σ w_i x_i(r),
//      x_i(r) the support point towards t_i, and they are shown to hold exactly (characteristic polynomial
//      over the quotient algebra plus rational interval arithmetic). Then the support points at r̃ are an
//      equilibrium and r̃ = x̂* (MODEL.md §3a-b). No Z3.
//   2'. Receiver, fallback route (a polytope player pinned to a vertex, or the exact check failing): the
//      system S holds at every equilibrium (B: the certified receiver enclosure, not asserted as it slows
//      nlsat): a curved player with t_i outside B has x_i on the boundary and u_i = w_i (t_i - x̂) parallel to
//      M(x_i - c) with positive product (KKT: u_i != 0 forces nu_i > 0); a polytope player whose enclosure is
//      a point equals that vertex. Z3 proves S ∧ p(r_j) ≠ 0 unsat per coordinate (the `z3` binary, -T).
//      Measured: quick for two discs; on three discs neither the model nor these proofs finished in 60 s.
//   3. Actions of curved players, once every receiver coordinate is proven: exact elimination from the proven
//      receiver polynomials (support_elimination.hpp, a polynomial G with G(x_ij) = 0); no Z3. (The
//      per-coordinate Z3 query of 2' is the fallback; it timed out on disc-two.)
//   4. Sturm's theorem in exact rationals (root_form.hpp): the proven polynomial has exactly one root in the
//      certified enclosure, so the coordinate is that root. A rational root is recognised exactly (the
//      simplest rational in the enclosure, or a linear candidate, substituted exactly) and printed as a
//      rational; otherwise the printed polynomial is gcd(proven, candidate) when it keeps the root, else the
//      proven square-free part.
//   5. Substitution (algebraic_substitution.hpp): the printed numbers are substituted into the equilibrium
//      conditions in Z3's algebraic number package (exact arithmetic, not a search), a second, independent
//      check. A failure there contradicts steps 1-4, so nothing exact is printed; when it cannot run, the
//      note says so.
// Any step that fails or answers unknown leaves that coordinate in interval form, and the note says why.
// Limits: receiver candidates up to degree 8, and the in-house checks up to dimension 64 of the quotient
// algebra (Π deg p_j, times 2^n for the receiver check); beyond that the Z3 route or interval form.
#pragma once

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/core/solution.hpp"

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
