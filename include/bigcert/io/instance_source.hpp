// Where an instance comes from: a file, standard input ("-"), or a text already in memory. One reading
// serves every route: the full loader (instance_loader.hpp), the machine-integer readers of the interval and
// box games (line_game_loader.hpp), and the exact text a proof bundle stores.
#pragma once

#include <optional>
#include <string>

#include "bigcert/core/box_game.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/core/line_game.hpp"
#include "bigcert/core/vertex_game.hpp"
#include "bigcert/io/instance_loader.hpp"

namespace bigcert {

class InstanceSource {
  public:
    // A file path, or "-" for standard input (read once, on first use, and kept).
    static InstanceSource file(std::string path, LoadLimits limits = {});
    static InstanceSource text(std::string json, LoadLimits limits = {});

    // Throws InputError naming the JSON path, LimitError naming the limit (instance_loader.hpp).
    Instance load() const;
    // The machine-integer readings: nothing when load() must read the instance (same acceptance, same
    // errors).
    std::optional<LineGame> load_line_game() const;
    std::optional<BoxGame> load_box_game() const;
    std::optional<VertexGame> load_vertex_game() const;
    // The instance's text, byte for byte (for proof bundles). InputError when the file cannot be read.
    const std::string& json_text() const;

    const std::string& path() const { return path_; }  // "" for an in-memory text
    const LoadLimits& limits() const { return limits_; }

  private:
    InstanceSource(std::string path, std::optional<std::string> text, LoadLimits limits);
    bool read_from_memory() const { return path_.empty() || path_ == "-"; }

    std::string path_;
    LoadLimits limits_;
    mutable std::optional<std::string> text_;
};

}  // namespace bigcert
