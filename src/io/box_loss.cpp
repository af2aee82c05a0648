#include "io/box_loss.hpp"

#include <array>
#include <bit>

namespace bigcert {
namespace {

using U128 = BoxLossReducer::U128;
constexpr std::uint64_t below_2_63 = std::uint64_t{1} << 63;

// The 54 primes below 256 with what exact division by them needs: the inverse modulo 2^64 and 2^128 (an
// odd p divides x iff x·p⁻¹ mod 2^w ≤ (2^w − 1)/p, and then x/p = x·p⁻¹ mod 2^w; Hacker's Delight 10-17).
struct SmallPrime {
    std::uint64_t p, inverse64, limit64;
    U128 inverse128, limit128;
};
constexpr std::size_t small_prime_count = 54;

constexpr U128 inverse_mod_2_128(std::uint64_t odd) {
    U128 x = odd;  // correct to 3 bits; Newton's step doubles the correct bits
    for (int step = 0; step < 6; ++step) x *= 2 - static_cast<U128>(odd) * x;
    return x;
}

constexpr std::array<SmallPrime, small_prime_count> make_small_primes() {
    std::array<SmallPrime, small_prime_count> primes{};
    std::size_t k = 0;
    for (std::uint64_t p = 2; p < 256; ++p) {
        bool prime = true;
        for (std::uint64_t f = 2; f * f <= p; ++f) prime = prime && p % f != 0;
        if (!prime) continue;
        SmallPrime& s = primes[k++];
        s.p = p;
        if (p == 2) continue;  // powers of 2 go by shifts
        s.inverse128 = inverse_mod_2_128(p);
        s.inverse64 = static_cast<std::uint64_t>(s.inverse128);
        s.limit64 = UINT64_MAX / p;
        s.limit128 = ~U128{0} / p;
    }
    return primes;
}
constexpr std::array<SmallPrime, small_prime_count> small_primes = make_small_primes();
static_assert(small_primes.back().p == 251);

// p_k^e for e < 63, or 0 where it is 2^63 or more: a table, since a multiplier takes a power per prime.
struct PowerTable {
    std::uint64_t value[small_prime_count][63];
};
constexpr PowerTable make_power_table() {
    PowerTable table{};
    for (std::size_t k = 0; k < small_prime_count; ++k) {
        unsigned __int128 power = 1;
        for (unsigned e = 0; e < 63; ++e) {
            table.value[k][e] = power < below_2_63 ? static_cast<std::uint64_t>(power) : 0;
            if (power < below_2_63) power *= small_primes[k].p;
        }
    }
    return table;
}
constexpr PowerTable powers = make_power_table();

std::uint64_t power(std::size_t k, unsigned e) { return e < 63 ? powers.value[k][e] : 0; }

// a·b when both are nonzero and the product is below 2^63; 0 otherwise.
std::uint64_t bounded_product(std::uint64_t a, std::uint64_t b) {
    std::uint64_t product;
    if (a == 0 || b == 0 || __builtin_mul_overflow(a, b, &product) || product >= below_2_63) return 0;
    return product;
}

// Divides num and den by p_k while p_k divides num, at most `times` times (den is a multiple of p_k^times).
void cancel(std::size_t k, unsigned times, U128& num, U128& den) {
    if (k == 0) {
        const unsigned low_zeros =
            static_cast<std::uint64_t>(num) != 0
                ? static_cast<unsigned>(std::countr_zero(static_cast<std::uint64_t>(num)))
                : 64 + static_cast<unsigned>(std::countr_zero(static_cast<std::uint64_t>(num >> 64)));
        const unsigned shift = low_zeros < times ? low_zeros : times;
        num >>= shift, den >>= shift;
        return;
    }
    const SmallPrime& s = small_primes[k];
    for (unsigned j = 0; j < times; ++j) {
        const U128 quotient = num * s.inverse128;
        if (quotient > s.limit128) return;
        num = quotient, den *= s.inverse128;
    }
}

constexpr unsigned slot_bits = 12;
constexpr std::size_t slots = std::size_t{1} << slot_bits;

}  // namespace

BoxLossReducer::BoxLossReducer(std::size_t dimension) : dimension_(dimension), cache_(dimension * slots) {}

const BoxLossReducer::Factored& BoxLossReducer::factored(std::size_t coordinate, std::uint64_t q) {
    Factored& slot = cache_[coordinate * slots + ((q * 0x9E3779B97F4A7C15u) >> (64 - slot_bits))];
    if (slot.q == q) return slot;
    slot = Factored{};
    slot.q = q;
    std::uint64_t rest = q;
    for (std::size_t k = 0; k < small_prime_count && rest > 1; ++k) {
        unsigned e = 0;
        if (k == 0) {
            e = static_cast<unsigned>(std::countr_zero(rest));
            rest >>= e;
        } else {
            const SmallPrime& s = small_primes[k];
            for (std::uint64_t quotient; (quotient = rest * s.inverse64) <= s.limit64; rest = quotient) ++e;
        }
        if (e == 0) continue;
        if (slot.count == most_factors) return slot;  // rough stays 0: declined
        slot.prime[slot.count] = static_cast<std::uint8_t>(k);
        slot.exponent[slot.count++] = static_cast<std::uint8_t>(e);
        slot.mask |= std::uint64_t{1} << k;
    }
    slot.rough = rest;
    return slot;
}

bool BoxLossReducer::loss(const SmallFraction* offsets, U128& num, U128& den) {
    const std::size_t d = dimension_;
    const Factored* f[max_dimension];
    std::uint64_t multiplier[max_dimension], rough = 1, mask = 0;
    std::size_t rough_coordinate = d;
    for (std::size_t c = 0; c < d; ++c) {
        f[c] = &factored(c, static_cast<std::uint64_t>(offsets[c].den));
        if (f[c]->rough == 0) return false;
        if (f[c]->rough > 1) {
            if (rough_coordinate != d) return false;  // two rough parts: they might share a prime
            rough = f[c]->rough, rough_coordinate = c;
        }
        mask |= f[c]->mask;
    }
    for (std::size_t c = 0; c < d; ++c) multiplier[c] = c == rough_coordinate ? 1 : rough;
    // Prime by prime (increasing, as each Factored lists them): L's exponent, the multipliers' shares, and
    // the primes attained by two or more coordinates (the only ones that may cancel).
    std::uint8_t cursor[max_dimension] = {}, exponent[max_dimension];
    std::uint8_t tie_prime[small_prime_count], tie_exponent[small_prime_count];
    std::size_t ties = 0;
    for (std::uint64_t left = mask; left != 0; left &= left - 1) {
        const auto k = static_cast<std::uint8_t>(std::countr_zero(left));
        unsigned highest = 0, attained = 0;
        for (std::size_t c = 0; c < d; ++c) {
            const Factored& entry = *f[c];
            const bool has = cursor[c] < entry.count && entry.prime[cursor[c]] == k;
            exponent[c] = has ? entry.exponent[cursor[c]++] : 0;
            if (exponent[c] > highest)
                highest = exponent[c], attained = 1;
            else if (exponent[c] == highest)
                ++attained;
        }
        for (std::size_t c = 0; c < d; ++c)
            if (exponent[c] < highest &&
                (multiplier[c] = bounded_product(multiplier[c], power(k, highest - exponent[c]))) == 0)
                return false;
        if (attained >= 2) tie_prime[ties] = k, tie_exponent[ties++] = static_cast<std::uint8_t>(highest);
    }
    const std::uint64_t common = bounded_product(f[0]->q, multiplier[0]);  // L
    if (common == 0) return false;
    U128 sum = 0;
    for (std::size_t c = 0; c < d; ++c) {
        const std::int64_t p = offsets[c].num;
        const U128 scaled =
            static_cast<U128>(p < 0 ? -static_cast<std::uint64_t>(p) : static_cast<std::uint64_t>(p)) *
            multiplier[c];
        if (scaled >= below_2_63) return false;
        sum += scaled * scaled;  // each < 2^126
        if (sum >= (U128{1} << 127)) return false;
    }
    if (sum == 0) {
        num = 0, den = 1;
        return true;
    }
    den = static_cast<U128>(common) * common;
    for (std::size_t t = 0; t < ties; ++t) cancel(tie_prime[t], 2u * tie_exponent[t], sum, den);
    num = sum;
    return true;
}

}  // namespace bigcert
