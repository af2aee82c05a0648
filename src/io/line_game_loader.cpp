#include "bigcert/line_game_loader.hpp"

#include <simdjson.h>

#include <filesystem>

#include "bigcert/errors.hpp"
#include "io/json_structure.hpp"

namespace bigcert {
namespace {

namespace od = simdjson::ondemand;

// Thrown where the input leaves the fast path's subset; the general loader then takes over.
struct NotLine {};

std::string_view trim(std::string_view text) {
    while (!text.empty() &&
           (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// A field may appear once: the general loader gives repeated keys meanings of their own.
void mark_once(bool& seen) {
    if (seen) throw NotLine{};
    seen = true;
}

class LineReader {
  public:
    explicit LineReader(const LoadLimits& limits) : limits_(limits) {}
    LineGame read(od::document& doc);

  private:
    SmallFraction number(od::value value) const;
    SmallFraction coordinate(od::value value) const;  // a vector of dimension 1: bare or [x]
    std::string string(od::value value) const;
    void interval_set(od::value value, SmallFraction& lo, SmallFraction& hi) const;
    void bias(od::value value, LineGame& game) const;
    void player(od::value value, LineGame& game, bool& has_common);

    const LoadLimits& limits_;
};

SmallFraction LineReader::number(od::value value) const {
    std::string_view text;
    od::json_type type = value.type();
    if (type == od::json_type::number)
        text = trim(value.raw_json_token());
    else if (type == od::json_type::string)
        text = value.get_string();
    else
        throw NotLine{};
    SmallFraction result;
    if (!parse_small_fraction(text, limits_.numbers, result)) throw NotLine{};
    return result;
}

SmallFraction LineReader::coordinate(od::value value) const {
    if (value.type() != od::json_type::array) return number(value);
    std::optional<SmallFraction> result;
    for (od::value element : value.get_array()) {
        if (result) throw NotLine{};
        result = number(element);
    }
    if (!result) throw NotLine{};
    return *result;
}

std::string LineReader::string(od::value value) const {
    if (value.type() != od::json_type::string) throw NotLine{};
    return std::string(std::string_view(value.get_string()));
}

// {"interval": [lo, hi]} and annotations; any other kind of set leaves the fast path.
void LineReader::interval_set(od::value value, SmallFraction& lo, SmallFraction& hi) const {
    if (value.type() != od::json_type::object) throw NotLine{};
    bool has_interval = false;
    for (od::field field : value.get_object()) {
        std::string_view key = field.unescaped_key();
        if (key == "interval") {
            mark_once(has_interval);
            std::size_t count = 0;
            od::value bounds = field.value();
            if (bounds.type() != od::json_type::array) throw NotLine{};
            for (od::value element : bounds.get_array()) {
                if (count >= 2) throw NotLine{};
                (count++ == 0 ? lo : hi) = number(element);
            }
            if (count != 2) throw NotLine{};
        } else if (key == "box" || key == "vertices" || key == "halfspaces" || key == "ball" ||
                   key == "ellipsoid" || key == "items" || key == "choose" || key == "repeats") {
            throw NotLine{};
        }
    }
    if (!has_interval || compare(hi, lo) < 0) throw NotLine{};
}

void LineReader::bias(od::value value, LineGame& game) const {
    if (value.type() != od::json_type::object) throw NotLine{};
    bool has_weight = false, has_point = false;
    SmallFraction weight, point;
    for (od::field field : value.get_object()) {
        std::string_view key = field.unescaped_key();
        if (key == "weight")
            mark_once(has_weight), weight = number(field.value());
        else if (key == "point")
            mark_once(has_point), point = coordinate(field.value());
    }
    if (!has_point && sign(weight) != 0) throw NotLine{};  // an error for the general loader to report
    if (has_point && !multiply(weight, point, game.bias)) throw NotLine{};
}

void LineReader::player(od::value value, LineGame& game, bool& has_common) {
    if (value.type() != od::json_type::object) throw NotLine{};
    bool has_target = false, has_weight = false, has_name = false, has_set = false;
    SmallFraction target, weight{1, 1};
    for (od::field field : value.get_object()) {
        std::string_view key = field.unescaped_key();
        if (key == "target") {
            mark_once(has_target), target = coordinate(field.value());
        } else if (key == "weight") {
            mark_once(has_weight), weight = number(field.value());
        } else if (key == "name") {
            mark_once(has_name);
            std::string name = string(field.value());
            if (!name.empty()) {
                game.names.resize(game.size());  // names are kept only once some player has one
                game.names.push_back(std::move(name));
            }
        } else if (key == "action_set") {
            mark_once(has_set);
            SmallFraction lo, hi;
            interval_set(field.value(), lo, hi);
            game.lows.push_back(lo), game.highs.push_back(hi);
        }
    }
    if (!has_target) throw NotLine{};
    // Instance::action_sets: the common set first, then one per player that has its own.
    if (has_set)
        game.set_of_player.push_back(static_cast<std::uint32_t>(game.lows.size() - 1));
    else if (has_common)
        game.set_of_player.push_back(0);
    else
        throw NotLine{};
    game.targets.push_back(target);
    game.weights.push_back(weight);
    if (!game.names.empty() && game.names.size() < game.size()) game.names.resize(game.size());
}

LineGame LineReader::read(od::document& doc) {
    if (doc.type() != od::json_type::object) throw NotLine{};
    LineGame game;
    // The common set is needed before the players (it is action_sets[0]), wherever it is in the file.
    bool has_common = false;
    {
        od::value common;
        simdjson::error_code error = doc.find_field_unordered("action_set").get(common);
        if (error != simdjson::SUCCESS && error != simdjson::NO_SUCH_FIELD) throw NotLine{};
        if (error == simdjson::SUCCESS) {
            SmallFraction lo, hi;
            interval_set(common, lo, hi);
            game.lows.push_back(lo), game.highs.push_back(hi);
            has_common = true;
        }
        doc.rewind();
    }
    bool seen_format = false, seen_name = false, seen_loss = false, seen_dimension = false, seen_bias = false,
         seen_set = false, seen_players = false;
    for (od::field field : doc.get_object()) {
        std::string_view key = field.unescaped_key();
        if (key == "format") {
            mark_once(seen_format);
            if (string(field.value()) != "bigcert/1") throw NotLine{};
        } else if (key == "name") {
            mark_once(seen_name), game.name = string(field.value());
        } else if (key == "loss") {
            mark_once(seen_loss);
            if (string(field.value()) != "squared") throw NotLine{};
        } else if (key == "dimension") {
            mark_once(seen_dimension);
            if (number(field.value()) != SmallFraction{1, 1}) throw NotLine{};
        } else if (key == "bias") {
            mark_once(seen_bias), bias(field.value(), game);
        } else if (key == "action_set") {
            mark_once(seen_set);  // read above
        } else if (key == "players") {
            mark_once(seen_players);
            od::value players = field.value();
            if (players.type() != od::json_type::array) throw NotLine{};
            for (od::value element : players.get_array()) {
                if (game.size() >= limits_.max_players || game.size() >= UINT32_MAX) throw NotLine{};
                player(element, game, has_common);
            }
        }
    }
    if (game.size() == 0) throw NotLine{};
    return game;
}

std::optional<LineGame> read_padded(const simdjson::padded_string& padded, const LoadLimits& limits) {
    try {
        check_json_structure(std::string_view(padded.data(), padded.size()), limits.max_nesting);
        od::parser parser;
        od::document doc = parser.iterate(padded);
        return LineReader(limits).read(doc);
    } catch (const NotLine&) {
    } catch (const simdjson::simdjson_error&) {
    } catch (const InputError&) {
    }
    return std::nullopt;
}

}  // namespace

std::optional<LineGame> load_line_game_text(std::string_view json, const LoadLimits& limits) {
    if (json.size() > limits.max_input_bytes) return std::nullopt;
    return read_padded(simdjson::padded_string(json), limits);
}

std::optional<LineGame> load_line_game_file(const std::string& path, const LoadLimits& limits) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec || size > limits.max_input_bytes) return std::nullopt;
    simdjson::padded_string text;
    if (simdjson::padded_string::load(path).get(text) != simdjson::SUCCESS) return std::nullopt;
    return read_padded(text, limits);
}

}  // namespace bigcert
