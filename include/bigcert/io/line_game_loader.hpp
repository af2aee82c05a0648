// Reading a 1-D instance straight into a LineGame (docs/internals.md): every number is parsed
// from its text into a SmallFraction, so 10^6 players cost no GMP number and no per-player allocation.
//
// Accepts a subset of what load_instance_*() accepts (instance_loader.hpp) and reads it with the same
// meaning: dimension 1, the squared loss, "interval" action sets, numbers with at most 18 digits per
// digit run (integers, plain decimals, fractions). For anything else, including every input that
// load_instance_*() rejects, it returns nothing and the caller uses load_instance_*(), which then reads
// the instance or reports the error; so the fast path never changes what is accepted or how errors read.
//
// load_box_game_*() read the same subset in dimension 2..16 with "box" action sets instead of intervals
// (the box route of solve(), box_game.hpp), with the same contract; in dimension 1 they return the
// LineGame as the only coordinate, so that one reading serves both routes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bigcert/core/box_game.hpp"
#include "bigcert/core/line_game.hpp"
#include "bigcert/io/instance_loader.hpp"

namespace bigcert {

std::optional<LineGame> load_line_game_text(std::string_view json, const LoadLimits& limits = {});
std::optional<LineGame> load_line_game_file(const std::string& path, const LoadLimits& limits = {});
std::optional<BoxGame> load_box_game_text(std::string_view json, const LoadLimits& limits = {});
std::optional<BoxGame> load_box_game_file(const std::string& path, const LoadLimits& limits = {});

}  // namespace bigcert
