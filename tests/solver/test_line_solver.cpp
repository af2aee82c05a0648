// The d = 1 fast path (line_game_loader.hpp, line_solver.hpp) against the GMP path: the same solution
// JSON byte for byte on random instances, and the GMP path taking over when a number outgrows 64 bits.
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/line_game_loader.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/line_solver.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

std::string fraction_text(long num, long den) {
    return "\"" + std::to_string(num) + "/" + std::to_string(den) + "\"";
}

// Random 1-D instances with everything the solver distinguishes: zero and negative weights, point sets,
// repeated targets (ties at x̂*), per-player or common sets, a bias, names, JSON numbers and decimals.
std::string random_instance(std::mt19937& rng, int n) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    bool own_sets = pick(0, 1), bias = pick(0, 1), names = pick(0, 3) == 0;
    std::vector<std::string> target_pool;
    for (int k = 0; k < std::max(1, n / pick(1, 3)); ++k)
        target_pool.push_back(fraction_text(pick(-12, 12), pick(1, 4)));
    std::string text = "{\"format\": \"bigcert/1\", \"name\": \"r\\\"1\", \"dimension\": 1, ";
    if (bias)
        text += "\"bias\": {\"weight\": " + fraction_text(pick(-3, 3), pick(1, 3)) + ", \"point\": [0.5]}, ";
    if (!own_sets) text += "\"action_set\": {\"interval\": [-1, \"3/2\"]}, ";
    text += "\"players\": [";
    for (int i = 0; i < n; ++i) {
        text += i ? ", {" : "{";
        text += "\"target\": " + target_pool[pick(0, static_cast<int>(target_pool.size()) - 1)];
        int kind = pick(0, 9);
        std::string weight =
            kind == 0 ? "0" : (kind == 1 ? "-0.25" : fraction_text(pick(-1, 4) == -1 ? -1 : 1, pick(1, 5)));
        text += ", \"weight\": " + weight;
        if (names && pick(0, 1)) text += ", \"name\": \"p" + std::to_string(i) + "\"";
        if (own_sets) {
            int lo_num = pick(-6, 2), lo_den = pick(1, 3), width = pick(0, 2) == 0 ? 0 : pick(1, 8);
            text += ", \"action_set\": {\"interval\": [" + fraction_text(lo_num, lo_den) + ", " +
                    fraction_text(lo_num + width * lo_den, lo_den) + "]}";
        }
        text += "}";
    }
    return text + "]}";
}

std::string json_of(const Instance& instance, const Solution& solution) {
    std::ostringstream out;
    write_solution_json(out, instance, solution);
    return out.str();
}

std::string json_of(const LineGame& game, const LineSolution& solution) {
    std::ostringstream out;
    write_line_solution_json(out, game, solution);
    return out.str();
}

// The reference: the GMP path only.
std::string gmp_json(const Instance& instance) {
    SolveOptions options;
    options.machine_integers = false;
    return json_of(instance, solve(instance, options));
}

}  // namespace

TEST_CASE("fast path: the same solution JSON as the GMP path on random 1-D instances", "[line]") {
    std::mt19937 rng(31);
    int infinite = 0, tied_premise = 0;
    for (int round = 0; round < 300; ++round) {
        int n = std::uniform_int_distribution<int>(1, round < 250 ? 12 : 400)(rng);
        std::string text = random_instance(rng, n);
        INFO(text);
        Instance instance = load_instance_text(text);
        std::string expected = gmp_json(instance);
        std::optional<LineGame> game = load_line_game_text(text);
        REQUIRE(game.has_value());
        for (unsigned threads : {1u, 2u}) {
            std::optional<LineSolution> line = solve_line_game(*game, threads);
            REQUIRE(line.has_value());
            CHECK(json_of(*game, *line) == expected);
        }
        CHECK(json_of(instance, solve(instance)) == expected);  // solve() through line_game_of()
        infinite += expected.find("\"count\": \"infinite\"") != std::string::npos;
        tied_premise += expected.find("have the same target") != std::string::npos;
    }
    CHECK(infinite > 10);  // the degenerate branches were reached
    CHECK(tied_premise > 10);
}

TEST_CASE("fast path: an overflowing receiver hands the instance to GMP", "[line]") {
    // Weights 1/(2^61 - 1) and 1/(2^61 - 3) fit, but x̂* = their sum has a denominator near 2^122.
    std::string text =
        R"({"format": "bigcert/1", "dimension": 1, "action_set": {"interval": [-1, 1]}, "players": [
        {"target": 5, "weight": "1/2305843009213693951"}, {"target": 6, "weight": "1/2305843009213693949"},
        {"target": "1/3", "weight": "1/7"}]})";
    CHECK_FALSE(load_line_game_text(text).has_value());  // 19 digits: not read by the fast loader
    Instance instance = load_instance_text(text);
    std::optional<LineGame> game = line_game_of(instance);
    REQUIRE(game.has_value());                        // every number fits ...
    CHECK_FALSE(solve_line_game(*game).has_value());  // ... but the sweep's sum does not
    CHECK(json_of(instance, solve(instance)) == gmp_json(instance));
}

TEST_CASE("fast path: an overflow after the receiver (a loss) also hands over to GMP", "[line]") {
    // x̂* = 1/3 fits; the unweighted player's loss (1/3 - 1/(2^61 - 1))^2 needs a denominator 3 (2^61 - 1) >
    // 2^62.
    std::string text =
        R"({"format": "bigcert/1", "dimension": 1, "action_set": {"interval": [-1, 1]}, "players": [
        {"target": 5, "weight": "1/3"}, {"target": "1/2305843009213693951", "weight": 0}]})";
    Instance instance = load_instance_text(text);
    std::optional<LineGame> game = line_game_of(instance);
    REQUIRE(game.has_value());
    CHECK_FALSE(solve_line_game(*game).has_value());
    std::string expected = gmp_json(instance);
    CHECK(expected.find("\"receiver\": [\"1/3\"]") != std::string::npos);
    CHECK(json_of(instance, solve(instance)) == expected);
}

TEST_CASE("fast path: a potential term out of range is summed in GMP, the rest stays fast", "[line]") {
    // w t = 1/((2^61 - 1)(2^61 - 3)) is out of range; x̂* = 1 and every loss fit (player 0's set is {0}).
    std::string text =
        R"({"format": "bigcert/1", "dimension": 1, "action_set": {"interval": [-1, 1]}, "players": [
        {"target": "1/2305843009213693949", "weight": "1/2305843009213693951", "action_set": {"interval": [0, 0]}},
        {"target": 4, "weight": 0}, {"target": 3, "weight": 1}]})";
    Instance instance = load_instance_text(text);
    std::optional<LineGame> game = line_game_of(instance);
    REQUIRE(game.has_value());
    std::optional<LineSolution> line = solve_line_game(*game);
    REQUIRE(line.has_value());
    CHECK(json_of(*game, *line) == gmp_json(instance));
}

TEST_CASE("fast loader: declines whatever it does not read exactly as load_instance does", "[line]") {
    const char* head = R"({"format": "bigcert/1", "dimension": 1, "action_set": {"interval": [-1, 1]}, )";
    CHECK(load_line_game_text(std::string(head) + R"("players": [{"target": 1}]})").has_value());
    CHECK(load_line_game_text(std::string(head) +
                              R"("description": "d", "players": [{"target": 1, "description": "e"}]})")
              .has_value());
    for (const char* players : {
             R"("players": [{"target": "1e3"}]})",                                  // exponent
             R"("players": [{"target": 1, "weight": 1, "weight": 2}]})",            // repeated key
             R"("players": [{"target": [1, 2]}]})",                                 // wrong dimension
             R"("players": [{"weight": 1}]})",                                      // no target
             R"("players": [{"target": 1, "action_set": {"interval": [1, 0]}}]})",  // empty set
             R"("players": [{"target": 1, "action_set": {"box": {"lo": [0], "hi": [1]}}}]})",
             R"("players": [{"target": 1, "name": 7}]})",
             R"("players": []})",
             R"("players": [{"target": 1}]} trailing)",
             // Unknown keys (and keys of open extensions): the general loader names their path.
             R"("players": [{"target": 1, "wieght": 2}]})",
             R"("players": [{"target": 1}], "receivers": []})",
             R"("players": [{"target": 1, "care": [1]}]})",
             R"("players": [{"target": 1, "action_set": {"interval": [0, 1], "x": 1}}]})",
             R"("bias": {"weight": 0, "point": 0, "wieght": 1}, "players": [{"target": 1}]})",
         })
        CHECK_FALSE(load_line_game_text(std::string(head) + players).has_value());
    CHECK_FALSE(load_line_game_text(R"({"format": "bigcert/1", "dimension": 2, "players": []})").has_value());
    CHECK_FALSE(load_line_game_text(
                    R"({"loss": "inner", "action_set": {"interval": [0, 1]}, "players": [{"target": 1}]})")
                    .has_value());
    CHECK_FALSE(
        load_line_game_text(
            R"({"format": "bigcert/2", "action_set": {"interval": [0, 1]}, "players": [{"target": 1}]})")
            .has_value());
    LoadLimits limits;
    limits.max_players = 1;
    CHECK_FALSE(
        load_line_game_text(std::string(head) + R"("players": [{"target": 1}, {"target": 2}]})", limits)
            .has_value());
}

TEST_CASE("fast path: targets beyond 2^53 (no exact double) are still sorted exactly", "[line]") {
    // Nearly equal targets whose doubles coincide: the sweep's order must come from the exact values.
    std::mt19937_64 rng(5);
    for (int round = 0; round < 40; ++round) {
        std::string text =
            R"({"format": "bigcert/1", "dimension": 1, "action_set": {"interval": [-1, 1]}, "players": [)";
        const long long big = (1LL << 60) + static_cast<long long>(rng() % 1000);
        int n = 2 + static_cast<int>(rng() % 7);
        for (int i = 0; i < n; ++i) {
            long long num = static_cast<long long>(rng() % 5) - 2 + (i % 2 ? big : -big);
            text += (i ? ", " : "") + std::string("{\"target\": \"") + std::to_string(num) + "/" +
                    std::to_string(big) + "\", \"weight\": \"" + std::to_string(1 + rng() % 3) + "\"}";
        }
        text += "]}";
        INFO(text);
        Instance instance = load_instance_text(text);
        std::optional<LineGame> game = line_game_of(instance);
        REQUIRE(game.has_value());
        std::optional<LineSolution> line = solve_line_game(*game);
        if (line) CHECK(json_of(*game, *line) == gmp_json(instance));
        CHECK(json_of(instance, solve(instance)) == gmp_json(instance));
    }
}

TEST_CASE("fast path: 128-bit partial sums of the potential that would overflow go to GMP", "[line]") {
    // Each term w t x = 2^30 · 2^61 · 2^30 = 2^121 and 80 of them exceed 2^127; x̂* = 0 and every loss fit.
    std::string text =
        R"({"format": "bigcert/1", "dimension": 1, "action_set": {"interval": [-1073741824, 1073741824]}, "players": [)";
    for (int i = 0; i < 80; ++i)
        text += std::string(i ? ", " : "") + "{\"target\": \"" + (i % 2 ? "-" : "") +
                "2305843009213693952\", \"weight\": 1073741824}";
    text += "]}";
    Instance instance = load_instance_text(text);
    std::optional<LineGame> game = line_game_of(instance);
    REQUIRE(game.has_value());
    std::optional<LineSolution> line = solve_line_game(*game);
    REQUIRE(line.has_value());
    CHECK(line->receiver == SmallFraction{0, 1});
    CHECK(json_of(*game, *line) == gmp_json(instance));
}

TEST_CASE("fast loader: on mutated texts it reads a game only where load_instance reads the same game",
          "[line]") {
    // Random byte edits of valid instances: whenever the fast loader accepts a text, the general loader must
    // accept it too and mean the same numbers (otherwise the fast path would change what is accepted).
    std::mt19937 rng(99);
    const std::string alphabet = "{}[]\",:0123456789/.-+eE aname";
    int accepted = 0, declined = 0;
    for (int round = 0; round < 4000; ++round) {  // (edits that make an unknown key are declined too)
        std::string text = random_instance(rng, std::uniform_int_distribution<int>(1, 4)(rng));
        for (int edit = std::uniform_int_distribution<int>(1, 3)(rng); edit > 0; --edit) {
            std::size_t at = std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng);
            char c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
            switch (rng() % 3) {
                case 0:
                    text[at] = c;
                    break;
                case 1:
                    text.insert(text.begin() + static_cast<long>(at), c);
                    break;
                default:
                    text.erase(at, 1);
            }
        }
        INFO(text);
        std::optional<LineGame> fast = load_line_game_text(text);
        if (!fast) {
            ++declined;
            continue;
        }
        ++accepted;
        Instance instance = load_instance_text(text);  // throws (and fails the test) if it rejects the text
        std::optional<LineGame> general = line_game_of(instance);
        REQUIRE(general.has_value());
        CHECK(fast->name == general->name);
        CHECK(fast->bias == general->bias);
        CHECK(fast->targets == general->targets);
        CHECK(fast->weights == general->weights);
        CHECK(fast->lows == general->lows);
        CHECK(fast->highs == general->highs);
        CHECK(fast->set_of_player == general->set_of_player);
        CHECK(fast->names == general->names);
    }
    CHECK(accepted > 100);
    CHECK(declined > 100);
}

namespace {

void require_same_game(const LineGame& fast, const LineGame& general) {
    CHECK(fast.name == general.name);
    CHECK(fast.bias == general.bias);
    CHECK(fast.targets == general.targets);
    CHECK(fast.weights == general.weights);
    CHECK(fast.lows == general.lows);
    CHECK(fast.highs == general.highs);
    CHECK(fast.set_of_player == general.set_of_player);
    CHECK(fast.names == general.names);
}

// About 2 MB: over the size where the fast loader reads the players in two threads, the second one from
// a guessed player boundary near the middle of the text.
std::string large_instance(std::mt19937& rng, bool names, bool own_sets, const std::string& after_players) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::string text =
        R"({"format": "bigcert/1", "name": "big \"one\" \u00e9", "dimension": 1, "players": [)";
    const int n = 40000;  // also over the size where the writer formats in two threads (2^15)
    for (int i = 0; i < n; ++i) {
        text += i ? "\n,{" : "{";
        if (names && i % 7 == 0)  // names that look like player boundaries, escapes and UTF-8
            text += "\"name\": \"p" + std::to_string(i) + (i % 2 ? ",{\\\"x\\\"" : " ,{ Zoë") + "\", ";
        text += "\"target\": " + fraction_text(pick(-5000, 5000), pick(1, 1000));
        text += ", \"weight\": \"1/" + std::to_string(n) + "\"";
        if (own_sets && i % 3 == 0) text += R"(, "action_set": {"interval": [-2, "1/2"]})";
        text += "}";
    }
    return text + "]" + after_players + "}";
}

}  // namespace

TEST_CASE("fast loader: large texts read in two threads give load_instance's game", "[line]") {
    std::mt19937 rng(7);
    const std::string common = R"(, "action_set": {"interval": [-1, 1]})";
    // A long free-text value after the players that pulls the midpoint guess out of the players array (it
    // looks like player boundaries: ",{").
    std::string unknown = ", \"description\": \"";
    for (int k = 0; k < 200000; ++k)
        unknown += std::string(k ? "," : "") + "{\\\"k\\\": " + std::to_string(k) + "}";
    unknown += "\"";
    struct Case {
        bool names, own_sets;
        std::string after;
    };
    const std::vector<Case> cases = {Case{false, false, common}, Case{true, false, common},
                                     Case{true, true, common}, Case{false, true, common + unknown},
                                     Case{true, false, unknown + common}};
    for (const Case& c : cases) {
        std::string text = large_instance(rng, c.names, c.own_sets, c.after);
        REQUIRE(text.size() > (std::size_t{1} << 20));
        std::optional<LineGame> fast = load_line_game_text(text);
        REQUIRE(fast.has_value());
        Instance instance = load_instance_text(text);
        std::optional<LineGame> general = line_game_of(instance);
        REQUIRE(general.has_value());
        require_same_game(*fast, *general);
        if (&c == &cases[0]) {  // solved and written (two threads) as the GMP path does
            std::optional<LineSolution> line = solve_line_game(*fast);
            REQUIRE(line.has_value());
            CHECK(json_of(*fast, *line) == gmp_json(instance));
        }
    }
    // Faults late in the second thread's part must still make the fast loader decline.
    std::string text = large_instance(rng, false, false, common);
    for (const std::string& fault : {std::string("01"), std::string("1e3"), std::string("\"1/0\"")}) {
        std::string broken = text;
        std::size_t at = broken.rfind("\"target\": ");
        broken.replace(at + 10, broken.find(',', at) - at - 10, fault);
        CHECK_FALSE(load_line_game_text(broken).has_value());
    }
    CHECK_FALSE(load_line_game_text(text + "x").has_value());
    CHECK_FALSE(load_line_game_text(text.substr(0, text.size() - 2)).has_value());
    LoadLimits limits;
    limits.max_players = 39999;
    CHECK_FALSE(load_line_game_text(text, limits).has_value());
}
