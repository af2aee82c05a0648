// One receiver of the extended model (docs/model.md §8): x̂_j = b_j + sum_i w_ji x_i. Part of the game
// model (Instance::receivers); the game built from several receivers is in solver/receivers.hpp.
#pragma once

#include <string>
#include <vector>

#include "bigcert/core/vector.hpp"

namespace bigcert {

// One receiver of the extended model (docs/format.md "Several receivers").
struct Receiver {
    std::string name;
    std::vector<Rational> weights;  // w_ji, one per player in player order
    Rational bias_weight = 0;
    Vector bias_point;  // empty: no bias
};

}  // namespace bigcert
