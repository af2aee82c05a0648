#include "bigcert/core/rational.hpp"

#include <gmp.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numeric>

namespace bigcert {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Splits an optionally signed run of digits; returns false on anything else.
bool parse_integer_text(std::string_view text, const NumberLimits& limits, Integer& out) {
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text.empty() || text.size() > limits.max_digits) return false;
    for (char c : text)
        if (!is_digit(c)) return false;
    if (text.size() <= 18) {
        long long v = 0;
        for (char c : text) v = v * 10 + (c - '0');
        out = negative ? -v : v;
        return true;
    }
    mpz_set_str(out.backend().data(), std::string(text).c_str(), 10);
    if (negative) out = -out;
    return true;
}

// The subset of parse_integer_text's inputs with at most 18 digits (same syntax, same value, no GMP).
bool parse_small_integer_text(std::string_view text, const NumberLimits& limits, long long& out) {
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text.empty() || text.size() > 18 || text.size() > limits.max_digits) return false;
    long long v = 0;
    for (char c : text) {
        if (!is_digit(c)) return false;
        v = v * 10 + (c - '0');
    }
    out = negative ? -v : v;
    return true;
}

Integer power_of_ten(long exponent) {
    Integer result;
    mpz_ui_pow_ui(result.backend().data(), 10, static_cast<unsigned long>(exponent));
    return result;
}

// Decimal literal: [sign] digits [. digits] [(e|E) [sign] digits], as JSON writes them (and a bit more).
std::optional<Rational> parse_decimal(std::string_view text, const NumberLimits& limits) {
    bool negative = false;
    std::size_t pos = 0;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
    std::string digits;
    std::size_t integer_digits = 0, fraction_digits = 0;
    while (pos < text.size() && is_digit(text[pos])) digits += text[pos++], ++integer_digits;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && is_digit(text[pos])) digits += text[pos++], ++fraction_digits;
    }
    if (integer_digits + fraction_digits == 0) return std::nullopt;
    long exponent = 0;
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        bool exp_negative = false;
        if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) exp_negative = text[pos++] == '-';
        std::size_t start = pos;
        while (pos < text.size() && is_digit(text[pos])) {
            if (exponent > limits.max_exponent) return std::nullopt;
            exponent = exponent * 10 + (text[pos++] - '0');
        }
        if (pos == start) return std::nullopt;
        if (exp_negative) exponent = -exponent;
    }
    if (pos != text.size() || digits.size() > limits.max_digits) return std::nullopt;
    if (exponent > limits.max_exponent || exponent < -limits.max_exponent) return std::nullopt;
    long scale = exponent - static_cast<long>(fraction_digits);

    // Fast path: mantissa and scale small enough for 64-bit integers.
    if (digits.size() <= 18 && scale >= -18 && scale <= 0) {
        long long mantissa = 0;
        for (char c : digits) mantissa = mantissa * 10 + (c - '0');
        long long denominator = 1;
        for (long k = 0; k < -scale; ++k) denominator *= 10;
        return make_rational(negative ? -mantissa : mantissa, denominator);
    }
    Integer mantissa;
    std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) return Rational(0);
    mpz_set_str(mantissa.backend().data(), digits.c_str() + first, 10);
    if (negative) mantissa = -mantissa;
    Rational result =
        scale >= 0 ? Rational(mantissa * power_of_ten(scale)) : Rational(mantissa, power_of_ten(-scale));
    return result;
}

}  // namespace

Rational make_rational(long long numerator, long long denominator) {
    long long g = std::gcd(numerator, denominator);
    if (g > 1) numerator /= g, denominator /= g;
    Rational result;
    mpq_ptr q = result.backend().data();
    mpz_set_si(mpq_numref(q), numerator);
    mpz_set_si(mpq_denref(q), denominator);
    return result;
}

std::optional<Rational> parse_rational(std::string_view text, const NumberLimits& limits) {
    if (text.empty() || text.size() > limits.max_digits + 64) return std::nullopt;
    std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) return parse_decimal(text, limits);
    Integer numerator, denominator;
    std::string_view den_text = text.substr(slash + 1);
    if (!den_text.empty() && (den_text[0] == '-' || den_text[0] == '+')) return std::nullopt;
    // Fast path for the common "p/q" with 64-bit parts: gcd in machine integers, one mpq, no temporaries.
    long long small_numerator = 0, small_denominator = 0;
    if (parse_small_integer_text(text.substr(0, slash), limits, small_numerator) &&
        parse_small_integer_text(den_text, limits, small_denominator)) {
        if (small_denominator == 0) return std::nullopt;
        return make_rational(small_numerator, small_denominator);
    }
    if (!parse_integer_text(text.substr(0, slash), limits, numerator)) return std::nullopt;
    if (!parse_integer_text(den_text, limits, denominator)) return std::nullopt;
    if (denominator == 0) return std::nullopt;
    return Rational(numerator, denominator);
}

bool has_number_syntax(std::string_view text) {
    auto digits = [&](std::size_t& pos) {
        std::size_t start = pos;
        while (pos < text.size() && is_digit(text[pos])) ++pos;
        return pos > start;
    };
    std::size_t pos = 0;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) ++pos;
    std::size_t slash = text.find('/');
    if (slash != std::string_view::npos) {
        if (!digits(pos) || pos != slash) return false;
        ++pos;
        std::size_t start = pos;
        if (!digits(pos) || pos != text.size()) return false;
        return text.substr(start).find_first_not_of('0') != std::string_view::npos;  // "1/0" is no number
    }
    bool integer_part = digits(pos), fraction_part = false;
    if (pos < text.size() && text[pos] == '.') ++pos, fraction_part = digits(pos);
    if (!integer_part && !fraction_part) return false;
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) ++pos;
        if (!digits(pos)) return false;
    }
    return pos == text.size();
}

std::string to_string(const Rational& value) {
    const mpq_srcptr q = value.backend().data();
    std::string result(mpz_sizeinbase(mpq_numref(q), 10) + mpz_sizeinbase(mpq_denref(q), 10) + 3, '\0');
    mpq_get_str(result.data(), 10, q);
    result.resize(std::char_traits<char>::length(result.c_str()));
    return result;
}

double to_double(const Rational& value) { return mpq_get_d(value.backend().data()); }

std::string to_decimal_approximation(const Rational& value, int digits) {
    // mpq_get_d truncates and cannot show magnitudes beyond double range; go through mpf for those.
    mpf_t f;
    mpf_init2(f, static_cast<mp_bitcnt_t>(digits * 4 + 64));
    mpf_set_q(f, value.backend().data());
    char* text = nullptr;
    gmp_asprintf(&text, "%.*Fg", digits, f);
    std::string result(text);
    void (*free_function)(void*, size_t);
    mp_get_memory_functions(nullptr, nullptr, &free_function);
    free_function(text, std::char_traits<char>::length(text) + 1);
    mpf_clear(f);
    return result;
}

int sign(const Rational& value) { return mpq_sgn(value.backend().data()); }

}  // namespace bigcert
