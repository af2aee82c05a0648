#include "bigcert/proof_log.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "bigcert/errors.hpp"

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
    : directory_(std::move(directory)), instance_sha256_(sha256_hex(instance_text)), instance_name_(std::move(instance_name)) {
    if (!enabled()) return;
    bundle_ = std::make_unique<BundleDirectory>(directory_);
    staging_ = bundle_->staging();
    write_file_atomically(staging_ + "/instance.json", instance_text);
}

void ProofLog::record(LoggedQuery query) {
    std::lock_guard<std::mutex> lock(mutex_);
    queries_.push_back(std::move(query));
}

std::vector<LoggedQuery> ProofLog::recorded_queries() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return queries_;
}

void ProofLog::add_note(const std::string& note) {
    std::lock_guard<std::mutex> lock(mutex_);
    notes_.push_back(note);
}

void ProofLog::add_artifact(const std::string& file, const std::string& content,
                            const std::string& description, const std::string& kind,
                            const std::string& expected) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (enabled()) write_file_atomically(staging_ + "/" + file, content);
    artifacts_.push_back({file, description, kind, expected});
}

std::string ProofLog::finish(const nlohmann::ordered_json& parameters) {
    if (!enabled()) return "";
    std::lock_guard<std::mutex> lock(mutex_);
    // Deterministic order whatever the thread interleaving.
    std::sort(queries_.begin(), queries_.end(), [](const LoggedQuery& a, const LoggedQuery& b) { return a.name < b.name; });
    nlohmann::ordered_json manifest;
    manifest["format"] = "bigcert-proof-log/1";
    manifest["instance"] = {{"name", instance_name_}, {"file", "instance.json"}, {"sha256", instance_sha256_}};
    manifest["bigcert_version"] = bigcert_version();
    manifest["z3_version"] = z3_version();
    manifest["parameters"] = parameters;
    manifest["reductions"] = notes_;
    manifest["replay"] = "bigcert replay DIR  (or: z3 FILE / cvc5 FILE for each query; compare with expected)";
    nlohmann::ordered_json entries = nlohmann::ordered_json::array();
    for (const LoggedQuery& q : queries_) {
        std::string file = q.name + ".smt2";
        write_file_atomically(staging_ + "/" + file, q.smt2);
        nlohmann::ordered_json entry{{"file", file},        {"purpose", q.purpose}, {"subject", q.subject},
                                     {"method", q.method},  {"logic", q.logic},     {"expected", q.expected},
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
