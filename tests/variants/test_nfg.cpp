// Gambit .nfg export: structure, and the pure equilibria read back from the table (an independent count:
// only the written payoffs are used) against enumerate.
#include <catch2/catch.hpp>
#include <sstream>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/nfg.hpp"
#include "bigcert/solver/enumeration.hpp"
#include "variant_helpers.hpp"

using namespace bigcert;
using namespace variant_test;

namespace {

struct NormalForm {
    std::vector<std::size_t> strategies;
    std::vector<std::vector<Rational>> payoffs;  // per profile (player 1 fastest), per player
};

// Reads the payoff version of NFG 1 R: header, strategy counts, comment string, payoff list.
NormalForm parse_nfg(const std::string& text) {
    REQUIRE(text.rfind("NFG 1 R \"", 0) == 0);
    NormalForm form;
    std::size_t counts_open = text.find("}\n{ ") + 3, counts_close = text.find('}', counts_open);
    std::istringstream counts(text.substr(counts_open, counts_close - counts_open));
    for (std::size_t c; counts >> c;) form.strategies.push_back(c);
    std::size_t comment_start = text.find('"', counts_close), comment_end = comment_start + 1;
    while (text[comment_end] != '"' || text[comment_end - 1] == '\\') ++comment_end;
    std::istringstream numbers(text.substr(comment_end + 1));
    std::vector<Rational> all;
    for (std::string token; numbers >> token;) all.push_back(*parse_rational(token));
    const std::size_t n = form.strategies.size();
    REQUIRE(all.size() % n == 0);
    for (std::size_t k = 0; k < all.size(); k += n)
        form.payoffs.emplace_back(all.begin() + k, all.begin() + k + n);
    return form;
}

Integer pure_equilibria_of_table(const NormalForm& form) {
    const std::size_t n = form.strategies.size();
    auto index = [&](const std::vector<std::size_t>& at) {
        std::size_t k = 0, stride = 1;
        for (std::size_t i = 0; i < n; ++i) k += at[i] * stride, stride *= form.strategies[i];
        return k;
    };
    Integer count = 0;
    for (std::size_t k = 0; k < form.payoffs.size(); ++k) {
        std::vector<std::size_t> at(n);
        for (std::size_t i = 0, rest = k; i < n; ++i)
            at[i] = rest % form.strategies[i], rest /= form.strategies[i];
        bool equilibrium = true;
        for (std::size_t i = 0; i < n && equilibrium; ++i) {
            std::vector<std::size_t> deviation = at;
            for (deviation[i] = 0; deviation[i] < form.strategies[i]; ++deviation[i])
                if (form.payoffs[index(deviation)][i] > form.payoffs[k][i]) equilibrium = false;
        }
        if (equilibrium) ++count;
    }
    return count;
}

}  // namespace

TEST_CASE("nfg: header, strategy counts, exact payoffs = negated losses", "[nfg]") {
    Instance g = load_instance_text(R"({"name": "tiny", "action_set": {"items": [0, 1, 3], "choose": 1},
        "players": [{"name": "a", "target": "1/3", "weight": "1/2"}, {"name": "b", "target": 2, "weight": "1/2"}]})");
    std::ostringstream out;
    write_nfg(out, g);
    std::string text = out.str();
    CHECK(text.rfind("NFG 1 R \"tiny\" { \"a\" \"b\" }\n{ 3 3 }\n", 0) == 0);
    NormalForm form = parse_nfg(text);
    REQUIRE(form.payoffs.size() == 9);
    // Profile (a plays 1, b plays 0) is index 1 (player 1 fastest): x̂ = 1/2, payoffs -(1/6)^2, -(3/2)^2.
    CHECK(form.payoffs[1] == std::vector<Rational>{q("-1/36"), q("-9/4")});
    CHECK(pure_equilibria_of_table(form) == enumerate_pure_equilibria(g).count);
}

TEST_CASE("nfg: pure equilibria of the table equal enumerate's count on random games", "[nfg][random]") {
    std::mt19937 rng(404);
    for (int round = 0; round < 80; ++round) {
        std::string json = random_finite_game(rng);
        INFO(json);
        Instance g = load_instance_text(json);
        std::ostringstream out;
        write_nfg(out, g);
        CHECK(pure_equilibria_of_table(parse_nfg(out.str())) == enumerate_pure_equilibria(g).count);
    }
}

TEST_CASE("nfg: too large tables are refused with their size", "[nfg][errors]") {
    Instance g = load_instance_text(R"({"action_set": {"items": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "choose": 5},
        "players": [{"target": 0}, {"target": 1}, {"target": 2}]})");
    NfgLimits limits;
    limits.max_payoffs = 1000;
    try {
        std::ostringstream out;
        write_nfg(out, g, limits);
        FAIL("no limit error");
    } catch (const LimitError& e) {
        CHECK(std::string(e.what()).find("16003008 profiles x 3 players = 48009024 payoffs") !=
              std::string::npos);
    }
}
