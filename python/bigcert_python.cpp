// Python bindings (issue 7): load, solve; every exact number comes back as fractions.Fraction, built from
// bigcert's exact "p/q" text (never through float).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

#include "bigcert/errors.hpp"
#include "bigcert/instance_loader.hpp"
#include "bigcert/solution_writer.hpp"
#include "bigcert/solver.hpp"

namespace py = pybind11;

namespace {

// The solution object of FORMAT.md as Python values; strings in the numeric parts become Fractions.
py::object to_python(const bigcert::Json& value, bool numeric, const py::object& fraction) {
    if (value.is_object()) {
        py::dict d;
        for (const auto& [key, child] : value.items())
            d[py::str(key)] = to_python(child, numeric || key == "equilibrium" || key == "vertices" || key == "receiver",
                                        fraction);
        return d;
    }
    if (value.is_array()) {
        py::list l;
        for (const auto& child : value) l.append(to_python(child, numeric, fraction));
        return l;
    }
    if (value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        if (numeric && bigcert::parse_rational(text)) return fraction(text);
        return py::str(text);
    }
    if (value.is_boolean()) return py::bool_(value.get<bool>());
    if (value.is_number_unsigned()) return py::int_(value.get<std::uint64_t>());
    if (value.is_number_integer()) return py::int_(value.get<std::int64_t>());
    if (value.is_null()) return py::none();
    throw bigcert::InternalError("unexpected JSON value in a solution object");
}

bigcert::Instance load(const std::string& source) {
    std::size_t first = source.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && source[first] == '{') return bigcert::load_instance_text(source);
    return bigcert::load_instance_file(source);
}

}  // namespace

PYBIND11_MODULE(bigcert, m) {
    m.doc() = "Exact equilibria of the Battling Influencers Game (bigcert)";
    py::register_exception<bigcert::InputError>(m, "InputError", PyExc_ValueError);
    py::register_exception<bigcert::UnsupportedError>(m, "UnsupportedError", PyExc_NotImplementedError);
    py::register_exception<bigcert::LimitError>(m, "LimitError", PyExc_ValueError);
    py::register_exception<bigcert::InternalError>(m, "InternalError", PyExc_RuntimeError);

    py::class_<bigcert::Instance>(m, "Instance")
        .def_readonly("name", &bigcert::Instance::name)
        .def_readonly("dimension", &bigcert::Instance::dimension)
        .def("__len__", [](const bigcert::Instance& i) { return i.players.size(); })
        .def("__repr__", [](const bigcert::Instance& i) {
            return "<bigcert.Instance " + (i.name.empty() ? std::string("(unnamed)") : i.name) + ": " +
                   std::to_string(i.players.size()) + " players, d = " + std::to_string(i.dimension) + ">";
        });
    m.def("load", &load, py::arg("source"),
          "An instance from a file path or from JSON text (FORMAT.md); errors name the JSON path (InputError).");
    m.def(
        "solve",
        [](const bigcert::Instance& instance, unsigned threads) {
            bigcert::SolveOptions options;
            options.threads = threads;
            bigcert::Solution solution;
            {
                py::gil_scoped_release release;  // exact solving can take a while; let other Python threads run
                solution = bigcert::solve(instance, options);
            }
            py::object fraction = py::module_::import("fractions").attr("Fraction");
            return to_python(bigcert::solution_json(instance, solution), false, fraction);
        },
        py::arg("instance"), py::arg("threads") = 0,
        "The exact solution object of FORMAT.md as a dict; numbers are fractions.Fraction.");
}
