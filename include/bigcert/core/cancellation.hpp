// Stopping a run from outside: a signal (SIGINT, SIGTERM) or the whole-run time limit. One process-wide
// flag that long loops poll (throw_if_cancelled), plus the actions that make blocking work return at once
// (Z3's interrupt(), killing a child process) and the temporary paths to delete when the process must end
// without unwinding. The flag is set from a signal handler, so setting it is async-signal-safe.
#pragma once

#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>

namespace bigcert {

// Why a run was stopped: the signal number, or cancel_time_limit; 0 while it runs.
inline constexpr int cancel_time_limit = -1;

// The run was stopped from outside; nothing it was computing may be reported.
class CancelledError : public std::runtime_error {
  public:
    explicit CancelledError(int cause);
    int cause() const { return cause_; }

  private:
    int cause_;
};

// The first request wins (later ones keep its cause). Async-signal-safe.
void request_cancellation(int cause) noexcept;
int cancellation_cause() noexcept;
inline bool cancellation_requested() noexcept { return cancellation_cause() != 0; }
// Throws CancelledError once a cancellation was requested.
void throw_if_cancelled();

// While alive, `action` is among those run_cancellation_actions() calls (e.g. ctx.interrupt(), kill(pid)).
// Destroy it before what the action touches.
class OnCancellation {
  public:
    explicit OnCancellation(std::function<void()> action);
    ~OnCancellation();
    OnCancellation(const OnCancellation&) = delete;
    OnCancellation& operator=(const OnCancellation&) = delete;

  private:
    unsigned long id_;
};
// Calls every registered action (from the thread that watches for cancellation, repeatedly: one Z3
// interrupt does not always land).
void run_cancellation_actions();

// While alive and not released, `path` (a file or directory bigcert created) is deleted by
// abandon_run(). A bundle's staging directory is one.
class RemoveOnAbandon {
  public:
    explicit RemoveOnAbandon(std::string path);
    ~RemoveOnAbandon() { release(); }
    void release();
    RemoveOnAbandon(const RemoveOnAbandon&) = delete;
    RemoveOnAbandon& operator=(const RemoveOnAbandon&) = delete;

  private:
    unsigned long id_ = 0;
};

// Held while a result is made visible (a bundle renamed into place): abandon_run() waits for it, so what is
// visible is complete or absent. Throws CancelledError when cancellation was already requested.
std::unique_lock<std::mutex> lock_for_commit();

// Ends the process now without unwinding (the run did not stop by itself after a cancellation): deletes the
// registered temporary paths, writes `message` to standard error, and _exit(exit_code).
[[noreturn]] void abandon_run(int exit_code, const std::string& message);

}  // namespace bigcert
