#include "bigcert/io/line_game_loader.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <thread>

namespace bigcert {
namespace {

// Thrown where the input leaves the fast path's subset; the general loader then takes over.
struct NotLine {};

// The players read by one thread: the columns of LineGame, with each player's own set (if any) kept
// apart, because the common set may come after the players in the file. Targets and set bounds hold
// `width` coordinates each, player-major; the width is the first target's length, and the dimension is
// checked against it once the whole document is read (the "dimension" key may come last).
struct PlayerColumns {
    static constexpr std::uint32_t common = UINT32_MAX;
    std::size_t width = 0;  // coordinates per target and per set bound; 0 before the first player
    bool bare_target = false, any_interval = false, any_box = false;
    std::vector<SmallFraction> targets, weights, lows, highs;
    std::vector<std::uint32_t>
        own_set;                     // index of a set (lows/highs hold `width` entries per set), or `common`
    std::vector<std::string> names;  // empty until some player has a name
    std::size_t size() const { return weights.size(); }
    void append(PlayerColumns&& other);
};

void PlayerColumns::append(PlayerColumns&& other) {
    if (other.size() > 0 && size() > 0 && other.width != width) throw NotLine{};
    if (size() == 0) width = other.width;
    bare_target = bare_target || other.bare_target;
    any_interval = any_interval || other.any_interval, any_box = any_box || other.any_box;
    const auto offset = static_cast<std::uint32_t>(width == 0 ? 0 : lows.size() / width);
    for (std::uint32_t& set : other.own_set)
        if (set != common) set += offset;
    if (!other.names.empty() || !names.empty()) {
        names.resize(size()), other.names.resize(other.size());
        names.insert(names.end(), std::make_move_iterator(other.names.begin()),
                     std::make_move_iterator(other.names.end()));
    }
    targets.insert(targets.end(), other.targets.begin(), other.targets.end());
    weights.insert(weights.end(), other.weights.begin(), other.weights.end());
    lows.insert(lows.end(), other.lows.begin(), other.lows.end());
    highs.insert(highs.end(), other.highs.begin(), other.highs.end());
    own_set.insert(own_set.end(), other.own_set.begin(), other.own_set.end());
}

// A field may appear once, and only the keys below are read here: a repeated or unknown key is an error
// that the general loader reports with its JSON path (FORMAT.md), so the fast path declines.
void mark_once(bool& seen) {
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
        if (quoted && quick_fraction(result)) return result;
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
        if (at == end_ || *at != '"' || !make_small_fraction(negative ? -num : num, den, out)) return false;
        at_ = at + 1;
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

// {"interval": [lo, hi]} or {"box": {"lo": [...], "hi": [...]}}, its bounds appended to lows/highs; any other
// kind of set (or key) leaves the fast path. Returns the number of coordinates.
std::size_t bounded_set(LineScanner& in, std::vector<SmallFraction>& lows, std::vector<SmallFraction>& highs,
                        bool& any_interval, bool& any_box) {
    bool has_set = false;
    std::size_t width = 0;
    const std::size_t first = lows.size();
    in.object([&](std::string_view key) {
        mark_once(has_set);
        if (key == "interval") {
            any_interval = true, width = 1;
            in.open('[');
            lows.push_back(in.number());
            in.expect(',');
            highs.push_back(in.number());
            in.close(']');
        } else if (key == "box") {
            any_box = true;
            bool has_lo = false, has_hi = false, bare = false;
            std::size_t lo_width = 0, hi_width = 0;
            in.object([&](std::string_view bound) {
                if (bound == "lo")
                    mark_once(has_lo), lo_width = in.vector(lows, bare);
                else if (bound == "hi")
                    mark_once(has_hi), hi_width = in.vector(highs, bare);
                else
                    throw NotLine{};
                if (bare) throw NotLine{};
            });
            if (!has_lo || !has_hi || lo_width != hi_width || lo_width == 0) throw NotLine{};
            width = lo_width;
        } else {
            throw NotLine{};
        }
    });
    if (!has_set) throw NotLine{};
    for (std::size_t c = first; c < lows.size(); ++c)
        if (compare(highs[c], lows[c]) < 0) throw NotLine{};  // an empty set: the general loader reports it
    return width;
}

void player(LineScanner& in, PlayerColumns& out) {
    bool has_target = false, has_weight = false, has_name = false, has_set = false, has_description = false;
    SmallFraction weight{1, 1};
    std::uint32_t set = PlayerColumns::common;
    auto same_width = [&](std::size_t width) {
        if (width == 0) throw NotLine{};
        if (out.width == 0) out.width = width;
        if (width != out.width) throw NotLine{};
    };
    in.object([&](std::string_view key) {
        if (key == "target") {
            mark_once(has_target);
            bool bare = false;
            same_width(in.vector(out.targets, bare));
            out.bare_target = out.bare_target || bare;
        } else if (key == "weight") {
            mark_once(has_weight), weight = in.number();
        } else if (key == "name") {
            mark_once(has_name);
            std::string_view name = in.string();
            if (!name.empty()) {
                out.names.resize(out.size());  // names are kept only once some player has one
                out.names.emplace_back(name);
            }
        } else if (key == "action_set") {
            mark_once(has_set);
            set = static_cast<std::uint32_t>(out.width == 0 ? 0 : out.lows.size() / out.width);
            same_width(bounded_set(in, out.lows, out.highs, out.any_interval, out.any_box));
        } else if (key == "description") {
            mark_once(has_description), in.string();
        } else {
            throw NotLine{};
        }
    });
    if (!has_target || out.targets.size() != (out.size() + 1) * out.width) throw NotLine{};
    out.weights.push_back(weight);
    out.own_set.push_back(set);
    if (!out.names.empty() && out.names.size() < out.size()) out.names.resize(out.size());
}

// Players from an element start to the array's closing bracket, stopping early at `stop` (an element
// start where another thread took over) or when `cancelled` is set. Returns whether it reached `stop`.
bool players_of(LineScanner& in, PlayerColumns& out, const char* stop, const char* end,
                const std::atomic<bool>* cancelled) {
    // A player takes at least 13 bytes ({"target":1},); reserving for 20 avoids most regrowth, and pages
    // reserved but never written cost no memory.
    const std::size_t expected = std::min<std::size_t>(
        static_cast<std::size_t>((stop ? stop : end) - in.position()) / 20, in.limits().max_players);
    out.targets.reserve(expected), out.weights.reserve(expected), out.own_set.reserve(expected);
    for (;;) {
        in.skip_space();
        if (in.position() == stop) return true;
        if (out.size() >= in.limits().max_players || out.size() >= UINT32_MAX) throw NotLine{};
        if (cancelled && (out.size() & 1023) == 0 && cancelled->load(std::memory_order_relaxed))
            throw NotLine{};
        if (!in.next_is('{')) throw NotLine{};
        player(in, out);
        if (!in.next_is(',')) break;
        in.expect(',');
    }
    in.close(']');
    return false;
}

// The second thread's share: it guesses an element start in the second half of the text (a '{' after a
// ',') and reads players from there. Its result counts only if the first thread, reading from the start,
// arrives at exactly that position between two players; then both read the same bytes in the same state.
struct SecondHalf {
    const char* start = nullptr;
    const char* end = nullptr;  // just after the players' closing bracket
    PlayerColumns columns;
    bool ok = false;
    std::atomic<bool> cancelled{false};
    std::thread thread;

    static constexpr std::size_t players_depth = 2;  // inside the top-level object and the players array

    void launch(const char* begin, const char* end_of_text, const LoadLimits& limits) {
        constexpr std::size_t worth_splitting = std::size_t{1} << 20;  // a thread costs more below ~1 MB
        if (static_cast<std::size_t>(end_of_text - begin) < worth_splitting) return;
        const char* guess = begin + (end_of_text - begin) / 2;
        for (; guess < end_of_text; ++guess)
            if (*guess == ',') {
                LineScanner probe(guess + 1, end_of_text, limits);
                if (probe.next_is('{')) break;
            }
        if (guess >= end_of_text) return;
        LineScanner probe(guess + 1, end_of_text, limits);
        probe.skip_space();
        start = probe.position();
        thread = std::thread([this, end_of_text, &limits] {
            try {
                LineScanner in(start, end_of_text, limits, players_depth);
                players_of(in, columns, nullptr, end_of_text, &cancelled);
                end = in.position();
                ok = true;
            } catch (...) {  // NotLine, or allocation failure: the first thread reads this part itself
            }
        });
    }
    // Waits for the thread; cancels it when its work is not wanted.
    void finish(bool wanted) {
        if (!thread.joinable()) return;
        if (!wanted) cancelled = true;
        thread.join();
    }
    ~SecondHalf() { finish(false); }
};

// The document as read: the players' columns, the common set and the bias, before the dimension is
// checked and the columns are split into one LineGame per coordinate.
struct ColumnDocument {
    std::string name;
    std::size_t dimension = 1;  // the "dimension" key, 1 when absent (FORMAT.md)
    PlayerColumns players;
    bool has_common = false;
    std::vector<SmallFraction> common_lows, common_highs;
    std::size_t common_width = 0;
    SmallFraction bias_weight{0, 1};
    std::vector<SmallFraction> bias_point;  // empty when absent
};

class DocumentReader {
  public:
    DocumentReader(const char* begin, const char* end, const LoadLimits& limits)
        : in_(begin, end, limits), end_(end), limits_(limits) {}
    ColumnDocument read();

  private:
    void top_level_member(std::string_view key);
    void read_players();

    LineScanner in_;
    const char* end_;
    const LoadLimits& limits_;
    ColumnDocument doc_;
    bool seen_format_ = false, seen_name_ = false, seen_loss_ = false, seen_dimension_ = false,
         seen_bias_ = false, seen_set_ = false, seen_players_ = false, seen_description_ = false;
};

void DocumentReader::read_players() {
    in_.open('[');
    if (in_.next_is(']')) return in_.close(']');
    PlayerColumns& players = doc_.players;
    SecondHalf second;
    second.launch(in_.position(), end_, limits_);
    bool met = players_of(in_, players, second.start, end_, nullptr);
    if (!met) return;
    second.finish(true);
    if (second.ok) {
        players.append(std::move(second.columns));
        if (players.size() > limits_.max_players || players.size() >= UINT32_MAX) throw NotLine{};
        in_.jump_to(second.end, SecondHalf::players_depth - 1);
    } else {
        players_of(in_, players, nullptr, end_, nullptr);  // the guess was no element start: read on alone
    }
}

void DocumentReader::top_level_member(std::string_view key) {
    if (key == "format") {
        mark_once(seen_format_);
        if (in_.string() != "bigcert/1") throw NotLine{};
    } else if (key == "name") {
        mark_once(seen_name_), doc_.name = std::string(in_.string());
    } else if (key == "loss") {
        mark_once(seen_loss_);
        if (in_.string() != "squared") throw NotLine{};
    } else if (key == "dimension") {
        mark_once(seen_dimension_);
        if (in_.next_is('"'))
            throw NotLine{};  // a JSON integer only; anything else is the general loader's to judge
        SmallFraction d = in_.number();
        if (d.den != 1 || d.num < 1 || d.num > 16 || static_cast<std::size_t>(d.num) > limits_.max_dimension)
            throw NotLine{};
        doc_.dimension = static_cast<std::size_t>(d.num);
    } else if (key == "bias") {
        mark_once(seen_bias_);
        bool has_weight = false, has_point = false;
        in_.object([&](std::string_view field) {
            if (field == "weight") {
                mark_once(has_weight), doc_.bias_weight = in_.number();
            } else if (field == "point") {
                mark_once(has_point);
                bool bare = false;
                if (in_.vector(doc_.bias_point, bare) == 0) throw NotLine{};
            } else {
                throw NotLine{};
            }
        });
        if (!has_point && sign(doc_.bias_weight) != 0) throw NotLine{};  // an error for the general loader
    } else if (key == "action_set") {
        mark_once(seen_set_);
        PlayerColumns& p = doc_.players;
        doc_.common_width = bounded_set(in_, doc_.common_lows, doc_.common_highs, p.any_interval, p.any_box);
        doc_.has_common = true;
    } else if (key == "players") {
        mark_once(seen_players_);
        read_players();
    } else if (key == "description") {
        mark_once(seen_description_), in_.string();
    } else {
        throw NotLine{};
    }
}

ColumnDocument DocumentReader::read() {
    if (!in_.next_is('{')) throw NotLine{};
    in_.object([&](std::string_view key) { top_level_member(key); });
    if (!in_.at_end() || doc_.players.size() == 0) throw NotLine{};
    const std::size_t d = doc_.dimension;
    const PlayerColumns& p = doc_.players;
    // Every vector must have the dimension's length (the general loader reports any other length).
    if (p.width != d || (doc_.has_common && doc_.common_width != d) || (p.bare_target && d != 1))
        throw NotLine{};
    if (!doc_.bias_point.empty() && doc_.bias_point.size() != d) throw NotLine{};
    return std::move(doc_);
}

// Coordinate c of the document as a LineGame. Instance::action_sets' order: the common set first, then
// one per player that has its own.
LineGame coordinate_game(const ColumnDocument& doc, std::size_t c) {
    const std::size_t d = doc.dimension, n = doc.players.size();
    const PlayerColumns& p = doc.players;
    LineGame game;
    game.name = doc.name;
    if (!doc.bias_point.empty() && !multiply(doc.bias_weight, doc.bias_point[c], game.bias)) throw NotLine{};
    const std::size_t own_sets = p.width == 0 ? 0 : p.lows.size() / p.width;
    game.lows.reserve(own_sets + 1), game.highs.reserve(own_sets + 1);
    if (doc.has_common) game.lows.push_back(doc.common_lows[c]), game.highs.push_back(doc.common_highs[c]);
    for (std::size_t k = 0; k < own_sets; ++k)
        game.lows.push_back(p.lows[k * d + c]), game.highs.push_back(p.highs[k * d + c]);
    const std::uint32_t first_own = doc.has_common ? 1 : 0;
    game.set_of_player.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t set = p.own_set[i];
        if (set == PlayerColumns::common && !doc.has_common) throw NotLine{};
        game.set_of_player[i] = set == PlayerColumns::common ? 0 : set + first_own;
    }
    game.weights = p.weights;
    game.targets.resize(n);
    for (std::size_t i = 0; i < n; ++i) game.targets[i] = p.targets[i * d + c];
    return game;
}

// The d = 1 game: the columns moved, not copied.
LineGame line_game(ColumnDocument&& doc) {
    if (doc.dimension != 1 || doc.players.any_box) throw NotLine{};  // a box in d = 1: the general loader's
    PlayerColumns& p = doc.players;
    LineGame game;
    game.name = std::move(doc.name);
    if (!doc.bias_point.empty() && !multiply(doc.bias_weight, doc.bias_point[0], game.bias)) throw NotLine{};
    const std::uint32_t first_own = doc.has_common ? 1 : 0;
    if (doc.has_common) game.lows.push_back(doc.common_lows[0]), game.highs.push_back(doc.common_highs[0]);
    game.set_of_player.resize(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
        std::uint32_t set = p.own_set[i];
        if (set == PlayerColumns::common && !doc.has_common) throw NotLine{};
        game.set_of_player[i] = set == PlayerColumns::common ? 0 : set + first_own;
    }
    game.lows.insert(game.lows.end(), p.lows.begin(), p.lows.end());
    game.highs.insert(game.highs.end(), p.highs.begin(), p.highs.end());
    game.targets = std::move(p.targets);
    game.weights = std::move(p.weights);
    if (!p.names.empty()) {
        p.names.resize(game.targets.size());
        game.names = std::move(p.names);
    }
    return game;
}

// The boxes game, d >= 2: one LineGame per coordinate, the names kept with coordinate 0; d = 1: the
// intervals game as its only coordinate.
BoxGame box_game(ColumnDocument&& doc) {
    BoxGame game;
    game.name = doc.name;
    if (doc.dimension == 1) {
        game.coordinates.push_back(line_game(std::move(doc)));
        return game;
    }
    if (doc.players.any_interval) throw NotLine{};
    game.coordinates.resize(doc.dimension);
    for (std::size_t c = 0; c < doc.dimension; ++c) game.coordinates[c] = coordinate_game(doc, c);
    if (!doc.players.names.empty()) {
        doc.players.names.resize(doc.players.size());
        game.coordinates[0].names = std::move(doc.players.names);
    }
    return game;
}

template <class Game, class Make>
std::optional<Game> read_text(std::string_view text, const LoadLimits& limits, Make&& make) {
    try {
        return make(DocumentReader(text.data(), text.data() + text.size(), limits).read());
    } catch (const NotLine&) {
    } catch (const std::bad_alloc&) {
    }
    return std::nullopt;
}

// The file's bytes mapped, not read: a copy of a 44 MB file into fresh memory costs more than the scan
// (page faults). Nothing when the file is empty, special or too large: the general loader reports it.
template <class Game, class Make>
std::optional<Game> read_file(const std::string& path, const LoadLimits& limits, Make&& make) {
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
    std::optional<Game> game =
        read_text<Game>(std::string_view(static_cast<const char*>(mapped), size), limits, make);
    ::munmap(mapped, size);
    return game;
}

}  // namespace

std::optional<LineGame> load_line_game_text(std::string_view json, const LoadLimits& limits) {
    if (json.size() > limits.max_input_bytes) return std::nullopt;
    return read_text<LineGame>(json, limits, line_game);
}

std::optional<LineGame> load_line_game_file(const std::string& path, const LoadLimits& limits) {
    return read_file<LineGame>(path, limits, line_game);
}

std::optional<BoxGame> load_box_game_text(std::string_view json, const LoadLimits& limits) {
    if (json.size() > limits.max_input_bytes) return std::nullopt;
    return read_text<BoxGame>(json, limits, box_game);
}

std::optional<BoxGame> load_box_game_file(const std::string& path, const LoadLimits& limits) {
    return read_file<BoxGame>(path, limits, box_game);
}

}  // namespace bigcert
