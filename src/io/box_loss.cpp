#include "io/box_loss.hpp"

#include <algorithm>
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

constexpr unsigned most_slot_bits = 12;

}  // namespace

BoxLossReducer::BoxLossReducer(std::size_t dimension, std::size_t players)
    : dimension_(dimension),
      slot_bits_(std::min<unsigned>(most_slot_bits, static_cast<unsigned>(std::bit_width(players | 15)))),
      cache_(dimension << slot_bits_) {}

const BoxLossReducer::Factored& BoxLossReducer::factored(std::size_t coordinate, std::uint64_t q) {
    Factored& slot = cache_[(coordinate << slot_bits_) + ((q * 0x9E3779B97F4A7C15u) >> (64 - slot_bits_))];
    if (slot.q == q) return slot;
    slot = Factored{};
    slot.q = q;
    slot.twos = static_cast<std::uint8_t>(std::countr_zero(q));
    slot.odd_inverse = static_cast<std::uint64_t>(inverse_mod_2_128(q >> slot.twos));
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
    std::uint64_t rough = 1, mask = 0;  // rough: the product of the rough parts
    for (std::size_t c = 0; c < d; ++c) {
        f[c] = &factored(c, static_cast<std::uint64_t>(offsets[c].den));
        const std::uint64_t part = f[c]->rough;
        if (part == 0) return false;
        // Rough parts that share a prime could cancel: only pairwise coprime ones are taken (each of their
        // primes is then in one denominator only).
        if (part > 1 && (gcd64(rough, part) != 1 || (rough = bounded_product(rough, part)) == 0))
            return false;
        mask |= f[c]->mask;
    }
    // L's exponent of each prime, and how many coordinates attain it: only a prime attained twice or more
    // may cancel.
    std::uint8_t highest[small_prime_count], attained[small_prime_count];
    for (std::uint64_t left = mask; left != 0; left &= left - 1)
        highest[std::countr_zero(left)] = 0, attained[std::countr_zero(left)] = 0;
    for (std::size_t c = 0; c < d; ++c)
        for (std::size_t j = 0; j < f[c]->count; ++j) {
            const std::uint8_t k = f[c]->prime[j], e = f[c]->exponent[j];
            if (e > highest[k])
                highest[k] = e, attained[k] = 1;
            else if (e == highest[k])
                ++attained[k];
        }
    std::uint64_t common = rough;  // L
    for (std::uint64_t left = mask; left != 0 && common != 0; left &= left - 1) {
        const auto k = static_cast<std::size_t>(std::countr_zero(left));
        common = bounded_product(common, power(k, highest[k]));
    }
    if (common == 0) return false;
    U128 sum = 0;
    for (std::size_t c = 0; c < d; ++c) {
        // L/q_c exactly, by q_c's odd part's inverse modulo 2^64 (q_c divides L).
        const std::uint64_t multiplier = (common >> f[c]->twos) * f[c]->odd_inverse;
        const std::int64_t p = offsets[c].num;
        const U128 scaled =
            static_cast<U128>(p < 0 ? -static_cast<std::uint64_t>(p) : static_cast<std::uint64_t>(p)) *
            multiplier;
        if (scaled >= below_2_63) return false;
        sum += scaled * scaled;  // each < 2^126
        if (sum >= (U128{1} << 127)) return false;
    }
    if (sum == 0) {
        num = 0, den = 1;
        return true;
    }
    den = static_cast<U128>(common) * common;
    for (std::uint64_t left = mask; left != 0; left &= left - 1) {
        const auto k = static_cast<std::size_t>(std::countr_zero(left));
        if (attained[k] >= 2) cancel(k, 2u * highest[k], sum, den);
    }
    num = sum;
    return true;
}

}  // namespace bigcert
