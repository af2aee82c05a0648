#include "bigcert/io/instance_loader.hpp"

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/json_keys.hpp"
#include "bigcert/io/json_path.hpp"
#include "bigcert/io/receiver_rule_loader.hpp"
#include "io/json_structure.hpp"
#include "io/receiver_rule_reader.hpp"
#include "io/receivers_loader.hpp"

namespace bigcert {
namespace {

namespace od = simdjson::ondemand;

// The keys FORMAT.md defines per object (docs/cli.md "Strict inputs": `description` is free text).
constexpr std::string_view instance_keys[] = {"format", "name",       "description", "loss", "dimension",
                                              "bias",   "action_set", "players",     "rule", "receivers"};
constexpr std::string_view player_keys[] = {"target", "weight", "name", "action_set", "description", "care"};
constexpr std::string_view receiver_keys[] = {"name", "weights", "bias"};
constexpr std::string_view bias_keys[] = {"weight", "point"};
constexpr std::string_view set_keys[] = {"interval",  "box",   "vertices", "halfspaces", "ball",
                                         "ellipsoid", "items", "choose",   "repeats"};
constexpr std::string_view box_keys[] = {"lo", "hi"};
constexpr std::string_view halfspace_keys[] = {"a", "b"};
constexpr std::string_view ball_keys[] = {"center", "radius"};
constexpr std::string_view ellipsoid_keys[] = {"center", "matrix"};

// An action set as written, before the dimension is known to be consistent.
struct RawSet {
    std::string kind;
    std::string path;
    Rational lo, hi;             // interval
    Vector box_lo, box_hi;       // box
    std::vector<Vector> points;  // vertices, items
    std::vector<Halfspace> halfspaces;
    Vector center;
    Rational radius;
    std::size_t choose = 1;  // items: default one item
    bool repeats = false;
    bool has_choose = false, has_repeats = false;
};

std::string_view trim(std::string_view text) {
    while (!text.empty() &&
           (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

std::string describe_token(std::string_view token) {
    token = trim(token);
    if (token.size() > 40) return std::string(token.substr(0, 40)) + "...";
    return std::string(token);
}

class InstanceReader {
  public:
    explicit InstanceReader(const LoadLimits& limits) : limits_(limits) {}

    Instance read(od::document& doc);

  private:
    Rational number(od::value value, const JsonPath& path);
    Vector vector(od::value value, const JsonPath& path);
    std::vector<Vector> vector_list(od::value value, const JsonPath& path);
    std::string text(od::value value, const JsonPath& path);
    // A non-negative integer; above `max` it is bad input, or a LimitError naming `limit_flag` when given.
    std::size_t count(od::value value, const JsonPath& path, std::size_t max,
                      std::string_view limit_flag = {});
    RawSet raw_set(od::value value, const JsonPath& path);
    void read_bias(od::value value, const JsonPath& path, Instance& instance);
    void read_player(od::value value, const JsonPath& path, Instance& instance,
                     std::vector<std::optional<RawSet>>& own_sets);
    void require_dimension(const Vector& v, const JsonPath& path) const;
    std::vector<Rational> number_list(od::value value, const JsonPath& path);
    // Several receivers (docs/format.md "Several receivers"); lengths are checked once the players are read.
    Receiver read_receiver(od::value value, const JsonPath& path);
    ActionSet build_set(const RawSet& raw) const;
    ActionSet build_finite_set(const RawSet& raw) const;
    // Balls and ellipsoids (MODEL.md §3g): center plus radius or matrix (rows kept in RawSet::points).
    void read_curved(od::value value, const JsonPath& path, RawSet& raw);
    ActionSet build_curved_set(const RawSet& raw) const;

    const LoadLimits& limits_;
    std::size_t dimension_ = 1;
    std::string first_weight_path_;  // the first player weight written out (an error under unweighted rules)
    bool has_bias_ = false;          // the top-level bias was written (an error with several receivers)
};

od::object expect_object(od::value value, const JsonPath& path) {
    if (value.type() != od::json_type::object) throw InputError(path.str(), "expected an object");
    return value.get_object();
}

od::array expect_array(od::value value, const JsonPath& path) {
    if (value.type() != od::json_type::array) throw InputError(path.str(), "expected an array");
    return value.get_array();
}

// A well-formed number beyond the configured caps is a limit (exit 5), anything else bad input (exit 2).
[[noreturn]] void throw_number_error(const JsonPath& path, std::string_view text, bool quoted) {
    if (has_number_syntax(text))
        throw LimitError(path.str() + ": number too large for the limits (" + describe_token(text) +
                         "; raise --max-number-digits or --max-exponent)");
    std::string shown = quoted ? "\"" + describe_token(text) + "\"" : describe_token(text);
    throw InputError(path.str(), "not a number: " + shown);
}

Rational InstanceReader::number(od::value value, const JsonPath& path) {
    std::optional<Rational> result;
    switch (value.type()) {
        case od::json_type::number: {
            std::string_view token = trim(value.raw_json_token());
            result = parse_rational(token, limits_.numbers);
            if (!result) throw_number_error(path, token, false);
            return *result;
        }
        case od::json_type::string: {
            std::string_view s = value.get_string();
            result = parse_rational(s, limits_.numbers);
            if (!result) throw_number_error(path, s, true);
            return *result;
        }
        default:
            throw InputError(path.str(), "not a number: " + describe_token(value.raw_json_token()));
    }
}

Vector InstanceReader::vector(od::value value, const JsonPath& path) {
    Vector result;
    if (value.type() != od::json_type::array) {
        result.push_back(number(value, path));  // a bare number is a vector of dimension 1
    } else {
        std::size_t i = 0;
        for (od::value element : value.get_array()) {
            if (i >= limits_.max_dimension)
                throw LimitError(path.str() + ": more than " + std::to_string(limits_.max_dimension) +
                                 " coordinates (raise --max-dimension)");
            result.push_back(number(element, path.element(i++)));
        }
    }
    require_dimension(result, path);
    return result;
}

void InstanceReader::require_dimension(const Vector& v, const JsonPath& path) const {
    if (v.size() != dimension_)
        throw InputError(path.str(), "expected " + std::to_string(dimension_) + " coordinate" +
                                         (dimension_ == 1 ? "" : "s") + ", got " + std::to_string(v.size()));
}

std::vector<Vector> InstanceReader::vector_list(od::value value, const JsonPath& path) {
    std::vector<Vector> result;
    std::size_t i = 0;
    for (od::value element : expect_array(value, path)) result.push_back(vector(element, path.element(i++)));
    return result;
}

std::string InstanceReader::text(od::value value, const JsonPath& path) {
    if (value.type() == od::json_type::string) return std::string(std::string_view(value.get_string()));
    if (value.type() == od::json_type::number) return std::string(trim(value.raw_json_token()));
    throw InputError(path.str(), "expected a string");
}

std::size_t InstanceReader::count(od::value value, const JsonPath& path, std::size_t max,
                                  std::string_view limit_flag) {
    Rational q = number(value, path);
    if (denominator(q) != 1 || q < 0)
        throw InputError(path.str(), "expected a non-negative integer, got " + to_string(q));
    if (q > max) {
        std::string message = path.str() + ": " + to_string(q) + " exceeds the limit " + std::to_string(max);
        if (limit_flag.empty()) throw InputError("", message);
        throw LimitError(message + " (raise " + std::string(limit_flag) + ")");
    }
    return static_cast<std::size_t>(numerator(q).convert_to<unsigned long long>());
}

RawSet InstanceReader::raw_set(od::value value, const JsonPath& path) {
    RawSet raw;
    raw.path = path.str();
    ObjectKeys keys(path, set_keys);
    for (od::field field : expect_object(value, path)) {
        std::string_view key = field.unescaped_key();
        keys.take(key);
        std::string key_text(key);
        JsonPath here = path.field(key_text);
        if (key == "interval") {
            if (!raw.kind.empty()) throw InputError(here.str(), "an action set has exactly one kind");
            raw.kind = "interval";
            Vector bounds;
            std::size_t i = 0;
            for (od::value element : expect_array(field.value(), here)) {
                if (i >= 2) throw InputError(here.str(), "expected [lo, hi]");
                bounds.push_back(number(element, here.element(i++)));
            }
            if (bounds.size() != 2) throw InputError(here.str(), "expected [lo, hi]");
            raw.lo = bounds[0];
            raw.hi = bounds[1];
        } else if (key == "box") {
            if (!raw.kind.empty()) throw InputError(here.str(), "an action set has exactly one kind");
            raw.kind = "box";
            ObjectKeys parts(here, box_keys);
            for (od::field part : expect_object(field.value(), here)) {
                if (parts.take(part.unescaped_key()) == 0)
                    raw.box_lo = vector(part.value(), here.field("lo"));
                else
                    raw.box_hi = vector(part.value(), here.field("hi"));
            }
            if (!parts.has(0) || !parts.has(1)) throw InputError(here.str(), "a box needs \"lo\" and \"hi\"");
        } else if (key == "vertices") {
            if (!raw.kind.empty()) throw InputError(here.str(), "an action set has exactly one kind");
            raw.kind = "vertices";
            raw.points = vector_list(field.value(), here);
            if (raw.points.empty()) throw InputError(here.str(), "empty set: no vertices");
        } else if (key == "halfspaces") {
            if (!raw.kind.empty()) throw InputError(here.str(), "an action set has exactly one kind");
            raw.kind = "halfspaces";
            std::size_t i = 0;
            for (od::value element : expect_array(field.value(), here)) {
                JsonPath item = here.element(i++);
                Halfspace h;
                ObjectKeys parts(item, halfspace_keys);
                for (od::field part : expect_object(element, item)) {
                    if (parts.take(part.unescaped_key()) == 0)
                        h.normal = vector(part.value(), item.field("a"));
                    else
                        h.offset = number(part.value(), item.field("b"));
                }
                if (!parts.has(0) || !parts.has(1))
                    throw InputError(item.str(), "a halfspace needs \"a\" and \"b\"");
                raw.halfspaces.push_back(std::move(h));
            }
            if (raw.halfspaces.empty()) throw InputError(here.str(), "unbounded set: no halfspaces");
        } else if (key == "ball" || key == "ellipsoid") {
            if (!raw.kind.empty()) throw InputError(here.str(), "an action set has exactly one kind");
            raw.kind = key_text;
            read_curved(field.value(), here, raw);
        } else if (key == "items") {
            if (!raw.kind.empty()) throw InputError(here.str(), "an action set has exactly one kind");
            raw.kind = "items";
            raw.points = vector_list(field.value(), here);
            if (raw.points.empty()) throw InputError(here.str(), "empty set: no items");
        } else if (key == "choose") {
            // Up to 10^6 is accepted here; whether so many fit the item list is checked in build_set.
            raw.choose = count(field.value(), here, 1'000'000);
            if (raw.choose == 0)
                throw InputError(here.str(), "must be at least 1 (a player chooses at least one item)");
            raw.has_choose = true;
        } else if (key == "repeats") {
            od::value flag = field.value();
            if (flag.type() != od::json_type::boolean) throw InputError(here.str(), "expected true or false");
            raw.repeats = bool(flag.get_bool());
            raw.has_repeats = true;
        }
    }
    if ((raw.has_choose || raw.has_repeats) && raw.kind != "items")
        throw InputError(path.field(raw.has_choose ? "choose" : "repeats").str(),
                         "only a finite action space (\"items\") has this key");
    if (raw.kind.empty())
        throw InputError(path.str(),
                         "expected one of interval, box, vertices, halfspaces, ball, ellipsoid, items");
    return raw;
}

ActionSet InstanceReader::build_set(const RawSet& raw) const {
    if (raw.kind == "ball" || raw.kind == "ellipsoid") return build_curved_set(raw);
    if (raw.kind == "items") return build_finite_set(raw);
    try {
        if (raw.kind == "interval") {
            if (dimension_ != 1) throw InputError(raw.path + ".interval", "an interval needs dimension 1");
            if (raw.lo > raw.hi) throw InputError(raw.path + ".interval", "empty set: lo > hi");
            return ActionSet::interval(raw.lo, raw.hi);
        }
        if (raw.kind == "box") {
            for (std::size_t j = 0; j < dimension_; ++j)
                if (raw.box_lo[j] > raw.box_hi[j])
                    throw InputError(raw.path + ".box", "empty set: lo[" + std::to_string(j) + "] > hi[" +
                                                            std::to_string(j) + "]");
            if (dimension_ == 1) return ActionSet::interval(raw.box_lo[0], raw.box_hi[0]);
            if (dimension_ > 16) throw LimitError(raw.path + ".box: boxes are limited to dimension 16");
            return ActionSet::polytope(Polytope::box(raw.box_lo, raw.box_hi), "box");
        }
        Polytope p = raw.kind == "vertices"
                         ? Polytope::from_vertices(raw.points, dimension_, limits_.polytopes)
                         : Polytope::from_halfspaces(raw.halfspaces, dimension_, limits_.polytopes);
        if (dimension_ == 1) {
            Rational lo = p.vertices()[0][0], hi = lo;
            for (const Vector& v : p.vertices()) lo = std::min(lo, v[0]), hi = std::max(hi, v[0]);
            return ActionSet::interval(lo, hi);
        }
        return ActionSet::polytope(std::move(p), raw.kind);
    } catch (const GeometryError& e) {
        throw InputError(raw.path + "." + raw.kind, e.what());
    }
}

void InstanceReader::read_curved(od::value value, const JsonPath& path, RawSet& raw) {
    const bool ball = raw.kind == "ball";
    ObjectKeys parts(path, ball ? std::span<const std::string_view>(ball_keys) : ellipsoid_keys);
    for (od::field part : expect_object(value, path)) {
        if (parts.take(part.unescaped_key()) == 0)
            raw.center = vector(part.value(), path.field("center"));
        else if (ball)
            raw.radius = number(part.value(), path.field("radius"));
        else
            raw.points = vector_list(part.value(), path.field("matrix"));
    }
    const bool has_center = parts.has(0), has_shape = parts.has(1);
    if (!has_center) throw InputError(path.str(), "a " + raw.kind + " needs \"center\"");
    if (!has_shape)
        throw InputError(path.str(), ball ? "a ball needs \"radius\"" : "an ellipsoid needs \"matrix\"");
}

ActionSet InstanceReader::build_curved_set(const RawSet& raw) const {
    const std::string here = raw.path + "." + raw.kind;
    if (raw.kind == "ball") {
        if (sign(raw.radius) < 0) throw InputError(here + ".radius", "the radius must be >= 0");
        // In d = 1 a ball is the interval [c - r, c + r]: rational, so the exact sweep answers it exactly.
        if (dimension_ == 1)
            return ActionSet::interval(raw.center[0] - raw.radius, raw.center[0] + raw.radius);
        return ActionSet::curved(CurvedSet::ball(raw.center, raw.radius), "ball");
    }
    if (raw.points.size() != dimension_)
        throw InputError(here + ".matrix", "expected " + std::to_string(dimension_) + " rows (a " +
                                               std::to_string(dimension_) + "x" + std::to_string(dimension_) +
                                               " matrix)");
    try {
        return ActionSet::curved(CurvedSet::ellipsoid(raw.center, Matrix::from_rows(raw.points, dimension_)),
                                 "ellipsoid");
    } catch (const GeometryError& e) {
        throw InputError(here + ".matrix",
                         std::string(e.what()) + "; an ellipsoid needs M symmetric positive definite");
    }
}

// Paper §5.2. The caps keep the strategy spaces within what a machine can represent; the solvers apply
// their own (larger-scale) limits to the work they do.
ActionSet InstanceReader::build_finite_set(const RawSet& raw) const {
    constexpr std::size_t max_items = 100'000;
    const std::string items_path = raw.path + ".items";
    if (raw.points.size() > max_items)
        throw InputError(items_path, std::to_string(raw.points.size()) + " items exceed the limit of " +
                                         std::to_string(max_items));
    if (!raw.repeats && raw.choose > raw.points.size())
        throw InputError(raw.path + ".choose", "cannot choose " + std::to_string(raw.choose) + " of " +
                                                   std::to_string(raw.points.size()) +
                                                   " items without repeats");
    std::vector<const Vector*> sorted;
    for (const Vector& item : raw.points) sorted.push_back(&item);
    std::sort(sorted.begin(), sorted.end(), [](const Vector* a, const Vector* b) { return *a < *b; });
    for (std::size_t j = 1; j < sorted.size(); ++j)
        if (*sorted[j] == *sorted[j - 1])
            throw InputError(items_path,
                             "duplicate item (items form a set; use \"repeats\" to pick one more than once)");
    return ActionSet::finite(FiniteChoice{raw.points, raw.choose, raw.repeats});
}

void InstanceReader::read_bias(od::value value, const JsonPath& path, Instance& instance) {
    ObjectKeys keys(path, bias_keys);
    for (od::field field : expect_object(value, path)) {
        if (keys.take(field.unescaped_key()) == 0)
            instance.bias_weight = number(field.value(), path.field("weight"));
        else
            instance.bias_point = vector(field.value(), path.field("point"));
    }
}

std::vector<Rational> InstanceReader::number_list(od::value value, const JsonPath& path) {
    std::vector<Rational> result;
    std::size_t i = 0;
    for (od::value element : expect_array(value, path)) result.push_back(number(element, path.element(i++)));
    return result;
}

Receiver InstanceReader::read_receiver(od::value value, const JsonPath& path) {
    Receiver receiver;
    bool has_weights = false;
    ObjectKeys keys(path, receiver_keys);
    for (od::field field : expect_object(value, path)) {
        const std::size_t key = keys.take(field.unescaped_key());
        if (key == 0) {
            receiver.name = text(field.value(), path.field("name"));
        } else if (key == 1) {
            receiver.weights = number_list(field.value(), path.field("weights"));
            has_weights = true;
        } else {
            Instance bias;
            read_bias(field.value(), path.field("bias"), bias);
            if (bias.bias_point.empty())
                throw InputError(path.field("bias").str(), "a bias needs a \"point\"");
            receiver.bias_weight = bias.bias_weight;
            receiver.bias_point = std::move(bias.bias_point);
        }
    }
    if (!has_weights) throw InputError(path.str(), "missing \"weights\"");
    return receiver;
}

// Free text (docs/cli.md "Strict inputs"): any string, not interpreted.
void free_text(od::value value, const JsonPath& path) {
    if (value.type() != od::json_type::string) throw InputError(path.str(), "expected a string");
    std::string_view ignored = value.get_string();  // validates the string's escapes and UTF-8
    (void)ignored;
}

void InstanceReader::read_player(od::value value, const JsonPath& path, Instance& instance,
                                 std::vector<std::optional<RawSet>>& own_sets) {
    Player player;
    player.weight = 1;
    bool has_target = false;
    std::optional<RawSet> own;
    ObjectKeys keys(path, player_keys);
    for (od::field field : expect_object(value, path)) {
        std::string_view key = field.unescaped_key();
        keys.take(key);
        if (key == "target") {
            player.target = vector(field.value(), path.field("target"));
            has_target = true;
        } else if (key == "weight") {
            player.weight = number(field.value(), path.field("weight"));
            if (first_weight_path_.empty()) first_weight_path_ = path.field("weight").str();
        } else if (key == "name") {
            player.name = text(field.value(), path.field("name"));
        } else if (key == "action_set") {
            own = raw_set(field.value(), path.field("action_set"));
        } else if (key == "care") {
            player.care = number_list(field.value(), path.field("care"));
        } else {
            free_text(field.value(), path.field("description"));
        }
    }
    if (!has_target) throw InputError(path.str(), "missing \"target\"");
    instance.players.push_back(std::move(player));
    own_sets.push_back(std::move(own));
}

Instance InstanceReader::read(od::document& doc) {
    if (doc.type() != od::json_type::object) throw InputError("", "an instance must be a JSON object");
    // The dimension decides how vectors are checked, so read it before anything else.
    {
        od::value d;
        simdjson::error_code error = doc.find_field_unordered("dimension").get(d);
        // After any other error the iterator is abandoned and must not be touched again.
        if (error != simdjson::SUCCESS && error != simdjson::NO_SUCH_FIELD)
            throw InputError("", std::string("invalid JSON: ") + simdjson::error_message(error));
        if (error == simdjson::SUCCESS) {
            JsonPath root;
            dimension_ = count(d, root.field("dimension"), limits_.max_dimension, "--max-dimension");
            if (dimension_ == 0) throw InputError("dimension", "must be at least 1");
        }
        doc.rewind();
    }
    Instance instance;
    instance.dimension = dimension_;
    std::optional<RawSet> common;
    std::vector<std::optional<RawSet>> own_sets;
    bool has_players = false;
    JsonPath root;
    ObjectKeys keys(root, instance_keys);
    for (od::field field : doc.get_object()) {
        std::string_view key = field.unescaped_key();
        keys.take(key);
        if (key == "format") {
            std::string format = text(field.value(), root.field("format"));
            if (format != "bigcert/1")
                throw InputError("format", "unsupported format \"" + format + "\" (expected \"bigcert/1\")");
        } else if (key == "name") {
            instance.name = text(field.value(), root.field("name"));
        } else if (key == "loss") {
            std::string loss = text(field.value(), root.field("loss"));
            if (loss == "squared")
                instance.loss = Loss::squared;
            else if (loss == "inner")
                instance.loss = Loss::inner;
            else
                throw InputError("loss", "expected \"squared\" or \"inner\", got \"" + loss + "\"");
        } else if (key == "bias") {
            read_bias(field.value(), root.field("bias"), instance);
            has_bias_ = true;
        } else if (key == "receivers") {
            JsonPath list = root.field("receivers");
            std::size_t j = 0;
            for (od::value element : expect_array(field.value(), list))
                instance.receivers.push_back(read_receiver(element, list.element(j++)));
            if (instance.receivers.empty())
                throw InputError("receivers", "at least one receiver is required");
        } else if (key == "action_set") {
            common = raw_set(field.value(), root.field("action_set"));
        } else if (key == "players") {
            has_players = true;
            JsonPath players_path = root.field("players");
            std::size_t i = 0;
            for (od::value element : expect_array(field.value(), players_path)) {
                if (i >= limits_.max_players)
                    throw LimitError("players: more than " + std::to_string(limits_.max_players) +
                                     " players (raise --max-players)");
                read_player(element, players_path.element(i++), instance, own_sets);
            }
        } else if (key == "description") {
            free_text(field.value(), root.field("description"));
        } else if (key == "rule") {
            instance.rule =
                read_receiver_rule(field.value(), root.field("rule"), dimension_, limits_.numbers);
        }
        // "dimension" was read above.
    }
    if (!has_players || instance.players.empty())
        throw InputError("players", "at least one player is required");
    if (!instance.bias_point.empty() || sign(instance.bias_weight) != 0) {
        if (instance.bias_point.empty()) throw InputError("bias", "a bias weight needs a \"point\"");
    }
    check_receivers(instance, first_weight_path_, has_bias_, limits_.several_receivers);
    if (!instance.rule.is_mean() && !first_weight_path_.empty())
        throw InputError(first_weight_path_, "the rule \"" + rule_kind_name(instance.rule.kind) +
                                                 "\" is unweighted; remove the weights");
    if (common) instance.action_sets.push_back(build_set(*common));
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        if (own_sets[i]) {
            instance.players[i].action_set = instance.action_sets.size();
            instance.action_sets.push_back(build_set(*own_sets[i]));
        } else if (common) {
            instance.players[i].action_set = 0;
        } else {
            throw InputError("players[" + std::to_string(i) + "]", "no action_set, and no common action_set");
        }
    }
    if (!instance.rule.is_mean()) check_rule_fits_instance(instance.rule, instance, "rule");
    return instance;
}

std::string simdjson_message(const simdjson::simdjson_error& e) {
    return std::string("invalid JSON: ") + simdjson::error_message(e.error());
}

Instance parse_padded(const simdjson::padded_string& padded, const LoadLimits& limits) {
    check_json_structure(std::string_view(padded.data(), padded.size()), limits.max_nesting);
    od::parser parser;
    try {
        od::document doc = parser.iterate(padded);
        InstanceReader reader(limits);
        return reader.read(doc);
    } catch (const simdjson::simdjson_error& e) {
        throw InputError("", simdjson_message(e));
    }
}

LimitError too_large(std::size_t size, const LoadLimits& limits) {
    return LimitError("input of " + std::to_string(size) + " bytes exceeds the limit of " +
                      std::to_string(limits.max_input_bytes) + " bytes (raise --max-input-bytes)");
}

}  // namespace

Instance load_instance_text(std::string_view json, const LoadLimits& limits) {
    if (json.size() > limits.max_input_bytes) throw too_large(json.size(), limits);
    return parse_padded(simdjson::padded_string(json), limits);
}

Instance load_instance_file(const std::string& path, const LoadLimits& limits) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) throw InputError("", "cannot read " + path + ": " + ec.message());
    if (size > limits.max_input_bytes) throw too_large(size, limits);
    simdjson::padded_string text;
    if (simdjson::padded_string::load(path).get(text) != simdjson::SUCCESS)
        throw InputError("", "cannot read " + path);
    return parse_padded(text, limits);
}

}  // namespace bigcert
