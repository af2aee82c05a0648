#include "bigcert/io/line_game_loader.hpp"

#include <atomic>
#include <thread>

#include "bigcert/core/parallel.hpp"
#include "io/json_scanner.hpp"

namespace bigcert {
namespace {

using fast_json::LineScanner;
using fast_json::mark_once;
using fast_json::NotLine;

// The players read by one thread: the columns of LineGame, with each player's own set (if any) kept
// apart, because the common set may come after the players in the file. Targets are held one column per
// coordinate, so that each coordinate's LineGame takes its column without a copy; set bounds hold `width`
// coordinates each, set-major. The width is the first target's length, and the dimension is checked
// against it once the whole document is read (the "dimension" key may come last).
struct PlayerColumns {
    static constexpr std::uint32_t common = UINT32_MAX;
    std::size_t width = 0;  // coordinates per target and per set bound; 0 before the first player
    bool bare_target = false, any_interval = false, any_box = false;
    std::vector<std::vector<SmallFraction>> targets;  // targets[c][i]: coordinate c of player i's target
    std::vector<SmallFraction> weights, lows, highs;
    std::vector<std::uint32_t>
        own_set;                     // index of a set (lows/highs hold `width` entries per set), or `common`
    std::vector<std::string> names;  // empty until some player has a name
    // The capacity to reserve per column (pages never written cost nothing).
    std::size_t expected_players = 0;
    std::vector<SmallFraction> scratch;  // one target as read
    std::size_t size() const { return weights.size(); }
    void add_target(const std::vector<SmallFraction>& target);
    void append(PlayerColumns&& other);
};

void PlayerColumns::add_target(const std::vector<SmallFraction>& target) {
    if (targets.empty()) {
        targets.resize(target.size());
        for (std::vector<SmallFraction>& column : targets) column.reserve(expected_players);
    }
    for (std::size_t c = 0; c < target.size(); ++c) targets[c].push_back(target[c]);
}

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
    if (targets.empty()) targets.resize(other.targets.size());
    for (std::size_t c = 0; c < other.targets.size(); ++c)
        targets[c].insert(targets[c].end(), other.targets[c].begin(), other.targets[c].end());
    weights.insert(weights.end(), other.weights.begin(), other.weights.end());
    lows.insert(lows.end(), other.lows.begin(), other.lows.end());
    highs.insert(highs.end(), other.highs.begin(), other.highs.end());
    own_set.insert(own_set.end(), other.own_set.begin(), other.own_set.end());
}

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
            out.scratch.clear();
            same_width(in.vector(out.scratch, bare));
            out.add_target(out.scratch);
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
    if (!has_target) throw NotLine{};
    out.weights.push_back(weight);
    out.own_set.push_back(set);
    if (!out.names.empty() && out.names.size() < out.size()) out.names.resize(out.size());
}

// Players from an element start to the array's closing bracket, stopping early at `stop` (an element
// start where another thread took over) or when `cancelled` is set. Returns whether it reached `stop`.
bool players_of(LineScanner& in, PlayerColumns& out, const char* stop, const char* end,
                const std::atomic<bool>* cancelled) {
    // A player takes at least 13 bytes ({"target":1},); reserving for 20 up to the end of the text (so that
    // the second thread's players are appended without regrowth) avoids most regrowth, and pages reserved
    // but never written cost no memory.
    const std::size_t expected =
        std::min<std::size_t>(static_cast<std::size_t>(end - in.position()) / 20, in.limits().max_players);
    out.expected_players = expected;
    out.weights.reserve(expected), out.own_set.reserve(expected);
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

// Each player's set as an index into Instance::action_sets' order: the common set first, then one per
// player that has its own.
std::vector<std::uint32_t> set_of_players(const ColumnDocument& doc) {
    const PlayerColumns& p = doc.players;
    const std::uint32_t first_own = doc.has_common ? 1 : 0;
    std::vector<std::uint32_t> sets(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
        std::uint32_t set = p.own_set[i];
        if (set == PlayerColumns::common && !doc.has_common) throw NotLine{};
        sets[i] = set == PlayerColumns::common ? 0 : set + first_own;
    }
    return sets;
}

// Coordinate c of the document as a LineGame without its player columns (box_game moves those in): the
// bias and the sets' bounds.
LineGame coordinate_frame(const ColumnDocument& doc, std::size_t c) {
    const std::size_t d = doc.dimension;
    const PlayerColumns& p = doc.players;
    LineGame game;
    game.name = doc.name;
    if (!doc.bias_point.empty() && !multiply(doc.bias_weight, doc.bias_point[c], game.bias)) throw NotLine{};
    const std::size_t own_sets = p.width == 0 ? 0 : p.lows.size() / p.width;
    game.lows.reserve(own_sets + 1), game.highs.reserve(own_sets + 1);
    if (doc.has_common) game.lows.push_back(doc.common_lows[c]), game.highs.push_back(doc.common_highs[c]);
    for (std::size_t k = 0; k < own_sets; ++k)
        game.lows.push_back(p.lows[k * d + c]), game.highs.push_back(p.highs[k * d + c]);
    return game;
}

// The d = 1 game: the columns moved, not copied.
LineGame line_game(ColumnDocument&& doc) {
    if (doc.dimension != 1 || doc.players.any_box) throw NotLine{};  // a box in d = 1: the general loader's
    PlayerColumns& p = doc.players;
    LineGame game;
    game.name = std::move(doc.name);
    if (!doc.bias_point.empty() && !multiply(doc.bias_weight, doc.bias_point[0], game.bias)) throw NotLine{};
    if (doc.has_common) game.lows.push_back(doc.common_lows[0]), game.highs.push_back(doc.common_highs[0]);
    game.set_of_player = set_of_players(doc);
    game.lows.insert(game.lows.end(), p.lows.begin(), p.lows.end());
    game.highs.insert(game.highs.end(), p.highs.begin(), p.highs.end());
    game.targets = std::move(p.targets.at(0));
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
    const std::size_t d = doc.dimension, n = doc.players.size();
    game.coordinates.resize(d);
    std::vector<std::uint32_t> sets = set_of_players(doc);
    // The target columns are moved in; the weights and set indices, the same in every coordinate, are
    // copied into all but the last, on the cores when they are long (tens of MB at 10^6 players).
    for (std::size_t c = 0; c < d; ++c) game.coordinates[c] = coordinate_frame(doc, c);
    if (!doc.players.names.empty()) {
        doc.players.names.resize(n);
        game.coordinates[0].names = std::move(doc.players.names);
    }
    const unsigned workers = n < (std::size_t{1} << 16) ? 1 : worker_count(0, d, 1);
    parallel_chunks(d, workers, [&](unsigned, std::size_t begin, std::size_t end) {
        for (std::size_t c = begin; c < end; ++c) {
            LineGame& coordinate = game.coordinates[c];
            coordinate.targets = std::move(doc.players.targets[c]);
            if (c + 1 == d) continue;
            coordinate.weights = doc.players.weights;
            coordinate.set_of_player = sets;
        }
    });
    game.coordinates[d - 1].weights = std::move(doc.players.weights);
    game.coordinates[d - 1].set_of_player = std::move(sets);
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

template <class Game, class Make>
std::optional<Game> read_file(const std::string& path, const LoadLimits& limits, Make&& make) {
    return fast_json::read_mapped_file<Game>(
        path, limits, [&](std::string_view text) { return read_text<Game>(text, limits, make); });
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
