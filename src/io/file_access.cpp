#include "bigcert/io/file_access.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iterator>

#include "bigcert/core/errors.hpp"

namespace bigcert {

namespace {

[[noreturn]] void cannot(const std::string& verb, const std::string& flag, const std::string& path,
                         const std::string& reason) {
    throw InputError(flag, "cannot " + verb + " " + path + ": " + reason);
}

}  // namespace

void require_writable(const std::string& flag, const std::string& path) {
    if (path.empty()) throw InputError(flag, "empty path");
    struct stat status {};
    if (::stat(path.c_str(), &status) == 0) {
        if (S_ISDIR(status.st_mode)) cannot("write", flag, path, "is a directory");
        if (::access(path.c_str(), W_OK) != 0) cannot("write", flag, path, std::strerror(errno));
        return;
    }
    if (errno != ENOENT) cannot("write", flag, path, std::strerror(errno));
    std::string parent = std::filesystem::path(path).parent_path().string();
    if (parent.empty()) parent = ".";
    if (::stat(parent.c_str(), &status) != 0) {
        if (errno == ENOENT) cannot("write", flag, path, "no directory " + parent);
        cannot("write", flag, path, parent + ": " + std::strerror(errno));
    }
    if (!S_ISDIR(status.st_mode)) cannot("write", flag, path, parent + " is not a directory");
    if (::access(parent.c_str(), W_OK | X_OK) != 0)
        cannot("write", flag, path, parent + ": " + std::strerror(errno));
}

void require_appendable(const std::string& flag, const std::string& path) {
    require_writable(flag, path);
    int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) cannot("write", flag, path, std::strerror(errno));
    ::close(fd);
}

std::ofstream open_for_writing(const std::string& flag, const std::string& path) {
    require_writable(flag, path);
    errno = 0;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) cannot("write", flag, path, errno ? std::strerror(errno) : "open failed");
    return out;
}

void finish_writing(std::ofstream& out, const std::string& flag, const std::string& path) {
    errno = 0;
    out.close();
    if (!out) cannot("write", flag, path, errno ? std::strerror(errno) : "write failed");
}

std::string read_whole_file(const std::string& flag, const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) cannot("read", flag, path, std::strerror(errno));
    if (S_ISDIR(status.st_mode)) cannot("read", flag, path, "is a directory");
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) cannot("read", flag, path, errno ? std::strerror(errno) : "open failed");
    try {
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    } catch (const std::ios_base::failure&) {  // libstdc++ throws from underflow on a read error (EIO, ...)
        cannot("read", flag, path, "read error");
    }
}

}  // namespace bigcert
