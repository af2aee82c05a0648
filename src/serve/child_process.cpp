#include "serve/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "bigcert/core/cancellation.hpp"

extern char** environ;

namespace bigcert::serve {
namespace {

struct Pipe {
    int read = -1, write = -1;
    Pipe() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
        read = fds[0], write = fds[1];
    }
    ~Pipe() { close_read(), close_write(); }
    void close_read() { read >= 0 && ::close(read), read = -1; }
    void close_write() { write >= 0 && ::close(write), write = -1; }
};

pid_t spawn(const std::string& program, const std::vector<std::string>& arguments, Pipe& in, Pipe& out,
            Pipe& err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.read, 0);
    posix_spawn_file_actions_adddup2(&actions, out.write, 1);
    posix_spawn_file_actions_adddup2(&actions, err.write, 2);
    // The server's sockets must not live on in a child (the port would stay taken after shutdown).
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const std::string& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    // The server ignores SIGPIPE (a client or child may close early); the child gets the default back.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults, none;
    sigemptyset(&defaults), sigaddset(&defaults, SIGPIPE), sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    pid_t pid = -1;
    int status = posix_spawn(&pid, program.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (status != 0) throw std::runtime_error("cannot start " + program + ": " + std::strerror(status));
    return pid;
}

// Feeds `input` and collects both outputs until the child closes them or the deadline passes.
void exchange(Pipe& in, Pipe& out, Pipe& err, const std::string& input, ChildResult& result,
              std::chrono::steady_clock::time_point deadline, pid_t pid) {
    ::fcntl(in.write, F_SETFL, O_NONBLOCK);
    std::size_t written = 0;
    if (input.empty()) in.close_write();
    std::array<char, 65536> buffer;
    while (out.read >= 0 || err.read >= 0) {
        std::array<pollfd, 3> fds{pollfd{out.read, POLLIN, 0}, pollfd{err.read, POLLIN, 0},
                                  pollfd{in.write, POLLOUT, 0}};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            ::kill(pid, SIGKILL);
            return;
        }
        if (::poll(fds.data(), fds.size(), static_cast<int>(std::min<long long>(left.count(), 1000))) < 0 &&
            errno != EINTR)
            return;
        for (int k = 0; k < 2; ++k) {
            if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            Pipe& pipe = k == 0 ? out : err;
            ssize_t got = ::read(pipe.read, buffer.data(), buffer.size());
            if (got > 0)
                (k == 0 ? result.out : result.err).append(buffer.data(), static_cast<std::size_t>(got));
            else if (got == 0 || errno != EINTR)
                pipe.close_read();
        }
        if (in.write >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t put = ::write(in.write, input.data() + written, input.size() - written);
            if (put > 0) written += static_cast<std::size_t>(put);
            if (written == input.size() || (put < 0 && errno != EAGAIN && errno != EINTR)) in.close_write();
        }
    }
}

}  // namespace

ChildResult run_child(const std::string& program, const std::vector<std::string>& arguments,
                      const std::string& input, double kill_after_seconds) {
    Pipe in, out, err;
    ChildResult result;
    const pid_t pid = spawn(program, arguments, in, out, err);
    OnCancellation stop_child([pid] { ::kill(pid, SIGKILL); });
    in.close_read(), out.close_write(), err.close_write();
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                               std::chrono::duration<double>(kill_after_seconds));
    exchange(in, out, err, input, result, deadline, pid);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

std::string own_executable() { return std::filesystem::read_symlink("/proc/self/exe").string(); }

}  // namespace bigcert::serve
