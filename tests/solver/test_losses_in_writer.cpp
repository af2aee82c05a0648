// d = 1 on the GMP path with SolveOptions::losses_in_writer: write_solution_json writes every loss
// (x̂* − t_i)² from x̂* and t_i (line_loss_text.hpp) and must give the same bytes as when solve() forms the
// losses and the writer prints them with to_string. Receivers with hundreds of digits, zero, integers,
// negative; targets equal to the receiver, sharing or not sharing the receiver's denominator, with
// numerators or denominators beyond the fast bounds (the exact fallback), decimals and integers.
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

std::string solution_text(const Instance& instance, bool losses_in_writer) {
    SolveOptions options;
    options.machine_integers = false;  // the GMP path, whatever the size of the numbers
    options.losses_in_writer = losses_in_writer;
    Solution solution = solve(instance, options);
    CHECK(solution.losses.size() == (losses_in_writer ? 0 : instance.players.size()));
    std::ostringstream out;
    write_solution_json(out, instance, solution);
    return out.str();
}

void require_same_losses(const std::string& json) {
    Instance instance = load_instance_text(json);
    REQUIRE(solution_text(instance, true) == solution_text(instance, false));
}

long pick(std::mt19937& rng, long lo, long hi) { return std::uniform_int_distribution<long>(lo, hi)(rng); }

// An integer of about `digits` digits whose prime factors are mostly small (2, 3, 5, 7, 11, 13), so that
// many targets' denominators divide it, as in a receiver summed from many small fractions.
Integer smooth_integer(std::mt19937& rng, int digits) {
    static const int primes[] = {2, 3, 5, 7, 11, 13, 101, 997};
    Integer value = 1;
    while (value.str().size() < static_cast<std::size_t>(digits)) value *= primes[pick(rng, 0, 7)];
    if (pick(rng, 0, 3) == 0) value += 1;  // sometimes coprime to everything small
    return value;
}

std::string receiver_text(std::mt19937& rng) {
    switch (pick(rng, 0, 5)) {
        case 0:
            return "0";
        case 1:
            return std::to_string(pick(rng, -50, 50));
        case 2:
            return std::to_string(pick(rng, -50, 50)) + "/" + std::to_string(pick(rng, 1, 360));
        default: {
            int digits = static_cast<int>(pick(rng, 20, 400));
            Integer den = smooth_integer(rng, digits), num = smooth_integer(rng, digits) + pick(rng, 0, 9);
            if (pick(rng, 0, 1)) num = -num;
            return to_string(Rational(num) / Rational(den));
        }
    }
}

std::string target_text(std::mt19937& rng, const std::string& receiver) {
    switch (pick(rng, 0, 9)) {
        case 0:
            return receiver;  // loss 0
        case 1:  // beyond the fast bounds: a big numerator, a denominator beyond 2^31, a huge number
            return std::to_string(pick(rng, -3'000'000, 3'000'000)) + "/" +
                   std::to_string(pick(rng, 1, 1000));
        case 2:
            return "1/" + std::to_string(pick(rng, 1L << 31, 1L << 40));
        case 3:
            return receiver + "3";
        case 4:
            return std::to_string(pick(rng, -40000, 40000)) + "/" + std::to_string(pick(rng, 1, 65536));
        default: {  // small: denominators made of small primes, like the receiver's
            long den = 1;
            for (int k = static_cast<int>(pick(rng, 0, 4)); k > 0; --k) den *= pick(rng, 2, 13);
            return std::to_string(pick(rng, -5 * den, 5 * den)) + "/" + std::to_string(den);
        }
    }
}

}  // namespace

TEST_CASE("losses written from a given receiver match to_string of each loss", "[losses-in-writer]") {
    std::mt19937 rng(20261202);
    for (int round = 0; round < 300; ++round) {
        // Weightless players around a bias fix the receiver at r exactly: x̂* = 1·r.
        const std::string r = receiver_text(rng);
        std::string json =
            "{\"format\": \"bigcert/1\", \"dimension\": 1, \"bias\": {\"weight\": 1, \"point\": [\"" + r +
            "\"]}, \"action_set\": {\"interval\": [-1, 1]}, \"players\": [";
        const int n = static_cast<int>(pick(rng, 1, 40));
        for (int i = 0; i < n; ++i)
            json +=
                std::string(i ? ", " : "") + "{\"target\": \"" + target_text(rng, r) + "\", \"weight\": 0}";
        json += "]}";
        INFO(json.substr(0, 600));
        require_same_losses(json);
    }
}

TEST_CASE("solved 1-D games with big receivers write the same losses both ways", "[losses-in-writer]") {
    std::mt19937 rng(18);
    for (int round = 0; round < 60; ++round) {
        // Per-player intervals, rational weights of many denominators (some negative, some zero), a bias:
        // the receiver's denominator grows with n, as in bench/solve_bench_gen.py's "hard" instances.
        const int n = static_cast<int>(pick(rng, 1, 300));
        std::string json = "{\"format\": \"bigcert/1\", \"dimension\": 1, \"bias\": {\"weight\": \"" +
                           std::to_string(pick(rng, -3, 3)) + "/7\", \"point\": [\"1/3\"]}, \"players\": [";
        std::string previous;
        for (int i = 0; i < n; ++i) {
            long lo_den = pick(rng, 1, 30), lo = pick(rng, -3 * lo_den, lo_den);
            long hi_den = pick(rng, 1, 30), hi = pick(rng, (lo * hi_den) / lo_den + 1, 3 * hi_den);
            long w_den = pick(rng, 500, 1000) * n,
                 w = pick(rng, 0, 19) == 0 ? -pick(rng, 1, 1000) : pick(rng, 0, 1000);
            std::string t = std::to_string(pick(rng, -5000, 5000)) + "/" + std::to_string(pick(rng, 1, 1000));
            if (i > 0 && pick(rng, 0, 30) == 0) t = previous;  // a repeated target, a tie
            previous = t;
            json += std::string(i ? ", " : "") + "{\"target\": \"" + t + "\", \"weight\": \"" +
                    std::to_string(w) + "/" + std::to_string(w_den) +
                    "\", \"action_set\": {\"interval\": [\"" + std::to_string(lo) + "/" +
                    std::to_string(lo_den) + "\", \"" + std::to_string(hi) + "/" + std::to_string(hi_den) +
                    "\"]}}";
        }
        json += "]}";
        INFO(json.substr(0, 600));
        require_same_losses(json);
    }
}
