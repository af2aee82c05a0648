// The first SIGINT or SIGTERM, or the end of --time-limit, stops the whole command (cancellation.hpp): the
// signal handler only sets the flag and wakes a watching thread; that thread interrupts the running Z3
// queries and kills child processes until the run has unwound (the command then exits 130, 143 or 5, any
// bundle complete or absent). A run that has not ended 2 s later is ended by abandon_run(). The handlers are
// installed with SA_RESETHAND: a second signal has its default action and ends the process at once.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <sstream>
#include <thread>

#include "bigcert/core/cancellation.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {
namespace {

int wake_pipe[2] = {-1, -1};

extern "C" void on_stop_signal(int signal) {
    const int saved = errno;
    request_cancellation(signal);
    const char byte = 1;
    [[maybe_unused]] ssize_t written = ::write(wake_pipe[1], &byte, 1);
    errno = saved;
}

void wait_for_cancellation(double time_limit_seconds) {
    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + std::chrono::duration_cast<clock::duration>(
                                             std::chrono::duration<double>(time_limit_seconds));
    while (!cancellation_requested()) {
        int wait_ms = -1;
        if (time_limit_seconds > 0) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
            if (left.count() <= 0) {
                request_cancellation(cancel_time_limit);
                break;
            }
            wait_ms = static_cast<int>(std::min<long long>(left.count() + 1, 3'600'000));
        }
        pollfd wake{wake_pipe[0], POLLIN, 0};
        ::poll(&wake, 1, wait_ms);
    }
}

void watch(double time_limit_seconds) {
    wait_for_cancellation(time_limit_seconds);
    const auto grace = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (std::chrono::steady_clock::now() < grace) {
        run_cancellation_actions();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const int cause = cancellation_cause();
    abandon_run(
        exit_code_for_cancellation(cause),
        "bigcert: " + cancellation_message(cause, time_limit_seconds) + " (ended after 2 s of waiting)");
}

}  // namespace

void start_run_control(double time_limit_seconds) {
    if (::pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) return;  // then only the default actions remain
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_RESTART;
    for (int signal : {SIGINT, SIGTERM}) sigaction(signal, &action, nullptr);
    std::thread(watch, time_limit_seconds).detach();
}

int exit_code_for_cancellation(int cause) { return cause == cancel_time_limit ? exit_limit : 128 + cause; }

std::string cancellation_message(int cause, double time_limit_seconds) {
    if (cause == cancel_time_limit) {
        std::ostringstream seconds;
        seconds << time_limit_seconds;
        return "limit: --time-limit: the command ran for its " + seconds.str() +
               " s (raise --time-limit); nothing unfinished was printed or written";
    }
    return std::string("stopped by ") +
           (cause == SIGINT    ? "SIGINT"
            : cause == SIGTERM ? "SIGTERM"
                               : "a signal") +
           "; nothing unfinished was printed or written";
}

}  // namespace bigcert::cli
