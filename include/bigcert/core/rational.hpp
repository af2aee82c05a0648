// Exact numbers: one rational type for the whole library (GMP through Boost.Multiprecision).
#pragma once

#include <boost/multiprecision/gmp.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bigcert {

// Expression templates are off: `auto s = a + b;` must hold a value, not a lazy expression (TOOLING.md).
using Rational =
    boost::multiprecision::number<boost::multiprecision::gmp_rational, boost::multiprecision::et_off>;
using Integer = boost::multiprecision::number<boost::multiprecision::gmp_int, boost::multiprecision::et_off>;

// Guards against absurd inputs such as "1e999999999" that would exhaust memory.
struct NumberLimits {
    std::size_t max_digits = 20000;  // digits in the text of one number
    long max_exponent = 20000;       // |e| in decimal exponent notation
};

// Reads an integer ("-3"), a decimal ("0.1", "2.5e-3") or a fraction ("-7/3") from its text, exactly.
// Returns nullopt when the text is not such a number (including a zero denominator) or breaks the limits.
std::optional<Rational> parse_rational(std::string_view text, const NumberLimits& limits = {});

// True when the text has the shape of a number (integer, decimal, fraction) whatever its size: tells a
// number beyond the limits ("1e99999999") apart from a malformed one ("abc").
bool has_number_syntax(std::string_view text);

// Lowest terms: "4", "-7/3".
std::string to_string(const Rational& value);

// Nearest double; for labelled approximations and for floating-point guesses only.
double to_double(const Rational& value);

// A decimal approximation with `digits` significant digits, for human-readable output.
std::string to_decimal_approximation(const Rational& value, int digits = 10);

int sign(const Rational& value);

// Builds num/den from machine integers (den > 0) without any string conversion.
Rational make_rational(long long numerator, long long denominator = 1);

}  // namespace bigcert
