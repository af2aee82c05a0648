// The wide route of the d = 1 fast path (line_solution.hpp): every input fits 64-bit fractions but x̂* does
// not. Its answer must be the GMP path's byte for byte, through solve_to_json_in_machine_integers (the CLI's
// `solve --json`) and through solve() with and without the losses left to the writer, on one and two
// threads; its re-check must reject a wrong profile.
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/instance_source.hpp"
#include "bigcert/io/line_game_loader.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/line_check.hpp"
#include "bigcert/solver/line_solver.hpp"
#include "bigcert/solver/solve_to_json.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

long pick(std::mt19937& rng, long lo, long hi) { return std::uniform_int_distribution<long>(lo, hi)(rng); }

std::string fraction(long num, long den) {
    return "\"" + std::to_string(num) + "/" + std::to_string(den) + "\"";
}

// bench/solve_bench_gen.py's "hard" kind in small: weights k/(m·n) with unrelated m (so x̂* has a
// denominator of many digits), 5 % negative, some zero; per-player or common intervals, points among them;
// a bias; repeated targets; names; targets whose loss leaves the writer's fast bounds (|p| >= 2^15).
std::string wide_instance(std::mt19937& rng, int n) {
    const bool own_sets = pick(rng, 0, 3) != 0, names = pick(rng, 0, 3) == 0, bias = pick(rng, 0, 1);
    std::string text = "{\"format\": \"bigcert/1\", \"name\": \"wide\", \"dimension\": 1, ";
    if (bias) text += "\"bias\": {\"weight\": " + fraction(pick(rng, -3, 3), 7) + ", \"point\": [\"1/3\"]}, ";
    if (!own_sets) text += "\"action_set\": {\"interval\": [\"-7/3\", \"5/2\"]}, ";
    text += "\"players\": [";
    std::string previous = "0";
    for (int i = 0; i < n; ++i) {
        std::string t = fraction(pick(rng, -5000, 5000), pick(rng, 1, 1000));
        if (pick(rng, 0, 40) == 0) t = fraction(pick(rng, -900000, 900000), pick(rng, 1, 100));
        if (i > 0 && pick(rng, 0, 30) == 0) t = previous;
        previous = t;
        const long kind = pick(rng, 0, 39);
        const long w_den = pick(rng, 500, 1000) * n + pick(rng, 0, 1);
        const std::string w =
            kind == 0 ? "0" : fraction(kind == 1 ? -pick(rng, 1, 1000) : pick(rng, 1, 1000), w_den);
        text += std::string(i ? ", " : "") + "{\"target\": " + t + ", \"weight\": " + w;
        if (names && pick(rng, 0, 1)) text += ", \"name\": \"p" + std::to_string(i) + "\"";
        if (own_sets) {  // [lo, lo + width], a point one time in 16
            const long lo_den = pick(rng, 1, 30), lo = pick(rng, -3 * lo_den, lo_den);
            const long width_den = pick(rng, 1, 30),
                       width = pick(rng, 0, 15) == 0 ? 0 : pick(rng, 1, 3 * width_den);
            text += ", \"action_set\": {\"interval\": [" + fraction(lo, lo_den) + ", " +
                    fraction(lo * width_den + width * lo_den, lo_den * width_den) + "]}";
        }
        text += "}";
    }
    return text + "]}";
}

// The reference: load_instance and the GMP path only.
std::string general_json(const Instance& instance) {
    SolveOptions options;
    options.machine_integers = false;  // the GMP interval sweep
    std::ostringstream out;
    write_solution_json(out, instance, solve(instance, options));
    return out.str();
}

// The route's bytes; nothing when it declines (x̂* at a target whose player's share of the remainder
// outgrows 64 bits: the general path answers then), having written nothing.
std::optional<std::string> route_json(const std::string& text, unsigned threads) {
    SolveOptions options;
    options.threads = threads;
    std::ostringstream out;
    if (solve_to_json_in_machine_integers(InstanceSource::text(text), out, options)) return out.str();
    CHECK(out.str().empty());
    return std::nullopt;
}

std::string library_json(const Instance& instance, unsigned threads, bool losses_in_writer) {
    SolveOptions options;
    options.threads = threads;
    options.losses_in_writer = losses_in_writer;
    Solution solution = solve(instance, options);
    if (!losses_in_writer) CHECK(solution.losses.size() == instance.players.size());
    std::ostringstream out;
    write_solution_json(out, instance, solution);
    return out.str();
}

// "" when equal, else where the texts part (Catch would print both, megabytes for the long game).
std::string difference(const std::string& got, const std::string& expected) {
    if (got == expected) return "";
    std::size_t at = 0;
    while (at < got.size() && at < expected.size() && got[at] == expected[at]) ++at;
    const std::size_t from = at > 60 ? at - 60 : 0;
    return "byte " + std::to_string(at) + ": got ..." + got.substr(from, 160) + "... expected ..." +
           expected.substr(from, 160);
}

}  // namespace

TEST_CASE("wide route: the general path's bytes on random games whose receiver outgrows 64 bits", "[wide]") {
    std::mt19937 rng(20261203);
    int wide = 0, declined = 0, infinite = 0, repeated = 0;
    for (int round = 0; round < 120; ++round) {
        const int n = static_cast<int>(pick(rng, 2, round < 100 ? 40 : 600));
        const std::string text = wide_instance(rng, n);
        INFO(text.substr(0, 2000));
        Instance instance = load_instance_text(text);
        const std::string expected = general_json(instance);
        std::optional<LineGame> game = load_line_game_text(text);
        REQUIRE(game.has_value());
        LineAnswer answer = solve_line_game_any_receiver(*game, 1);
        wide += answer.wide.has_value();
        for (unsigned threads : {1u, 2u}) {
            std::optional<std::string> route = route_json(text, threads);
            declined += !route.has_value();
            if (route) CHECK(difference(*route, expected) == "");
            CHECK(difference(library_json(instance, threads, true), expected) == "");
            CHECK(difference(library_json(instance, threads, false), expected) == "");
        }
        infinite += expected.find("\"count\": \"infinite\"") != std::string::npos;
        repeated += expected.find("have the same target") != std::string::npos;
    }
    CHECK(wide > 90);  // the route under test was taken, not the 64-bit one
    CHECK(declined < 40);
    CHECK(infinite > 5);
    CHECK(repeated > 5);
}

TEST_CASE("wide route: a list long enough for the two-thread writer gives the same bytes", "[wide]") {
    std::mt19937 rng(7);
    const std::string text = wide_instance(rng, 40000);
    Instance instance = load_instance_text(text);
    std::optional<LineGame> game = load_line_game_text(text);
    REQUIRE(game.has_value());
    REQUIRE(solve_line_game_any_receiver(*game, 2).wide.has_value());
    const std::string expected = general_json(instance);
    for (unsigned threads : {2u, 1u}) {
        std::optional<std::string> route = route_json(text, threads);
        REQUIRE(route.has_value());
        CHECK(difference(*route, expected) == "");
    }
    CHECK(difference(library_json(instance, 2, true), expected) == "");
}

TEST_CASE("wide route: the exact re-check rejects a wrong profile and a wrong receiver", "[wide]") {
    std::mt19937 rng(11);
    const std::string text = wide_instance(rng, 200);
    std::optional<LineGame> game = load_line_game_text(text);
    REQUIRE(game.has_value());
    LineAnswer answer = solve_line_game_any_receiver(*game, 1);
    REQUIRE(answer.wide.has_value());
    const WideLineSolution& s = *answer.wide;
    CHECK(check_wide_line_equilibrium(*game, s.actions, s.receiver).ok);
    // A weighted player with a proper interval moved to its other end: its loss falls, and the sum moves.
    for (std::size_t i = 0; i < game->size(); ++i) {
        if (sign(game->weights[i]) == 0 || game->lo(i) == game->hi(i)) continue;
        std::vector<SmallFraction> moved = s.actions;
        moved[i] = moved[i] == game->lo(i) ? game->hi(i) : game->lo(i);
        CheckReport report = check_wide_line_equilibrium(*game, moved, s.receiver);
        CHECK_FALSE(report.ok);
        break;
    }
    // x̂* moved by 1/1000000007: at least the sum test fails.
    Rational off = s.receiver + Rational(1) / Rational(1000000007);
    CHECK_FALSE(check_wide_line_equilibrium(*game, s.actions, off).ok);
}
