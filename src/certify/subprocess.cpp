#include "certify/subprocess.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "bigcert/core/cancellation.hpp"

namespace bigcert {

std::string run_program(const std::vector<std::string>& argv) {
    throw_if_cancelled();
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) return "";
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(out[0]), ::close(out[1]);
        return "";
    }
    if (pid == 0) {  // only async-signal-safe calls until exec
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(out[1], STDERR_FILENO);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(out[1]);
    std::string output;
    {
        // Registered only while the child is not yet reaped, so the pid cannot have been reused.
        OnCancellation kill_child([pid] { ::kill(pid, SIGKILL); });
        char buffer[4096];
        for (;;) {
            const ssize_t got = ::read(out[0], buffer, sizeof buffer);
            if (got > 0)
                output.append(buffer, static_cast<std::size_t>(got));
            else if (got == 0 || errno != EINTR)
                break;
        }
    }
    ::close(out[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    throw_if_cancelled();
    return output;
}

std::string run_z3_binary(const std::string& smt2, double seconds) {
    char path[] = "/tmp/bigcert-query-XXXXXX";
    const int fd = ::mkstemp(path);
    if (fd < 0) return "";
    FILE* file = ::fdopen(fd, "w");
    const bool written = file && std::fwrite(smt2.data(), 1, smt2.size(), file) == smt2.size();
    if (file) std::fclose(file);
    std::vector<std::string> argv{"z3"};
    if (seconds > 0)
        argv.push_back("-T:" + std::to_string(static_cast<long>(std::max(1.0, std::ceil(seconds)))));
    argv.push_back(path);
    std::string output;
    try {
        if (written) output = run_program(argv);
    } catch (...) {  // cancelled: the child is killed; the query file goes too
        std::remove(path);
        throw;
    }
    std::remove(path);
    return output.substr(0, output.find('\n'));
}

}  // namespace bigcert
