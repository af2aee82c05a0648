// Lemke's complementary pivoting method in exact rationals (docs/model.md §8.3): find z >= 0 with
// w = M z + q >= 0 and z·w = 0. Lexicographic ratio tests make every basis distinct, so the method ends
// after finitely many pivots, with a solution or on a secondary ray (then nothing is returned).
#pragma once

#include <optional>

#include "bigcert/core/linear_algebra.hpp"

namespace bigcert {

struct LemkeResult {
    std::optional<Vector> z;  // a solution, or nothing on a secondary ray
    std::size_t pivots = 0;
};

// `covering`: the covering vector d >= 0 of the artificial variable (w = M z + q + d z0); a row with d_r = 0
// must have q_r >= 0. Empty: all ones.
LemkeResult solve_lcp_lemke(const Matrix& m, const Vector& q, const Vector& covering = {});

}  // namespace bigcert
