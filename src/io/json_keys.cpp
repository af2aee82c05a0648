#include "bigcert/io/json_keys.hpp"

namespace bigcert {

std::string printable_key(std::string_view key) {
    constexpr std::size_t longest = 40;
    bool plain = !key.empty() && key.size() <= longest;
    for (char c : key)
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F) plain = false;
    if (plain) return std::string(key);
    std::string shown = "\"";
    std::size_t taken = 0;
    for (char c : key) {
        auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) != 0x80 && taken++ == longest) {  // cut before a character, not inside one
            shown += "...";
            break;
        }
        if (c == '"' || c == '\\') {
            shown += '\\', shown += c;
        } else if (byte < 0x20 || byte == 0x7F) {
            static constexpr char hex[] = "0123456789abcdef";
            shown += "\\u00", shown += hex[byte >> 4], shown += hex[byte & 15];
        } else {
            shown += c;
        }
    }
    return shown + "\"";
}

void ObjectKeys::reject(std::string_view key) const {
    const std::string path = object_.field(printable_key(key)).str();
    for (std::string_view planned : planned_)
        if (planned == key) throw UnsupportedError(path, "a key of a planned extension of FORMAT.md");
    std::string expected;
    for (std::size_t k = 0; k < known_.size(); ++k)
        expected += (k == 0 ? "" : k + 1 == known_.size() ? " or " : ", ") + std::string(known_[k]);
    throw UnknownKeyError(path, "unknown key (expected " + expected + ")");
}

}  // namespace bigcert
