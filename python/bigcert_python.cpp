// Python bindings (docs/cli.md, Python): load, solve, certify and check; every exact number comes back as
// fractions.Fraction, built from bigcert's exact "p/q" text (never through float).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bigcert/bigcert.hpp"  // the library facade: load, solve, certify, check
#include "bigcert/certify/properties.hpp"
#include "bigcert/core/game_kind.hpp"
#include "bigcert/io/receiver_rule_loader.hpp"
#include "bigcert/mechanism/mechanism_run.hpp"
#include "bigcert/solver/receivers_output.hpp"
#include "python_values.hpp"

namespace py = pybind11;

namespace {

// An instance with the JSON text it was read from: a proof bundle stores that text (and its SHA-256) so
// that `bigcert replay` can re-run the queries against exactly the game that was certified.
struct LoadedInstance {
    bigcert::Instance instance;
    std::string text;
};

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
    limits.several_receivers = true;  // solve, certify and check answer them as the CLI does
    try {
        std::size_t first = source.find_first_not_of(" \t\r\n");
        const bool is_text = first != std::string::npos && source[first] == '{';
        bigcert::InstanceSource input = is_text ? bigcert::InstanceSource::text(source, limits)
                                                : bigcert::InstanceSource::file(source, limits);
        // its errors name the file and JSON path; a receiver rule other than the mean is kept for mechanism()
        // and refused by solve, certify and check
        bigcert::Instance instance = input.load();
        return {std::move(instance), input.json_text()};
    } catch (const bigcert::LimitError& e) {
        throw bigcert::LimitError(with_keyword_names(e.what()));
    }
}

// Several receivers (docs/model.md §8): `solve --json`'s object, from the same library function.
py::object solve_several_receivers(const LoadedInstance& loaded) {
    bigcert::Json answer;
    {
        py::gil_scoped_release release;
        answer = bigcert::several_receivers_answer_json(loaded.instance);
    }
    return bigcert::python::to_python(
        answer, {"equilibrium", "vertices", "receiver", "actions", "receivers", "weights"});
}

py::object solve(const LoadedInstance& loaded, unsigned threads) {
    if (bigcert::classify_game(loaded.instance) == bigcert::GameKind::several_receivers)
        return solve_several_receivers(loaded);
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

// certify on every game kind, through the CLI's entry point (certification.hpp): the CLI's certificate
// object with exact Fractions plus, for the squared loss, per player the exact KKT multipliers ("lambda",
// facet order of the set's H-description) and the certified "actions" (also for the inner loss). Curved sets
// without a profile: like `bigcert certify`, the solver's boxes are certified; "enclosure" holds them as
// {"interval": [Fraction, Fraction]}. A keyword left at None is not given: one that does not apply to the
// game kind (timeout= on a finite game, say) is an InputError naming it, as the CLI's exit 2.
py::object certify(const LoadedInstance& loaded, const py::object& profile, const py::object& timeout,
                   const py::object& rlimit, const py::object& threads, const std::string& proof_log,
                   const py::object& max_deviations) {
    const bigcert::Instance& instance = loaded.instance;
    bigcert::require_mean_rule(instance);  // other receiver rules: mechanism()
    bigcert::CertifyRequest request;
    request.spelling = bigcert::OptionSpelling::python;
    if (!profile.is_none()) request.profile_text = bigcert::python::profile_json_text(profile);
    if (!timeout.is_none())
        request.options.timeout_seconds = timeout.cast<double>(), request.given.insert("timeout");
    if (!rlimit.is_none()) request.options.rlimit = rlimit.cast<unsigned>(), request.given.insert("rlimit");
    if (!threads.is_none())
        request.options.threads = threads.cast<unsigned>(), request.given.insert("threads");
    if (!max_deviations.is_none())
        request.max_deviations = max_deviations.cast<std::size_t>(), request.given.insert("max-deviations");
    if (request.given.count("timeout") && !(request.options.timeout_seconds > 0))
        throw bigcert::InputError("timeout=", "expected a number of seconds > 0");
    request.proof_log = proof_log;
    if (!proof_log.empty()) request.instance_text = loaded.text;
    bigcert::CertifyResult result;
    {
        py::gil_scoped_release release;  // Z3 runs without Python; its queries may take up to `timeout` each
        result = bigcert::certify(instance, request);
    }
    py::dict out = bigcert::python::to_python(
        result.json, {"receiver", "deviation", "improvement", "enclosure", "receivers", "multipliers"});
    if (const auto* c = std::get_if<bigcert::Certificate>(&result.detail)) {
        py::list players = out["players"];
        for (std::size_t i = 0; i < c->players.size(); ++i)
            players[i]["lambda"] = bigcert::python::fractions(c->players[i].lambda);
        if (!c->claim.empty()) return out;  // the claim is the boxes in out["enclosure"]; no exact actions
    }
    if (result.actions.empty()) return out;  // finite games: the items are the players' "deviation" lists
    py::list profile_out;
    for (const bigcert::Vector& x : result.actions) profile_out.append(bigcert::python::fractions(x));
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
    bigcert::require_mean_rule(loaded.instance);  // other receiver rules: mechanism()
    bigcert::CheckRequest request;
    request.properties = property_list(properties);
    request.options.timeout_seconds = timeout;
    request.options.rlimit = rlimit;
    request.proof_log = proof_log;
    if (!proof_log.empty()) request.instance_text = loaded.text;
    bigcert::CheckResult result;
    {
        py::gil_scoped_release release;
        result = bigcert::check(loaded.instance, request);
    }
    return bigcert::python::to_python(result.json, {"counterexample", "equilibria", "receivers"});
}

// ---- mechanism(): `bigcert mechanism --json` from Python (docs/cli.md, Python) ----

// A rule given as a dict (ints, Fractions, "p/q" strings, lists) or as JSON text, as JSON text for the rule
// loader, which checks it and names the path. A float is refused: its binary value is rarely the number
// meant.
bigcert::Json rule_value_json(const py::handle& x, const std::string& path) {
    if (py::isinstance<py::dict>(x)) {
        bigcert::Json out = bigcert::Json::object();
        for (const auto& [key, value] : py::reinterpret_borrow<py::dict>(x)) {
            const std::string name = py::str(key).cast<std::string>();
            out[name] = rule_value_json(value, path + "." + name);
        }
        return out;
    }
    if (py::isinstance<py::list>(x) || py::isinstance<py::tuple>(x)) {
        bigcert::Json out = bigcert::Json::array();
        std::size_t k = 0;
        for (const py::handle& child : x)
            out.push_back(rule_value_json(child, path + "[" + std::to_string(k++) + "]"));
        return out;
    }
    if (py::isinstance<py::bool_>(x)) return x.cast<bool>();
    if (py::isinstance<py::int_>(x)) {  // a count stays a JSON integer; a huge one its exact text
        try {
            return x.cast<long long>();
        } catch (const py::cast_error&) {
            return py::str(x).cast<std::string>();
        }
    }
    if (py::isinstance<py::float_>(x))
        throw bigcert::InputError(
            path, "a float is not exact; pass an int, a fractions.Fraction or a \"p/q\" string");
    return py::str(x).cast<std::string>();  // str, Fraction ("p/q")
}

std::string rule_text(const py::handle& rule, const std::string& path) {
    if (py::isinstance<py::str>(rule)) return rule.cast<std::string>();
    return rule_value_json(rule, path).dump();
}

py::object mechanism(const LoadedInstance& loaded, const py::object& rule, const py::object& compare,
                     double timeout, std::size_t max_rounds, bool verdicts_only, bool structural,
                     const std::string& proof_log) {
    bigcert::MechanismRequest request;
    request.rule_name = "rule=", request.compare_name = "compare=";
    if (!rule.is_none()) request.rule = rule_text(rule, "rule=");
    if (!compare.is_none()) {
        if (!py::isinstance<py::list>(compare) && !py::isinstance<py::tuple>(compare))
            throw bigcert::InputError("compare=", "expected a list of rules");
        std::size_t k = 0;
        for (const py::handle& r : compare)
            request.compare.push_back(rule_text(r, "compare=[" + std::to_string(k++) + "]"));
        if (request.compare.empty()) throw bigcert::InputError("compare=", "expected at least one rule");
    }
    if (!(timeout > 0)) throw bigcert::InputError("timeout=", "expected a number of seconds > 0");
    if (max_rounds == 0) throw bigcert::InputError("max_rounds=", "expected a count > 0");
    request.options.timeout_seconds = timeout;
    request.options.max_rounds = max_rounds;
    request.options.equilibrium = !verdicts_only;
    request.options.structural = structural;
    request.proof_log = proof_log;
    if (!proof_log.empty()) request.instance_text = loaded.text;
    bigcert::MechanismRun run;
    {
        py::gil_scoped_release release;  // Z3 runs without Python
        run = bigcert::run_mechanism(loaded.instance, request);
    }
    return bigcert::python::to_python(
        run.json, {"report", "reports", "improvement", "outcome", "truthful_outcome", "outcome_shift_squared",
                   "total_loss", "total_loss_truthful", "squared_exaggeration", "squared_from_truthful",
                   "loss", "other_outcome", "phantoms", "prior", "radius"});
}

// ---- end of mechanism() ----

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
          "The exact solution object of FORMAT.md as a dict (`bigcert solve --json`'s, also for several\n"
          "receivers); numbers are fractions.Fraction.");
    m.def(
        "certify", &certify, py::arg("instance"), py::arg("profile") = py::none(),
        py::arg("timeout") = py::none(), py::arg("rlimit") = py::none(), py::arg("threads") = py::none(),
        py::arg("proof_log") = "", py::arg("max_deviations") = py::none(),
        "Prove that a profile is an equilibrium or exhibit an improving deviation, on every game kind of\n"
        "`bigcert certify` (squared loss on intervals, polytopes and curved sets; inner loss by weak\n"
        "dominance; finite action spaces by comparing every deviation exactly, where the profile lists each\n"
        "player's chosen items). timeout (seconds per Z3 query, default 30), rlimit, threads: as the CLI's\n"
        "flags; max_deviations: finite games only. A keyword that does not apply to the game is an\n"
        "InputError.\n"
        "profile: a solution dict, a list of actions (int, Fraction or \"p/q\" strings) or JSON text; "
        "default:\n"
        "solve first. Returns FORMAT.md's certificate object: verdict \"certified\", \"refuted\" or \"not\n"
        "certified\" (Z3 unknown or timeout), per player the deviation and improvement (exact, re-checked) "
        "or\n"
        "the KKT multipliers \"lambda\"; proof_log DIR writes the bundle `bigcert replay` re-runs.\n"
        "Curved sets (balls, ellipsoids) without a profile: the claim is that every equilibrium lies in the\n"
        "solver's boxes, returned under \"enclosure\" as {\"interval\": [lo, hi]} Fractions (no "
        "\"actions\").");
    m.def(
        "mechanism", &mechanism, py::arg("instance"), py::arg("rule") = py::none(),
        py::arg("compare") = py::none(), py::arg("timeout") = 30.0, py::arg("max_rounds") = 100,
        py::arg("verdicts_only") = false, py::arg("structural") = true, py::arg("proof_log") = "",
        "Receiver rules judged on the game, as `bigcert mechanism --json` (docs/format.md \"Mechanism\n"
        "report\"): is truthful reporting an equilibrium, is the rule strategyproof here, an equilibrium by\n"
        "exact best responses and the manipulation left. rule: a dict or JSON text (default: the\n"
        "instance's \"rule\"); compare: a list of rules (the result lists them under \"rules\"). Numbers "
        "are\n"
        "Fractions; proof_log DIR writes the bundle `bigcert replay` re-runs.");
    m.def("check", &check, py::arg("instance"), py::arg("properties") = "all", py::arg("timeout") = 60.0,
          py::arg("rlimit") = 0, py::arg("proof_log") = "",
          "Prove properties over every equilibrium (exaggeration = Theorem 4, receiver-unique, count,\n"
          "potential). Returns FORMAT.md's check object: per property \"holds\" (Z3 proved it), \"fails\" "
          "(with\n"
          "an exactly checked counterexample equilibrium) or \"unknown\".");
}
