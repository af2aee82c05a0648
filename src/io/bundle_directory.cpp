#include "bigcert/io/bundle_directory.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <vector>

#include "bigcert/core/errors.hpp"

namespace bigcert {
namespace fs = std::filesystem;
namespace {

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<fs::directory_entry> entries_of(const fs::path& directory) {
    std::vector<fs::directory_entry> out;
    for (const fs::directory_entry& e : fs::directory_iterator(directory)) out.push_back(e);
    return out;
}

// The files manifest.json lists (with itself), or nothing when it is not a bigcert proof log's manifest.
std::optional<std::set<std::string>> manifest_files(const fs::path& directory) {
    const fs::path manifest = directory / "manifest.json";
    if (!fs::is_regular_file(fs::symlink_status(manifest))) return std::nullopt;
    nlohmann::json m = nlohmann::json::parse(read_text(manifest), nullptr, false);
    if (m.is_discarded() || !m.is_object() || m.value("format", nlohmann::json()) != "bigcert-proof-log/1")
        return std::nullopt;
    std::set<std::string> files{"manifest.json"};
    auto add = [&](const nlohmann::json& object, const char* key) {
        if (object.is_object() && object.contains(key) && object[key].is_string())
            files.insert(object[key].get<std::string>());
    };
    if (m.contains("instance")) add(m["instance"], "file");
    for (const char* list : {"queries", "artifacts"})
        if (m.contains(list) && m[list].is_array())
            for (const nlohmann::json& entry : m[list]) add(entry, "file"), add(entry, "proof_file");
    return files;
}

// certify's weak-dominance bundle (inner-product loss) has no manifest: proof_log.txt and its queries.
bool is_dominance_bundle(const fs::path& directory) {
    const fs::path log = directory / "proof_log.txt";
    if (!fs::is_regular_file(fs::symlink_status(log))) return false;
    std::ifstream in(log);
    std::string first;
    std::getline(in, first);
    return first.rfind("bigcert weak-dominance certificate", 0) == 0;
}

bool written_by_dominance_certificate(const fs::directory_entry& e) {
    const std::string name = e.path().filename().string();
    if (name == "proof_log.txt") return true;
    if (e.path().extension() != ".smt2") return false;
    std::ifstream in(e.path());
    std::string first;
    std::getline(in, first);
    return first.rfind("; bigcert, z3 ", 0) == 0;
}

// Removes the regular files of a directory that was a bundle, then the directory; anything else stays.
void remove_bundle(const fs::path& directory) {
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(directory, ec))
        if (e.is_regular_file() && !e.is_symlink()) fs::remove(e.path(), ec);
    fs::remove(directory, ec);  // only when empty
}

// A new directory beside `target` (mkdir, so the umask applies as to any directory the user creates).
std::string make_sibling_directory(const fs::path& target, const std::string& kind) {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string suffix = std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
                                   std::to_string(random() % 1000000);
        const fs::path candidate =
            target.parent_path() / ("." + target.filename().string() + ".bigcert-" + kind + "-" + suffix);
        if (::mkdir(candidate.c_str(), 0777) == 0) return candidate.string();
        if (errno != EEXIST) return "";
    }
    return "";
}

// "out/", "." and "dir/.." name a directory by a path whose last component cannot be renamed.
fs::path resolved(const std::string& target) {
    fs::path p = fs::absolute(fs::path(target)).lexically_normal();
    if (!p.has_filename() && p.has_relative_path()) p = p.parent_path();
    return p;
}

}  // namespace

std::string bundle_replacement_problem(const std::string& directory) {
    const fs::path dir(directory);
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(dir, ec);
    if (!fs::exists(status)) return "";
    if (fs::is_symlink(status)) return "is a symbolic link (give the directory itself)";
    if (!fs::is_directory(status)) return "exists and is not a directory";
    std::vector<fs::directory_entry> entries;
    try {
        entries = entries_of(dir);
    } catch (const fs::filesystem_error& e) {
        return std::string("cannot list it: ") + e.code().message();
    }
    if (entries.empty()) return "";
    const std::optional<std::set<std::string>> listed = manifest_files(dir);
    const bool dominance = !listed && is_dominance_bundle(dir);
    if (!listed && !dominance)
        return "is not empty and is not a bigcert proof bundle (no manifest.json of format "
               "\"bigcert-proof-log/1\")";
    for (const fs::directory_entry& e : entries) {
        const std::string name = e.path().filename().string();
        const bool ours = e.is_regular_file() && !e.is_symlink() &&
                          (listed ? listed->count(name) > 0 : written_by_dominance_certificate(e));
        if (!ours) return "holds \"" + name + "\", which its bigcert bundle does not list";
    }
    return "";
}

BundleDirectory::BundleDirectory(std::string target, std::string option)
    : target_(std::move(target)), option_(std::move(option)) {
    if (target_.empty()) throw InputError(option_, "an empty directory name");
    const fs::path path = resolved(target_);
    if (!path.has_relative_path())
        throw InputError(option_, target_ + ": the root directory cannot hold a bundle");
    if (std::string problem = bundle_replacement_problem(path.string()); !problem.empty())
        throw InputError(option_,
                         target_ + " " + problem +
                             "; bigcert replaces only its own bundles (give a new or empty directory)");
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) throw InputError(option_, "cannot create " + path.parent_path().string() + ": " + ec.message());
    staging_ = make_sibling_directory(path, "new");
    if (staging_.empty())
        throw InputError(option_,
                         "cannot create a directory beside " + target_ + ": " + std::strerror(errno));
    abandon_.emplace(staging_);
}

BundleDirectory::~BundleDirectory() {
    if (committed_ || staging_.empty()) return;
    std::error_code ec;
    fs::remove_all(staging_, ec);  // only files this run wrote; does not follow symbolic links
}

void BundleDirectory::commit() {
    const fs::path path = resolved(target_);
    std::string old;  // where the replaced bundle went
    {
        std::unique_lock<std::mutex> lock = lock_for_commit();
        // Checked again: the directory may have changed while the run went on.
        if (std::string problem = bundle_replacement_problem(path.string()); !problem.empty())
            throw InputError(option_, target_ + " " + problem + "; the new bundle was not written");
        std::error_code ec;
        const bool occupied = fs::exists(fs::symlink_status(path)) && !fs::is_empty(path, ec);
        if (!occupied) {
            // A missing target or an empty directory: rename(2) puts the new one in place atomically.
            if (::rename(staging_.c_str(), path.c_str()) != 0)
                throw InputError(option_, "cannot write " + target_ + ": " + std::strerror(errno));
        } else if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) == 0) {
            old = staging_;  // swapped: the old bundle now sits in the staging directory
        } else {
            // No atomic exchange on this file system: the target is absent between these two renames.
            std::string aside = make_sibling_directory(path, "old");
            if (aside.empty() || ::rename(path.c_str(), aside.c_str()) != 0) {
                if (!aside.empty()) ::rmdir(aside.c_str());
                throw InputError(option_,
                                 "cannot move the old bundle " + target_ + " aside: " + std::strerror(errno));
            }
            if (::rename(staging_.c_str(), path.c_str()) != 0) {
                int error = errno;
                ::rename(aside.c_str(), path.c_str());
                throw InputError(option_, "cannot write " + target_ + ": " + std::strerror(error));
            }
            old = aside;
        }
        committed_ = true;
    }
    abandon_.reset();
    if (!old.empty()) remove_bundle(old);
}

}  // namespace bigcert
