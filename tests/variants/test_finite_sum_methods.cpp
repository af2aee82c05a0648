// The walk and the receiver DP for finite games in any dimension (solver/sum_profile_count.hpp): exact
// counts against the exhaustive walk and the brute force, the int64 and the big-integer paths, the
// automatic choice, and the up-front refusal of counts out of reach.
#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "bigcert/core/errors.hpp"
#include "bigcert/solver/enumeration.hpp"
#include "variant_helpers.hpp"

using namespace bigcert;
using namespace variant_test;

namespace {

// Random games with d in {1, 2, 3}, mostly with repeats, items on a small grid (so many strategies share a
// sum), targets on a half-integer grid (ties between best responses), weights of both signs and zero, and
// sometimes a bias. `huge` multiplies every item by 10^15 (and divides the weights by it), which forces
// the big-integer path.
std::string random_game(std::mt19937& rng, bool huge) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const int n = pick(1, 4), d = pick(1, 3);
    const std::string scale = huge ? "000000000000000" : "";
    auto vec = [&](int lo, int hi, int denominator, const std::string& suffix) {
        std::string s = "[";
        for (int j = 0; j < d; ++j)
            s += (j ? ", " : "") + std::string("\"") + std::to_string(pick(lo, hi)) + suffix + "/" +
                 std::to_string(denominator) + "\"";
        return s + "]";
    };
    auto set = [&] {
        const int m = pick(1, 4);
        const bool repeats = pick(0, 9) < 7;
        std::string s = "{\"items\": [";
        std::vector<std::string> items;
        while (static_cast<int>(items.size()) < m) {
            std::string item = vec(-2, 2, 1, scale);
            if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
        }
        for (std::size_t j = 0; j < items.size(); ++j) s += (j ? ", " : "") + items[j];
        return s + "], \"choose\": " + std::to_string(pick(1, repeats ? 3 : m)) +
               ", \"repeats\": " + (repeats ? "true" : "false") + "}";
    };
    const char* weights[] = {"1", "1/2", "-1/2", "0", "2", "-1", "1/3"};
    std::string json = "{\"dimension\": " + std::to_string(d) + ", \"action_set\": " + set();
    if (pick(0, 9) < 3) json += ", \"bias\": {\"weight\": \"1/2\", \"point\": " + vec(-2, 2, 1, scale) + "}";
    json += ", \"players\": [";
    for (int i = 0; i < n; ++i) {
        std::string w = weights[pick(0, 6)];
        if (huge && w != "0") w += "000000000000000";  // w * 10^15 ... made exact below
        if (huge && w != "0") w = w.substr(0, w.find('/') == std::string::npos ? w.size() : w.find('/'));
        json += (i ? ", " : "") + std::string("{\"target\": ") + vec(-6, 6, 2, scale) + ", \"weight\": \"" +
                (huge && w != "0" ? w + "/1000000000000000000000000000000" : w) + "\"";
        if (pick(0, 1)) json += ", \"action_set\": " + set();
        json += "}";
    }
    return json + "]}";
}

EnumerationResult run(const Instance& g, EnumerateOptions::Method method, std::size_t list = 0) {
    EnumerateOptions options;
    options.method = method;
    options.list = list;
    return enumerate_pure_equilibria(g, options);
}

std::string limit_error(const Instance& g, EnumerateOptions options) {
    try {
        enumerate_pure_equilibria(g, options);
    } catch (const LimitError& e) {
        return e.what();
    }
    return "(no error)";
}

// A fuzz finding: items (1,0), (0,1), (-1,-1), choose k with repeats, for two players; a third
// chooses 1 of 3 single items.
std::string plane_game(int k) {
    return "{\"dimension\": 2, \"action_set\": {\"items\": [[1, 0], [0, 1], [-1, -1]], \"choose\": " +
           std::to_string(k) +
           ", \"repeats\": true}, \"players\": [{\"target\": [\"7/3\", \"-5/2\"], \"weight\": \"1/2\"}, "
           "{\"target\": [-4, \"3/2\"], \"weight\": 1}, {\"target\": [1, 1], \"weight\": 2, \"action_set\": "
           "{\"items\": [[2, 1], [-1, 3], [0, -2]], \"choose\": 1}}]}";
}

}  // namespace

TEST_CASE("walk and receiver DP equal the exhaustive walk and the brute force (d = 1, 2, 3)",
          "[finite][random][sums]") {
    using Method = EnumerateOptions::Method;
    for (bool huge : {false, true}) {
        std::mt19937 rng(huge ? 77 : 2026);
        int several = 0;
        for (int round = 0; round < (huge ? 60 : 250); ++round) {
            const std::string json = random_game(rng, huge);
            INFO(json);
            Instance g = load_instance_text(json);
            const Integer expected = brute_force_count(g);
            CHECK(run(g, Method::exhaustive).count == expected);
            for (Method method : {Method::walk, Method::receivers, Method::automatic}) {
                EnumerationResult r = run(g, method, 20);
                CHECK(r.count == expected);
                CHECK(r.listed.size() == std::min<std::size_t>(20, expected.convert_to<std::size_t>()));
                for (const PureEquilibrium& e : r.listed) CHECK(check_finite_equilibrium(g, e.selections).ok);
            }
            several += expected > 1 ? 1 : 0;
        }
        CHECK(several > (huge ? 5 : 25));  // games with several equilibria (ties, duplicate sums) occur
    }
}

TEST_CASE("the slow finite plane game of the fuzz table is counted by the walk", "[finite][sums]") {
    using Method = EnumerateOptions::Method;
    Instance small = load_instance_text(plane_game(12));
    const Integer expected = run(small, Method::exhaustive).count;
    CHECK(run(small, Method::walk).count == expected);
    CHECK(run(small, Method::receivers).count == expected);
    // choose 52: 1,431 sums for each of the two large players. The receiver DP used to be the automatic
    // choice here and took minutes; the estimate now picks the walk (about 4,300 profiles).
    Instance large = load_instance_text(plane_game(52));
    EnumerationResult r = run(large, Method::automatic, 1);
    CHECK(r.method == "profile-walk");
    CHECK(r.count == run(large, Method::receivers).count);
    REQUIRE(r.listed.size() == 1);
    CHECK(check_finite_equilibrium(large, r.listed[0].selections).ok);
}

TEST_CASE("a count out of reach is refused up front, naming the flag and the estimate",
          "[finite][sums][errors]") {
    // 12 players, each choosing 30 of 5 plane items with repeats: about 10^34 walk profiles and 10^5
    // receivers; with a small work cap both are refused before any counting.
    std::string players;
    for (int i = 0; i < 12; ++i)
        players += (i ? ", " : "") + std::string("{\"target\": [") + std::to_string(i) +
                   ", \"1/3\"], \"weight\": 1}";
    Instance g = load_instance_text(
        "{\"dimension\": 2, \"action_set\": {\"items\": [[1, 0], [0, 1], [-1, 0], [0, -1], [1, 1]], "
        "\"choose\": 30, "
        "\"repeats\": true}, \"players\": [" +
        players + "]}");
    EnumerateOptions options;
    options.max_work = 1'000'000;
    const std::string message = limit_error(g, options);
    CHECK(message.find("--max-work") != std::string::npos);
    CHECK(message.find("receivers") != std::string::npos);
    options.method = EnumerateOptions::Method::walk;
    options.max_work = 10'000'000'000;
    CHECK(limit_error(g, options).find("--max-work") != std::string::npos);
}
