// Python bindings (docs/cli.md, Python): load, solve, certify and check; every exact number comes back as
// fractions.Fraction, built from bigcert's exact "p/q" text (never through float).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bigcert/certificate.hpp"
#include "bigcert/curved_certificate.hpp"
#include "bigcert/errors.hpp"
#include "bigcert/finite_game.hpp"
#include "bigcert/instance_loader.hpp"
#include "bigcert/profile_loader.hpp"
#include "bigcert/properties.hpp"
#include "bigcert/solution_writer.hpp"
#include "bigcert/solver.hpp"
#include "python_values.hpp"

namespace py = pybind11;

namespace {

// An instance with the JSON text it was read from: a proof bundle stores that text (and its SHA-256) so
// that `bigcert replay` can re-run the queries against exactly the game that was certified.
struct LoadedInstance {
    bigcert::Instance instance;
    std::string text;
};

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw bigcert::InputError("", "cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The loader's limit errors name the CLI's flags ("raise --max-players"); here the same limits are load()'s
// keyword arguments, so the message names those instead.
std::string with_keyword_names(std::string message) {
    for (const char* flag :
         {"--max-input-bytes", "--max-players", "--max-dimension", "--max-number-digits", "--max-exponent"}) {
        std::string keyword = std::string(flag + 2) + "=";
        for (char& c : keyword) c = c == '-' ? '_' : c;
        for (std::size_t at; (at = message.find(flag)) != std::string::npos;)
            message.replace(at, std::string(flag).size(), keyword);
    }
    return message;
}

LoadedInstance load(const std::string& source, std::size_t max_input_bytes, std::size_t max_players,
                    std::size_t max_dimension, std::size_t max_number_digits, long max_exponent) {
    bigcert::LoadLimits limits;
    limits.max_input_bytes = max_input_bytes;
    limits.max_players = max_players;
    limits.max_dimension = max_dimension;
    limits.numbers.max_digits = max_number_digits;
    limits.numbers.max_exponent = max_exponent;
    try {
        std::size_t first = source.find_first_not_of(" \t\r\n");
        if (first != std::string::npos && source[first] == '{')
            return {bigcert::load_instance_text(source, limits), source};
        bigcert::Instance instance =
            bigcert::load_instance_file(source, limits);  // its errors name the file and JSON path
        return {std::move(instance), read_text_file(source)};
    } catch (const bigcert::LimitError& e) {
        throw bigcert::LimitError(with_keyword_names(e.what()));
    }
}

py::object solve(const LoadedInstance& loaded, unsigned threads) {
    bigcert::SolveOptions options;
    options.threads = threads;
    bigcert::Solution solution;
    {
        py::gil_scoped_release release;  // exact solving can take a while; let other Python threads run
        solution = bigcert::solve(loaded.instance, options);
    }
    return bigcert::python::to_python(bigcert::solution_json(loaded.instance, solution),
                                      {"equilibrium", "vertices", "receiver"});
}

// The Z3 certificate of one profile (certificate.hpp): the CLI's certificate object plus, per player, the
// exact KKT multipliers ("lambda", facet order of the set's H-description) and the certified "actions".
// Curved sets without a profile: like `bigcert certify`, the solver's boxes are certified (certify_enclosure);
// "enclosure" holds them as {"interval": [Fraction, Fraction]} (the shape of solve's curved coordinates).
py::object certify(const LoadedInstance& loaded, const py::object& profile, double timeout, unsigned rlimit,
                   unsigned threads, const std::string& proof_log) {
    const bigcert::Instance& instance = loaded.instance;
    if (instance.loss != bigcert::Loss::squared || bigcert::is_finite_game(instance))
        throw bigcert::UnsupportedError("",
                                        "bigcert.certify for this game in Python (use `bigcert certify`)");
    std::string profile_text;
    if (!profile.is_none()) profile_text = bigcert::python::profile_json_text(profile);
    bigcert::CertifyOptions options;
    options.timeout_seconds = timeout;
    options.rlimit = rlimit;
    options.threads = threads;
    std::vector<bigcert::Vector> actions;
    std::optional<bigcert::Solution> enclosed;  // curved sets: the solver's boxes are certified, as in the CLI
    bigcert::Certificate certificate;
    {
        py::gil_scoped_release release;  // Z3 runs without Python; its queries may take up to `timeout` each
        if (profile_text.empty()) {
            bigcert::SolveOptions solve_options;
            solve_options.threads = threads;
            bigcert::Solution solution = bigcert::solve(instance, solve_options);
            if (solution.enclosed)
                enclosed = std::move(solution);
            else
                actions = std::move(solution.actions);
        } else {
            actions = bigcert::load_profile_text(profile_text, instance);
        }
        bigcert::ProofLog log(proof_log, proof_log.empty() ? std::string() : loaded.text, instance.name);
        certificate = enclosed ? bigcert::certify_enclosure(instance, *enclosed, log, options)
                               : bigcert::certify_profile(instance, actions, log, options);
    }
    py::dict out = bigcert::python::to_python(bigcert::certificate_json(instance, certificate),
                                              {"receiver", "deviation", "improvement", "enclosure"});
    py::list players = out["players"];
    for (std::size_t i = 0; i < certificate.players.size(); ++i)
        players[i]["lambda"] = bigcert::python::fractions(certificate.players[i].lambda);
    if (enclosed) return out;  // the claim is the boxes in out["enclosure"]; no exact actions exist
    py::list profile_out;
    for (const bigcert::Vector& x : actions) profile_out.append(bigcert::python::fractions(x));
    out["actions"] = profile_out;
    return out;
}

// `properties` is a name, "all", or a list of names; an unknown name is an InputError naming "properties".
std::vector<std::string> property_list(const py::object& properties) {
    std::vector<std::string> requested;
    if (py::isinstance<py::str>(properties))
        requested.push_back(properties.cast<std::string>());
    else if (py::isinstance<py::list>(properties) || py::isinstance<py::tuple>(properties))
        for (const py::handle& p : properties) {
            if (!py::isinstance<py::str>(p))
                throw bigcert::InputError("properties", "expected property names");
            requested.push_back(p.cast<std::string>());
        }
    else
        throw bigcert::InputError("properties", "expected a property name or a list of names");
    std::vector<std::string> names;
    for (const std::string& r : requested) {
        try {
            for (std::string& p : bigcert::property_names(r)) names.push_back(std::move(p));
        } catch (const bigcert::InputError&) {
            throw bigcert::InputError(
                "properties",
                "unknown property \"" + r + "\" (exaggeration, receiver-unique, count, potential, all)");
        }
    }
    if (names.empty()) throw bigcert::InputError("properties", "no property requested");
    return names;
}

// Properties over every equilibrium (properties.hpp): the CLI's check object with exact Fractions.
py::object check(const LoadedInstance& loaded, const py::object& properties, double timeout, unsigned rlimit,
                 const std::string& proof_log) {
    std::vector<std::string> names = property_list(properties);
    bigcert::CheckOptions options;
    options.timeout_seconds = timeout;
    options.rlimit = rlimit;
    std::vector<bigcert::PropertyVerdict> verdicts;
    {
        py::gil_scoped_release release;
        bigcert::ProofLog log(proof_log, proof_log.empty() ? std::string() : loaded.text,
                              loaded.instance.name);
        verdicts = bigcert::check_properties(loaded.instance, names, log, options);
    }
    return bigcert::python::to_python(bigcert::check_json(loaded.instance, verdicts, proof_log),
                                      {"counterexample", "equilibria"});
}

}  // namespace

PYBIND11_MODULE(bigcert, m) {
    m.doc() = "Exact equilibria of the Battling Influencers Game (bigcert)";
    py::register_exception<bigcert::InputError>(m, "InputError", PyExc_ValueError);
    py::register_exception<bigcert::UnsupportedError>(m, "UnsupportedError", PyExc_NotImplementedError);
    py::register_exception<bigcert::LimitError>(m, "LimitError", PyExc_ValueError);
    py::register_exception<bigcert::InternalError>(m, "InternalError", PyExc_RuntimeError);

    py::class_<LoadedInstance>(m, "Instance")
        .def_property_readonly("name", [](const LoadedInstance& i) { return i.instance.name; })
        .def_property_readonly("dimension", [](const LoadedInstance& i) { return i.instance.dimension; })
        .def("__len__", [](const LoadedInstance& i) { return i.instance.players.size(); })
        .def("__repr__", [](const LoadedInstance& l) {
            const bigcert::Instance& i = l.instance;
            return "<bigcert.Instance " + (i.name.empty() ? std::string("(unnamed)") : i.name) + ": " +
                   std::to_string(i.players.size()) + " players, d = " + std::to_string(i.dimension) + ">";
        });
    const bigcert::LoadLimits defaults;
    m.def(
        "load", &load, py::arg("source"), py::arg("max_input_bytes") = defaults.max_input_bytes,
        py::arg("max_players") = defaults.max_players, py::arg("max_dimension") = defaults.max_dimension,
        py::arg("max_number_digits") = defaults.numbers.max_digits,
        py::arg("max_exponent") = defaults.numbers.max_exponent,
        "An instance from a file path or from JSON text (FORMAT.md); errors name the JSON path "
        "(InputError). The max_* limits are the CLI's --max-* flags (a LimitError names the one to raise).");
    m.def("solve", &solve, py::arg("instance"), py::arg("threads") = 0,
          "The exact solution object of FORMAT.md as a dict; numbers are fractions.Fraction.");
    m.def("certify", &certify, py::arg("instance"), py::arg("profile") = py::none(),
          py::arg("timeout") = 30.0, py::arg("rlimit") = 0, py::arg("threads") = 0, py::arg("proof_log") = "",
          "Prove with Z3 that a profile is an equilibrium or exhibit an improving deviation (squared loss).\n"
          "profile: a solution dict, a list of actions (int, Fraction or \"p/q\" strings) or JSON text; "
          "default:\n"
          "solve first. Returns FORMAT.md's certificate object: verdict \"certified\", \"refuted\" or \"not\n"
          "certified\" (Z3 unknown or timeout), per player the deviation and improvement (exact, re-checked) "
          "or\n"
          "the KKT multipliers \"lambda\"; proof_log DIR writes the bundle `bigcert replay` re-runs.\n"
          "Curved sets (balls, ellipsoids) without a profile: the claim is that every equilibrium lies in the\n"
          "solver's boxes, returned under \"enclosure\" as {\"interval\": [lo, hi]} Fractions (no \"actions\").");
    m.def("check", &check, py::arg("instance"), py::arg("properties") = "all", py::arg("timeout") = 60.0,
          py::arg("rlimit") = 0, py::arg("proof_log") = "",
          "Prove properties over every equilibrium (exaggeration = Theorem 4, receiver-unique, count,\n"
          "potential). Returns FORMAT.md's check object: per property \"holds\" (Z3 proved it), \"fails\" "
          "(with\n"
          "an exactly checked counterexample equilibrium) or \"unknown\".");
}
