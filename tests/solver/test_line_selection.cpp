// Locating x̂* by selection (line_selection.hpp) against the sorted sweep (line_sweep.hpp), an independent
// exact method on the same LineGame: the same receiver, the same answer to "do targets repeat", and the
// selection really used (not the fallback) on ordinary instances.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "solver/line_arithmetic.hpp"
#include "solver/line_selection.hpp"
#include "solver/line_sweep.hpp"
#include "solver/repeated_target.hpp"

using namespace bigcert;

namespace {

SmallFraction fraction(std::int64_t num, std::int64_t den) {
    SmallFraction f;
    REQUIRE(make_small_fraction(num, den, f));
    return f;
}

enum class Targets { spread, pooled, near_equal };

// Zero, negative and positive weights, point and proper intervals, a bias; targets spread, drawn from a
// small pool (repeats, ties at x̂*), or nearly equal (denominators near 2^53: equal doubles, distinct values).
LineGame random_game(std::mt19937_64& rng, std::size_t n, Targets kind) {
    auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    LineGame game;
    game.bias = pick(0, 2) == 0 ? fraction(pick(-5, 5), pick(1, 4)) : SmallFraction{};
    const std::size_t sets = static_cast<std::size_t>(pick(1, 4));
    for (std::size_t k = 0; k < sets; ++k) {
        std::int64_t lo = pick(-6, 2), den = pick(1, 3), width = pick(0, 4) == 0 ? 0 : pick(1, 8);
        game.lows.push_back(fraction(lo, den));
        game.highs.push_back(fraction(lo + width * den, den));
    }
    std::vector<SmallFraction> pool;
    for (int k = 0; k < 1 + static_cast<int>(n) / 3; ++k) pool.push_back(fraction(pick(-40, 40), pick(1, 6)));
    const double centres[] = {0.1, 1.0 / 3, -0.7};
    for (std::size_t i = 0; i < n; ++i) {
        if (kind == Targets::spread) {
            game.targets.push_back(fraction(pick(-100000, 100000), pick(1, 1000)));
        } else if (kind == Targets::pooled) {
            game.targets.push_back(
                pool[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(pool.size()) - 1))]);
        } else {
            std::int64_t den = pick(std::int64_t{1} << 52, std::int64_t{1} << 53);
            double centre = centres[pick(0, 2)];
            game.targets.push_back(
                fraction(static_cast<std::int64_t>(centre * double(den)) + pick(-2, 2), den));
        }
        std::int64_t w = pick(0, 12);
        // Few distinct denominators keep x̂* within 64 bits (else both methods hand over to GMP).
        const std::int64_t den = pick(1, 4) * static_cast<std::int64_t>(n);
        game.weights.push_back(w == 0 ? SmallFraction{} : fraction(w == 1 ? -1 : 1, den));
        game.set_of_player.push_back(
            static_cast<std::uint32_t>(pick(0, static_cast<std::int64_t>(sets) - 1)));
    }
    return game;
}

}  // namespace

TEST_CASE("selection: the same receiver and repeat test as the sorted sweep", "[line]") {
    std::mt19937_64 rng(2026);
    int selected = 0, attempts = 0, repeated = 0;
    for (int round = 0; round < 600; ++round) {
        const Targets kind = static_cast<Targets>(round % 3);
        const std::size_t n = static_cast<std::size_t>(1 + rng() % (round < 450 ? 40 : 3000));
        LineGame game = random_game(rng, n, kind);
        TargetKeys keys = target_keys(game, 1 + round % 2);
        std::vector<std::uint32_t> by_target = players_by_target(game, keys);
        REQUIRE(keys.monotone);
        // An independent repeat test: equal targets are neighbours in the exact sorted order.
        bool sorted_repeat = false;
        for (std::size_t k = 1; k < by_target.size(); ++k)
            sorted_repeat = sorted_repeat || game.targets[by_target[k]] == game.targets[by_target[k - 1]];
        CHECK(has_repeated_target(game) == sorted_repeat);
        repeated += sorted_repeat;
        try {
            SmallFraction expected = line_receiver(game, by_target, 1);
            ++attempts;
            if (std::optional<SmallFraction> got = line_receiver_by_selection(game, keys, 1 + round % 2)) {
                ++selected;
                CHECK(*got == expected);
            }
        } catch (const LineOverflow&) {  // both are exact whenever they answer; nothing to compare
        }
    }
    CHECK(repeated > 100);
    CHECK(attempts > 500);
    CHECK(selected * 10 >= attempts * 9);  // the fallback is the exception
}

TEST_CASE("selection: declines targets without exact double keys", "[line]") {
    LineGame game;
    game.lows = {fraction(-1, 1)}, game.highs = {fraction(1, 1)};
    game.targets = {fraction((std::int64_t{1} << 60) + 1, 3), fraction(1, 2)};
    game.weights = {fraction(1, 2), fraction(1, 2)};
    game.set_of_player = {0, 0};
    TargetKeys keys = target_keys(game, 1);
    CHECK_FALSE(keys.monotone);
    CHECK_FALSE(line_receiver_by_selection(game, keys, 1).has_value());
}

TEST_CASE("repeated targets: vectors across coordinates, many buckets, one and two threads", "[line]") {
    // 200,000 players in 3 coordinate games (about 100 buckets): each coordinate alone has many repeats
    // (small pools), the vectors are distinct; then one vector copied to a distant player, then a vector
    // equal to another in all but its last coordinate. Against an independent sort of the vectors.
    std::mt19937_64 rng(77);
    const std::size_t n = 200000, d = 3;
    std::vector<LineGame> coordinates(d);
    for (std::size_t c = 0; c < d; ++c) {
        coordinates[c].targets.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            coordinates[c].targets[i] = fraction(static_cast<std::int64_t>(rng() % 200) - 100,
                                                 static_cast<std::int64_t>(1 + rng() % 7));
    }
    auto sorted_repeat = [&] {
        std::vector<std::size_t> order(n);
        for (std::size_t i = 0; i < n; ++i) order[i] = i;
        auto key = [&](std::size_t i) {
            std::vector<std::int64_t> k;
            for (const LineGame& g : coordinates)
                k.push_back(g.targets[i].num), k.push_back(g.targets[i].den);
            return k;
        };
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
        for (std::size_t k = 1; k < n; ++k)
            if (key(order[k]) == key(order[k - 1])) return true;
        return false;
    };
    // Make the vectors distinct by giving the last coordinate a distinct numerator per player.
    for (std::size_t i = 0; i < n; ++i)
        coordinates[d - 1].targets[i] = fraction(static_cast<std::int64_t>(i), 1);
    REQUIRE_FALSE(sorted_repeat());
    for (unsigned threads : {1u, 2u}) CHECK_FALSE(has_repeated_target(coordinates, threads));
    // Equal in the first coordinates only: still distinct vectors.
    for (std::size_t c = 0; c + 1 < d; ++c) coordinates[c].targets[n - 1] = coordinates[c].targets[3];
    REQUIRE_FALSE(sorted_repeat());
    for (unsigned threads : {1u, 2u}) CHECK_FALSE(has_repeated_target(coordinates, threads));
    // And in the last one too: a repeat.
    coordinates[d - 1].targets[n - 1] = coordinates[d - 1].targets[3];
    REQUIRE(sorted_repeat());
    for (unsigned threads : {1u, 2u}) CHECK(has_repeated_target(coordinates, threads));
}
