// The keys of a solution object as bigcert writes it (FORMAT.md "Solution"; solution_writer.cpp, `enumerate
// --json`'s "listed"). Read back as a profile (certify --profile, plot --solution, dynamics --start), the
// object may have these and no others, each once (json_keys.hpp); a documented `description` is free text.
#pragma once

#include <string_view>

namespace bigcert {

inline constexpr std::string_view solution_keys[] = {"format",      "instance",   "status",       "method",
                                                     "equilibrium", "equilibria", "exaggeration", "enclosure",
                                                     "listed",      "description"};
inline constexpr std::string_view equilibrium_keys[] = {"actions", "receiver", "losses", "potential"};
// Several receivers (docs/format.md "Several receivers"): the potential's kind at the top, one point per
// receiver in the equilibrium (and, for one receiver with every care 1, the paper-format keys too).
inline constexpr std::string_view receivers_solution_keys[] = {"format",       "instance",    "status",
                                                               "method",       "equilibrium", "equilibria",
                                                               "exaggeration", "potential",   "description"};
inline constexpr std::string_view receivers_equilibrium_keys[] = {"actions", "receivers", "losses",
                                                                  "receiver", "potential"};

}  // namespace bigcert
