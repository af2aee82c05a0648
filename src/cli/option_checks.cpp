// Checks of numeric flags beyond their C++ type: CLI11 reads "nan", "inf" and negative numbers into a double
// without complaint, and a limit of 0 would refuse everything.
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "cli/commands.hpp"

namespace bigcert::cli {

CLI::Validator positive_seconds() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            const char* begin = text.c_str();
            char* end = nullptr;
            errno = 0;
            const double value = std::strtod(begin, &end);
            if (end == begin || *end != '\0' || errno == ERANGE || !std::isfinite(value) || value <= 0)
                return "expected a number of seconds > 0, got \"" + text + "\"";
            return "";
        },
        "SECONDS>0", "positive seconds");
}

CLI::Validator positive_count() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
                text.find_first_not_of('0') == std::string::npos)
                return "expected a whole number > 0, got \"" + text + "\"";
            return "";
        },
        "N>0", "positive count");
}

}  // namespace bigcert::cli
