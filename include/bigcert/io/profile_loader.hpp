// Reading a profile to certify: FORMAT.md's solution object (its equilibrium.actions), numbers read exactly
// from their text, errors naming the JSON path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/io/instance_loader.hpp"

namespace bigcert {

// Pre: `instance` is the game the profile belongs to (player count and dimension are checked against it).
std::vector<Vector> load_profile_text(std::string_view json, const Instance& instance,
                                      const LoadLimits& limits = {});
std::vector<Vector> load_profile_file(const std::string& path, const Instance& instance,
                                      const LoadLimits& limits = {});

// A profile of a finite game (paper §5.2): equilibrium.actions[i] is player i's list of chosen items.
std::vector<std::vector<Vector>> load_item_profile_file(const std::string& path, const Instance& instance,
                                                        const LoadLimits& limits = {});
std::vector<std::vector<Vector>> load_item_profile_text(std::string_view json, const Instance& instance,
                                                        const LoadLimits& limits = {});

}  // namespace bigcert
