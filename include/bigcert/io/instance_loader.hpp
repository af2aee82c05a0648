// Reading instances (FORMAT.md "Instance") exactly, with errors that name the JSON path.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bigcert/core/instance.hpp"
#include "bigcert/core/polytope.hpp"
#include "bigcert/core/rational.hpp"

namespace bigcert {

// Caps against absurd inputs; each violation is a LimitError or InputError naming what was exceeded.
struct LoadLimits {
    std::size_t max_input_bytes = std::size_t{512} << 20;
    std::size_t max_players = 20'000'000;
    std::size_t max_dimension = 64;
    std::size_t max_nesting = 64;
    NumberLimits numbers;
    PolytopeLimits polytopes;
    // Several receivers (docs/format.md): read only for the commands that support them (solve, certify,
    // check); the others refuse such an instance as unsupported rather than answer a different game.
    bool several_receivers = false;
};

Instance load_instance_file(const std::string& path, const LoadLimits& limits = {});
Instance load_instance_text(std::string_view json, const LoadLimits& limits = {});

}  // namespace bigcert
