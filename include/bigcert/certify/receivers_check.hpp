// `check` for several receivers (docs/model.md §8.6): the properties decided from the complete exact face
// enumeration of solve_receivers (every equilibrium listed, each re-checked), or "unknown" when it is not
// complete. No Z3 query is involved.
#pragma once

#include <string>
#include <vector>

#include "bigcert/certify/properties.hpp"
#include "bigcert/core/instance.hpp"

namespace bigcert {

// `properties`: property_names() ("count", "exaggeration", "receiver-unique", "potential").
std::vector<PropertyVerdict> check_receivers(const Instance& instance,
                                             const std::vector<std::string>& properties);
// check_json() with each counterexample's `receiver` replaced by its `receivers` (one point per receiver).
nlohmann::ordered_json receivers_check_json(const Instance& instance,
                                            const std::vector<PropertyVerdict>& verdicts);

}  // namespace bigcert
