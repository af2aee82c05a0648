// Reading FORMAT.md's bigcert-align/1 config. Numbers that define the game (set, ideals, response box) are
// read exactly from their text; counts (pairs, seed, rounds) as integers.
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bigcert/align/alignment.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/rational.hpp"
#include "bigcert/io/exact_json.hpp"
#include "bigcert/io/json_keys.hpp"

namespace bigcert {
namespace {

// The keys FORMAT.md's bigcert-align/1 defines per object (plus docs/cli.md's `responses.sampling` and the
// free-text `description`); any other key, or one given twice, is an error naming its path.
constexpr std::string_view config_keys[] = {"format",     "description", "dimension",
                                            "action_set", "players",     "responses",
                                            "seed",       "rounds",      "best_response"};
constexpr std::string_view player_keys[] = {"ideal", "pairs"};
constexpr std::string_view responses_keys[] = {"uniform", "sampling"};
constexpr std::string_view bounds_keys[] = {"lo", "hi"};
constexpr std::string_view set_kinds[] = {"interval", "box",       "vertices", "halfspaces",
                                          "ball",     "ellipsoid", "items"};

const Json& member(const Json& object, const std::string& key, const std::string& path) {
    if (!object.is_object()) throw InputError(path, "expected an object");
    auto it = object.find(key);
    if (it == object.end()) throw InputError(path.empty() ? key : path + "." + key, "missing");
    return *it;
}

Vector exact_point(const Json& value, std::size_t dimension, const std::string& path) {
    Vector point;
    if (dimension == 1 && !value.is_array()) {
        point.push_back(exact_number(value, path));
        return point;
    }
    if (!value.is_array() || value.size() != dimension)
        throw InputError(path, "expected an array of " + std::to_string(dimension) + " numbers");
    for (std::size_t k = 0; k < dimension; ++k)
        point.push_back(exact_number(value[k], path + "[" + std::to_string(k) + "]"));
    return point;
}

std::uint64_t count(const Json& value, const std::string& path, std::uint64_t min, std::uint64_t max) {
    if (!value.is_number_integer()) throw InputError(path, "expected an integer, got " + value.dump());
    if (value.is_number_unsigned()) {
        std::uint64_t v = value.get<std::uint64_t>();
        if (v < min || v > max)
            throw InputError(path, "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return v;
    }
    std::int64_t v = value.get<std::int64_t>();
    if (v < 0 || static_cast<std::uint64_t>(v) < min || static_cast<std::uint64_t>(v) > max)
        throw InputError(path, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return static_cast<std::uint64_t>(v);
}

std::vector<double> approximate(const Vector& v) {
    std::vector<double> out;
    for (const Rational& x : v) out.push_back(to_double(x));
    return out;
}

void read_action_set(const Json& set, AlignConfig& config) {
    const std::size_t d = config.dimension;
    JsonPath root;
    require_known_keys(set, root.field("action_set"), set_kinds);
    if (set.size() != 1) throw InputError("action_set", "an action set has exactly one kind");
    if (set.contains("box"))
        require_known_keys(set["box"], root.field("action_set").field("box"), bounds_keys);
    if (set.is_object() && set.contains("interval")) {
        if (d != 1) throw InputError("action_set.interval", "an interval needs dimension 1");
        const Json& iv = set["interval"];
        if (!iv.is_array() || iv.size() != 2) throw InputError("action_set.interval", "expected [lo, hi]");
        config.box_lo_exact = {exact_number(iv[0], "action_set.interval[0]")};
        config.box_hi_exact = {exact_number(iv[1], "action_set.interval[1]")};
    } else if (set.is_object() && set.contains("box")) {
        const Json& box = set["box"];
        config.box_lo_exact = exact_point(member(box, "lo", "action_set.box"), d, "action_set.box.lo");
        config.box_hi_exact = exact_point(member(box, "hi", "action_set.box"), d, "action_set.box.hi");
    } else {
        // Bisection and the surrogate's projection both use the box structure (docs/cli.md "align").
        throw UnsupportedError("action_set", "align needs {\"interval\": [lo, hi]} or {\"box\": {...}}");
    }
    for (std::size_t k = 0; k < d; ++k)
        if (config.box_lo_exact[k] > config.box_hi_exact[k])
            throw InputError("action_set", "lo > hi in coordinate " + std::to_string(k));
    config.box_lo = approximate(config.box_lo_exact);
    config.box_hi = approximate(config.box_hi_exact);
}

}  // namespace

AlignConfig load_align_config_text(const std::string& text) {
    Json root = parse_exact_json(text);
    if (!root.is_object()) throw InputError("", "expected a JSON object");
    const JsonPath top;
    require_known_keys(root, top, config_keys);
    if (root.contains("description") && !root["description"].is_string())
        throw InputError("description", "expected a string");
    AlignConfig config;
    const Json& format = member(root, "format", "");
    if (format != "bigcert-align/1") throw InputError("format", "expected \"bigcert-align/1\"");
    config.dimension = count(member(root, "dimension", ""), "dimension", 1, 16);
    const std::size_t d = config.dimension;
    read_action_set(member(root, "action_set", ""), config);

    const Json& players = member(root, "players", "");
    if (!players.is_array() || players.empty()) throw InputError("players", "expected a non-empty array");
    if (players.size() > 100000) throw LimitError("players: more than 100000 players");
    std::uint64_t total_pairs = 0;
    for (std::size_t i = 0; i < players.size(); ++i) {
        const std::string path = "players[" + std::to_string(i) + "]";
        const JsonPath players_path = top.field("players");
        require_known_keys(players[i], players_path.element(i), player_keys);
        AlignPlayer player;
        player.ideal_exact = exact_point(member(players[i], "ideal", path), d, path + ".ideal");
        player.ideal = approximate(player.ideal_exact);
        player.pairs = count(member(players[i], "pairs", path), path + ".pairs", 1, 100'000'000);
        total_pairs += player.pairs;
        config.players.push_back(std::move(player));
    }
    if (total_pairs > 200'000'000) throw LimitError("players[*].pairs: more than 2e8 pairs in total");

    const Json& responses = member(root, "responses", "");
    const JsonPath responses_path = top.field("responses");
    require_known_keys(responses, responses_path, responses_keys);
    const Json& uniform = member(responses, "uniform", "responses");
    require_known_keys(uniform, responses_path.field("uniform"), bounds_keys);
    Vector lo = exact_point(member(uniform, "lo", "responses.uniform"), d, "responses.uniform.lo");
    Vector hi = exact_point(member(uniform, "hi", "responses.uniform"), d, "responses.uniform.hi");
    for (std::size_t k = 0; k < d; ++k)
        if (!(lo[k] < hi[k]))
            throw InputError("responses.uniform", "needs lo < hi in coordinate " + std::to_string(k));
    config.response_lo = approximate(lo);
    config.response_hi = approximate(hi);
    if (responses.contains("sampling")) {
        const Json& sampling = responses["sampling"];
        if (sampling != "iid" && sampling != "stratified")
            throw InputError("responses.sampling", "expected \"iid\" or \"stratified\"");
        config.sampling = sampling.get<std::string>();
    }

    if (root.contains("seed"))
        config.seed = count(root["seed"], "seed", 0, std::numeric_limits<std::uint64_t>::max());
    if (root.contains("rounds")) config.rounds = count(root["rounds"], "rounds", 0, 100000);
    if (root.contains("best_response")) {
        const Json& br = root["best_response"];
        if (br != "bisection" && br != "surrogate")
            throw InputError("best_response", "expected \"bisection\" or \"surrogate\"");
        config.best_response = br.get<std::string>();
    }
    return config;
}

AlignConfig load_align_config_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("", "cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return load_align_config_text(text.str());
}

}  // namespace bigcert
