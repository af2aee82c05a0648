#include "bigcert/line_game_loader.hpp"

#include <atomic>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <thread>

namespace bigcert {
namespace {

// Thrown where the input leaves the fast path's subset; the general loader then takes over.
struct NotLine {};

// The players read by one thread: the columns of LineGame, with each player's own interval (if any) kept
// apart, because the common set may come after the players in the file.
struct PlayerColumns {
    static constexpr std::uint32_t common = UINT32_MAX;
    std::vector<SmallFraction> targets, weights, lows, highs;
    std::vector<std::uint32_t> own_set;  // index into lows/highs, or `common`
    std::vector<std::string> names;      // empty until some player has a name
    std::size_t size() const { return targets.size(); }
    void append(PlayerColumns&& other);
};

void PlayerColumns::append(PlayerColumns&& other) {
    const auto offset = static_cast<std::uint32_t>(lows.size());
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
        auto byte = [&](std::size_t k) {
            return at_ + k < end_ ? static_cast<unsigned char>(at_[k]) : 0u;
        };
        auto continuation = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
        unsigned char lead = byte(0);
        std::size_t length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                             : lead >= 0xF0 && lead <= 0xF4                       ? 4
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
        if (const char* hit = c ? std::strchr(simple, c) : nullptr) return buffer_.push_back(decoded[hit - simple]);
        if (c != 'u') throw NotLine{};
        std::uint32_t code = hex4();
        if (code == 0 || (code >= 0xDC00 && code <= 0xDFFF)) throw NotLine{};  // NUL: left to the general loader
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
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
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

// {"interval": [lo, hi]}; any other kind of set (or key) leaves the fast path.
void interval_set(LineScanner& in, SmallFraction& lo, SmallFraction& hi) {
    bool has_interval = false;
    in.object([&](std::string_view key) {
        if (key != "interval") throw NotLine{};
        mark_once(has_interval);
        in.open('[');
        lo = in.number();
        in.expect(',');
        hi = in.number();
        in.close(']');
    });
    if (!has_interval || compare(hi, lo) < 0) throw NotLine{};
}

void player(LineScanner& in, PlayerColumns& out) {
    bool has_target = false, has_weight = false, has_name = false, has_set = false, has_description = false;
    SmallFraction target, weight{1, 1};
    std::uint32_t set = PlayerColumns::common;
    in.object([&](std::string_view key) {
        if (key == "target") {
            mark_once(has_target), target = in.coordinate();
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
            SmallFraction lo, hi;
            interval_set(in, lo, hi);
            set = static_cast<std::uint32_t>(out.lows.size());
            out.lows.push_back(lo), out.highs.push_back(hi);
        } else if (key == "description") {
            mark_once(has_description), in.string();
        } else {
            throw NotLine{};
        }
    });
    if (!has_target) throw NotLine{};
    out.targets.push_back(target);
    out.weights.push_back(weight);
    out.own_set.push_back(set);
    if (!out.names.empty() && out.names.size() < out.size()) out.names.resize(out.size());
}

// Players from an element start to the array's closing bracket, stopping early at `stop` (an element
// start where another thread took over) or when `cancelled` is set. Returns whether it reached `stop`.
bool players(LineScanner& in, PlayerColumns& out, const char* stop, const char* end,
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
        if (cancelled && (out.size() & 1023) == 0 && cancelled->load(std::memory_order_relaxed)) throw NotLine{};
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
                players(in, columns, nullptr, end_of_text, &cancelled);
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

class LineDocument {
  public:
    LineDocument(const char* begin, const char* end, const LoadLimits& limits)
        : in_(begin, end, limits), end_(end), limits_(limits) {}
    LineGame read();

  private:
    void top_level_member(std::string_view key, LineGame& game);
    void read_players();
    std::string text_string() { return std::string(in_.string()); }

    LineScanner in_;
    const char* end_;
    const LoadLimits& limits_;
    PlayerColumns players_;
    bool has_common_ = false;
    SmallFraction common_lo_, common_hi_;
    bool seen_format_ = false, seen_name_ = false, seen_loss_ = false, seen_dimension_ = false,
         seen_bias_ = false, seen_set_ = false, seen_players_ = false, seen_description_ = false;
};

void LineDocument::read_players() {
    in_.open('[');
    if (in_.next_is(']')) return in_.close(']');
    SecondHalf second;
    second.launch(in_.position(), end_, limits_);
    bool met = players(in_, players_, second.start, end_, nullptr);
    if (!met) return;
    second.finish(true);
    if (second.ok) {
        players_.append(std::move(second.columns));
        if (players_.size() > limits_.max_players || players_.size() >= UINT32_MAX) throw NotLine{};
        in_.jump_to(second.end, SecondHalf::players_depth - 1);
    } else {
        players(in_, players_, nullptr, end_, nullptr);  // the guess was no element start: read on alone
    }
}

void LineDocument::top_level_member(std::string_view key, LineGame& game) {
    if (key == "format") {
        mark_once(seen_format_);
        if (in_.string() != "bigcert/1") throw NotLine{};
    } else if (key == "name") {
        mark_once(seen_name_), game.name = text_string();
    } else if (key == "loss") {
        mark_once(seen_loss_);
        if (in_.string() != "squared") throw NotLine{};
    } else if (key == "dimension") {
        mark_once(seen_dimension_);
        if (in_.number() != SmallFraction{1, 1}) throw NotLine{};
    } else if (key == "bias") {
        mark_once(seen_bias_);
        bool has_weight = false, has_point = false;
        SmallFraction weight, point;
        in_.object([&](std::string_view field) {
            if (field == "weight")
                mark_once(has_weight), weight = in_.number();
            else if (field == "point")
                mark_once(has_point), point = in_.coordinate();
            else
                throw NotLine{};
        });
        if (!has_point && sign(weight) != 0) throw NotLine{};  // an error for the general loader to report
        if (has_point && !multiply(weight, point, game.bias)) throw NotLine{};
    } else if (key == "action_set") {
        mark_once(seen_set_);
        interval_set(in_, common_lo_, common_hi_);
        has_common_ = true;
    } else if (key == "players") {
        mark_once(seen_players_);
        read_players();
    } else if (key == "description") {
        mark_once(seen_description_), in_.string();
    } else {
        throw NotLine{};
    }
}

LineGame LineDocument::read() {
    LineGame game;
    if (!in_.next_is('{')) throw NotLine{};
    in_.object([&](std::string_view key) { top_level_member(key, game); });
    if (!in_.at_end() || players_.size() == 0) throw NotLine{};
    // Instance::action_sets: the common set first, then one per player that has its own.
    const std::uint32_t first_own = has_common_ ? 1 : 0;
    if (has_common_) game.lows.push_back(common_lo_), game.highs.push_back(common_hi_);
    game.set_of_player.resize(players_.size());
    for (std::size_t i = 0; i < players_.size(); ++i) {
        std::uint32_t set = players_.own_set[i];
        if (set == PlayerColumns::common && !has_common_) throw NotLine{};
        game.set_of_player[i] = set == PlayerColumns::common ? 0 : set + first_own;
    }
    game.lows.insert(game.lows.end(), players_.lows.begin(), players_.lows.end());
    game.highs.insert(game.highs.end(), players_.highs.begin(), players_.highs.end());
    game.targets = std::move(players_.targets);
    game.weights = std::move(players_.weights);
    if (!players_.names.empty()) {
        players_.names.resize(game.targets.size());
        game.names = std::move(players_.names);
    }
    return game;
}

std::optional<LineGame> read_text(std::string_view text, const LoadLimits& limits) {
    try {
        return LineDocument(text.data(), text.data() + text.size(), limits).read();
    } catch (const NotLine&) {
    } catch (const std::bad_alloc&) {
    }
    return std::nullopt;
}

}  // namespace

std::optional<LineGame> load_line_game_text(std::string_view json, const LoadLimits& limits) {
    if (json.size() > limits.max_input_bytes) return std::nullopt;
    return read_text(json, limits);
}

std::optional<LineGame> load_line_game_file(const std::string& path, const LoadLimits& limits) {
    // Mapped, not read: a copy of a 44 MB file into fresh memory costs more than the scan (page faults).
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode) || status.st_size <= 0 ||
        static_cast<std::uint64_t>(status.st_size) > limits.max_input_bytes) {
        ::close(fd);
        return std::nullopt;  // empty, special or too large: the general loader reports it
    }
    const auto size = static_cast<std::size_t>(status.st_size);
    void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);
    if (mapped == MAP_FAILED) return std::nullopt;
    std::optional<LineGame> game = read_text(std::string_view(static_cast<const char*>(mapped), size), limits);
    ::munmap(mapped, size);
    return game;
}

}  // namespace bigcert
