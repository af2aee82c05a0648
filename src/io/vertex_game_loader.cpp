#include "bigcert/io/vertex_game_loader.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>

#include "bigcert/core/halfspace_vertices.hpp"
#include "io/json_scanner.hpp"

namespace bigcert {
namespace {

using fast_json::LineScanner;
using fast_json::mark_once;
using fast_json::NotLine;

class VertexReader {
  public:
    VertexReader(const char* begin, const char* end, const LoadLimits& limits) : in_(begin, end, limits) {}
    // For a mapped file: the pages already read are given back as the players are read, so that the text
    // and the columns are not both resident at the peak (about 275 bytes of text per player on 8-gons).
    void release_as_read(const char* mapping) { released_ = mapping; }
    VertexGame read();
    // Room for the most players and vertices the text can hold (pages never written cost nothing).
    void reserve(std::size_t bytes);

  private:
    void top_level_member(std::string_view key);
    void player();
    // {"vertices": [[x, y], ...]} or {"halfspaces": [{"a": [x, y], "b": b}, ...]}: the set's vertices in
    // Polytope's order appended to `vertices`, its end to `first_vertex`.
    void polytope(std::vector<SmallFraction>& vertices, std::vector<std::uint32_t>& first_vertex);
    // One halfspace {"a": [...], "b": b}: a appended to normals_, b to offsets_.
    void halfspace();
    // A point [x, y] or [x, y, z] appended to `out`: every point must have the same length, 2 or 3, which
    // is the dimension (a vector of another length declines: the general loader reports it).
    void point(std::vector<SmallFraction>& out);

    void release_read_pages();

    LineScanner in_;
    const char* released_ = nullptr;  // the mapped text before this is given back; null: a text in memory
    VertexGame game_;
    bool has_common_ = false;
    std::vector<SmallFraction> common_vertices_;
    std::vector<std::uint32_t> common_end_;
    std::vector<std::uint32_t> own_set_;  // per player: its own set's index among the own sets, or `common`
    static constexpr std::uint32_t common = UINT32_MAX;
    std::size_t dimension_ = 0;  // the length of every point, once one is read
    std::size_t declared_dimension_ = 0;
    std::vector<SmallFraction> points_;             // one polytope's points as read
    std::vector<SmallFraction> normals_, offsets_;  // one polytope's halfspaces as read
    SmallFraction bias_weight_{0, 1};
    std::vector<SmallFraction> bias_point_;
    bool seen_format_ = false, seen_name_ = false, seen_loss_ = false, seen_dimension_ = false,
         seen_bias_ = false, seen_set_ = false, seen_players_ = false, seen_description_ = false;
};

void VertexReader::point(std::vector<SmallFraction>& out) {
    in_.open('[');
    std::size_t length = 0;
    do {
        if (++length > max_vertex_game_dimension) throw NotLine{};
        out.push_back(in_.number());
    } while (in_.next_is(',') && (in_.expect(','), true));
    in_.close(']');
    if (length < 2 || (dimension_ != 0 && length != dimension_)) throw NotLine{};
    dimension_ = length;
}

void VertexReader::halfspace() {
    bool has_normal = false, has_offset = false;
    in_.object([&](std::string_view key) {
        if (key == "a")
            mark_once(has_normal), point(normals_);
        else if (key == "b")
            mark_once(has_offset), offsets_.push_back(in_.number());
        else
            throw NotLine{};
    });
    if (!has_normal || !has_offset) throw NotLine{};  // the general loader's error
}

void VertexReader::polytope(std::vector<SmallFraction>& vertices, std::vector<std::uint32_t>& first_vertex) {
    bool has_set = false, by_halfspaces = false;
    points_.clear(), normals_.clear(), offsets_.clear();
    in_.object([&](std::string_view key) {
        mark_once(has_set);
        if (key == "halfspaces")
            by_halfspaces = true;
        else if (key != "vertices")
            throw NotLine{};
        in_.open('[');
        if (in_.next_is(']')) throw NotLine{};  // no vertices or halfspaces: the general loader's error
        do by_halfspaces ? halfspace() : point(points_);
        while (in_.next_is(',') && (in_.expect(','), true));
        in_.close(']');
    });
    if (!has_set) throw NotLine{};
    // Halfspaces: the vertices Polytope::from_halfspaces finds, already in Polytope::from_vertices's order.
    const bool hull =
        by_halfspaces ? halfspace_vertices(normals_, offsets_, dimension_, in_.limits().polytopes, points_)
        : dimension_ == 2 ? convex_polygon(points_)
                          : convex_polyhedron(points_, in_.limits().polytopes);
    if (!hull) throw NotLine{};
    vertices.insert(vertices.end(), points_.begin(), points_.end());
    if (vertices.size() / dimension_ >= UINT32_MAX) throw NotLine{};
    first_vertex.push_back(static_cast<std::uint32_t>(vertices.size() / dimension_));
}

void VertexReader::release_read_pages() {
    if (!released_) return;
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto read = reinterpret_cast<std::uintptr_t>(in_.position()) / page * page;
    const auto from = reinterpret_cast<std::uintptr_t>(released_);
    if (read <= from) return;
    // A private read-only mapping of a file: the pages are re-read from the file if touched again.
    ::madvise(const_cast<char*>(released_), read - from, MADV_DONTNEED);
    released_ = reinterpret_cast<const char*>(read);
}

void VertexReader::player() {
    bool has_target = false, has_weight = false, has_name = false, has_set = false, has_description = false;
    SmallFraction weight{1, 1};
    std::uint32_t set = common;
    const std::size_t index = game_.size();
    in_.object([&](std::string_view key) {
        if (key == "target") {
            mark_once(has_target), point(game_.targets);
        } else if (key == "weight") {
            mark_once(has_weight), weight = in_.number();
        } else if (key == "name") {
            mark_once(has_name);
            std::string_view name = in_.string();
            if (!name.empty()) {
                game_.names.resize(index);  // names are kept only once some player has one
                game_.names.emplace_back(name);
            }
        } else if (key == "action_set") {
            mark_once(has_set);
            set = static_cast<std::uint32_t>(game_.first_vertex.size() - 1);
            polytope(game_.vertices, game_.first_vertex);
        } else if (key == "description") {
            mark_once(has_description), in_.string();
        } else {
            throw NotLine{};
        }
    });
    if (!has_target) throw NotLine{};
    game_.weights.push_back(weight);
    for (std::size_t j = 0; j < dimension_; ++j) {
        SmallFraction product;
        if (!multiply(weight, game_.targets[dimension_ * index + j], product)) throw NotLine{};
        game_.weighted_targets.push_back(product);
    }
    own_set_.push_back(set);
    if (!game_.names.empty() && game_.names.size() < game_.size()) game_.names.resize(game_.size());
}

void VertexReader::top_level_member(std::string_view key) {
    const LoadLimits& limits = in_.limits();
    if (key == "format") {
        mark_once(seen_format_);
        if (in_.string() != "bigcert/1") throw NotLine{};
    } else if (key == "name") {
        mark_once(seen_name_), game_.name = std::string(in_.string());
    } else if (key == "loss") {
        mark_once(seen_loss_);
        if (in_.string() != "squared") throw NotLine{};
    } else if (key == "dimension") {
        mark_once(seen_dimension_);
        if (in_.next_is('"')) throw NotLine{};  // a JSON integer only
        SmallFraction d = in_.number();
        if (d.den != 1 || d.num < 2 || d.num > static_cast<std::int64_t>(max_vertex_game_dimension) ||
            limits.max_dimension < static_cast<std::size_t>(d.num))
            throw NotLine{};
        declared_dimension_ = static_cast<std::size_t>(d.num);
    } else if (key == "bias") {
        mark_once(seen_bias_);
        bool has_weight = false, has_point = false;
        in_.object([&](std::string_view field) {
            if (field == "weight")
                mark_once(has_weight), bias_weight_ = in_.number();
            else if (field == "point")
                mark_once(has_point), point(bias_point_);
            else
                throw NotLine{};
        });
        if (!has_point && sign(bias_weight_) != 0) throw NotLine{};  // an error for the general loader
    } else if (key == "action_set") {
        mark_once(seen_set_);
        common_end_.push_back(0);
        polytope(common_vertices_, common_end_);
        has_common_ = true;
    } else if (key == "players") {
        mark_once(seen_players_);
        in_.open('[');
        if (in_.next_is(']')) throw NotLine{};
        game_.first_vertex.assign(1, 0);
        do {
            if (game_.size() >= limits.max_players || game_.size() >= UINT32_MAX - 1) throw NotLine{};
            player();
            if ((game_.size() & 4095) == 0) release_read_pages();
        } while (in_.next_is(',') && (in_.expect(','), true));
        in_.close(']');
    } else if (key == "description") {
        mark_once(seen_description_), in_.string();
    } else {
        throw NotLine{};
    }
}

void VertexReader::reserve(std::size_t bytes) {
    const std::size_t players = std::min(bytes / 20, in_.limits().max_players);  // {"target":[0,0]},
    game_.targets.reserve(2 * players), game_.weighted_targets.reserve(2 * players);
    game_.weights.reserve(players), own_set_.reserve(players), game_.first_vertex.reserve(players + 1);
    game_.vertices.reserve(bytes / 3);  // [0,0], per vertex
}

VertexGame VertexReader::read() {
    if (!in_.next_is('{')) throw NotLine{};
    in_.object([&](std::string_view key) { top_level_member(key); });
    if (!in_.at_end() || !seen_dimension_ || game_.size() == 0 || dimension_ != declared_dimension_)
        throw NotLine{};
    game_.dimension = dimension_;
    for (std::size_t j = 0; j < bias_point_.size(); ++j)
        if (!multiply(bias_weight_, bias_point_[j], game_.bias[j])) throw NotLine{};
    // Instance::action_sets' order: the common set first, then the players' own.
    const std::uint32_t shift = has_common_ ? 1 : 0;
    game_.set_of_player.resize(game_.size());
    for (std::size_t i = 0; i < game_.size(); ++i) {
        if (own_set_[i] == common && !has_common_) throw NotLine{};  // no set: the general loader's error
        game_.set_of_player[i] = own_set_[i] == common ? 0 : own_set_[i] + shift;
    }
    own_set_ = {};
    if (has_common_) {
        const auto common_size = static_cast<std::uint32_t>(common_vertices_.size() / dimension_);
        for (std::uint32_t& first : game_.first_vertex) first += common_size;
        game_.first_vertex.insert(game_.first_vertex.begin(), 0);
        game_.vertices.insert(game_.vertices.begin(), common_vertices_.begin(), common_vertices_.end());
    }
    game_.vertices_approx.resize(game_.vertices.size());
    for (std::size_t k = 0; k < game_.vertices.size(); ++k)
        game_.vertices_approx[k] = static_cast<float>(to_double(game_.vertices[k]));
    return std::move(game_);
}

std::optional<VertexGame> read_text(std::string_view text, const LoadLimits& limits, bool mapped) {
    try {
        VertexReader reader(text.data(), text.data() + text.size(), limits);
        reader.reserve(text.size());
        if (mapped) reader.release_as_read(text.data());
        return reader.read();
    } catch (const NotLine&) {
    } catch (const std::bad_alloc&) {
    }
    return std::nullopt;
}

}  // namespace

std::optional<VertexGame> load_vertex_game_text(std::string_view json, const LoadLimits& limits) {
    if (json.size() > limits.max_input_bytes) return std::nullopt;
    return read_text(json, limits, false);
}

std::optional<VertexGame> load_vertex_game_file(const std::string& path, const LoadLimits& limits) {
    return fast_json::read_mapped_file<VertexGame>(
        path, limits, [&](std::string_view text) { return read_text(text, limits, true); });
}

}  // namespace bigcert
