#include "bigcert/core/display_text.hpp"

#include <cstdio>
#include <vector>

namespace bigcert {

namespace {

std::string escaped_code_point(unsigned code_point) {
    switch (code_point) {
        case '\n':
            return "\\n";
        case '\r':
            return "\\r";
        case '\t':
            return "\\t";
        case '\b':
            return "\\b";
        case '\f':
            return "\\f";
        default:
            break;
    }
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\u%04x", code_point);
    return buffer;
}

bool is_control(unsigned code_point) {
    return code_point < 0x20 || (code_point >= 0x7f && code_point <= 0x9f) || code_point == 0x2028 ||
           code_point == 0x2029;
}

// The length of the well-formed UTF-8 sequence at text[i] (0 when malformed) and its code point.
std::size_t utf8_sequence(const std::string& text, std::size_t i, unsigned& code_point) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xe  ? 3
                         : (lead >> 3) == 0x1e ? 4
                                               : 0;
    if (length == 0 || i + length > text.size()) return 0;
    code_point = length == 1 ? lead : lead & (0x7f >> length);
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned char next = static_cast<unsigned char>(text[i + k]);
        if ((next >> 6) != 0x2) return 0;
        code_point = (code_point << 6) | (next & 0x3f);
    }
    static const unsigned smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < smallest[length] || code_point > 0x10ffff ||
        (code_point >= 0xd800 && code_point <= 0xdfff))
        return 0;  // overlong, out of range or a surrogate
    return length;
}

// Each code point (or malformed byte) of `text` as shown.
std::vector<std::string> shown_pieces(const std::string& text) {
    std::vector<std::string> pieces;
    for (std::size_t i = 0; i < text.size();) {
        unsigned code_point = 0;
        const std::size_t length = utf8_sequence(text, i, code_point);
        if (length == 0) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned char>(text[i]));
            pieces.emplace_back(buffer);
            i += 1;
            continue;
        }
        if (is_control(code_point)) {
            pieces.push_back(escaped_code_point(code_point));
        } else {
            pieces.push_back(text.substr(i, length));
        }
        i += length;
    }
    return pieces;
}

}  // namespace

std::string display_text(const std::string& text) {
    bool plain = true;  // printable ASCII, the common case, is shown as it is
    for (char c : text) plain = plain && c >= 0x20 && c < 0x7f;
    if (plain) return text;
    std::string out;
    for (const std::string& piece : shown_pieces(text)) out += piece;
    return out;
}

}  // namespace bigcert
