// Runs the external receiver with fork/exec of /bin/sh -c COMMAND, pipes for stdin/stdout and a wall-clock
// deadline enforced with poll(); on timeout the whole process group is killed so that no child lingers.
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "bigcert/align/alignment_external_receiver.hpp"
#include "bigcert/core/cancellation.hpp"

namespace bigcert {
namespace {

std::string request_text(const std::vector<std::vector<double>>& reports, std::size_t dimension) {
    std::string text =
        "{\"format\": \"bigcert-align-receiver/1\", \"dimension\": " + std::to_string(dimension) +
        ", \"reports\": [";
    char number[40];
    for (std::size_t i = 0; i < reports.size(); ++i) {
        text += i ? ", [" : "[";
        for (std::size_t k = 0; k < reports[i].size(); ++k) {
            std::snprintf(number, sizeof number, "%.17g", reports[i][k]);
            text += (k ? ", " : "") + std::string(number);
        }
        text += "]";
    }
    return text + "]}\n";
}

// Text from the receiver or the user's command, for an error message that must stay one line (cli.md "Exit
// codes"): control characters escaped as in C (\n, \t, \xHH), backslashes doubled, cut after `longest` bytes.
std::string one_line(std::string_view text, std::size_t longest = 200) {
    std::string shown;
    for (std::size_t k = 0; k < text.size() && k < longest; ++k) {
        const auto byte = static_cast<unsigned char>(text[k]);
        if (text[k] == '\\') {
            shown += "\\\\";
        } else if (text[k] == '\n') {
            shown += "\\n";
        } else if (text[k] == '\r') {
            shown += "\\r";
        } else if (text[k] == '\t') {
            shown += "\\t";
        } else if (byte < 0x20 || byte == 0x7F) {
            static constexpr char hex[] = "0123456789abcdef";
            shown += "\\x", shown += hex[byte >> 4], shown += hex[byte & 15];
        } else {
            shown += text[k];
        }
    }
    return text.size() > longest ? shown + "..." : shown;
}

std::string command_text(const std::string& command) {
    return "receiver command `" + one_line(command) + "`";
}

std::vector<double> parse_outcome(const std::string& out, std::size_t dimension, const std::string& command) {
    nlohmann::json value = nlohmann::json::parse(out, nullptr, false);
    std::string shown = one_line(out);
    if (value.is_discarded() || !value.is_array() || value.size() != dimension)
        throw ExternalReceiverError(command_text(command) + " printed \"" + shown +
                                    "\", expected a JSON array of " + std::to_string(dimension) + " numbers");
    std::vector<double> outcome;
    for (const auto& x : value) {
        if (!x.is_number() || !std::isfinite(x.get<double>()))
            throw ExternalReceiverError(command_text(command) + " printed a non-number: \"" + shown + "\"");
        outcome.push_back(x.get<double>());
    }
    return outcome;
}

struct Pipe {
    int fd[2] = {-1, -1};
    Pipe() {
        if (pipe(fd) != 0)
            throw ExternalReceiverError(std::string("cannot create a pipe: ") + std::strerror(errno));
    }
    ~Pipe() { close_both(); }
    void close_end(int i) {
        if (fd[i] >= 0) close(fd[i]);
        fd[i] = -1;
    }
    void close_both() { close_end(0), close_end(1); }
};

}  // namespace

ExternalReceiver::ExternalReceiver(std::string command, std::size_t dimension, double timeout_seconds)
    : command_(std::move(command)), dimension_(dimension), timeout_seconds_(timeout_seconds) {}

std::vector<double> ExternalReceiver::operator()(const std::vector<std::vector<double>>& reports) const {
    const std::string request = request_text(reports, dimension_);
    Pipe to_child, from_child;
    pid_t pid = fork();
    if (pid < 0) throw ExternalReceiverError(std::string("cannot fork: ") + std::strerror(errno));
    if (pid == 0) {
        setpgid(0, 0);  // its own process group, so a timeout kills the whole pipeline
        dup2(to_child.fd[0], STDIN_FILENO);
        dup2(from_child.fd[1], STDOUT_FILENO);
        to_child.close_both();
        from_child.close_both();
        execl("/bin/sh", "sh", "-c", command_.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    setpgid(pid, pid);
    to_child.close_end(0);
    from_child.close_end(1);
    signal(SIGPIPE, SIG_IGN);  // a receiver that does not read its input must not kill bigcert
    fcntl(to_child.fd[1], F_SETFL, O_NONBLOCK);

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds_);
    std::size_t written = 0;
    std::string out;
    bool timed_out = false;
    // A cancelled run (cancellation.hpp) kills the receiver's process group: it is not in bigcert's, so a
    // terminal's Ctrl-C does not reach it.
    auto stop_if_cancelled = [&] {
        if (!cancellation_requested()) return;
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        throw_if_cancelled();
    };
    while (from_child.fd[0] >= 0) {
        stop_if_cancelled();
        if (written == request.size() && to_child.fd[1] >= 0) to_child.close_end(1);  // EOF for the child
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                          std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timed_out = true;
            break;
        }
        pollfd fds[2] = {{from_child.fd[0], POLLIN, 0}, {to_child.fd[1], POLLOUT, 0}};
        int count =
            poll(fds, to_child.fd[1] >= 0 ? 2 : 1, static_cast<int>(std::min<long long>(left.count(), 100)));
        if (count < 0 && errno != EINTR) break;
        if (to_child.fd[1] >= 0 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n = write(to_child.fd[1], request.data() + written, request.size() - written);
            if (n > 0)
                written += static_cast<std::size_t>(n);
            else if (n < 0 && errno != EAGAIN)
                to_child.close_end(1), written = request.size();
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            char buffer[4096];
            ssize_t n = read(from_child.fd[0], buffer, sizeof buffer);
            if (n > 0) {
                out.append(buffer, static_cast<std::size_t>(n));
                if (out.size() > (1u << 20)) {
                    kill(-pid, SIGKILL);
                    waitpid(pid, nullptr, 0);
                    throw ExternalReceiverError(command_text(command_) + " printed more than 1 MiB");
                }
            } else if (n == 0 || errno != EINTR) {
                from_child.close_end(0);
            }
        }
    }
    int status = 0;
    if (!timed_out) {
        // Output closed; the process should exit promptly, but keep honouring the deadline.
        for (;;) {
            pid_t done = waitpid(pid, &status, WNOHANG);
            if (done == pid) break;
            stop_if_cancelled();
            if (std::chrono::steady_clock::now() >= deadline) {
                timed_out = true;
                break;
            }
            usleep(1000);
        }
    }
    if (timed_out) {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%g", timeout_seconds_);
        throw ExternalReceiverTimeout(command_text(command_) + " timed out after " + seconds + " s (killed)");
    }
    if (WIFSIGNALED(status))
        throw ExternalReceiverError(command_text(command_) + " was killed by signal " +
                                    std::to_string(WTERMSIG(status)));
    if (WEXITSTATUS(status) != 0)
        throw ExternalReceiverError(command_text(command_) + " exited with status " +
                                    std::to_string(WEXITSTATUS(status)));
    return parse_outcome(out, dimension_, command_);
}

}  // namespace bigcert
