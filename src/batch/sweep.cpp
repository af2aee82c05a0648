#include "bigcert/batch/sweep.hpp"

#include <cstdint>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/rational.hpp"
#include "bigcert/io/exact_json.hpp"
#include "bigcert/io/instance_loader.hpp"

namespace bigcert {

namespace {

// The keys of a spec (docs/cli.md; `description` is free text). The base is an instance: its keys are
// checked by the instance loader, per item.
constexpr std::string_view spec_keys[] = {"format", "name", "description", "base", "grid", "random"};
constexpr std::string_view random_keys[] = {"count", "seed", "ranges"};
constexpr std::string_view range_keys[] = {"lo", "hi", "denominator"};

// One step of a target path: a key, then zero or more indices (SIZE_MAX = [*]).
struct Step {
    std::string key;
    std::vector<std::size_t> indices;
};
constexpr std::size_t every = SIZE_MAX;

std::vector<Step> parse_target(const std::string& target, const std::string& where) {
    std::vector<Step> steps;
    std::istringstream parts(target);
    std::string part;
    while (std::getline(parts, part, '.')) {
        Step step;
        std::size_t bracket = part.find('[');
        step.key = part.substr(0, bracket);
        if (step.key.empty()) throw InputError(where, "bad path \"" + target + "\": empty key");
        while (bracket != std::string::npos) {
            std::size_t close = part.find(']', bracket);
            if (close == std::string::npos) throw InputError(where, "bad path \"" + target + "\": missing ]");
            std::string index = part.substr(bracket + 1, close - bracket - 1);
            if (index == "*")
                step.indices.push_back(every);
            else if (!index.empty() && index.find_first_not_of("0123456789") == std::string::npos)
                step.indices.push_back(std::stoul(index));
            else
                throw InputError(where, "bad path \"" + target + "\": index \"" + index + "\"");
            bracket = close + 1 < part.size() ? close + 1 : std::string::npos;
            if (bracket != std::string::npos && part[bracket] != '[')
                throw InputError(where, "bad path \"" + target + "\": text after ]");
        }
        steps.push_back(step);
    }
    if (steps.empty()) throw InputError(where, "empty path");
    return steps;
}

// Sets every number the path addresses; the path must exist in the base instance (a typo is an error,
// not a silently unused parameter).
void assign(Json& node, const std::vector<Step>& steps, std::size_t s, const Json& value,
            const std::string& target, const std::string& where) {
    if (s == steps.size()) {
        if (node.is_array() || node.is_object())
            throw InputError(where, "path \"" + target + "\" addresses a " + std::string(node.type_name()) +
                                        ", not a number");
        node = value;
        return;
    }
    // A player's weight is optional (default 1, FORMAT.md): sweeping it adds the key.
    bool optional_weight = s + 1 == steps.size() && steps[s].key == "weight" && steps[s].indices.empty();
    if (node.is_object() && optional_weight && !node.contains("weight")) node["weight"] = 1;
    if (!node.is_object() || !node.contains(steps[s].key))
        throw InputError(where,
                         "path \"" + target + "\": the base instance has no \"" + steps[s].key + "\" there");
    Json& child = node[steps[s].key];
    // Indices, then the rest of the path.
    std::function<void(Json&, std::size_t)> walk = [&](Json& at, std::size_t k) {
        const std::vector<std::size_t>& indices = steps[s].indices;
        if (k == indices.size()) return assign(at, steps, s + 1, value, target, where);
        // A bare number stands for a 1-vector (FORMAT.md): "target[0]" on "target": 1.
        if (!at.is_array() && (indices[k] == 0 || indices[k] == every) && k + 1 == indices.size() &&
            s + 1 == steps.size())
            return assign(at, steps, s + 1, value, target, where);
        if (!at.is_array())
            throw InputError(where, "path \"" + target + "\": not an array at \"" + steps[s].key + "\"");
        if (indices[k] == every) {
            for (Json& element : at) walk(element, k + 1);
            return;
        }
        if (indices[k] >= at.size())
            throw InputError(
                where, "path \"" + target + "\": index " + std::to_string(indices[k]) + " out of range");
        walk(at[indices[k]], k + 1);
    };
    walk(child, 0);
}

struct Parameter {
    std::string target;
    std::vector<Step> steps;
    std::vector<Rational> values;  // grid
    Rational lo, hi;               // random
    std::uint64_t denominator = 1;
};

BatchItem make_item(const Json& base, const std::vector<Parameter>& parameters,
                    const std::vector<Rational>& point, std::size_t index, const std::string& where) {
    Json instance = base;
    Json params = Json::object();
    for (std::size_t p = 0; p < parameters.size(); ++p) {
        Json value = to_string(point[p]);
        assign(instance, parameters[p].steps, 0, value, parameters[p].target,
               where + "." + parameters[p].target);
        params[parameters[p].target] = value;
    }
    std::string prefix =
        base.contains("name") && base["name"].is_string() ? base["name"].get<std::string>() : "sweep";
    std::string id = prefix + "#" + std::to_string(index);
    instance["name"] = id;
    return {id, instance.dump(), params};
}

const Json& member(const Json& object, const std::string& key, const std::string& path) {
    if (!object.is_object() || !object.contains(key)) throw InputError(path, "missing \"" + key + "\"");
    return object.at(key);
}

std::vector<BatchItem> expand_grid(const Json& base, const Json& grid) {
    if (!grid.is_object() || grid.empty())
        throw InputError("grid", "expected a non-empty object of path: [values]");
    std::vector<Parameter> parameters;
    for (const auto& [target, values] : grid.items()) {
        std::string where = "grid." + target;
        Parameter p;
        p.target = target;
        p.steps = parse_target(target, where);
        if (!values.is_array() || values.empty())
            throw InputError(where, "expected a non-empty array of numbers");
        for (std::size_t v = 0; v < values.size(); ++v)
            p.values.push_back(exact_number(values[v], where + "[" + std::to_string(v) + "]"));
        parameters.push_back(std::move(p));
    }
    std::size_t total = 1;
    for (const Parameter& p : parameters) {
        if (total > 10'000'000 / p.values.size()) throw LimitError("grid: more than 10^7 points");
        total *= p.values.size();
    }
    std::vector<BatchItem> items;
    std::vector<Rational> point(parameters.size());
    for (std::size_t index = 0; index < total; ++index) {
        std::size_t rest = index;
        for (std::size_t p = parameters.size(); p-- > 0;) {  // last path varies fastest
            point[p] = parameters[p].values[rest % parameters[p].values.size()];
            rest /= parameters[p].values.size();
        }
        items.push_back(make_item(base, parameters, point, index, "grid"));
    }
    return items;
}

std::vector<BatchItem> expand_random(const Json& base, const Json& random) {
    const JsonPath root;
    const JsonPath random_path = root.field("random");
    require_known_keys(random, random_path, random_keys);
    const Json& count = member(random, "count", "random");
    if (!count.is_number_unsigned() || count.get<std::uint64_t>() == 0 ||
        count.get<std::uint64_t>() > 10'000'000)
        throw InputError("random.count", "expected an integer between 1 and 10^7");
    std::uint64_t seed = 1;
    if (random.contains("seed")) {
        if (!random["seed"].is_number_unsigned())
            throw InputError("random.seed", "expected a non-negative integer");
        seed = random["seed"].get<std::uint64_t>();
    }
    const Json& ranges = member(random, "ranges", "random");
    if (!ranges.is_object() || ranges.empty())
        throw InputError("random.ranges", "expected a non-empty object of path: {lo, hi}");
    std::vector<Parameter> parameters;
    for (const auto& [target, range] : ranges.items()) {
        std::string where = "random.ranges." + target;
        const JsonPath ranges_path = random_path.field("ranges");
        require_known_keys(range, ranges_path.field(target), range_keys);
        Parameter p;
        p.target = target;
        p.steps = parse_target(target, where);
        p.lo = exact_number(member(range, "lo", where), where + ".lo");
        p.hi = exact_number(member(range, "hi", where), where + ".hi");
        if (p.hi < p.lo) throw InputError(where, "hi < lo");
        p.denominator = 100;
        if (range.contains("denominator")) {
            const Json& q = range["denominator"];
            if (!q.is_number_unsigned() || q.get<std::uint64_t>() == 0 ||
                q.get<std::uint64_t>() > (std::uint64_t{1} << 62))
                throw InputError(where + ".denominator", "expected a positive integer below 2^62");
            p.denominator = q.get<std::uint64_t>();
        }
        parameters.push_back(std::move(p));
    }
    // mt19937_64's output sequence is fixed by the C++ standard; reducing it by hand (not through a
    // distribution, whose algorithm is implementation-defined) makes a seed portable.
    std::mt19937_64 generator(seed);
    std::vector<BatchItem> items;
    std::vector<Rational> point(parameters.size());
    for (std::uint64_t index = 0; index < count.get<std::uint64_t>(); ++index) {
        for (std::size_t p = 0; p < parameters.size(); ++p) {
            std::uint64_t k = generator() % (parameters[p].denominator + 1);
            Rational fraction = Rational(Integer(k)) / Rational(Integer(parameters[p].denominator));
            point[p] = parameters[p].lo + (parameters[p].hi - parameters[p].lo) * fraction;
        }
        items.push_back(make_item(base, parameters, point, index, "random"));
    }
    return items;
}

// Parameters replace numbers (and may add a weight), never keys: an unknown key of the base would be every
// line's error, so it is the spec's (exit 2), named under "base". Other errors may depend on the values and
// stay per line.
void require_known_base_keys(const BatchItem& first) {
    try {
        load_instance_text(first.text);
    } catch (const UnknownKeyError& e) {
        throw UnknownKeyError("", "base." + std::string(e.what()));
    } catch (const std::exception&) {
    }
}

}  // namespace

std::vector<BatchItem> expand_sweep(const std::string& spec_text) {
    Json spec = parse_exact_json(spec_text);
    if (!spec.is_object()) throw InputError("", "a sweep spec is a JSON object");
    const JsonPath root;
    require_known_keys(spec, root, spec_keys);
    if (spec.contains("description") && !spec["description"].is_string())
        throw InputError("description", "expected a string");
    if (spec.contains("format") && spec["format"] != "bigcert-sweep/1")
        throw InputError("format", "expected \"bigcert-sweep/1\"");
    const Json& base = member(spec, "base", "");
    if (!base.is_object()) throw InputError("base", "expected an instance object");
    bool grid = spec.contains("grid"), random = spec.contains("random");
    if (grid == random) throw InputError("", "give exactly one of \"grid\" and \"random\"");
    std::vector<BatchItem> items =
        grid ? expand_grid(base, spec["grid"]) : expand_random(base, spec["random"]);
    require_known_base_keys(items.front());
    return items;
}

std::vector<BatchItem> expand_sweep_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return expand_sweep(text);
}

}  // namespace bigcert
