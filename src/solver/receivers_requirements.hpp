// What every several-receivers solver requires of the instance (docs/model.md §8.1).
#pragma once

#include "bigcert/core/instance.hpp"

namespace bigcert {

// The squared loss and the mean rule; UnsupportedError naming the key otherwise.
void require_squared_loss_and_mean(const Instance& instance);

}  // namespace bigcert
