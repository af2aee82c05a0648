#include "certify/smt_text.hpp"

namespace bigcert {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool is_smt_comment_text(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
    return true;
}

bool is_smt_symbol(std::string_view text) {
    if (text.empty() || !is_letter(text[0])) return false;
    for (char c : text)
        if (!is_letter(c) && !is_digit(c)) return false;
    return true;
}

bool is_smt_term(std::string_view text) {
    static constexpr std::string_view operators = " +-*/<=>.";
    long depth = 0;
    for (char c : text) {
        if (c == '(')
            ++depth;
        else if (c == ')' && --depth < 0)
            return false;
        else if (c != ')' && !is_letter(c) && !is_digit(c) && operators.find(c) == std::string_view::npos)
            return false;
    }
    return depth == 0 && !text.empty();
}

}  // namespace bigcert
