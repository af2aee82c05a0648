#include <catch2/catch.hpp>
#include <random>

#include "bigcert/core/exact_sum.hpp"
#include "bigcert/core/rational.hpp"

using namespace bigcert;

static Rational q(const char* text) { return *parse_rational(text); }

TEST_CASE("numbers are read exactly from their text", "[rational]") {
    CHECK(to_string(q("3")) == "3");
    CHECK(to_string(q("-0")) == "0");
    CHECK(to_string(q("0.1")) == "1/10");
    CHECK(to_string(q("2.5e-3")) == "1/400");
    CHECK(to_string(q("2.5E+3")) == "2500");
    CHECK(to_string(q("-7/3")) == "-7/3");
    CHECK(to_string(q("6/4")) == "3/2");
    CHECK(to_string(q("-0.25")) == "-1/4");
    CHECK(to_string(q("123456789012345678901234567890")) == "123456789012345678901234567890");
    CHECK(to_string(q("0.000000000000000000000000000001")) == "1/1000000000000000000000000000000");
    // 0.1 is 1/10 exactly, not the double 0.1000000000000000055...
    CHECK(q("0.1") * 10 == 1);
}

TEST_CASE("huge and tiny exponents stay exact within the limits", "[rational]") {
    Rational big = q("1e1000"), tiny = q("1e-1000");
    CHECK(big * tiny == 1);
    CHECK(to_string(big).size() == 1001);
}

TEST_CASE("malformed numbers are rejected", "[rational]") {
    for (const char* bad : {"",     "abc", "1/0", "0/0", "1/",  "/2",          "1.2.3", "1e", "--1", "1/-2",
                            "0x10", "1 ",  " 1",  "NaN", "inf", "1e999999999", "1/2/3", ".",  "e5",  "1.5/2"})
        CHECK_FALSE(parse_rational(bad).has_value());
    NumberLimits tight;
    tight.max_digits = 5;
    CHECK_FALSE(parse_rational("123456", tight).has_value());
    CHECK(parse_rational("12345", tight).has_value());
}

TEST_CASE("exact sums agree with term-by-term GMP sums", "[exact-sum]") {
    std::mt19937_64 rng(7);
    for (int round = 0; round < 20; ++round) {
        ExactSum fast;
        Rational slow = 0;
        int terms = 1 + static_cast<int>(rng() % 3000);
        for (int k = 0; k < terms; ++k) {
            long long num = static_cast<long long>(rng() % 2000001) - 1000000;
            long long den = 1 + static_cast<long long>(rng() % 1000);
            Rational a = make_rational(num, den), b = make_rational(1 + static_cast<long long>(rng() % 999),
                                                                    1 + static_cast<long long>(rng() % 97));
            if (k % 50 == 0) a *= q("1e40");  // terms beyond 64 bits take the GMP path
            if (k % 2) {
                fast.add_product(a, b);
                slow += a * b;
            } else {
                fast.add(a);
                slow += a;
            }
        }
        CHECK(fast.value() == slow);
    }
}

TEST_CASE("exact sums survive 128-bit overflow of a bucket", "[exact-sum]") {
    ExactSum sum;
    Rational expected = 0;
    Rational big = make_rational((1LL << 62) - 1, 3);
    for (int k = 0; k < 100000; ++k) {
        sum.add_product(big, big);
        expected += big * big;
    }
    CHECK(sum.value() == expected);
}

TEST_CASE("exact sums survive 128-bit overflow while merging interleaved denominators", "[exact-sum]") {
    // Interleaved denominators: no run merges on the spot, so equal denominators meet (and overflow) only
    // when the list is sorted and merged; a second sum merged in, and values read mid-way, must not change
    // the total.
    ExactSum sum, other;
    Rational expected = 0;
    Rational big = make_rational((1LL << 62) - 1, 1);
    for (int k = 0; k < 20000; ++k) {
        Rational b =
            make_rational(k % 2 ? -((1LL << 62) - 3) : (1LL << 62) - 5, 3 + k % 5);  // products ~2^124
        (k % 3 ? sum : other).add_product(big * (k % 7 == 0 ? -1 : 1), b);
        expected += big * (k % 7 == 0 ? -1 : 1) * b;
        if (k == 5000) CHECK(sum.value() + other.value() == expected);
    }
    sum.merge(other);
    CHECK(sum.value() == expected);
}

TEST_CASE("exact sums over a few hundred alternating denominators agree with term-by-term sums",
          "[exact-sum]") {
    // Weights k/m with different k: the denominators alternate among a few hundred values, so terms meet
    // their bucket through the table of recent denominators, and some of those merges overflow 128 bits.
    std::mt19937_64 rng(13);
    ExactSum fast;
    Rational slow = 0;
    for (int k = 0; k < 60000; ++k) {
        const long long den = 1000 + static_cast<long long>(rng() % 300);
        const long long num = k % 97 == 0 ? (1LL << 62) - 1 - static_cast<long long>(rng() % 1000)
                                          : static_cast<long long>(rng() % 2001) - 1000;
        const Rational a = make_rational(num, den), b = make_rational(k % 97 == 0 ? (1LL << 62) - 7 : 3, 1);
        fast.add_product(a, b);
        slow += a * b;
        if (k == 30000) CHECK(fast.value() == slow);
    }
    CHECK(fast.value() == slow);
}

TEST_CASE("exact sums over many coprime denominators agree with term-by-term sums", "[exact-sum]") {
    // Large, mostly coprime denominators make the common denominator outgrow its bound: the pairwise sum
    // takes over; small shared ones keep it short. Both must give the term-by-term value.
    std::mt19937_64 rng(11);
    for (int round = 0; round < 6; ++round) {
        ExactSum fast;
        Rational slow = 0;
        const bool coprime = round % 2 == 0;
        for (int k = 0; k < 1500; ++k) {
            long long den =
                coprime ? static_cast<long long>(rng() >> 3) | 1 : 1 + static_cast<long long>(rng() % 64);
            long long num = static_cast<long long>(rng() >> 2) * (k % 3 ? 1 : -1);
            Rational term = make_rational(num, den);
            fast.add(term);
            slow += term;
        }
        CHECK(fast.value() == slow);
    }
}
