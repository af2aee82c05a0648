#include "bigcert/core/cancellation.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <map>

namespace bigcert {
namespace {

std::atomic<int> cause{0};
static_assert(std::atomic<int>::is_always_lock_free, "set from a signal handler");

// One mutex for both registries and for commits: abandon_run() must not delete a directory while it is
// being renamed into place, nor run while an action's target is being destroyed.
// Never destroyed: the watching thread may still use them while the process exits.
std::mutex& registry_mutex() {
    static std::mutex* m = new std::mutex;
    return *m;
}
std::map<unsigned long, std::function<void()>>& actions() {
    static auto* a = new std::map<unsigned long, std::function<void()>>;
    return *a;
}
std::map<unsigned long, std::string>& abandoned_paths() {
    static auto* p = new std::map<unsigned long, std::string>;
    return *p;
}
unsigned long next_id = 1;  // under registry_mutex()

std::string describe(int c) {
    if (c == cancel_time_limit) return "the whole-run time limit was reached";
    return "stopped by signal " + std::to_string(c);
}

}  // namespace

CancelledError::CancelledError(int c) : std::runtime_error(describe(c)), cause_(c) {}

void request_cancellation(int c) noexcept {
    int none = 0;
    cause.compare_exchange_strong(none, c);
}

int cancellation_cause() noexcept { return cause.load(); }

void throw_if_cancelled() {
    if (int c = cause.load()) throw CancelledError(c);
}

OnCancellation::OnCancellation(std::function<void()> action) {
    std::lock_guard<std::mutex> lock(registry_mutex());
    id_ = next_id++;
    actions().emplace(id_, std::move(action));
}

OnCancellation::~OnCancellation() {
    std::lock_guard<std::mutex> lock(registry_mutex());
    actions().erase(id_);
}

void run_cancellation_actions() {
    std::lock_guard<std::mutex> lock(registry_mutex());
    for (auto& [id, action] : actions()) action();
}

RemoveOnAbandon::RemoveOnAbandon(std::string path) {
    std::lock_guard<std::mutex> lock(registry_mutex());
    id_ = next_id++;
    abandoned_paths().emplace(id_, std::move(path));
}

void RemoveOnAbandon::release() {
    if (id_ == 0) return;
    std::lock_guard<std::mutex> lock(registry_mutex());
    abandoned_paths().erase(id_);
    id_ = 0;
}

std::unique_lock<std::mutex> lock_for_commit() {
    std::unique_lock<std::mutex> lock(registry_mutex());
    throw_if_cancelled();
    return lock;
}

void abandon_run(int exit_code, const std::string& message) {
    std::unique_lock<std::mutex> lock(registry_mutex());
    for (const auto& [id, path] : abandoned_paths()) {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);  // does not follow symbolic links
    }
    std::string line = message + "\n";
    [[maybe_unused]] ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
    ::_exit(exit_code);
}

}  // namespace bigcert
