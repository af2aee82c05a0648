// Last step: "verified by substitution in exact arithmetic". The printed answer of `solve --algebraic`
// (exact rationals and root forms) is substituted into the equilibrium conditions in Z3's real algebraic
// number package (the Z3_algebraic_* API: exact arithmetic on roots of integer polynomials, no SMT search):
//   - each printed coordinate becomes an exact algebraic number (the root of its polynomial in its interval);
//   - for each curved player, g = w_i (t_i - x̂) is computed from the printed receiver, gᵀM⁻¹g > 0 is checked
//     (so the maximiser of g·y over the set is unique) and the support point c + M⁻¹g / sqrt(gᵀM⁻¹g) must
//     equal the printed action exactly; a polytope player's printed point must maximise g·y over its
//     vertices;
//   - the printed receiver must equal w0·x0 + Σ_i w_i x_i exactly.
// Together these are the first-order conditions of MODEL.md §3b, necessary and sufficient for a pure NE.
// Internal to the certification layer.
#pragma once

#include <string>
#include <vector>

#include "bigcert/core/enclosure.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/core/polynomial.hpp"

namespace bigcert {

// One printed coordinate: the rational box.lo when the box is a point, else the only root of `polynomial` in
// the box (a zero polynomial: no exact form).
struct PrintedCoordinate {
    Enclosure box;
    IntegerPolynomial polynomial;
};

struct SubstitutionCheck {
    enum class Verdict { holds, fails, not_checked } verdict = Verdict::not_checked;
    std::string detail;  // which condition failed, or why the check could not run
};

SubstitutionCheck verify_by_substitution(const Instance& instance,
                                         const std::vector<PrintedCoordinate>& receiver,
                                         const std::vector<std::vector<PrintedCoordinate>>& actions);

}  // namespace bigcert
