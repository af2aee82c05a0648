// d = 1, every set an interval (MODEL.md §3e): x̂* is the unique x with x in F(x), where
// F(x) = w0 x0 + sum_i w_i s_i(x) is non-increasing and jumps only at the targets.
// Sorting the targets and sweeping is O(n log n); the sweep is run in floating point to locate the answer,
// then the exact walk of receiver_walk.hpp corrects it, so the result is exact whatever the rounding did.
#pragma once

#include "bigcert/core/instance.hpp"

namespace bigcert {

struct SweepResult {
    Rational receiver;
};

SweepResult sweep_receiver(const Instance& instance, unsigned threads);

}  // namespace bigcert
