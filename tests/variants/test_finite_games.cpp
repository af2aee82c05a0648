// Finite action spaces (paper §5.2, Proposition 6, Example 5): loading, strategy sums, exact counting of
// all pure equilibria (three methods against an independent brute force), solve.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "bigcert/core/errors.hpp"
#include "bigcert/solver/enumeration.hpp"
#include "bigcert/solver/solver.hpp"
#include "variant_helpers.hpp"

using namespace bigcert;
using namespace variant_test;

namespace {

// Example 5 (MODEL.md §4): t = (-1/4, 1/4), k items each from {±2k·2^j : j < m}, x̂ = (sum of all)/(2k).
std::string example5(int m, int k) {
    std::string items;
    for (int sign : {-1, 1})
        for (int j = 0; j < m; ++j)
            items += (items.empty() ? "" : ", ") + std::to_string(sign * 2 * k * (1 << j));
    std::string w = "\"1/" + std::to_string(2 * k) + "\"";
    return "{\"action_set\": {\"items\": [" + items + "], \"choose\": " + std::to_string(k) +
           "}, \"players\": [{\"target\": \"-1/4\", \"weight\": " + w +
           "}, {\"target\": \"1/4\", \"weight\": " + w + "}]}";
}

Integer binomial(int n, int k) {
    Integer r = 1;
    for (int i = 1; i <= k; ++i) r = r * (n - k + i) / i;
    return r;
}

Integer count_with(const Instance& instance, EnumerateOptions::Method method) {
    EnumerateOptions options;
    options.method = method;
    return enumerate_pure_equilibria(instance, options).count;
}

std::string load_error(const std::string& json) {
    try {
        load_instance_text(json);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("loader: items, choose and repeats", "[finite][loader]") {
    Instance g =
        load_instance_text(R"({"dimension": 2, "action_set": {"items": [[1, 0], [0, "1/2"]], "choose": 2,
        "repeats": true}, "players": [{"target": [0, 0]}]})");
    REQUIRE(g.set_of(0).is_finite());
    const FiniteChoice& c = g.set_of(0).as_finite();
    CHECK(c.items == std::vector<Vector>{v({"1", "0"}), v({"0", "1/2"})});
    CHECK(c.choose == 2);
    CHECK(c.repeats);
    CHECK(selection_count(c) == 3);  // {a,a}, {a,b}, {b,b}
    Instance one = load_instance_text(R"({"action_set": {"items": [1, 2, 3]}, "players": [{"target": 0}]})");
    CHECK(one.set_of(0).as_finite().choose == 1);  // default: one item
    CHECK_FALSE(one.set_of(0).as_finite().repeats);
}

TEST_CASE("loader: bad finite action spaces name the JSON path", "[finite][loader][errors]") {
    auto players = std::string(R"(, "players": [{"target": 0}]})");
    CHECK(load_error(R"({"action_set": {"items": []})" + players) == "action_set.items: empty set: no items");
    CHECK(load_error(R"({"action_set": {"items": [1, 2], "choose": 0})" + players)
              .rfind("action_set.choose: must be at least 1", 0) == 0);
    CHECK(load_error(R"({"action_set": {"items": [1, 2], "choose": 3})" + players) ==
          "action_set.choose: cannot choose 3 of 2 items without repeats");
    CHECK(load_error(R"({"action_set": {"items": [1, 2], "choose": 3, "repeats": true})" + players) ==
          "(no error)");
    CHECK(load_error(R"({"action_set": {"items": [1, 2], "choose": "1/2"})" + players)
              .rfind("action_set.choose: expected a non-negative integer", 0) == 0);
    CHECK(load_error(R"({"action_set": {"items": [1, 2], "choose": 99999999999})" + players)
              .rfind("action_set.choose:", 0) == 0);
    CHECK(load_error(R"({"action_set": {"items": [1, 2], "repeats": 1})" + players) ==
          "action_set.repeats: expected true or false");
    CHECK(load_error(R"({"action_set": {"items": [1, "1/1"]})" + players)
              .rfind("action_set.items: duplicate item", 0) == 0);
    CHECK(load_error(R"({"action_set": {"interval": [0, 1], "choose": 1})" + players) ==
          "action_set.choose: only a finite action space (\"items\") has this key");
    CHECK(load_error(R"({"dimension": 2, "action_set": {"items": [[1, 2], [3]]})" + players)
              .rfind("action_set.items[1]: expected 2 coordinates", 0) == 0);
    std::string many = "[0";
    for (int j = 1; j <= 100'000; ++j) many += "," + std::to_string(j);
    CHECK(load_error(R"({"action_set": {"items": )" + many + "]}" + players) ==
          "action_set.items: 100001 items exceed the limit of 100000");
}

TEST_CASE("achievable sums carry the number of selections", "[finite]") {
    FiniteChoice c{{v({"1"}), v({"2"}), v({"3"}), v({"4"})}, 2, false};
    std::vector<SumValue> sums = achievable_sums(c);
    std::vector<Vector> values;
    Integer total = 0;
    for (const SumValue& s : sums) values.push_back(s.sum), total += s.multiplicity;
    CHECK(values == std::vector<Vector>{v({"3"}), v({"4"}), v({"5"}), v({"6"}), v({"7"})});
    CHECK(sums[2].multiplicity == 2);  // 1+4 and 2+3
    CHECK(total == 6);
    c.repeats = true;
    total = 0;
    for (const SumValue& s : achievable_sums(c)) total += s.multiplicity;
    CHECK(total == 10);  // C(4 + 2 - 1, 2)
    CHECK(selections_with_sum(c, v({"5"}), 10) == std::vector<Selection>{{0, 3}, {1, 2}});
}

TEST_CASE("Example 5: at least C(m, k) pure equilibria, all with receiver 0, counted exactly",
          "[finite][paper]") {
    for (int m = 2; m <= 5; ++m)
        for (int k = 1; k <= std::min(m, 3); ++k) {
            Instance g = load_instance_text(example5(m, k));
            EnumerateOptions options;
            options.list = 1000;
            EnumerationResult r = enumerate_pure_equilibria(g, options);
            INFO("m = " << m << ", k = " << k);
            CHECK(r.count >= binomial(m, k));
            CHECK(r.count == brute_force_count(g));
            CHECK(count_with(g, EnumerateOptions::Method::receivers) == r.count);
            CHECK(count_with(g, EnumerateOptions::Method::exhaustive) == r.count);
            REQUIRE(r.listed.size() == std::min<std::size_t>(1000, r.count.convert_to<std::size_t>()));
            for (const PureEquilibrium& e : r.listed) CHECK(e.receiver == v({"0"}));
        }
}

TEST_CASE("Example 5 file: 48 pure equilibria for m = 4, k = 2 (brute force agrees)", "[finite][paper]") {
    Instance g = load_instance_file(std::string(BIGCERT_SOURCE_DIR) + "/examples/paper-ex5-m4-k2.json");
    CHECK(enumerate_pure_equilibria(g).count == 48);
    CHECK(brute_force_count(g) == 48);
    Solution s = solve(g);
    CHECK(s.exact_count == "48");
    CHECK(s.receiver == v({"0"}));
    CHECK(check_finite_equilibrium(g, {selection_from_items(g.set_of(0).as_finite(), s.chosen_items[0], "a"),
                                       selection_from_items(g.set_of(1).as_finite(), s.chosen_items[1], "b")})
              .ok);
}

TEST_CASE("randomized: every counting method equals the brute force", "[finite][random]") {
    std::mt19937 rng(20260);
    int nontrivial = 0;
    for (int round = 0; round < 300; ++round) {
        std::string json = random_finite_game(rng);
        INFO(json);
        Instance g = load_instance_text(json);
        Integer expected = brute_force_count(g);
        EnumerateOptions options;
        options.list = 50;
        EnumerationResult automatic = enumerate_pure_equilibria(g, options);
        CHECK(automatic.count == expected);
        CHECK(automatic.listed.size() == std::min<std::size_t>(50, expected.convert_to<std::size_t>()));
        if (g.loss == Loss::squared) {
            if (g.dimension == 1) CHECK(count_with(g, EnumerateOptions::Method::sweep) == expected);
            CHECK(count_with(g, EnumerateOptions::Method::receivers) == expected);
            CHECK(count_with(g, EnumerateOptions::Method::exhaustive) == expected);
        }
        CHECK(expected >= 1);  // Proposition 6: a finite potential game has a pure equilibrium
        nontrivial += expected > 1 ? 1 : 0;
        Solution s = solve(g);
        CHECK(s.exact_count == expected.str());
    }
    CHECK(nontrivial > 30);  // the sample exercises games with several equilibria
}

TEST_CASE("listed equilibria are distinct and pass the exact check; a non-equilibrium fails it", "[finite]") {
    Instance g = load_instance_text(example5(4, 2));
    EnumerateOptions options;
    options.list = 100;
    EnumerationResult r = enumerate_pure_equilibria(g, options);
    std::set<std::vector<Selection>> distinct;
    for (const PureEquilibrium& e : r.listed) distinct.insert(e.selections);
    CHECK(distinct.size() == r.listed.size());
    // Both players at their first two items: receiver (-4 - 8 - 4 - 8)/4 = -6, player 2 (target 1/4)
    // improves.
    CheckReport bad = check_finite_equilibrium(g, {{0, 1}, {0, 1}});
    CHECK_FALSE(bad.ok);
    CHECK(bad.failure.find("lower its loss") != std::string::npos);
    CHECK_FALSE(check_finite_equilibrium(g, {{0, 0}, {0, 1}}).ok);  // a repeat without repeats
}

TEST_CASE("200 Likert players with distinct targets: counted by the sweep, cross-checked by the receiver DP",
          "[finite][large]") {
    std::mt19937 rng(7);
    std::string json = R"({"action_set": {"items": [1, 2, 3, 4, 5]}, "players": [)";
    std::vector<int> grid(4000);
    for (int j = 0; j < 4000; ++j) grid[j] = 1000 + j;
    std::shuffle(grid.begin(), grid.end(), rng);
    for (int i = 0; i < 200; ++i)
        json += (i ? ", " : "") + std::string("{\"target\": \"") + std::to_string(grid[i]) +
                "/1000\", \"weight\": \"1/200\"}";
    Instance g = load_instance_text(json + "]}");
    Integer sweep = count_with(g, EnumerateOptions::Method::sweep);
    CHECK(sweep >= 1);
    CHECK(count_with(g, EnumerateOptions::Method::receivers) == sweep);
}

TEST_CASE("inner-product loss on finite sets: the count is a product of dominant choices",
          "[finite][inner]") {
    Instance g = load_instance_text(R"({"loss": "inner", "dimension": 2,
        "action_set": {"items": [[1, 0], [0, 1], [1, 1], [-1, 2]], "choose": 2},
        "players": [{"target": [1, 0]}, {"target": [0, 1]}, {"target": [0, 0]}]})");
    // Player 1 maximises the first coordinate of its sum: {(1,0), (1,1)} only -> 1 way.
    // Player 2 maximises the second: {(1,1), (-1,2)} and {(0,1), (-1,2)} -> 2 ways.
    // Player 3 is indifferent: C(4,2) = 6 ways. 1 * 2 * 6 = 12.
    CHECK(enumerate_pure_equilibria(g).count == 12);
    CHECK(brute_force_count(g) == 12);
}

TEST_CASE("clustered Likert targets (many ties): the sweep equals the exhaustive walk", "[finite][large]") {
    for (const char* weights : {"1/7", "random"}) {
        std::mt19937 rng(31);
        std::string json = R"({"action_set": {"items": [1, 2, 3, 4, 5]}, "players": [)";
        std::vector<int> grid(60);
        for (int j = 0; j < 60; ++j) grid[j] = 29970 + j;  // targets within 3/1000 of 3
        std::shuffle(grid.begin(), grid.end(), rng);
        for (int i = 0; i < 7; ++i) {
            std::string w = std::string(weights) == "random" ? std::to_string(1 + i % 4) + "/20" : weights;
            json += (i ? ", " : "") + std::string("{\"target\": \"") + std::to_string(grid[i]) +
                    "/10000\", \"weight\": \"" + w + "\"}";
        }
        Instance g = load_instance_text(json + "]}");
        Integer sweep = count_with(g, EnumerateOptions::Method::sweep);
        INFO(json);
        CHECK(sweep > 100);
        CHECK(count_with(g, EnumerateOptions::Method::exhaustive) == sweep);
    }
}
