// Shared helpers of the variant tests: exact numbers from text, and an independent brute-force counter
// of pure equilibria that walks every profile of item selections (no sums, no multiplicities).
#pragma once

#include <functional>
#include <random>
#include <string>
#include <vector>

#include "bigcert/io/instance_loader.hpp"

namespace variant_test {

using namespace bigcert;

inline Rational q(const char* text) { return *parse_rational(text); }
inline Vector v(std::initializer_list<const char*> xs) {
    Vector r;
    for (const char* x : xs) r.push_back(q(x));
    return r;
}

// Every selection of every player, then every profile; a profile is an equilibrium when no player has a
// selection with a strictly lower loss. Exponential on purpose: it shares nothing with the solvers.
inline Integer brute_force_count(const Instance& instance) {
    const std::size_t n = instance.players.size();
    std::vector<std::vector<Vector>> sums(n);
    for (std::size_t i = 0; i < n; ++i) {
        const FiniteChoice& choice = instance.set_of(i).as_finite();
        for_each_selection(choice, [&](const std::vector<std::size_t>& selection) {
            Vector s(instance.dimension, Rational(0));
            for (std::size_t p : selection)
                for (std::size_t j = 0; j < instance.dimension; ++j) s[j] += choice.items[p][j];
            sums[i].push_back(s);
            return true;
        });
    }
    Integer count = 0;
    std::vector<std::size_t> at(n, 0);
    std::vector<Vector> profile(n);
    for (;;) {
        for (std::size_t i = 0; i < n; ++i) profile[i] = sums[i][at[i]];
        bool equilibrium = true;
        Vector r = instance.receiver(profile);
        for (std::size_t i = 0; i < n && equilibrium; ++i) {
            Rational current = instance.loss_of(i, r);
            for (const Vector& other : sums[i]) {
                std::vector<Vector> deviated = profile;
                deviated[i] = other;
                if (instance.loss_of(i, instance.receiver(deviated)) < current) {
                    equilibrium = false;
                    break;
                }
            }
        }
        if (equilibrium) ++count;
        std::size_t i = 0;
        while (i < n && ++at[i] == sums[i].size()) at[i++] = 0;
        if (i == n) return count;
    }
}

// A small random finite game as JSON: 1-4 players, d in {1, 2}, small integer items, mixed weights
// (including 0 and negative), optional repeats, bias and inner loss.
inline std::string random_finite_game(std::mt19937& rng, bool allow_inner = true) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const int n = pick(1, 4), d = pick(1, 3) == 3 ? 2 : 1;
    auto vec = [&](int lo, int hi, bool fraction) {
        std::string s = "[";
        for (int j = 0; j < d; ++j) {
            s += (j ? ", " : "") + std::string("\"") + std::to_string(pick(lo, hi));
            if (fraction) s += "/" + std::to_string(1 << pick(0, 2));
            s += "\"";
        }
        return s + "]";
    };
    auto set = [&] {
        int m = pick(1, 5);
        std::vector<std::string> items;
        while (static_cast<int>(items.size()) < m) {
            std::string item = vec(-3, 3, false);
            bool seen = false;
            for (const std::string& x : items) seen = seen || x == item;
            if (!seen) items.push_back(item);
        }
        bool repeats = pick(0, 9) < 3;
        int k = pick(1, repeats ? 3 : m);
        std::string s = "{\"items\": [";
        for (std::size_t j = 0; j < items.size(); ++j) s += (j ? ", " : "") + items[j];
        return s + "], \"choose\": " + std::to_string(k) + ", \"repeats\": " + (repeats ? "true" : "false") +
               "}";
    };
    const char* weights[] = {"1", "1/2", "-1/2", "0", "1/3", "2"};
    std::string json = "{\"dimension\": " + std::to_string(d) + ", \"action_set\": " + set();
    if (allow_inner && pick(0, 9) < 2) json += ", \"loss\": \"inner\"";
    if (pick(0, 9) < 3) json += ", \"bias\": {\"weight\": \"1/2\", \"point\": " + vec(-2, 2, false) + "}";
    json += ", \"players\": [";
    for (int i = 0; i < n; ++i) {
        json += (i ? ", " : "") + std::string("{\"target\": ") + vec(-8, 8, true) + ", \"weight\": \"" +
                weights[pick(0, 5)] + "\"";
        if (pick(0, 1)) json += ", \"action_set\": " + set();
        json += "}";
    }
    return json + "]}";
}

}  // namespace variant_test
