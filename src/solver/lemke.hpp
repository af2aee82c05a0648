// Lemke's complementary pivoting method in exact rationals (docs/model.md §8.3): find z >= 0 with
// w = M z + q >= 0 and z·w = 0. Lexicographic ratio tests make every basis distinct, so the method ends
// after finitely many pivots, with a solution or on a secondary ray (then nothing is returned).
#pragma once

#include <optional>

#include "bigcert/linear_algebra.hpp"

namespace bigcert {

struct LemkeResult {
    std::optional<Vector> z;  // a solution, or nothing on a secondary ray
    std::size_t pivots = 0;
};

LemkeResult solve_lcp_lemke(const Matrix& m, const Vector& q);

}  // namespace bigcert
