// Batch runs (FORMAT.md "Batch"): many instances solved into a JSON Lines file that survives crashes,
// resumes where it stopped and splits deterministically into shards for cluster job arrays.
#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/solution_writer.hpp"

namespace bigcert {

// One unit of work: the instance's JSON text and its id (its name, else its 1-based line number).
struct BatchItem {
    Json id;
    std::string text;
    Json params = nullptr;  // a sweep point's values by path, copied to the output line
};

// Shard k of N (1 <= k <= N): item number p (0-based, in input order) belongs to it when p % N == k - 1.
struct Shard {
    std::size_t index = 1;
    std::size_t count = 1;
    bool owns(std::size_t position) const { return position % count == index - 1; }
};
// Parses "k/N"; InputError naming `option` otherwise.
Shard parse_shard(const std::string& text, const std::string& option);

// Reads a JSON Lines file of instances (blank lines skipped). Ids are taken from "name" when the line parses.
std::vector<BatchItem> read_batch_input(const std::string& path);
std::vector<BatchItem> read_batch_lines(const std::string& text);  // the same, from the file's text

// The ids already present in an output file, as compact JSON text. A torn last line (no newline: the
// process was killed mid-write) is cut off the file, so the file is valid JSON Lines afterwards.
// A complete line that is not a result object is an InputError (the file is not ours), and so is a line
// whose "run" differs from `run` (docs/cli.md "batch": the file holds another run's results).
std::set<std::string> recover_batch_output(const std::string& path, const std::string& run = "");

// Extra keys for a solved line (e.g. "certificate" from the certify layer, which this layer cannot call).
// The solution is null for several receivers (docs/model.md §8): certify and check solve those themselves.
using BatchAnnotation = std::function<void(const Instance&, const Solution*, Json& line)>;

// Instead of solving: a result object for the line's instance under `BatchOptions::analysis_key` (e.g. the
// mechanism report, from a layer above this one). The instance may then carry any receiver rule.
using BatchAnalysis = std::function<Json(const Instance&)>;

struct BatchOptions {
    unsigned threads = 0;  // 0: all cores
    BatchAnnotation annotate;
    BatchAnalysis analyze;     // set: no solving, no annotation; the line holds {analysis_key: analyze(...)}
    std::string analysis_key;  // "mechanism"
    LoadLimits limits;         // per instance line, as in `solve`
    // The run's fingerprint (batch_run_fingerprint), written into every line as "run"; empty: none.
    std::string run;
    // Called from the writing thread after each line: (lines done, lines to do).
    std::function<void(std::size_t, std::size_t)> progress;
};

// A result line's "run" (the dump of a non-string value, "" when absent), for comparing runs.
std::string batch_line_run(const Json& line);
// Why two runs differ, in words: "run" is "INPUT-OPTIONS" (two fingerprints, cli.md "batch"), "" when absent.
std::string batch_run_difference(const std::string& found, const std::string& expected);

// One output line, newline included: {"id": ..., "run": ..., "solution": {...}} (or the analysis key instead
// of "solution") or {"id": ..., "error": "..."}.
std::string batch_result_line(const BatchItem& item, const BatchOptions& options = {});

// Solves every item not already in `output_path` and appends one line per item, in input order, each with
// a single write(2); the file is fsync'ed at the end. Returns the number of lines written.
std::size_t run_batch(const std::vector<BatchItem>& items, const std::string& output_path,
                      const BatchOptions& options = {});

}  // namespace bigcert

namespace bigcert {

// `bigcert merge`: shard outputs combined (the first line of each id wins; later duplicates are counted)
// and summarised over the solved lines.
struct BatchMerge {
    std::vector<std::string> lines;  // each with its newline, in the order first seen
    Json summary;  // {"lines", "duplicates", "solved", "errors", "errors_by_kind", "count": {"one",
                   // "infinite"},
                   //  "premise_not_met", "interior_players": {"0": n, "1": n, ...}, "more_than_one_interior",
                   //  "mechanism": {"lines", "rules": {kind: {"truthful": {verdict: n}, "strategyproof":
                   //  {verdict: n}, "equilibrium": {status: n}}}}  (batch --mechanism lines),
                   //  "check": {"lines", "not_checked", "verdicts": {property: {verdict: n}},
                   //            "theorem4": {"premise_met": {verdict: n}, "premise_not_met",
                   //                         "premise_not_met_verdicts": {verdict: n}}}}  (batch --check
                   //                         lines)
};
// Lines of different runs ("run" differs, docs/cli.md "batch") are an InputError: their results do not belong
// together. With allow_different_inputs, runs over different inputs merge when their options agree and no id
// comes from two of them.
BatchMerge merge_batch_outputs(const std::vector<std::string>& paths, bool allow_different_inputs = false);
void write_merge_summary(std::ostream& out, const Json& summary);

}  // namespace bigcert
