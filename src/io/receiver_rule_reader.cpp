#include "io/receiver_rule_reader.hpp"

#include <string>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/io/json_keys.hpp"
#include "bigcert/io/receiver_rule_loader.hpp"
#include "io/json_structure.hpp"

namespace bigcert {
namespace {

namespace od = simdjson::ondemand;

constexpr std::string_view rule_keys[] = {"kind", "phantoms", "trim", "prior", "radius"};
enum RuleKey { key_kind, key_phantoms, key_trim, key_prior, key_radius };

std::string_view trimmed(std::string_view text) {
    while (!text.empty() &&
           (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

Rational read_number(od::value value, const JsonPath& path, const NumberLimits& limits) {
    std::string_view token;
    if (value.type() == od::json_type::number)
        token = trimmed(value.raw_json_token());
    else if (value.type() == od::json_type::string)
        token = value.get_string();
    else
        throw InputError(path.str(), "not a number");
    if (std::optional<Rational> q = parse_rational(token, limits)) return *q;
    if (has_number_syntax(token))
        throw LimitError(path.str() +
                         ": number too large for the limits (raise --max-number-digits or --max-exponent)");
    throw InputError(path.str(), "not a number");
}

Vector read_point(od::value value, const JsonPath& path, std::size_t dimension, const NumberLimits& limits) {
    Vector point;
    if (value.type() != od::json_type::array) {
        point.push_back(read_number(value, path, limits));
    } else {
        std::size_t i = 0;
        for (od::value element : value.get_array()) {
            if (i >= dimension)
                throw InputError(path.str(), "expected " + std::to_string(dimension) + " coordinates");
            point.push_back(read_number(element, path.element(i++), limits));
        }
    }
    if (point.size() != dimension)
        throw InputError(path.str(), "expected " + std::to_string(dimension) + " coordinate" +
                                         (dimension == 1 ? "" : "s") + ", got " +
                                         std::to_string(point.size()));
    return point;
}

ReceiverRule::Kind kind_from_name(std::string_view name, const JsonPath& path) {
    using Kind = ReceiverRule::Kind;
    for (Kind kind :
         {Kind::mean, Kind::median, Kind::generalized_median, Kind::trimmed_mean, Kind::threshold})
        if (rule_kind_name(kind) == name) return kind;
    throw InputError(
        path.str(),
        "expected \"mean\", \"median\", \"generalized-median\", \"trimmed-mean\" or \"threshold\"");
}

// Each kind takes exactly its own parameters (docs/format.md).
void require_parameters(const ReceiverRule& rule, const ObjectKeys& keys, const JsonPath& path) {
    using Kind = ReceiverRule::Kind;
    const bool wants[] = {true, rule.kind == Kind::generalized_median, rule.kind == Kind::trimmed_mean,
                          rule.kind == Kind::threshold, rule.kind == Kind::threshold};
    for (std::size_t k = 1; k < 5; ++k) {
        if (keys.has(k) && !wants[k])
            throw InputError(path.field(rule_keys[k]).str(),
                             "not a parameter of the rule \"" + rule_kind_name(rule.kind) + "\"");
        if (!keys.has(k) && wants[k])
            throw InputError(path.str(), "the rule \"" + rule_kind_name(rule.kind) + "\" needs \"" +
                                             std::string(rule_keys[k]) + "\"");
    }
}

}  // namespace

ReceiverRule read_receiver_rule(od::value value, const JsonPath& path, std::size_t dimension,
                                const NumberLimits& limits) {
    if (value.type() != od::json_type::object) throw InputError(path.str(), "expected an object");
    ReceiverRule rule;
    bool has_kind = false;
    ObjectKeys keys(path, rule_keys);
    for (od::field field : value.get_object()) {
        const std::size_t key = keys.take(field.unescaped_key());
        JsonPath here = path.field(rule_keys[key]);
        od::value v = field.value();
        if (key == key_kind) {
            if (v.type() != od::json_type::string) throw InputError(here.str(), "expected a string");
            rule.kind = kind_from_name(std::string_view(v.get_string()), here);
            has_kind = true;
        } else if (key == key_phantoms) {
            if (v.type() != od::json_type::array) throw InputError(here.str(), "expected an array of points");
            std::size_t i = 0;
            for (od::value element : v.get_array())
                rule.phantoms.push_back(read_point(element, here.element(i++), dimension, limits));
        } else if (key == key_trim) {
            Rational k = read_number(v, here, limits);
            if (denominator(k) != 1 || k < 0 || k > 1'000'000'000)
                throw InputError(here.str(), "expected a non-negative integer");
            rule.trim = static_cast<std::size_t>(numerator(k).convert_to<unsigned long long>());
        } else if (key == key_prior) {
            rule.prior = read_point(v, here, dimension, limits);
        } else {
            rule.radius = read_number(v, here, limits);
            if (sign(rule.radius) < 0) throw InputError(here.str(), "the radius must be >= 0");
        }
    }
    if (!has_kind) throw InputError(path.str(), "a rule needs \"kind\"");
    require_parameters(rule, keys, path);
    return rule;
}

ReceiverRule load_receiver_rule_text(std::string_view json, std::size_t dimension, const std::string& path,
                                     const LoadLimits& limits) {
    if (json.size() > limits.max_input_bytes) throw LimitError(path + ": too long (raise --max-input-bytes)");
    check_json_structure(json, limits.max_nesting);
    simdjson::padded_string padded(json);
    od::parser parser;
    try {
        od::document doc = parser.iterate(padded);
        od::value value = doc.get_value();
        JsonPath root{nullptr, path, 0};
        ReceiverRule rule = read_receiver_rule(value, root, dimension, limits.numbers);
        if (doc.current_location().error() == simdjson::SUCCESS)
            throw InputError(path, "trailing text after the rule");
        return rule;
    } catch (const simdjson::simdjson_error& e) {
        throw InputError(path, std::string("invalid JSON: ") + simdjson::error_message(e.error()));
    }
}

void check_rule_fits_instance(const ReceiverRule& rule, const Instance& instance, const std::string& path) {
    const std::size_t n = instance.players.size();
    if (rule.kind == ReceiverRule::Kind::trimmed_mean && 2 * rule.trim >= n)
        throw InputError(path + ".trim",
                         "2·trim must be less than the number of players (" + std::to_string(n) + ")");
    if (rule.is_mean()) return;
    for (std::size_t i = 0; i < n; ++i)
        if (instance.players[i].weight != 1)
            throw InputError(
                "players[" + std::to_string(i) + "].weight",
                "the rule \"" + rule_kind_name(rule.kind) + "\" is unweighted; remove the weights");
    if (sign(instance.bias_weight) != 0)
        throw InputError("bias", "the rule \"" + rule_kind_name(rule.kind) + "\" has no bias; remove it");
    for (const ActionSet& set : instance.action_sets)
        if (set.is_finite() || set.is_curved())
            throw UnsupportedError("action_set", "receiver rules other than the mean on " +
                                                     std::string(set.is_finite() ? "finite action spaces"
                                                                                 : "balls and ellipsoids"));
}

void require_mean_rule(const Instance& instance) {
    if (!instance.rule.is_mean())
        throw UnsupportedError("rule", "this command solves the mean rule only; the rule \"" +
                                           rule_kind_name(instance.rule.kind) +
                                           "\" is studied by `bigcert mechanism`");
}

}  // namespace bigcert
