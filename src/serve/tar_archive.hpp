// A POSIX ustar archive of a directory's regular files, for downloading a proof bundle as one file.
#pragma once

#include <string>

namespace bigcert::serve {

// The archive's bytes: every regular file under `directory` (recursively, in name order), stored under
// `prefix`/<its path relative to directory>, plus `extra_name` holding `extra_content` when that is not
// empty.
std::string tar_directory(const std::string& directory, const std::string& prefix,
                          const std::string& extra_name, const std::string& extra_content);

}  // namespace bigcert::serve
