// d = 1, every set an interval (MODEL.md §3e): x̂* is the unique x with x in F(x), where
// F(x) = w0 x0 + sum_i w_i s_i(x) is non-increasing and jumps only at the targets.
// Sorting the targets and sweeping is O(n log n); the sweep is run in floating point to locate the answer,
// then the exact value is computed at that position and the position corrected by exact steps until the
// exact conditions hold, so the result is exact whatever the rounding did.
#pragma once

#include "bigcert/core/instance.hpp"

namespace bigcert {

struct SweepResult {
    Rational receiver;
    std::size_t exact_steps = 0;  // corrections after the floating-point location (0 when it was right)
};

SweepResult sweep_receiver(const Instance& instance, unsigned threads);

}  // namespace bigcert
