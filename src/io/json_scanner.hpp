// The machine-integer loaders' strict JSON scanner (line_game_loader.cpp, vertex_game_loader.cpp): reads
// FORMAT.md's subset that the fast routes accept, byte by byte with no copy, and throws NotLine wherever the
// input leaves it, so that the general loader (instance_loader.hpp) reads it and reports any error itself.
#pragma once

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "bigcert/core/small_fraction.hpp"
#include "bigcert/io/instance_loader.hpp"

namespace bigcert::fast_json {

// Thrown where the input leaves the fast path's subset; the general loader then takes over.
struct NotLine {};

// A field may appear once, and only the keys below are read here: a repeated or unknown key is an error
// that the general loader reports with its JSON path (FORMAT.md), so the fast path declines.
inline void mark_once(bool& seen) {
    if (seen) throw NotLine{};
    seen = true;
}

// A strict JSON reader for the fast path's subset, one byte at a time with no copy: strings are valid UTF-8
// (escapes decoded, \u0000 declined), numbers follow JSON's grammar without exponents, nesting stays within
// the limit; anything else declines, and the general loader decides.
class LineScanner {
  public:
    LineScanner(const char* begin, const char* end, const LoadLimits& limits, std::size_t depth = 0)
        : at_(begin), end_(end), limits_(limits), depth_(depth) {}

    const char* position() const { return at_; }
    // Continue at `position` with `depth` containers open (after another thread read the part before).
    void jump_to(const char* position, std::size_t depth) { at_ = position, depth_ = depth; }
    // '{' or '[' within check_json_structure's nesting limit, and the matching close.
    void open(char c) {
        expect(c);
        if (depth_ >= limits_.max_nesting || depth_ >= 256) throw NotLine{};  // 256: bounded recursion
        ++depth_;
    }
    void close(char c) {
        expect(c);
        --depth_;
    }
    void skip_space() {
        while (at_ < end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
    }
    bool next_is(char c) {
        skip_space();
        return at_ < end_ && *at_ == c;
    }
    void expect(char c) {
        if (!next_is(c)) throw NotLine{};
        ++at_;
    }
    bool at_end() {
        skip_space();
        return at_ == end_;
    }

    // A string's value. Escapes are decoded into a buffer (the view then lasts until the next string());
    // bytes must form valid UTF-8, as every JSON parser requires.
    std::string_view string() {
        expect('"');
        const char* begin = at_;
        while (at_ < end_ && *at_ != '"' && *at_ != '\\') {
            unsigned char c = static_cast<unsigned char>(*at_);
            if (c < 0x20) throw NotLine{};
            if (c < 0x80)
                ++at_;
            else
                utf8_sequence();
        }
        if (at_ == end_) throw NotLine{};
        if (*at_ == '"') return {begin, static_cast<std::size_t>(at_++ - begin)};
        buffer_.assign(begin, at_);
        while (at_ < end_ && *at_ != '"') {
            if (*at_ == '\\') {
                escape();
                continue;
            }
            const char* run = at_;
            if (static_cast<unsigned char>(*at_) < 0x20) throw NotLine{};
            if (static_cast<unsigned char>(*at_) < 0x80)
                ++at_;
            else
                utf8_sequence();
            buffer_.append(run, at_);
        }
        if (at_ == end_) throw NotLine{};
        ++at_;
        return buffer_;
    }

    // -?(0|[1-9][0-9]*)(.[0-9]+)? followed by a delimiter.
    std::string_view number_token() {
        skip_space();
        const char* begin = at_;
        if (at_ < end_ && *at_ == '-') ++at_;
        if (at_ < end_ && *at_ == '0')
            ++at_;
        else if (!digits())
            throw NotLine{};
        if (at_ < end_ && *at_ == '.') {
            ++at_;
            if (!digits()) throw NotLine{};
        }
        if (at_ < end_ && !(*at_ == ',' || *at_ == '}' || *at_ == ']' || *at_ == ' ' || *at_ == '\n' ||
                            *at_ == '\r' || *at_ == '\t'))
            throw NotLine{};
        return {begin, static_cast<std::size_t>(at_ - begin)};
    }

    // A FORMAT.md number: a JSON number or a string holding an integer, decimal or fraction.
    SmallFraction number() {
        const bool quoted = next_is('"');
        SmallFraction result;
        if (quoted ? quick_fraction(result) : quick_integer(result)) return result;
        std::string_view text = quoted ? string() : number_token();
        if (!text.empty() && text == last_text_) return last_value_;  // e.g. every weight "1/1000000"
        if (!parse_small_fraction(text, limits_.numbers, result)) throw NotLine{};
        if (text.size() <= sizeof last_text_buffer_) {
            std::memcpy(last_text_buffer_, text.data(), text.size());
            last_text_ = {last_text_buffer_, text.size()}, last_value_ = result;
        }
        return result;
    }

    // A vector of dimension 1: a bare number or [x].
    SmallFraction coordinate() {
        if (!next_is('[')) return number();
        open('[');
        SmallFraction result = number();
        close(']');
        return result;
    }

    // A vector appended to `out`: its length, with `bare` set for a bare number (a vector of dimension 1).
    std::size_t vector(std::vector<SmallFraction>& out, bool& bare) {
        bare = !next_is('[');
        if (bare) {
            out.push_back(number());
            return 1;
        }
        open('[');
        std::size_t length = 0;
        if (!next_is(']')) do {
                if (++length > 16) throw NotLine{};  // boxes stop at d = 16 (instance_loader.cpp)
                out.push_back(number());
            } while (next_is(',') && ++at_);
        close(']');
        return length;
    }

    // {"key": value, ...}, calling member(key) with the scanner at each value.
    template <class Member>
    void object(Member&& member) {
        open('{');
        if (next_is('}')) return close('}');
        do {
            std::string_view key = string();
            expect(':');
            member(key);
        } while (next_is(',') && ++at_);
        close('}');
    }

    const LoadLimits& limits() const { return limits_; }

  private:
    // "-p/q" or "p" in one pass over the string (most numbers of large instances): true with the value, or
    // false with nothing consumed, and number() reads the string the general way (same result).
    bool quick_fraction(SmallFraction& out) {
        const char* at = at_ + 1;  // after the opening quote
        const bool negative = at < end_ && *at == '-';
        at += negative;
        std::int64_t num = 0, den = 1;
        if (!quick_digits(at, num)) return false;
        if (at < end_ && *at == '/') {
            ++at;
            if (!quick_digits(at, den) || den == 0) return false;
        }
        if (at == end_ || *at != '"') return false;
        out = reduced_small_fraction(num, den);  // both below 10^18: in range
        if (negative) out.num = -out.num;
        at_ = at + 1;
        return true;
    }
    // A bare JSON integer -?(0|[1-9][0-9]*) of at most 18 digits followed by a delimiter (box bounds, most
    // often): true with the value, or false with nothing consumed (number_token() then reads it).
    bool quick_integer(SmallFraction& out) {
        const char* at = at_;
        const bool negative = at < end_ && *at == '-';
        at += negative;
        if (at < end_ && *at == '0' && at + 1 < end_ && at[1] >= '0' && at[1] <= '9') return false;
        std::int64_t value = 0;
        if (!quick_digits(at, value)) return false;
        if (at < end_ && !(*at == ',' || *at == '}' || *at == ']' || *at == ' ' || *at == '\n' ||
                           *at == '\r' || *at == '\t'))
            return false;  // a decimal point, an exponent or a stray byte: the general way decides
        out = {negative ? -value : value, 1};
        at_ = at;
        return true;
    }
    bool quick_digits(const char*& at, std::int64_t& value) const {
        const char* begin = at;
        value = 0;
        while (at < end_ && *at >= '0' && *at <= '9') {
            if (at - begin == 18) return false;  // a 19th digit may not fit 64 bits: the general way declines
            value = value * 10 + (*at++ - '0');
        }
        const auto count = static_cast<std::size_t>(at - begin);
        return count > 0 && count <= limits_.numbers.max_digits;
    }

    // One well-formed multi-byte UTF-8 sequence (no overlong forms, surrogates or values past U+10FFFF).
    void utf8_sequence() {
        auto byte = [&](std::size_t k) { return at_ + k < end_ ? static_cast<unsigned char>(at_[k]) : 0u; };
        auto continuation = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
        unsigned char lead = byte(0);
        std::size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                             : lead >= 0xE0 && lead <= 0xEF ? 3
                             : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                            : 0;
        if (length == 0) throw NotLine{};
        for (std::size_t k = 1; k < length; ++k)
            if (!continuation(k)) throw NotLine{};
        unsigned char second = byte(1);
        if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) ||
            (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F))
            throw NotLine{};
        at_ += length;
    }
    // \" \\ \/ \b \f \n \r \t and \uXXXX (surrogate pairs combined), appended to buffer_ as UTF-8.
    void escape() {
        if (end_ - at_ < 2) throw NotLine{};
        char c = at_[1];
        at_ += 2;
        const char* simple = "\"\\/bfnrt";
        const char* decoded = "\"\\/\b\f\n\r\t";
        if (const char* hit = c ? std::strchr(simple, c) : nullptr)
            return buffer_.push_back(decoded[hit - simple]);
        if (c != 'u') throw NotLine{};
        std::uint32_t code = hex4();
        if (code == 0 || (code >= 0xDC00 && code <= 0xDFFF))
            throw NotLine{};  // NUL: left to the general loader
        if (code >= 0xD800 && code <= 0xDBFF) {
            if (end_ - at_ < 2 || at_[0] != '\\' || at_[1] != 'u') throw NotLine{};
            at_ += 2;
            std::uint32_t low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) throw NotLine{};
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(code);
    }
    std::uint32_t hex4() {
        if (end_ - at_ < 4) throw NotLine{};
        std::uint32_t value = 0;
        for (int k = 0; k < 4; ++k, ++at_) {
            char c = *at_;
            int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
            if (digit < 0) throw NotLine{};
            value = value * 16 + static_cast<std::uint32_t>(digit);
        }
        return value;
    }
    void append_utf8(std::uint32_t code) {
        if (code < 0x80) return buffer_.push_back(static_cast<char>(code));
        if (code < 0x800) {
            buffer_.push_back(static_cast<char>(0xC0 | (code >> 6)));
        } else if (code < 0x10000) {
            buffer_.push_back(static_cast<char>(0xE0 | (code >> 12)));
            buffer_.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        } else {
            buffer_.push_back(static_cast<char>(0xF0 | (code >> 18)));
            buffer_.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            buffer_.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        }
        buffer_.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
    bool digits() {
        const char* begin = at_;
        while (at_ < end_ && *at_ >= '0' && *at_ <= '9') ++at_;
        return at_ != begin;
    }
    const char* at_;
    const char* end_;
    const LoadLimits& limits_;
    std::size_t depth_;
    std::string buffer_;  // a decoded string with escapes
    char last_text_buffer_[32];
    std::string_view last_text_;  // the last number's text (when short) and its value
    SmallFraction last_value_;
};

// The file's bytes mapped, not read: a copy of a 44 MB file into fresh memory costs more than the scan
// (page faults). read(text) returns the game or nothing; nothing too when the file is empty, special or too
// large: the general loader reports it.
template <class Game, class Read>
std::optional<Game> read_mapped_file(const std::string& path, const LoadLimits& limits, Read&& read) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode) || status.st_size <= 0 ||
        static_cast<std::uint64_t>(status.st_size) > limits.max_input_bytes) {
        ::close(fd);
        return std::nullopt;
    }
    const auto size = static_cast<std::size_t>(status.st_size);
    void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);
    if (mapped == MAP_FAILED) return std::nullopt;
    std::optional<Game> game = read(std::string_view(static_cast<const char*>(mapped), size));
    ::munmap(mapped, size);
    return game;
}

}  // namespace bigcert::fast_json
