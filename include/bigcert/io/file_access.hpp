// Files the user names on the command line. Every failure becomes an InputError naming the flag, the path and
// the system's reason (cli.md "Exit codes": exit 2), never a C++ stream exception or an "internal error".
#pragma once

#include <fstream>
#include <string>

namespace bigcert {

// Throws InputError(flag, "cannot write PATH: REASON") unless PATH can be created or overwritten: PATH is a
// directory, its parent does not exist or is not a directory, or permission is denied. Called before long
// work, so that the work is not lost at the end.
void require_writable(const std::string& flag, const std::string& path);

// require_writable, then PATH is opened for appending (created empty when missing) and closed: the system's
// own answer (a read-only file system, say) before long work whose output is appended there.
void require_appendable(const std::string& flag, const std::string& path);

// Opens PATH for writing, truncated (require_writable's checks first, then the system's answer).
std::ofstream open_for_writing(const std::string& flag, const std::string& path);

// Flushes and closes; a failed write (e.g. a full disk) is the same InputError as a failed open.
void finish_writing(std::ofstream& out, const std::string& flag, const std::string& path);

// The whole content of PATH; InputError(flag, "cannot read PATH: REASON") when it is missing, a directory or
// unreadable (an empty flag names the path only).
std::string read_whole_file(const std::string& flag, const std::string& path);

}  // namespace bigcert
