// The box route in machine integers end to end (load_box_game_text, solve_box_coordinates,
// describe_box_answer, write_box_answer_json) against the Instance routes on random games: the same bytes as
// write_solution_json(solve()) and, up to the method name, as the general path (simplicial decomposition),
// ties, faces and weightless players included; where the loader accepts a text, load_instance_text accepts it
// with the same numbers, and where load_instance_text rejects a text, the loader declines it.
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/line_game_loader.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/box_solver.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

std::string fraction_text(long num, long den) {
    return "\"" + std::to_string(num) + "/" + std::to_string(den) + "\"";
}

// d = 2..4; per-player or common boxes (rarely degenerate in a coordinate), mostly distinct targets (a
// few repeats), rare zero weights, negative weights, a bias, names, decimals and bare integers.
std::string random_box_game(std::mt19937& rng, int d, int n) {
    auto pick = [&](long lo, long hi) { return std::uniform_int_distribution<long>(lo, hi)(rng); };
    bool own_sets = pick(0, 1), bias = pick(0, 1), names = pick(0, 3) == 0, repeats = pick(0, 9) == 0;
    auto number = [&](long num, long den) {
        if (den == 1 && pick(0, 1)) return std::to_string(num);
        return fraction_text(num, den);
    };
    auto box = [&] {
        std::string lo = "[", hi = "[";
        for (int c = 0; c < d; ++c) {
            long den = pick(1, 7), low = pick(-8, 2), width = pick(0, 9) == 0 ? 0 : pick(1, 12);
            lo += (c ? ", " : "") + number(low, den);
            hi += (c ? ", " : "") + number(low + width, den);
        }
        return "{\"box\": {\"lo\": " + lo + "], \"hi\": " + hi + "]}}";
    };
    std::string text =
        "{\"format\": \"bigcert/1\", \"name\": \"box\", \"dimension\": " + std::to_string(d) + ", ";
    if (bias) {
        text += "\"bias\": {\"weight\": " + fraction_text(pick(-2, 3), pick(1, 3)) + ", \"point\": [";
        for (int c = 0; c < d; ++c) text += (c ? ", " : "") + fraction_text(pick(-2, 2), 2);
        text += "]}, ";
    }
    if (!own_sets) text += "\"action_set\": " + box() + ", ";
    text += "\"players\": [";
    std::string previous_target;
    for (int i = 0; i < n; ++i) {
        std::string t = "[";
        for (int c = 0; c < d; ++c) t += (c ? ", " : "") + number(pick(-40, 40), pick(1, 9));
        t += "]";
        if (repeats && i > 0 && pick(0, 2) == 0) t = previous_target;
        previous_target = t;
        text += i ? ", {" : "{";
        text += "\"target\": " + t;
        int kind = pick(0, 39);
        text += ", \"weight\": " + (kind == 0   ? std::string("0")
                                    : kind <= 3 ? "-0.5"
                                                : fraction_text(pick(1, 5), pick(1, 6) * n));
        if (names && pick(0, 1)) text += ", \"name\": \"p" + std::to_string(i) + "\"";
        if (own_sets) text += ", \"action_set\": " + box();
        text += "}";
    }
    return text + "]}";
}

std::string general_json(const Instance& instance, const SolveOptions& options, bool drop_method) {
    Solution solution = solve(instance, options);
    if (drop_method) solution.method = "";
    std::ostringstream out;
    write_solution_json(out, instance, solution);
    return out.str();
}

std::string without_method(const std::string& json) {
    const std::string key = "\"method\": \"" + std::string(box_method) + "\"";
    std::size_t at = json.find(key);
    REQUIRE(at != std::string::npos);
    return json.substr(0, at) + "\"method\": \"\"" + json.substr(at + key.size());
}

// The loader's numbers are the Instance's, coordinate by coordinate.
void require_same_numbers(const BoxGame& game, const Instance& instance) {
    const std::size_t d = instance.dimension;
    REQUIRE(game.dimension() == d);
    REQUIRE(game.size() == instance.players.size());
    REQUIRE(game.name == instance.name);
    for (std::size_t c = 0; c < d; ++c) {
        const LineGame& line = game.coordinates[c];
        REQUIRE(to_rational(line.bias) == instance.bias()[c]);
        for (std::size_t i = 0; i < game.size(); ++i) {
            const Player& p = instance.players[i];
            REQUIRE(to_rational(line.targets[i]) == p.target[c]);
            REQUIRE(to_rational(line.weights[i]) == p.weight);
            REQUIRE(line.set_of_player[i] == p.action_set);
            Rational lo = instance.set_of(i).as_polytope().vertices().front()[c], hi = lo;
            for (const Vector& v : instance.set_of(i).as_polytope().vertices())
                lo = std::min(lo, v[c]), hi = std::max(hi, v[c]);
            REQUIRE(to_rational(line.lo(i)) == lo);
            REQUIRE(to_rational(line.hi(i)) == hi);
        }
    }
}

}  // namespace

TEST_CASE("box fast path: the Instance routes' bytes on random games", "[box]") {
    std::mt19937 rng(20261203);
    int plain = 0, not_plain = 0, repeated = 0;
    for (int round = 0; round < 400; ++round) {
        int d = 2 + round % 3, n = 1 + static_cast<int>(rng() % 12);
        std::string text = random_box_game(rng, d, n);
        INFO(text);
        Instance instance = load_instance_text(text);
        std::optional<BoxGame> game = load_box_game_text(text);
        REQUIRE(game);
        require_same_numbers(*game, instance);
        std::optional<std::vector<LineSolution>> lines = solve_box_coordinates(*game, 1 + round % 2);
        REQUIRE(lines);
        std::optional<BoxAnswer> answer = describe_box_answer(*game, std::move(*lines));
        if (!answer) {  // only when two target vectors are equal: the general route names the pair
            REQUIRE(solve(instance).exaggeration.premise_detail.find("have the same target") !=
                    std::string::npos);
            ++repeated;
            continue;
        }
        // Plain: one point with nothing else to report (no face, no moved action).
        const bool is_plain =
            answer->faces.empty() && answer->moved_actions.empty() && answer->count == EquilibriumCount::one;
        ++(is_plain ? plain : not_plain);
        std::ostringstream answer_text;
        write_box_answer_json(answer_text, *game, *answer);
        std::string fast = answer_text.str();
        REQUIRE(fast == general_json(instance, SolveOptions{}, false));
        // The offsets left to the writer (what `solve --json` does): the same bytes.
        auto in_writer = solve_box_coordinates(*game, 1 + round % 2, LineOffsets::in_writer);
        REQUIRE(in_writer);
        REQUIRE((*in_writer)[0].offsets.empty());
        std::ostringstream in_writer_text;
        write_box_answer_json(in_writer_text, *game, *describe_box_answer(*game, std::move(*in_writer)));
        REQUIRE(in_writer_text.str() == fast);
        if (answer->count != EquilibriumCount::one) continue;  // the general path may print another point
        SolveOptions general;
        general.force_general = true;
        REQUIRE(without_method(fast) == general_json(instance, general, true));
    }
    REQUIRE(plain > 100);
    REQUIRE(not_plain > 100);
    REQUIRE(repeated > 10);
}

TEST_CASE("box fast path: an offset beyond 64-bit fractions is written from GMP", "[box]") {
    // x̂*_0 = 1/6 (the player plays lo = 0; the bias gives 1/6) and a target 1/p with p = 10^18 − 11: x̂*_0 −
    // t_0 has denominator 6p > 2^62, so the solver that forms offsets declines (nothing), while the writer
    // that forms them itself falls back to GMP for that loss and writes the general path's bytes.
    const std::string text =
        R"({"format": "bigcert/1", "dimension": 2, "bias": {"weight": "1/2", "point": ["1/3", "0"]},
        "action_set": {"box": {"lo": [0, -1], "hi": [1, 1]}},
        "players": [{"target": ["1/999999999999999989", "1/2"], "weight": "1/2"},
                    {"target": ["-3", "-1/5"], "weight": "0"}]})";
    std::optional<BoxGame> game = load_box_game_text(text);
    REQUIRE(game);
    REQUIRE_FALSE(solve_box_coordinates(*game, 1));
    auto lines = solve_box_coordinates(*game, 1, LineOffsets::in_writer);
    REQUIRE(lines);
    std::optional<BoxAnswer> answer = describe_box_answer(*game, std::move(*lines));
    REQUIRE(answer);
    std::ostringstream written;
    write_box_answer_json(written, *game, *answer);
    REQUIRE(written.str() == general_json(load_instance_text(text), SolveOptions{}, false));
    SolveOptions general;
    general.force_general = true;
    REQUIRE(without_method(written.str()) == general_json(load_instance_text(text), general, true));
}

TEST_CASE("box fast path: two threads write what one writes on a large game", "[box]") {
    std::mt19937 rng(7);
    for (int d : {2, 3}) {
        std::string text = random_box_game(rng, d, 40000);
        std::optional<BoxGame> game = load_box_game_text(text);
        REQUIRE(game);
        auto one = solve_box_coordinates(*game, 1), two = solve_box_coordinates(*game, 2);
        REQUIRE(one);
        REQUIRE(two);
        auto first = describe_box_answer(*game, std::move(*one)),
             second = describe_box_answer(*game, std::move(*two));
        REQUIRE(first.has_value() == second.has_value());
        if (!first) continue;
        std::ostringstream a, b;
        write_box_answer_json(a, *game, *first);
        write_box_answer_json(b, *game, *second);
        REQUIRE(a.str() == b.str());
    }
}

TEST_CASE("box fast path: declines what load_instance rejects, reads what it accepts alike", "[box]") {
    std::mt19937 rng(99);
    const std::string alphabet = "[]{},:\"-0123456789./ abdhilnorx";
    int accepted = 0, declined_errors = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string text = random_box_game(rng, 2 + round % 2, 1 + static_cast<int>(rng() % 4));
        for (int k = 0, edits = 1 + static_cast<int>(rng() % 3); k < edits; ++k) {
            std::size_t at = rng() % text.size();
            switch (rng() % 3) {
                case 0:
                    text[at] = alphabet[rng() % alphabet.size()];
                    break;
                case 1:
                    text.erase(at, 1 + rng() % 4);
                    break;
                default:
                    text.insert(at, 1, alphabet[rng() % alphabet.size()]);
            }
        }
        INFO(text);
        std::optional<BoxGame> game = load_box_game_text(text);
        std::optional<Instance> instance;
        try {
            instance = load_instance_text(text);
        } catch (const InputError&) {
        } catch (const LimitError&) {
        }
        if (!instance) {
            REQUIRE(!game);
            ++declined_errors;
            continue;
        }
        if (!game) continue;
        ++accepted;
        if (instance->dimension == 1) {
            REQUIRE(game->dimension() == 1);
            continue;
        }
        require_same_numbers(*game, *instance);
    }
    REQUIRE(accepted > 50);
    REQUIRE(declined_errors > 1000);
}

TEST_CASE("box fast path: declines other sets and keeps d = 1 as one coordinate", "[box]") {
    REQUIRE(!load_box_game_text(
        R"({"dimension": 2, "players": [{"target": [1, 2], "action_set": {"vertices": [[0,0],[1,0],[0,1]]}}]})"));
    REQUIRE(!load_box_game_text(
        R"({"dimension": 2, "players": [{"target": [1, 2], "action_set": {"interval": [0, 1]}}]})"));
    REQUIRE(!load_box_game_text(
        R"({"players": [{"target": 1, "action_set": {"box": {"lo": [0], "hi": [1]}}}]})"));
    REQUIRE(!load_box_game_text(
        R"({"dimension": 2, "players": [{"target": 1, "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}}]})"));
    REQUIRE(!load_box_game_text(
        R"({"dimension": 3, "players": [{"target": [1, 2], "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}}]})"));
    REQUIRE(!load_box_game_text(
        R"({"players": [{"target": [1, 2], "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}}]})"));
    std::optional<BoxGame> line =
        load_box_game_text(R"({"players": [{"target": 1, "action_set": {"interval": [0, 1]}}]})");
    REQUIRE(line);
    REQUIRE(line->dimension() == 1);
    // Both players above the box in both coordinates: both at (1, 1), x̂ = 1·(1, 1) + 2·(1, 1).
    std::optional<BoxGame> plain = load_box_game_text(
        R"({"dimension": 2, "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}, "players": [{"target": [9, 8]}, {"target": [7, 9], "weight": 2}]})");
    REQUIRE(plain);
    auto lines = solve_box_coordinates(*plain);
    REQUIRE(lines);
    REQUIRE(lines->at(0).free_players.empty());
    REQUIRE(lines->at(1).free_players.empty());
    REQUIRE(to_rational(lines->at(0).receiver) == Rational(3));
    REQUIRE(to_rational(lines->at(1).receiver) == Rational(3));
}
