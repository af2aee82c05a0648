#include "bigcert/certify/replay.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"
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

// A packed file (its "expected" is a list) has per-block fields that are lists of strings, one per block;
// a one-query file has strings there.
void check_block_lists(const nlohmann::json& entry, const std::string& path) {
    const bool packed = entry.contains("expected") && entry["expected"].is_array();
    const std::size_t blocks = packed ? entry["expected"].size() : 1;
    for (const char* key : {"expected", "z3_answer", "subject", "method", "reason", "blocks"}) {
        if (!entry.contains(key)) continue;
        const std::string where = "manifest.json: " + path + "." + key;
        const nlohmann::json& value = entry[key];
        if (!packed) {
            if (!value.is_string()) throw InputError(where, "not a string");
            continue;
        }
        if (!value.is_array() || value.size() != blocks || blocks == 0)
            throw InputError(where, "not a list of one string per block");
        for (const auto& item : value)
            if (!item.is_string()) throw InputError(where, "not a list of one string per block");
    }
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
    for (std::size_t k = 0; k < manifest["queries"].size(); ++k) {
        const std::string path = "queries[" + std::to_string(k) + "]";
        check_strings(manifest["queries"][k], path, {"file", "sha256", "logic", "proof_file", "proof_sha256"},
                      {"file", "proof_file"});
        check_block_lists(manifest["queries"][k], path);
    }
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

struct SolverCommands {
    bool z3 = false, cvc5 = false;
    double timeout_seconds = 60;
};

// The answers a solver printed, one per check-sat: its output lines (an error message counts as an answer
// that agrees with nothing). Fewer lines than blocks (a timeout) leave the last blocks without an answer.
std::vector<std::string> answer_lines(const std::string& output) {
    std::vector<std::string> answers;
    std::size_t start = 0;
    while (start < output.size()) {
        std::size_t end = output.find('\n', start);
        if (end == std::string::npos) end = output.size();
        std::string line = output.substr(start, end - start);
        if (!line.empty()) answers.push_back(line);
        start = end + 1;
    }
    return answers;
}

std::vector<std::string> as_list(const nlohmann::json& entry, const char* key, std::size_t blocks,
                                 const std::string& fallback) {
    std::vector<std::string> out;
    if (entry.contains(key) && entry[key].is_array())
        for (const auto& item : entry[key]) out.push_back(item.get<std::string>());
    else
        out.assign(blocks, entry.value(key, fallback));
    return out;
}

// One manifest entry: a one-query file (its answers are strings) or a packed file of several blocks (lists,
// docs/format.md); one ReplayLine per block.
std::vector<ReplayLine> replay_query_file(const std::string& directory, const nlohmann::json& query,
                                          const SolverCommands& commands) {
    const std::string file = query.value("file", "");
    const bool packed = query["expected"].is_array();
    const std::size_t blocks = packed ? query["expected"].size() : 1;
    const std::vector<std::string> expected = as_list(query, "expected", blocks, "");
    // The claim a query supports is the answer Z3 gave when bigcert ran it (unsat for a certified player, sat
    // for a refuted one); an "unknown" claimed nothing, so any answer is consistent with it.
    std::vector<std::string> recorded = as_list(query, "z3_answer", blocks, "");
    for (std::size_t b = 0; b < blocks; ++b)
        if (recorded[b].empty()) recorded[b] = expected[b];
    std::string problem;
    if (query.contains("proof_file") &&
        sha256_hex(read_file(directory + "/" + query.value("proof_file", ""))) !=
            query.value("proof_sha256", ""))
        problem = "proof file edited or missing";
    const std::string path = solver_path(directory, file);
    std::vector<std::string> z3_answers, cvc5_answers;
    if (!std::filesystem::exists(path)) {
        problem = "missing";
    } else if (sha256_hex(read_file(path)) != query.value("sha256", "")) {
        problem = "edited (SHA-256 differs from the manifest)";
    } else if (commands.z3) {
        // Whole seconds for z3 -T (0 would mean none), milliseconds for cvc5; a packed file gets its blocks'
        // sum.
        const double seconds = commands.timeout_seconds * static_cast<double>(blocks);
        const std::string limit = std::to_string(static_cast<long>(std::max(1.0, std::ceil(seconds))));
        z3_answers = answer_lines(run_program({"z3", "-T:" + limit, path}));
        if (z3_answers.empty()) z3_answers.push_back("no answer");
        if (!packed) z3_answers.resize(1);  // a one-query file: its first line, as always
        const std::string logic = query.value("logic", "");
        // cvc5 1.0.3 is built without libpoly here: only the linear queries are fair to ask it.
        if (commands.cvc5 && logic.find("NRA") == std::string::npos && logic.find("NIA") == std::string::npos)
            cvc5_answers = answer_lines(run_program(
                {"cvc5", "--tlimit=" + std::to_string(static_cast<long>(std::ceil(seconds * 1000))), path}));
        if (!packed && cvc5_answers.size() > 1) cvc5_answers.resize(1);
    }
    if (problem.empty() && !z3_answers.empty() && z3_answers.size() != blocks)
        problem = "z3 printed " + std::to_string(z3_answers.size()) + " answers for " +
                  std::to_string(blocks) + " check-sat blocks";
    std::vector<ReplayLine> lines;
    for (std::size_t b = 0; b < blocks; ++b) {
        ReplayLine line;
        line.file =
            packed ? file + " (block " + std::to_string(b + 1) + " of " + std::to_string(blocks) + ")" : file;
        line.expected = expected[b];
        line.recorded = recorded[b];
        line.problem = problem;
        if (b < z3_answers.size()) line.z3_answer = z3_answers[b];
        if (b < cvc5_answers.size()) line.cvc5_answer = cvc5_answers[b];
        auto consistent = [&](const std::string& answer) {
            return answer.empty() || line.recorded == "unknown" || answer == line.recorded;
        };
        line.agrees = line.problem.empty() && !line.z3_answer.empty() && consistent(line.z3_answer) &&
                      consistent(line.cvc5_answer);
        if (line.problem.empty() && !line.agrees)
            line.problem = "answer differs from the recorded " + line.recorded;
        lines.push_back(std::move(line));
    }
    return lines;
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
    const nlohmann::json& queries = manifest["queries"];
    for (const auto& query : queries) {
        expected_files.insert(query.value("file", ""));
        if (query.contains("proof_file")) expected_files.insert(query.value("proof_file", ""));
    }
    // Every query file is independent: they are replayed on all cores, and their lines kept in manifest
    // order.
    std::vector<std::vector<ReplayLine>> lines(queries.size());
    const SolverCommands commands{z3, cvc5, timeout_seconds};
    const unsigned workers = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(), 64));
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> threads;
    std::vector<std::exception_ptr> errors(workers);
    for (unsigned w = 0; w < workers; ++w)
        threads.emplace_back([&, w] {
            try {
                for (std::size_t k = next++; k < queries.size(); k = next++)
                    lines[k] = replay_query_file(directory, queries[k], commands);
            } catch (...) {
                errors[w] = std::current_exception();
                next = queries.size();
            }
        });
    for (std::thread& t : threads) t.join();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
    for (std::vector<ReplayLine>& file_lines : lines)
        for (ReplayLine& line : file_lines) report.lines.push_back(std::move(line));
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
