#include "bigcert/io/profile_loader.hpp"

#include <simdjson.h>

#include <filesystem>
#include <optional>
#include <utility>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/json_keys.hpp"
#include "bigcert/io/solution_keys.hpp"
#include "io/json_structure.hpp"

namespace bigcert {
namespace {

namespace od = simdjson::ondemand;

std::string_view trim(std::string_view text) {
    while (!text.empty() &&
           (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

Rational read_number(od::value value, const std::string& path, const NumberLimits& limits) {
    std::string_view text;
    bool quoted = false;
    if (value.type() == od::json_type::number)
        text = trim(value.raw_json_token());
    else if (value.type() == od::json_type::string)
        text = value.get_string(), quoted = true;
    else
        throw InputError(path, "not a number: " + std::string(trim(value.raw_json_token()).substr(0, 40)));
    std::optional<Rational> q = parse_rational(text, limits);
    if (!q) {
        if (has_number_syntax(text)) throw LimitError(path + ": number too large for the limits");
        throw InputError(path, "not a number: " + (quoted ? "\"" + std::string(text.substr(0, 40)) + "\""
                                                          : std::string(text.substr(0, 40))));
    }
    return *q;
}

Vector read_action(od::value value, const std::string& path, std::size_t d, const NumberLimits& limits) {
    if (value.type() != od::json_type::array) {
        if (d != 1) throw InputError(path, "expected an array of " + std::to_string(d) + " numbers");
        return Vector{read_number(value, path, limits)};
    }
    Vector action;
    std::size_t j = 0;
    for (od::value x : value.get_array()) {
        if (j >= d) throw InputError(path, "expected " + std::to_string(d) + " coordinates, got more");
        action.push_back(read_number(x, path + "[" + std::to_string(j++) + "]", limits));
    }
    if (action.size() != d)
        throw InputError(
            path, "expected " + std::to_string(d) + " coordinates, got " + std::to_string(action.size()));
    return action;
}

std::vector<Vector> read_actions(od::value value, const std::string& path, const Instance& instance,
                                 const LoadLimits& limits) {
    if (value.type() != od::json_type::array) throw InputError(path, "expected an array of actions");
    std::vector<Vector> actions;
    std::size_t i = 0;
    for (od::value a : value.get_array()) {
        if (i >= instance.players.size())
            throw InputError(path, "more actions than the instance's " +
                                       std::to_string(instance.players.size()) + " players");
        actions.push_back(
            read_action(a, path + "[" + std::to_string(i++) + "]", instance.dimension, limits.numbers));
    }
    if (actions.size() != instance.players.size())
        throw InputError(path, std::to_string(actions.size()) + " actions for " +
                                   std::to_string(instance.players.size()) + " players");
    return actions;
}

// Finds equilibrium.actions and hands it to `read`; the keys on the way are a solution object's, each once.
template <class Read>
auto with_actions(std::string_view json, const LoadLimits& limits, Read&& read) {
    std::optional<decltype(read(std::declval<od::value>()))> result;
    if (json.size() > limits.max_input_bytes) throw LimitError("profile exceeds the input limit");
    check_json_structure(json, limits.max_nesting);
    simdjson::padded_string padded(json);
    od::parser parser;
    try {
        od::document doc = parser.iterate(padded);
        if (doc.type() != od::json_type::object)
            throw InputError("", "a profile must be a JSON object (a solution)");
        const JsonPath root;
        const JsonPath equilibrium_path = root.field("equilibrium");
        ObjectKeys keys(root, solution_keys);
        for (od::field field : doc.get_object()) {
            if (solution_keys[keys.take(field.unescaped_key())] != "equilibrium") continue;
            od::value equilibrium = field.value();
            if (equilibrium.type() != od::json_type::object)
                throw InputError("equilibrium", "expected an object");
            ObjectKeys equilibrium_keys_seen(equilibrium_path, equilibrium_keys);
            for (od::field part : equilibrium.get_object())
                if (equilibrium_keys[equilibrium_keys_seen.take(part.unescaped_key())] == "actions")
                    result.emplace(read(part.value()));
            if (!result) throw InputError("equilibrium.actions", "missing");
        }
        if (!result)
            throw InputError("equilibrium", "missing (expected a solution object with equilibrium.actions)");
        return std::move(*result);
    } catch (const simdjson::simdjson_error& e) {
        throw InputError("",
                         std::string("invalid JSON in the profile: ") + simdjson::error_message(e.error()));
    }
}

std::string read_whole_file(const std::string& path, const LoadLimits& limits) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) throw InputError("", "cannot read " + path + ": " + ec.message());
    if (size > limits.max_input_bytes) throw LimitError(path + ": exceeds the input limit");
    simdjson::padded_string text;
    if (simdjson::padded_string::load(path).get(text) != simdjson::SUCCESS)
        throw InputError("", "cannot read " + path);
    return std::string(text.data(), text.size());
}

}  // namespace

std::vector<std::vector<Vector>> load_item_profile_file(const std::string& path, const Instance& instance,
                                                        const LoadLimits& limits) {
    return load_item_profile_text(read_whole_file(path, limits), instance, limits);
}

std::vector<std::vector<Vector>> load_item_profile_text(std::string_view text, const Instance& instance,
                                                        const LoadLimits& limits) {
    return with_actions(text, limits, [&](od::value actions) {
        const std::string where = "equilibrium.actions";
        if (actions.type() != od::json_type::array)
            throw InputError(where, "expected an array of item lists");
        std::vector<std::vector<Vector>> profile;
        for (od::value items : actions.get_array()) {
            std::string path_i = where + "[" + std::to_string(profile.size()) + "]";
            if (profile.size() >= instance.players.size())
                throw InputError(where, "more actions than players");
            if (items.type() != od::json_type::array) throw InputError(path_i, "expected a list of items");
            std::vector<Vector> chosen;
            for (od::value item : items.get_array())
                chosen.push_back(read_action(item, path_i + "[" + std::to_string(chosen.size()) + "]",
                                             instance.dimension, limits.numbers));
            profile.push_back(std::move(chosen));
        }
        if (profile.size() != instance.players.size())
            throw InputError(where, std::to_string(profile.size()) + " actions for " +
                                        std::to_string(instance.players.size()) + " players");
        return profile;
    });
}

std::vector<Vector> load_profile_text(std::string_view json, const Instance& instance,
                                      const LoadLimits& limits) {
    return with_actions(json, limits, [&](od::value actions) {
        return read_actions(actions, "equilibrium.actions", instance, limits);
    });
}

std::vector<Vector> load_profile_file(const std::string& path, const Instance& instance,
                                      const LoadLimits& limits) {
    return load_profile_text(read_whole_file(path, limits), instance, limits);
}

}  // namespace bigcert
