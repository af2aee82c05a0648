#include "io/json_structure.hpp"

#include <string>

#include "bigcert/core/errors.hpp"

namespace bigcert {

// On-Demand validates only what is read and may misbehave on unbalanced input, so the structure (brackets
// balanced outside strings, nothing after the top-level value, bounded nesting) is checked first.
void check_json_structure(std::string_view text, std::size_t max_nesting) {
    std::string stack;
    bool in_string = false, escaped = false, closed = false;
    for (std::size_t k = 0; k < text.size(); ++k) {
        char c = text[k];
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            else if (static_cast<unsigned char>(c) < 0x20)
                throw InputError("",
                                 "invalid JSON: control character in a string at byte " + std::to_string(k));
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (closed) throw InputError("", "invalid JSON: trailing content at byte " + std::to_string(k));
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (stack.size() >= max_nesting)
                throw InputError("", "invalid JSON: nesting deeper than " + std::to_string(max_nesting));
            stack.push_back(c == '{' ? '}' : ']');
        } else if (c == '}' || c == ']') {
            if (stack.empty() || stack.back() != c)
                throw InputError(
                    "", "invalid JSON: unbalanced '" + std::string(1, c) + "' at byte " + std::to_string(k));
            stack.pop_back();
        }
        if (stack.empty() && !in_string && (c == '}' || c == ']')) closed = true;
    }
    if (in_string) throw InputError("", "invalid JSON: unterminated string");
    if (!stack.empty())
        throw InputError(
            "", "invalid JSON: unexpected end of input (missing '" + std::string(1, stack.back()) + "')");
    if (!closed) throw InputError("", "invalid JSON: the input is not a JSON object");
}

}  // namespace bigcert
