#include "python_values.hpp"

#include "bigcert/core/errors.hpp"
#include "bigcert/io/json_keys.hpp"
#include "bigcert/io/solution_keys.hpp"

namespace py = pybind11;

namespace bigcert::python {
namespace {

py::object fraction_type() { return py::module_::import("fractions").attr("Fraction"); }

py::object convert(const Json& value, bool numeric, const std::set<std::string>& keys,
                   const py::object& fraction) {
    if (value.is_object()) {
        py::dict d;
        for (const auto& [key, child] : value.items())
            d[py::str(key)] = convert(child, numeric || keys.count(key) > 0, keys, fraction);
        return d;
    }
    if (value.is_array()) {
        py::list l;
        for (const auto& child : value) l.append(convert(child, numeric, keys, fraction));
        return l;
    }
    if (value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        if (numeric && parse_rational(text)) return fraction(text);
        return py::str(text);
    }
    if (value.is_boolean()) return py::bool_(value.get<bool>());
    if (value.is_number_unsigned()) return py::int_(value.get<std::uint64_t>());
    if (value.is_number_integer()) return py::int_(value.get<std::int64_t>());
    if (value.is_null()) return py::none();
    // bigcert writes every non-integer number as a string; a double here would be a writer bug.
    throw InternalError("unexpected JSON value in a result object");
}

// One exact number as JSON text: the loader parses it (and names `path` when it cannot).
Json number_json(const py::handle& x, const std::string& path) {
    if (py::isinstance<py::bool_>(x)) throw InputError(path, "a bool is not a number");
    if (py::isinstance<py::float_>(x))
        throw InputError(path, "a float is not exact; pass an int, a fractions.Fraction or a \"p/q\" string");
    if (py::isinstance<py::int_>(x) || py::isinstance(x, fraction_type()) || py::isinstance<py::str>(x))
        return py::str(x).cast<std::string>();
    throw InputError(path,
                     "not a number: a " + py::str(py::type::of(x).attr("__name__")).cast<std::string>());
}

// Arrays stay arrays (the loader checks their lengths against the instance); anything else is a number.
Json action_json(const py::handle& x, const std::string& path) {
    if (py::isinstance<py::list>(x) || py::isinstance<py::tuple>(x)) {
        Json out = Json::array();
        std::size_t j = 0;
        for (const py::handle& child : x)
            out.push_back(action_json(child, path + "[" + std::to_string(j++) + "]"));
        return out;
    }
    return number_json(x, path);
}

}  // namespace

py::object to_python(const Json& value, const std::set<std::string>& numeric_keys) {
    return convert(value, false, numeric_keys, fraction_type());
}

py::object fraction(const Rational& q) { return fraction_type()(to_string(q)); }

py::list fractions(const Vector& v) {
    py::list out;
    for (const Rational& q : v) out.append(fraction(q));
    return out;
}

std::string profile_json_text(const py::handle& profile) {
    if (py::isinstance<py::str>(profile)) return profile.cast<std::string>();
    py::object actions;
    if (py::isinstance<py::dict>(profile)) {
        py::dict solution = profile.cast<py::dict>();
        // A solution's keys only, as for `certify --profile` (FORMAT.md: an unknown key names its path).
        const JsonPath root;
        ObjectKeys keys(root, solution_keys);
        for (const auto& item : solution) keys.take(py::str(item.first).cast<std::string>());
        if (!solution.contains("equilibrium"))
            throw InputError("equilibrium", "missing (expected a solution dict with equilibrium.actions)");
        py::object equilibrium = solution["equilibrium"];
        if (!py::isinstance<py::dict>(equilibrium)) throw InputError("equilibrium", "expected a dict");
        const JsonPath equilibrium_path = root.field("equilibrium");
        ObjectKeys parts(equilibrium_path, equilibrium_keys);
        for (const auto& item : equilibrium.cast<py::dict>())
            parts.take(py::str(item.first).cast<std::string>());
        if (!equilibrium.cast<py::dict>().contains("actions"))
            throw InputError("equilibrium.actions", "missing");
        actions = equilibrium["actions"];
    } else if (py::isinstance<py::list>(profile) || py::isinstance<py::tuple>(profile)) {
        actions = py::reinterpret_borrow<py::object>(profile);
    } else {
        throw InputError("", "a profile is a solution dict, a list of actions or JSON text");
    }
    const std::string path = "equilibrium.actions";
    if (!py::isinstance<py::list>(actions) && !py::isinstance<py::tuple>(actions))
        throw InputError(path, "expected a list of actions");
    return Json{{"equilibrium", {{"actions", action_json(actions, path)}}}}.dump();
}

}  // namespace bigcert::python
