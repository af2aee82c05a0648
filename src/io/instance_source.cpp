#include "bigcert/io/instance_source.hpp"

#include <fstream>
#include <iostream>
#include <iterator>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/line_game_loader.hpp"
#include "bigcert/io/vertex_game_loader.hpp"

namespace bigcert {

InstanceSource::InstanceSource(std::string path, std::optional<std::string> text, LoadLimits limits)
    : path_(std::move(path)), limits_(limits), text_(std::move(text)) {}

InstanceSource InstanceSource::file(std::string path, LoadLimits limits) {
    return InstanceSource(std::move(path), std::nullopt, limits);
}

InstanceSource InstanceSource::text(std::string json, LoadLimits limits) {
    return InstanceSource(std::string(), std::move(json), limits);
}

// A named file is read by the loaders themselves (memory-mapped, size-checked before reading); standard
// input and in-memory texts go through json_text().
Instance InstanceSource::load() const {
    return read_from_memory() ? load_instance_text(json_text(), limits_) : load_instance_file(path_, limits_);
}

std::optional<LineGame> InstanceSource::load_line_game() const {
    return read_from_memory() ? load_line_game_text(json_text(), limits_)
                              : load_line_game_file(path_, limits_);
}

std::optional<BoxGame> InstanceSource::load_box_game() const {
    return read_from_memory() ? load_box_game_text(json_text(), limits_) : load_box_game_file(path_, limits_);
}

std::optional<VertexGame> InstanceSource::load_vertex_game() const {
    return read_from_memory() ? load_vertex_game_text(json_text(), limits_)
                              : load_vertex_game_file(path_, limits_);
}

const std::string& InstanceSource::json_text() const {
    if (!text_) {
        std::ifstream file;
        if (path_ != "-") {
            file.open(path_, std::ios::binary);
            if (!file) throw InputError("", "cannot read " + path_);
        }
        std::istream& in = path_ == "-" ? std::cin : file;
        text_ = std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
    return *text_;
}

}  // namespace bigcert
