// A support-point coordinate's defining polynomial, eliminated exactly from the receiver's (curved sets,
// `solve --algebraic`): an action's root form then rests on the receiver's proof and exact arithmetic alone.
//
// The mathematics. At an equilibrium a curved player with g = w·(t - x̂*) != 0 plays the support point
// x = c + M⁻¹g / sqrt(gᵀM⁻¹g) (MODEL.md §3g; M⁻¹ = r²·I for a ball), so z = x_j satisfies
//     F(z, x̂*) = (z - c_j)²·Q(x̂*) - H(x̂*)² = 0,   Q(r) = (t - r)ᵀM⁻¹(t - r),  H(r) = (M⁻¹(t - r))_j
// (w² cancels). Let A = Q[r_0..r_{d-1}] / (p_0(r_0), ..., p_{d-1}(r_{d-1})) with p_j(x̂*_j) = 0. Sending r to
// x̂* is a ring map A → R that takes F(z*, r) to 0, so F(z*, r) is not a unit of A and the determinant of
// multiplication by it on A is 0. Hence z* is a root of G(z) = P((z - c_j)²), P(y) = det(y·[Q] - [H²]), a
// polynomial of degree <= dim A = Π deg p_j, found exactly by interpolation at dim A + 1 points.
#pragma once

#include <optional>

#include "bigcert/core/curved_set.hpp"
#include "bigcert/core/enclosure.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/core/polynomial.hpp"

namespace bigcert {

// G above for coordinate j of `set`'s support point towards `target`, given polynomials `receiver` (one per
// coordinate, degree >= 1) with x̂* among their roots. Nothing when dim A > max_dimension (the cost grows like
// (dim A)^4). G may be the zero polynomial (no information), which the caller must reject.
std::optional<IntegerPolynomial> support_coordinate_polynomial(const CurvedSet& set, const Vector& target,
                                                               const std::vector<IntegerPolynomial>& receiver,
                                                               std::size_t j, std::size_t max_dimension = 64);

// The receiver itself, for games where every player is curved (no single points): an exact proof that the
// point r̃, r̃_j = the only root of receiver[j] in boxes[j], is the equilibrium receiver x̂*. With g_i = w_i
// (t_i - r), Q_i = g_iᵀM_i⁻¹g_i and S_i = sqrt(Q_i), r̃ is x̂* as soon as Q_i(r̃) > 0 and
//     E_j = (r_j - b_j - Σ_i w_i c_ij)·Π_i S_i - Σ_i w_i (M_i⁻¹g_i)_j Π_{k≠i} S_k
// vanishes at (r̃, S(r̃)) for every j: then the support points x_i = c_i + M_i⁻¹g_i / S_i form a profile whose
// receiver is r̃ and where every player maximises g_i·y (MODEL.md §3b), an equilibrium, and x̂* is the same at
// every equilibrium (§3a). E_j(r̃, S(r̃)) is a root of the characteristic polynomial χ of multiplication by E_j
// on A' = A[S_1..S_n] / (S_i² - Q_i) (the ring map argument above, with Cayley-Hamilton), and rational
// interval arithmetic over the boxes encloses it; when 0 is the only root of χ in that enclosure, it is 0.
// Returns false (with `why`) when any step does not go through (then nothing is shown). Pre: boxes[j] isolate
// exactly one root of receiver[j] (Sturm), boxes hold the certified receiver enclosure.
bool proves_equilibrium_receiver(const Instance& instance, const std::vector<IntegerPolynomial>& receiver,
                                 const std::vector<Enclosure>& boxes, std::string& why,
                                 std::size_t max_dimension = 64);

}  // namespace bigcert
