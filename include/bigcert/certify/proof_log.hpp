// Proof logs: every Z3 query bigcert decides is written as a self-contained SMT-LIB2 file that a
// stock `z3 FILE` or `cvc5 FILE` runs, with its expected answer, Z3's answer and, where Z3 gives them, its
// proof object and unsat core; manifest.json lists them with SHA-256 digests so that `bigcert replay`
// detects any edited, missing or extra file. The bundle is written beside the directory and renamed into
// place by finish() (bundle_directory.hpp): the directory holds a complete bundle or the one it had.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bigcert/certify/proof_observer.hpp"
#include "bigcert/io/bundle_directory.hpp"

namespace bigcert {

struct LoggedQuery {
    std::string name;      // file stem, unique in the log
    std::string purpose;   // "certify", "check:exaggeration", ...
    std::string subject;   // the player's name, or the property
    std::string method;    // "definition (nonlinear)", "variational inequality (linear)", ...
    std::string logic;     // SMT-LIB logic
    std::string smt2;      // the query text exactly as Z3 ran it
    std::string expected;  // "unsat" or "sat"
    std::string answer;    // Z3's answer
    std::string reason;    // for unknown
    std::vector<std::string> unsat_core;
    std::string proof;  // Z3's proof object (may be empty)
};

// The bundle writer, itself a ProofObserver (query() records, note() adds a note); it forwards every event to
// the observers attached to it, so a certifier that reports to its ProofLog feeds them all.
class ProofLog : public ProofObserver {
  public:
    // An empty directory name disables writing (queries are still recorded for the verdict). Throws
    // InputError when the directory may not be replaced (BundleDirectory), before any work is done.
    ProofLog(std::string directory, std::string instance_text, std::string instance_name);

    bool enabled() const { return !directory_.empty(); }
    const std::string& directory() const { return directory_; }
    void record(LoggedQuery query);  // thread-safe
    // What was recorded so far, in recording order (also when writing is disabled): the query texts exactly
    // as Z3 parsed them, e.g. to compare them across runs.
    std::vector<LoggedQuery> recorded_queries() const;
    void add_note(const std::string& note);  // how a claim was reduced to the queries, in words
    // `kind` (optional) names how `bigcert replay` re-checks the file beyond its SHA-256 (replay.hpp), and
    // `expected` the outcome it must reproduce; an artifact without a kind is only digest-checked.
    void add_artifact(const std::string& file, const std::string& content, const std::string& description,
                      const std::string& kind = "", const std::string& expected = "");
    // Writes the query files and manifest.json and puts the bundle in place; returns the manifest's SHA-256
    // (empty when disabled).
    std::string finish(const nlohmann::ordered_json& parameters);

    // ProofObserver: the same as record(), add_note(); conclusions are counted per verdict in the manifest.
    void query(const LoggedQuery& q) override { record(q); }
    void note(const std::string& text) override { add_note(text); }
    void conclusion(const std::string& subject, const std::string& verdict) override;
    // Also tell `observer` every event from now on (it must outlive this log's use).
    void attach(ProofObserver& observer);
    // At most this many query files: beyond, finish() packs consecutive queries (in name order) into files of
    // several blocks separated by (reset), and the manifest lists per file the answers in order
    // (docs/format.md, proof bundles). Z3 proof objects are written only in the one-query-per-file form.
    void set_max_query_files(std::size_t files) { max_query_files_ = files == 0 ? 1 : files; }

  private:
    std::string directory_;
    std::unique_ptr<BundleDirectory> bundle_;
    std::string staging_;  // where the files are written until finish()
    std::string instance_sha256_;
    std::string instance_name_;
    mutable std::mutex mutex_;
    std::vector<LoggedQuery> queries_;
    std::vector<std::string> notes_;
    struct Artifact {
        std::string file, description, kind, expected;
    };
    std::vector<Artifact> artifacts_;
    std::vector<ProofObserver*> observers_;
    std::map<std::string, std::size_t> conclusions_;
    std::size_t max_query_files_ = 1000;
    nlohmann::ordered_json packed_entries();
    nlohmann::ordered_json single_entries();
};

std::string sha256_hex(const std::string& data);
// Writes `content` to `path` through a temporary file and a rename, so readers never see a partial file.
void write_file_atomically(const std::string& path, const std::string& content);
std::string z3_version();
std::string bigcert_version();

}  // namespace bigcert
