// The box route's loss reducer (src/io/box_loss.hpp) against GMP: whenever it answers, Σ_c o_c² in lowest
// terms exactly as Rational computes it; it must answer on denominators made of small primes (the common
// case it exists for) and decline, never guess, where its premises fail.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "bigcert/core/small_fraction.hpp"
#include "io/box_loss.hpp"

using namespace bigcert;

namespace {

std::string written(unsigned __int128 value) {
    std::string digits;
    do digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(value % 10))), value /= 10;
    while (value != 0);
    return digits;
}

// The reducer's answer as to_string writes a Rational ("n" or "n/d"); "declined" when it declines.
std::string reduced(BoxLossReducer& reducer, const std::vector<SmallFraction>& offsets) {
    BoxLossReducer::U128 num = 0, den = 0;
    if (!reducer.loss(offsets.data(), num, den)) return "declined";
    return den == 1 ? written(num) : written(num) + "/" + written(den);
}

std::string exact(const std::vector<SmallFraction>& offsets) {
    Rational sum = 0;
    for (const SmallFraction& o : offsets) sum += to_rational(o) * to_rational(o);
    return to_string(sum);
}

SmallFraction fraction(std::int64_t num, std::int64_t den) {
    SmallFraction f;
    REQUIRE(make_small_fraction(num, den, f));
    return f;
}

// A denominator from small primes (with high powers of 2 and 5 as in decimal receivers), sometimes times a
// prime above 256 (a rough part), kept below 2^40 so that most losses fit.
std::int64_t random_denominator(std::mt19937_64& rng, bool rough) {
    static const std::int64_t primes[] = {2, 3, 5, 7, 11, 13, 251, 241};
    std::int64_t den = 1;
    const int factors = static_cast<int>(rng() % 7);
    for (int k = 0; k < factors; ++k) {
        const std::int64_t p = primes[rng() % 8];
        if (den < (std::int64_t{1} << 36) / p) den *= p;
    }
    if (rough) den *= rng() % 2 ? 257 : 65537;
    return den;
}

}  // namespace

TEST_CASE("box losses: the reducer agrees with GMP on random smooth and rough denominators", "[box_loss]") {
    std::mt19937_64 rng(2026);
    std::size_t answered = 0, trials = 0;
    for (std::size_t d = 1; d <= 5; ++d) {
        // A full cache, and a 16-slot one whose entries are evicted all the time.
        BoxLossReducer reducer(d, d % 2 ? 4000 : 1);
        for (int trial = 0; trial < 4000; ++trial, ++trials) {
            std::vector<SmallFraction> offsets;
            for (std::size_t c = 0; c < d; ++c) {
                const bool rough = rng() % 6 == 0;
                const std::int64_t den = random_denominator(rng, rough);
                std::int64_t num = static_cast<std::int64_t>(rng() % 2000001) - 1000000;
                if (rng() % 10 == 0) num = 0;
                offsets.push_back(fraction(num, den));
            }
            // Repeated offsets make every prime tie, the case where cancellation happens most.
            if (d >= 2 && rng() % 4 == 0) offsets[1] = offsets[0];
            const std::string answer = reduced(reducer, offsets);
            if (answer == "declined") continue;
            ++answered;
            INFO("d = " << d << ", trial " << trial);
            REQUIRE(answer == exact(offsets));
        }
    }
    CHECK(answered > trials * 3 / 4);  // the fast path is taken on such inputs, not merely safe
}

TEST_CASE("box losses: cancellation, zeros, rough parts and bounds", "[box_loss]") {
    BoxLossReducer two(2, 10);
    CHECK(reduced(two, {fraction(1, 6), fraction(1, 6)}) == "1/18");
    CHECK(reduced(two, {fraction(1, 10), fraction(3, 10)}) == "1/10");
    CHECK(reduced(two, {fraction(7, 1 << 30), fraction(-9, 1 << 30)}) ==
          exact({fraction(7, 1 << 30), fraction(-9, 1 << 30)}));
    CHECK(reduced(two, {fraction(0, 1), fraction(0, 1)}) == "0");
    CHECK(reduced(two, {fraction(3, 1), fraction(0, 1)}) == "9");
    CHECK(reduced(two, {fraction(1, 257), fraction(1, 2)}) == exact({fraction(1, 257), fraction(1, 2)}));
    // Rough parts sharing a prime above 256: declined (the caller's gcds decide); coprime ones are taken.
    CHECK(reduced(two, {fraction(1, 257), fraction(1, 257)}) == "declined");
    CHECK(reduced(two, {fraction(1, 257 * 3), fraction(5, 263 * 3)}) ==
          exact({fraction(1, 257 * 3), fraction(5, 263 * 3)}));
    CHECK(reduced(two, {fraction(1, 257 * 263), fraction(5, 263 * 269)}) == "declined");
    // More than eight distinct small primes in one denominator: declined.
    CHECK(reduced(two, {fraction(1, 2 * 3 * 5 * 7 * 11 * 13 * 17 * 19 * 23), fraction(1, 1)}) == "declined");
    // L = lcm ≥ 2^63 or a numerator beyond 2^127: declined, never wrapped.
    CHECK(reduced(two, {fraction(1, std::int64_t{1} << 62), fraction(1, 3)}) == "declined");
    CHECK(reduced(two, {fraction(small_fraction_limit, 3), fraction(1, std::int64_t{1} << 61)}) ==
          "declined");
    BoxLossReducer three(3, 10);
    const std::vector<SmallFraction> tied = {fraction(1, 250000), fraction(3, 125000), fraction(-7, 250000)};
    CHECK(reduced(three, tied) == exact(tied));
}
