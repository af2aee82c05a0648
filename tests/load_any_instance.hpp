// Tests read instances of every kind from text, several receivers included (which the loader accepts only
// when the caller asks: LoadLimits::several_receivers).
#pragma once

#include <string>

#include "bigcert/io/instance_loader.hpp"

namespace bigcert {

inline Instance load_any_instance(const std::string& json) {
    LoadLimits limits;
    limits.several_receivers = true;
    return load_instance_text(json, limits);
}

}  // namespace bigcert
