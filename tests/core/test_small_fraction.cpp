// SmallFraction (the d = 1 fast path's number) against Rational: same values, and every result that
// leaves the range reported, never wrapped.
#include <catch2/catch.hpp>
#include <random>

#include "bigcert/core/small_fraction.hpp"

using namespace bigcert;

namespace {

// Magnitudes from tiny to the edge of the range, so that both in-range and overflowing results occur.
SmallFraction random_fraction(std::mt19937_64& rng) {
    auto magnitude = [&]() -> std::int64_t {
        int bits = std::uniform_int_distribution<int>(1, 62)(rng);
        std::int64_t top = bits == 62 ? small_fraction_limit : (std::int64_t{1} << bits);
        return std::uniform_int_distribution<std::int64_t>(1, top)(rng);
    };
    std::int64_t num = magnitude() * (rng() % 2 ? 1 : -1), den = magnitude();
    if (rng() % 8 == 0) num = 0;
    SmallFraction f;
    REQUIRE(make_small_fraction(num, den, f));
    return f;
}

// `ok` and the value must match the exact result: in range exactly when reported so.
void check_result(bool ok, const SmallFraction& out, const Rational& exact) {
    std::optional<SmallFraction> expected = small_fraction_of(exact);
    REQUIRE(ok == expected.has_value());
    if (ok) CHECK(to_rational(out) == exact);
}

std::string written(const SmallFraction& f) {
    char text[48];
    return std::string(text, write_small_fraction(text, f));
}

std::string written_squared(const SmallFraction& f) {
    char text[96];
    return std::string(text, write_small_fraction_squared(text, f));
}

}  // namespace

TEST_CASE("SmallFraction arithmetic agrees with Rational and reports every overflow", "[small_fraction]") {
    std::mt19937_64 rng(2024);
    int overflows = 0, fits = 0;
    for (int round = 0; round < 20000; ++round) {
        SmallFraction a = random_fraction(rng), b = random_fraction(rng), out;
        Rational x = to_rational(a), y = to_rational(b);
        CHECK(compare(a, b) == (x < y ? -1 : (y < x ? 1 : 0)));
        bool ok = add(a, b, out);
        check_result(ok, out, x + y);
        ok ? ++fits : ++overflows;
        check_result(subtract(a, b, out), out, x - y);
        check_result(multiply(a, b, out), out, x * y);
        if (sign(b) != 0)
            check_result(divide(a, b, out), out, x / y);
        else
            CHECK_FALSE(divide(a, b, out));
    }
    CHECK(overflows > 1000);  // both branches were exercised
    CHECK(fits > 1000);
}

TEST_CASE("SmallFraction edge values: the range limit and canonical signs", "[small_fraction]") {
    SmallFraction f;
    CHECK(make_small_fraction(small_fraction_limit, 1, f));
    CHECK_FALSE(make_small_fraction(static_cast<__int128>(small_fraction_limit) + 1, 1, f));
    CHECK(make_small_fraction(static_cast<__int128>(small_fraction_limit) * 2, 2, f));  // reduces into range
    CHECK(make_small_fraction(3, -6, f));
    CHECK(f == SmallFraction{-1, 2});
    CHECK_FALSE(make_small_fraction(1, 0, f));
    SmallFraction top{small_fraction_limit, 1}, one{1, 1};
    CHECK_FALSE(add(top, one, f));  // 2^62 + 1 is out of range: reported, not wrapped
    CHECK(subtract(top, one, f));
    CHECK(f == SmallFraction{small_fraction_limit - 1, 1});
    SmallFraction a{1, small_fraction_limit - 1}, b{1, small_fraction_limit - 3};
    CHECK_FALSE(add(a, b, f));  // denominator ~2^124
    CHECK_FALSE(small_fraction_of(to_rational(top) + 1).has_value());
    CHECK(small_fraction_of(to_rational(SmallFraction{-5, 7})) == SmallFraction{-5, 7});
}

TEST_CASE("SmallFraction text: parsed as parse_rational parses it, written as to_string writes it",
          "[small_fraction]") {
    NumberLimits limits;
    for (const char* text : {"0", "-0", "+5", "17", "-7/3", "6/4", "0.25", "-0.125", "007", "1.50",
                             "123456789012345678", "123456789012345678/999999999999999999", "-0/5"}) {
        SmallFraction f;
        std::optional<Rational> exact = parse_rational(text, limits);
        if (parse_small_fraction(text, limits, f)) {
            REQUIRE(exact.has_value());
            CHECK(to_rational(f) == *exact);
        }
    }
    // Outside the fast syntax (or invalid): declined, and parse_rational decides.
    for (const char* text : {"1e5", "2.5E-3", "1234567890123456789", "1/0", "1/-2", "1.", ".5", "", "-",
                             "abc", "1/2/3", "0x10", " 1"}) {
        SmallFraction f;
        CHECK_FALSE(parse_small_fraction(text, limits, f));
    }
    NumberLimits tight;
    tight.max_digits = 3;
    SmallFraction f;
    CHECK_FALSE(parse_small_fraction("1234", tight, f));  // the limit still applies
    CHECK(parse_small_fraction("123", tight, f));

    std::mt19937_64 rng(7);
    for (int round = 0; round < 5000; ++round) {
        SmallFraction v = random_fraction(rng);
        Rational x = to_rational(v);
        CHECK(written(v) == to_string(x));
        CHECK(written_squared(v) == to_string(x * x));
        // Digit runs of at most 18 digits are read back; longer ones are declined (parse_rational's job).
        const std::int64_t eighteen_digits = 999'999'999'999'999'999;
        bool short_enough = (v.num < 0 ? -v.num : v.num) <= eighteen_digits && v.den <= eighteen_digits;
        SmallFraction back;
        CHECK(parse_small_fraction(written(v), limits, back) == short_enough);
        if (short_enough) CHECK(back == v);
    }
}
