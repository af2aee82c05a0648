// Fuzzes every string field of an instance on a few fixed valid games: the instance's name, description,
// format and loss, and every player's name get fuzzer-provided bytes. A name is free text and must change
// nothing but itself (smt_text.hpp: no user text reaches SMT-LIB): solve's answer, the SMT-LIB text of the
// queries certify and check build (byte for byte, with their answers under a resource limit of 1; see Mode)
// and, on one input in eight, certify's and check's real verdicts and all their queries. The readers must
// accept the text exactly when every field is valid UTF-8 (format and loss: a value FORMAT.md defines) and
// read the same bytes back; the d = 1 fast loader may decline but must never read something else. Any
// difference traps.
//
// Input: byte 0 picks the game (low bits), whether non-ASCII characters are written as \u escapes (bit 7) and
// whether invalid UTF-8 is repaired first (bit 6: more inputs reach the comparisons); the rest is split at
// 0xFF (a byte UTF-8 never uses) into the fields, in the order name, players' names, description, format,
// loss. A field without a piece is left out.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bigcert/certify/certificate.hpp"
#include "bigcert/certify/curved_certificate.hpp"
#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/properties.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/line_game_loader.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/solver.hpp"

namespace {

using namespace bigcert;

[[noreturn]] void differ(const char* what) {
    std::fprintf(stderr, "fuzz_string_fields: a string field changed %s\n", what);
    __builtin_trap();
}

void expect(bool ok, const char* what) {
    if (!ok) differ(what);
}

// The length of the valid UTF-8 sequence at s[k] and its code point in `c` (RFC 3629: no overlong form, no
// surrogate, at most U+10FFFF); 0 when there is none. Written here, independently of the readers.
std::size_t utf8_sequence(std::string_view s, std::size_t k, std::uint32_t& c) {
    const auto byte = [&](std::size_t j) { return static_cast<std::uint8_t>(s[j]); };
    const std::uint8_t b = byte(k);
    const std::size_t length = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (length == 0 || k + length > s.size()) return 0;
    c = length == 1 ? b : b & (0x7f >> length);
    for (std::size_t j = 1; j < length; ++j) {
        if ((byte(k + j) >> 6) != 2) return 0;
        c = (c << 6) | (byte(k + j) & 0x3f);
    }
    static constexpr std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    return c < least[length] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ? 0 : length;
}

std::optional<std::vector<std::uint32_t>> utf8_code_points(std::string_view s) {
    std::vector<std::uint32_t> out;
    for (std::size_t k = 0, length; k < s.size(); k += length) {
        std::uint32_t c = 0;
        if ((length = utf8_sequence(s, k, c)) == 0) return std::nullopt;
        out.push_back(c);
    }
    return out;
}

// The bytes with every byte that starts no valid UTF-8 sequence replaced by '?'.
std::string repaired(std::string_view s) {
    std::string out;
    for (std::size_t k = 0, length; k < s.size(); k += length) {
        std::uint32_t c = 0;
        length = utf8_sequence(s, k, c);
        if (length == 0)
            out += '?', length = 1;
        else
            out.append(s.substr(k, length));
    }
    return out;
}

std::string hex4(std::uint32_t c) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
    return buffer;
}

// A JSON string literal of the bytes: quote, backslash and control characters escaped; with `escape_all`
// (valid UTF-8 only) every non-ASCII character as \u escapes (surrogate pairs above U+FFFF), else raw bytes.
std::string json_literal(std::string_view bytes, bool escape_all) {
    std::string out = "\"";
    std::optional<std::vector<std::uint32_t>> points;
    if (escape_all) points = utf8_code_points(bytes);
    if (points) {
        for (std::uint32_t c : *points) {
            if (c == '"' || c == '\\')
                out += '\\', out += static_cast<char>(c);
            else if (c >= 0x20 && c < 0x80)
                out += static_cast<char>(c);
            else if (c < 0x10000)
                out += hex4(c);
            else
                out += hex4(0xd800 + ((c - 0x10000) >> 10)) + hex4(0xdc00 + ((c - 0x10000) & 0x3ff));
        }
        return out + "\"";
    }
    for (char c : bytes) {
        if (c == '"' || c == '\\')
            out += '\\', out += c;
        else if (static_cast<std::uint8_t>(c) < 0x20)
            out += hex4(static_cast<std::uint8_t>(c));
        else
            out += c;
    }
    return out + "\"";
}

// Everything certify and check asked Z3, sorted by file stem: text, purpose, method, logic and answers (the
// subject is the player's name by design, and is left out).
std::vector<std::string> queries_of(const ProofLog& log) {
    std::vector<std::string> out;
    for (const LoggedQuery& q : log.recorded_queries())
        out.push_back(q.name + "\n" + q.purpose + "\n" + q.method + "\n" + q.logic + "\n" + q.expected +
                      "\n" + q.answer + "\n" + q.reason + "\n" + q.smt2);
    std::sort(out.begin(), out.end());
    return out;
}

// solve's answer without the instance's name; premise_detail (which names players) only as present or not.
std::string solution_text(const Instance& instance, const Solution& s) {
    Json j = solution_json(instance, s);
    j.erase("instance");
    if (j.contains("exaggeration") && j["exaggeration"].contains("premise_detail"))
        j["exaggeration"]["premise_detail"] = true;
    return j.dump();
}

// Traps, after printing both texts, when `named` (the game with fuzzed strings) differs from `plain`.
template <class T>
void expect_same(const T& named, const T& plain, const char* what, std::string (*show)(const T&)) {
    if (named == plain) return;
    std::fprintf(stderr, "with the fuzzed strings:\n%s\nplain game:\n%s\n", show(named).c_str(),
                 show(plain).c_str());
    differ(what);
}

std::string show_text(const std::string& s) { return s; }
std::string show_list(const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& s : v) out += s + "\n----\n";
    return out;
}

// quick: every query under a resource limit of 1 (Z3 parses the text and gives up at once), and on polytope
// games without the nonlinear queries (certify's definition query, check's potential: a fresh Z3 context
// each, which took the cost per input from about 6 ms to about 80 ms); full: every query with real limits.
enum class Mode { quick, full };

CertifyOptions certify_options(Mode mode, bool curved) {
    CertifyOptions options;
    options.threads = 1;
    if (mode == Mode::quick) {
        options.timeout_seconds = 0;
        if (!curved) options.definition_max_dimension = 0;
    } else {
        options.timeout_seconds = 20, options.definition_timeout_seconds = 5;
    }
    return options;
}

CheckOptions check_options(Mode mode) {
    CheckOptions options;
    options.timeout_seconds = mode == Mode::quick ? 0 : 20;
    return options;
}

// The verdicts of certify and check without names (labels appear in premise_detail and some reasons), and
// the queries they asked. (The query of `solve --z3-query` is compared by tests/cli/test_user_text.py: it
// runs under a wall-clock watchdog, whose expiry is not a function of the input.)
std::string verdicts(const Instance& instance, const Solution& s, Mode mode,
                     std::vector<std::string>& queries) {
    ProofLog log("", "", "");
    const bool curved = s.enclosed;
    Certificate c = curved ? certify_enclosure(instance, s, log, certify_options(mode, curved))
                           : certify_profile(instance, s.actions, log, certify_options(mode, curved));
    const std::vector<std::string> properties =
        mode == Mode::quick && !curved ? std::vector<std::string>{"exaggeration", "receiver-unique", "count"}
                                       : property_names("all");
    std::vector<PropertyVerdict> checked = check_properties(instance, properties, log, check_options(mode));
    queries = queries_of(log);
    nlohmann::ordered_json out = certificate_json(instance, c), report = check_json(instance, checked, "");
    out.erase("instance");
    for (auto& p : out["players"]) p.erase("name");
    for (auto& [property, p] : report["properties"].items()) {
        p["premise_detail"] = p.contains("premise_detail");  // its text names players
        p.erase("reason");  // may name a player (potential: "player NAME: Z3 answered ...")
    }
    out["check"] = report["properties"];
    return out.dump();
}

struct Game {
    const char* json;  // a valid instance without string fields
    std::size_t players;
};

// Small and fast under Z3: the reported duplicate-target game (infinitely many equilibria, Theorem 4's
// conclusion fails), paper Example 1a (1-D, distinct targets), paper Example 2 (a 2-D box) and two discs
// (curved: certify's enclosure steps and solve's --z3-query text).
const Game games[] = {
    {R"({"action_set": {"interval": [0, 10]}, "players": [{"target": 3, "weight": 0.5}, {"target": 3, "weight": 0.5}]})",
     2},
    {R"({"dimension": 1, "action_set": {"interval": [0, 6]}, "players": [{"target": 1, "weight": 0.5}, {"target": 4, "weight": 0.5}]})",
     2},
    {R"({"dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}}, "players": [{"target": [1, 0], "weight": 0.5}, {"target": [-1, 0], "weight": 0.5}]})",
     2},
    {R"({"dimension": 2, "players": [{"target": [2, 0], "weight": "1/2", "action_set": {"ball": {"center": [0, 0], "radius": 1}}},
        {"target": [0, 2], "weight": "1/2", "action_set": {"ball": {"center": [1, 1], "radius": 1}}}]})",
     2},
};
constexpr std::size_t game_count = sizeof games / sizeof games[0];

struct Reference {
    Instance instance;
    Solution solution;
    std::string solved;
    std::vector<std::string> quick_queries;
    std::string quick_verdicts;
    std::optional<std::string> full_verdicts;  // computed on first use
};

SolveOptions solve_options() {
    SolveOptions options;
    options.threads = 1;
    return options;
}

// FORMAT.md allows a documented free-text "description"; fuzzed only if this build's reader accepts it.
bool description_accepted() {
    static const bool accepted = [] {
        try {
            load_instance_text(
                R"({"description": "d", "action_set": {"interval": [0, 1]}, "players": [{"target": 0}]})");
            return true;
        } catch (const InputError&) {
            return false;
        }
    }();
    return accepted;
}

Reference& reference(std::size_t g) {
    static std::vector<std::optional<Reference>> cache(game_count);
    if (!cache[g]) {
        Reference r;
        r.instance = load_instance_text(games[g].json);
        r.solution = solve(r.instance, solve_options());
        r.solved = solution_text(r.instance, r.solution);
        r.quick_verdicts = verdicts(r.instance, r.solution, Mode::quick, r.quick_queries);
        cache[g] = std::move(r);
    }
    return *cache[g];
}

struct Stats {
    unsigned long inputs = 0, valid = 0, rejected = 0, compared = 0, full = 0, fast_read = 0;
    ~Stats() {
        if (std::getenv("BIGCERT_FUZZ_STATS"))
            std::fprintf(
                stderr,
                "fuzz_string_fields: %lu inputs, %lu rejected as they must be, %lu read, %lu compared "
                "(solve + query texts), %lu with real verdicts, %lu also read by the d = 1 fast loader\n",
                inputs, rejected, valid, compared, full, fast_read);
    }
} stats;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    ++stats.inputs;
    const std::size_t g = (data[0] & 0x3f) % game_count;
    const bool escape_all = data[0] & 0x80, repair = data[0] & 0x40;
    std::vector<std::string> pieces;
    if (size > 1) {
        pieces.emplace_back();
        for (std::size_t k = 1; k < size; ++k)
            if (data[k] == 0xff)
                pieces.emplace_back();
            else
                pieces.back() += static_cast<char>(data[k]);
    }
    if (repair)
        for (std::string& p : pieces) p = repaired(p);
    const std::size_t n = games[g].players;
    auto piece = [&](std::size_t k) { return k < pieces.size() ? std::optional(pieces[k]) : std::nullopt; };
    const std::optional<std::string> name = piece(0), description = piece(n + 1), format = piece(n + 2),
                                     loss = piece(n + 3);

    nlohmann::json game = nlohmann::json::parse(games[g].json);
    bool utf8 = true;
    std::vector<std::pair<std::string, std::string>> literals;  // placeholder, JSON literal
    auto set = [&](nlohmann::json& where, const char* key, const std::optional<std::string>& value) {
        if (!value) return;
        const std::string placeholder = "@@" + std::to_string(literals.size()) + "@@";
        where[key] = placeholder;
        literals.emplace_back("\"" + placeholder + "\"", json_literal(*value, escape_all));
        utf8 = utf8 && utf8_code_points(*value).has_value();
    };
    set(game, "name", name);
    for (std::size_t i = 0; i < n; ++i) set(game["players"][i], "name", piece(i + 1));
    if (description_accepted()) set(game, "description", description);
    set(game, "format", format);
    set(game, "loss", loss);
    std::string text = game.dump();
    for (const auto& [placeholder, literal] : literals)
        text.replace(text.find(placeholder), placeholder.size(), literal);

    const bool known_format = !format || *format == "bigcert/1",
               known_loss = !loss || *loss == "squared" || *loss == "inner";
    LoadLimits limits;
    std::optional<LineGame> fast = load_line_game_text(text, limits);
    Instance instance;
    try {
        instance = load_instance_text(text, limits);
    } catch (const InputError& e) {
        expect(!fast, "the d = 1 fast loader's answer: it read what load_instance rejects");
        const std::string what = e.what();
        if (utf8 && !known_format)
            expect(what.rfind("format: ", 0) == 0, "the error (not naming format)");
        else if (utf8 && !known_loss)
            expect(what.rfind("loss: ", 0) == 0, "the error (not naming loss)");
        else
            expect(!utf8, "acceptance: valid UTF-8 text was rejected");
        ++stats.rejected;
        return 0;
    }
    expect(utf8 && known_format && known_loss, "acceptance: invalid UTF-8, format or loss was accepted");
    ++stats.valid;
    expect(instance.name == name.value_or(""), "the instance's name as read");
    for (std::size_t i = 0; i < n; ++i)
        expect(instance.players[i].name == piece(i + 1).value_or(""), "a player's name as read");
    if (fast) {
        expect(fast->name == instance.name, "the fast loader's instance name");
        for (std::size_t i = 0; i < n; ++i)
            expect(fast->label(i) == instance.label(i), "the fast loader's player name");
        ++stats.fast_read;
    }
    if (instance.loss != Loss::squared) return 0;  // "inner": another game, solved by other means

    Reference& plain = reference(g);
    const Solution solution = solve(instance, solve_options());
    expect_same(solution_text(instance, solution), plain.solved, "solve's answer", show_text);
    // Z3 costs about 6 ms per polytope game in quick mode, 100 ms in full mode and 100 to 600 ms for the
    // curved game: the costlier checks run on a share of the inputs chosen by their bytes (a finding
    // replays).
    std::uint32_t hash = 2166136261u;
    for (std::size_t k = 0; k < size; ++k) hash = (hash ^ data[k]) * 16777619u;
    if (solution.enclosed && hash % 4 != 0) return 0;
    std::vector<std::string> queries;
    expect_same(verdicts(instance, solution, Mode::quick, queries), plain.quick_verdicts,
                "certify/check under rlimit 1", show_text);
    expect_same(queries, plain.quick_queries, "the SMT-LIB text of a query", show_list);
    ++stats.compared;
    // Curved queries stop at a wall-clock deadline, which is not a function of the input: no full mode.
    if (hash % 8 == 0 && !solution.enclosed) {
        std::vector<std::string> ignored;
        if (!plain.full_verdicts)
            plain.full_verdicts = verdicts(plain.instance, plain.solution, Mode::full, ignored);
        expect_same(verdicts(instance, solution, Mode::full, ignored), *plain.full_verdicts,
                    "certify/check verdicts", show_text);
        ++stats.full;
    }
    return 0;
}
