#include "bigcert/replay.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "bigcert/errors.hpp"
#include "bigcert/instance_loader.hpp"
#include "bigcert/proof_log.hpp"
#include "certify/algebraic_claim.hpp"
#include "certify/finite_deviations.hpp"
#include "certify/subprocess.hpp"

namespace bigcert {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool on_path(const std::string& program) {
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

// First line of the solver's output: sat, unsat, unknown (or what it printed instead).
std::string run_solver(const std::vector<std::string>& argv) {
    const std::string output = run_program(argv);
    const std::string first = output.substr(0, output.find('\n'));
    return first.empty() ? "no answer" : first;
}

// A manifest comes from outside (a bundle someone sent): every field replay reads must have its type, and
// every file it names must be a plain name inside the bundle, so replay never reads or hands z3 a path
// elsewhere ("../x", "/etc/x", "-T:0").
bool plain_file_name(const std::string& name) {
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
           name.find('\0') == std::string::npos;
}

void check_strings(const nlohmann::json& entry, const std::string& path,
                   std::initializer_list<const char*> keys, std::initializer_list<const char*> file_keys) {
    if (!entry.is_object()) throw InputError("manifest.json: " + path, "not an object");
    for (const char* key : keys)
        if (entry.contains(key) && !entry[key].is_string())
            throw InputError("manifest.json: " + path + "." + key, "not a string");
    for (const char* key : file_keys)
        if (entry.contains(key) && !plain_file_name(entry[key].get<std::string>()))
            throw InputError("manifest.json: " + path + "." + key, "not a file name inside the bundle");
}

void check_manifest_shape(const nlohmann::json& manifest) {
    if (!manifest.is_object() || !manifest.contains("queries") || !manifest["queries"].is_array())
        throw InputError("manifest.json", "not a bigcert proof log");
    if (manifest.contains("instance"))
        check_strings(manifest["instance"], "instance", {"file", "sha256"}, {"file"});
    if (manifest.contains("artifacts") && !manifest["artifacts"].is_array())
        throw InputError("manifest.json: artifacts", "not an array");
    const nlohmann::json none = nlohmann::json::array();
    const nlohmann::json& artifacts = manifest.contains("artifacts") ? manifest["artifacts"] : none;
    for (std::size_t k = 0; k < artifacts.size(); ++k)
        check_strings(artifacts[k], "artifacts[" + std::to_string(k) + "]",
                      {"file", "sha256", "kind", "expected"}, {"file"});
    for (std::size_t k = 0; k < manifest["queries"].size(); ++k)
        check_strings(manifest["queries"][k], "queries[" + std::to_string(k) + "]",
                      {"file", "sha256", "expected", "z3_answer", "logic", "proof_file", "proof_sha256"},
                      {"file", "proof_file"});
}

// A path handed to a solver binary: never one that reads as an option.
std::string solver_path(const std::string& directory, const std::string& file) {
    const std::string path = directory + "/" + file;
    return path.front() == '-' ? "./" + path : path;
}

// An "algebraic-claim" artifact (algebraic_claim.hpp): parsed against the bundle's instance, every root
// isolated (Sturm), and its companion query file (same stem, .smt2) equal to the text regenerated here, so
// that the z3 run of that file (its own "smt2" check) decides this very claim.
void recheck_claim(const std::string& directory, const nlohmann::json& manifest, ArtifactCheck& check) {
    const std::string instance_file =
        manifest.contains("instance") ? manifest["instance"].value("file", "instance.json") : "instance.json";
    Instance instance;
    try {
        instance = load_instance_text(read_file(directory + "/" + instance_file));
    } catch (const std::exception& e) {
        check.problem = instance_file + " does not load: " + e.what();
        return;
    }
    for (const ActionSet& set : instance.action_sets)
        if (set.is_finite()) return void(check.problem = "the instance has a finite action set");
    const nlohmann::json claim =
        nlohmann::json::parse(read_file(directory + "/" + check.file), nullptr, false);
    std::string problem;
    std::optional<std::vector<ClaimedCoordinate>> coordinates =
        parse_algebraic_claim(instance, claim, problem);
    if (!coordinates) return void(check.problem = problem);
    if (std::string failed = check_isolation(*coordinates); !failed.empty())
        return void(check.problem = failed);
    const std::string stem = check.file.substr(0, check.file.rfind('.'));
    const std::string query = stem + ".smt2";
    bool listed = false;
    for (const auto& artifact : manifest.value("artifacts", nlohmann::json::array()))
        listed = listed || (artifact.value("file", "") == query && artifact.value("kind", "") == "smt2" &&
                            artifact.value("expected", "") == "unsat");
    if (!listed) return void(check.problem = query + " is not listed as an smt2 artifact expecting unsat");
    if (read_file(directory + "/" + query) != algebraic_claim_query(instance, *coordinates))
        return void(check.problem = query + " is not the query of this claim");
    std::size_t roots = 0;
    for (const ClaimedCoordinate& c : *coordinates) roots += c.value ? 0 : 1;
    check.outcome = std::to_string(coordinates->size()) + " coordinates, " + std::to_string(roots) +
                    " roots isolated (Sturm), " + query + " regenerated";
    check.passed = true;
}

}  // namespace

bool ReplayReport::ok() const {
    if (!problems.empty()) return false;
    for (const ReplayLine& l : lines)
        if (!l.agrees) return false;
    for (const ArtifactCheck& a : artifacts)
        if (!a.passed) return false;
    return true;
}

ReplayReport replay_proof_log(const std::string& directory, double timeout_seconds, bool use_cvc5) {
    ReplayReport report;
    std::string manifest_path = directory + "/manifest.json";
    if (!std::filesystem::exists(manifest_path)) throw InputError("", "no manifest.json in " + directory);
    nlohmann::json manifest = nlohmann::json::parse(read_file(manifest_path), nullptr, false);
    if (manifest.is_discarded()) throw InputError("manifest.json", "not a bigcert proof log (not JSON)");
    check_manifest_shape(manifest);
    std::set<std::string> expected_files{"manifest.json"};
    if (manifest.contains("instance")) {
        std::string file = manifest["instance"].value("file", "instance.json");
        expected_files.insert(file);
        if (sha256_hex(read_file(directory + "/" + file)) != manifest["instance"].value("sha256", ""))
            report.problems.push_back(file + ": edited or missing (SHA-256 differs)");
    }
    const bool cvc5 = use_cvc5 && on_path("cvc5");
    const bool z3 = on_path("z3");
    if (!z3) report.problems.push_back("no z3 binary on PATH");
    // Whole seconds for z3 -T (0 would mean none), milliseconds for cvc5.
    const std::string limit = std::to_string(static_cast<long>(std::max(1.0, std::ceil(timeout_seconds))));
    for (const auto& artifact : manifest.value("artifacts", nlohmann::json::array())) {
        std::string file = artifact.value("file", "");
        expected_files.insert(file);
        const bool intact = sha256_hex(read_file(directory + "/" + file)) == artifact.value("sha256", "");
        if (!intact) report.problems.push_back(file + ": edited or missing (SHA-256 differs)");
        if (!artifact.contains("kind")) continue;  // digest only (e.g. KKT multipliers)
        ArtifactCheck check{file, artifact.value("kind", ""), artifact.value("expected", ""), "", false, ""};
        if (!intact) {
            check.problem = "edited or missing";
        } else if (check.kind == "smt2") {
            if (z3) check.outcome = run_solver({"z3", "-T:" + limit, solver_path(directory, file)});
            check.passed = !check.outcome.empty() && check.outcome == check.expected;
            if (!check.passed)
                check.problem = "z3 answered " + (check.outcome.empty() ? "nothing" : check.outcome);
        } else if (check.kind == "algebraic-claim") {
            recheck_claim(directory, manifest, check);
        } else if (check.kind == "finite-deviations") {
            recheck_finite_deviations(directory, manifest, check);
        } else {
            check.problem = "unknown artifact kind (a newer bigcert?)";
        }
        report.artifacts.push_back(std::move(check));
    }
    for (const auto& query : manifest["queries"]) {
        ReplayLine line;
        line.file = query.value("file", "");
        line.expected = query.value("expected", "");
        expected_files.insert(line.file);
        if (query.contains("proof_file")) {
            expected_files.insert(query.value("proof_file", ""));
            if (sha256_hex(read_file(directory + "/" + query.value("proof_file", ""))) != query.value("proof_sha256", ""))
                line.problem = "proof file edited or missing";
        }
        const std::string path = solver_path(directory, line.file);
        if (!std::filesystem::exists(path)) {
            line.problem = "missing";
        } else if (sha256_hex(read_file(path)) != query.value("sha256", "")) {
            line.problem = "edited (SHA-256 differs from the manifest)";
        } else if (z3) {
            line.z3_answer = run_solver({"z3", "-T:" + limit, path});
            std::string logic = query.value("logic", "");
            // cvc5 1.0.3 is built without libpoly here: only the linear queries are fair to ask it.
            if (cvc5 && logic.find("NRA") == std::string::npos && logic.find("NIA") == std::string::npos)
                line.cvc5_answer = run_solver(
                    {"cvc5",
                     "--tlimit=" + std::to_string(static_cast<long>(std::ceil(timeout_seconds * 1000))),
                     path});
        }
        // The claim a query supports is the answer Z3 gave when bigcert ran it (unsat for a certified player,
        // sat for a refuted one); an "unknown" claimed nothing, so any answer is consistent with it.
        line.recorded = query.value("z3_answer", line.expected);
        auto consistent = [&](const std::string& answer) {
            return answer.empty() || line.recorded == "unknown" || answer == line.recorded;
        };
        line.agrees = line.problem.empty() && !line.z3_answer.empty() && consistent(line.z3_answer) && consistent(line.cvc5_answer);
        if (line.problem.empty() && !line.agrees) line.problem = "answer differs from the recorded " + line.recorded;
        report.lines.push_back(std::move(line));
    }
    for (const auto& entry : std::filesystem::directory_iterator(directory))
        if (entry.is_regular_file() && !expected_files.count(entry.path().filename().string()))
            report.problems.push_back(entry.path().filename().string() + ": extra file, not in the manifest");
    // A query Z3 answered "unknown" when bigcert ran it claimed nothing: replaying it shows nothing either.
    std::size_t claims = report.artifacts.size();
    for (const ReplayLine& line : report.lines) claims += line.recorded == "sat" || line.recorded == "unsat";
    if (claims == 0)
        report.problems.push_back(
            "nothing to re-check: the bundle has no decided query (sat or unsat) and no re-checkable "
            "artifact");
    return report;
}

}  // namespace bigcert
