#include <z3++.h>

#include <string>

namespace bigcert {

// The Z3 library bigcert is linked against, recorded in every proof log.
std::string z3_version() {
    unsigned major = 0, minor = 0, build = 0, revision = 0;
    Z3_get_version(&major, &minor, &build, &revision);
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(build);
}

}  // namespace bigcert
