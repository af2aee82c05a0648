#include "bigcert/certify/proof_log.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "bigcert/core/errors.hpp"

namespace bigcert {

std::string bigcert_version() { return "0.1.0"; }

std::string sha256_hex(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int k = 0; k < length; ++k) out += hex[digest[k] >> 4], out += hex[digest[k] & 15];
    return out;
}

void write_file_atomically(const std::string& path, const std::string& content) {
    std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) throw InputError("", "cannot write " + temporary);
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) throw InputError("", "cannot write " + path + ": " + ec.message());
}

ProofLog::ProofLog(std::string directory, std::string instance_text, std::string instance_name)
    : directory_(std::move(directory)),
      instance_sha256_(sha256_hex(instance_text)),
      instance_name_(std::move(instance_name)) {
    if (!enabled()) return;
    bundle_ = std::make_unique<BundleDirectory>(directory_);
    staging_ = bundle_->staging();
    write_file_atomically(staging_ + "/instance.json", instance_text);
}

void ProofLog::record(LoggedQuery query) {
    std::vector<ProofObserver*> observers;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        observers = observers_;
    }
    for (ProofObserver* o : observers) o->query(query);
    std::lock_guard<std::mutex> lock(mutex_);
    queries_.push_back(std::move(query));
}

void ProofLog::conclusion(const std::string& subject, const std::string& verdict) {
    std::vector<ProofObserver*> observers;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        observers = observers_;
        ++conclusions_[verdict];
    }
    for (ProofObserver* o : observers) o->conclusion(subject, verdict);
}

void ProofLog::attach(ProofObserver& observer) {
    std::lock_guard<std::mutex> lock(mutex_);
    observers_.push_back(&observer);
}

std::vector<LoggedQuery> ProofLog::recorded_queries() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return queries_;
}

void ProofLog::add_note(const std::string& text) {
    std::vector<ProofObserver*> observers;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        notes_.push_back(text);
        observers = observers_;
    }
    for (ProofObserver* o : observers) o->note(text);
}

void ProofLog::add_artifact(const std::string& file, const std::string& content,
                            const std::string& description, const std::string& kind,
                            const std::string& expected) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (enabled()) write_file_atomically(staging_ + "/" + file, content);
    artifacts_.push_back({file, description, kind, expected});
}

// One file per query: the form every bundle had before packing, with Z3's proof object beside it.
nlohmann::ordered_json ProofLog::single_entries() {
    nlohmann::ordered_json entries = nlohmann::ordered_json::array();
    for (const LoggedQuery& q : queries_) {
        std::string file = q.name + ".smt2";
        write_file_atomically(staging_ + "/" + file, q.smt2);
        nlohmann::ordered_json entry{{"file", file},          {"purpose", q.purpose},
                                     {"subject", q.subject},  {"method", q.method},
                                     {"logic", q.logic},      {"expected", q.expected},
                                     {"z3_answer", q.answer}, {"sha256", sha256_hex(q.smt2)}};
        if (!q.reason.empty()) entry["reason"] = q.reason;
        if (!q.unsat_core.empty()) entry["unsat_core"] = q.unsat_core;
        if (!q.proof.empty()) {
            std::string proof_file = q.name + ".proof";
            write_file_atomically(staging_ + "/" + proof_file, q.proof);
            entry["proof_file"] = proof_file;
            entry["proof_sha256"] = sha256_hex(q.proof);
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

namespace {

// A query text as one block of a packed file: without its (exit), which would end the file's run.
std::string as_block(const std::string& text) {
    const std::string exit = "(exit)\n";
    if (text.size() >= exit.size() && text.compare(text.size() - exit.size(), exit.size(), exit) == 0)
        return text.substr(0, text.size() - exit.size());
    return text;
}

std::string packed_file_name(std::size_t k) {
    std::string index = std::to_string(k);
    return "queries-" + std::string(index.size() < 6 ? 6 - index.size() : 0, '0') + index + ".smt2";
}

}  // namespace

// Several queries per file, each a complete query (set-logic, declarations, assertions, check-sat) and
// separated by (reset): stock z3 and cvc5 run such a file without options (cvc5 1.0.3 refuses push/pop
// unless started with --incremental, and z3 4.8.12 rejects that option in a file), printing one answer per
// block. A file holds blocks of one logic and purpose.
nlohmann::ordered_json ProofLog::packed_entries() {
    std::stable_sort(queries_.begin(), queries_.end(), [](const LoggedQuery& a, const LoggedQuery& b) {
        return std::tie(a.logic, a.purpose) < std::tie(b.logic, b.purpose);
    });
    const std::size_t per_file = (queries_.size() + max_query_files_ - 1) / max_query_files_;
    nlohmann::ordered_json entries = nlohmann::ordered_json::array();
    std::size_t k = 0;
    while (k < queries_.size()) {
        std::size_t end = k + 1;
        while (end < queries_.size() && end - k < per_file && queries_[end].logic == queries_[k].logic &&
               queries_[end].purpose == queries_[k].purpose)
            ++end;
        std::string text;
        nlohmann::ordered_json subjects = nlohmann::ordered_json::array(), methods = subjects,
                               expected = subjects, answers = subjects, reasons = subjects, names = subjects;
        bool any_reason = false;
        for (std::size_t b = k; b < end; ++b) {
            const LoggedQuery& q = queries_[b];
            text += (b == k ? "" : "(reset)\n") + as_block(q.smt2);
            names.push_back(q.name);
            subjects.push_back(q.subject);
            methods.push_back(q.method);
            expected.push_back(q.expected);
            answers.push_back(q.answer);
            reasons.push_back(q.reason);
            any_reason = any_reason || !q.reason.empty();
        }
        text += "(exit)\n";
        const std::string file = packed_file_name(entries.size());
        write_file_atomically(staging_ + "/" + file, text);
        nlohmann::ordered_json entry{{"file", file},
                                     {"purpose", queries_[k].purpose},
                                     {"logic", queries_[k].logic},
                                     {"blocks", names},
                                     {"subject", subjects},
                                     {"method", methods},
                                     {"expected", expected},
                                     {"z3_answer", answers},
                                     {"sha256", sha256_hex(text)}};
        if (any_reason) entry["reason"] = reasons;
        entries.push_back(std::move(entry));
        k = end;
    }
    return entries;
}

std::string ProofLog::finish(const nlohmann::ordered_json& parameters) {
    if (!enabled()) return "";
    std::lock_guard<std::mutex> lock(mutex_);
    // Deterministic order whatever the thread interleaving.
    std::sort(queries_.begin(), queries_.end(),
              [](const LoggedQuery& a, const LoggedQuery& b) { return a.name < b.name; });
    nlohmann::ordered_json manifest;
    manifest["format"] = "bigcert-proof-log/1";
    manifest["instance"] = {
        {"name", instance_name_}, {"file", "instance.json"}, {"sha256", instance_sha256_}};
    manifest["bigcert_version"] = bigcert_version();
    manifest["z3_version"] = z3_version();
    manifest["parameters"] = parameters;
    manifest["reductions"] = notes_;
    manifest["replay"] =
        "bigcert replay DIR  (or: z3 FILE / cvc5 FILE for each query; compare with expected)";
    nlohmann::ordered_json entries =
        queries_.size() <= max_query_files_ ? single_entries() : packed_entries();
    if (!conclusions_.empty()) manifest["conclusions"] = conclusions_;
    manifest["queries"] = std::move(entries);
    nlohmann::ordered_json artifacts = nlohmann::ordered_json::array();
    for (const Artifact& a : artifacts_) {
        std::ifstream in(staging_ + "/" + a.file, std::ios::binary);
        std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        nlohmann::ordered_json entry{{"file", a.file}, {"description", a.description}};
        if (!a.kind.empty()) entry["kind"] = a.kind;
        if (!a.expected.empty()) entry["expected"] = a.expected;
        entry["sha256"] = sha256_hex(content);
        artifacts.push_back(std::move(entry));
    }
    manifest["artifacts"] = std::move(artifacts);
    std::string text = manifest.dump(2) + "\n";
    write_file_atomically(staging_ + "/manifest.json", text);
    bundle_->commit();
    return sha256_hex(text);
}

}  // namespace bigcert
