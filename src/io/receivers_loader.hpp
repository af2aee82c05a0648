// The checks of docs/format.md "Several receivers" that need the whole instance: list lengths, and the
// keys of the single-receiver format that have no meaning next to a receiver list.
#pragma once

#include <string>

#include "bigcert/core/instance.hpp"

namespace bigcert {

// `first_weight_path`: the first player `weight` written (empty: none); `has_bias`: a top-level bias was
// written; `supported`: the command reading the instance handles several receivers (else UnsupportedError).
void check_receivers(const Instance& instance, const std::string& first_weight_path, bool has_bias,
                     bool supported);

}  // namespace bigcert
