// simdjson's On-Demand parser validates only what is read and may misbehave on unbalanced input, so every
// document is first checked structurally: brackets balanced outside strings, no control characters in
// strings, nothing after the top-level value, nesting within the limit. Throws InputError.
#pragma once

#include <cstddef>
#include <string_view>

namespace bigcert {

void check_json_structure(std::string_view text, std::size_t max_nesting);

}  // namespace bigcert
