// The box route's losses Σ_c (x̂*_c − t_ic)² in lowest terms from 128-bit integers, with almost no gcd per
// player (docs/internals.md, "Writing box losses").
//
// With offsets o_c = p_c/q_c in lowest terms and L = lcm(q_c), the loss is N/L² with N = Σ_c (p_c·L/q_c)².
// A prime p with e = v_p(L) can divide gcd(N, L²) only if at least two coordinates have v_p(q_c) = e: a
// coordinate attaining e contributes a term that p does not divide, every other term is a multiple of p².
// So each distinct denominator q is factored once over the primes below 256 (cached per coordinate), L and
// the multipliers L/q_c come from the exponents, and N is tested only for the primes that tie, by exact
// division with 128-bit inverses. The parts of the denominators without small primes (their "rough" parts)
// must be pairwise coprime, so that none of their primes ties; otherwise, or when a number leaves the
// bounds, loss() declines and the caller takes the general way (gcds in 128 bits, then GMP).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bigcert/core/small_fraction.hpp"

namespace bigcert {

class BoxLossReducer {
  public:
    using U128 = unsigned __int128;
    static constexpr std::size_t max_dimension = 32;

    // `players`: how many losses will be asked for (a short list gets a small cache).
    BoxLossReducer(std::size_t dimension, std::size_t players);
    // Σ_c offsets[c]² as num/den in lowest terms, when lcm(den offsets[c]) < 2^63 and the numerator stays
    // below 2^127 (the bounds of the 128-bit writer); false otherwise.
    bool loss(const SmallFraction* offsets, U128& num, U128& den);

  private:
    static constexpr std::size_t most_factors = 8;  // distinct small primes kept per denominator
    struct Factored {
        std::uint64_t q = 0;            // 0: an empty slot (no denominator is 0)
        std::uint64_t rough = 0;        // q without its small prime factors; 0: more factors than kept
        std::uint64_t mask = 0;         // bit k: the k-th small prime divides q
        std::uint64_t odd_inverse = 0;  // (q / 2^twos)^-1 mod 2^64, for exact division by q
        std::uint8_t twos = 0;
        std::uint8_t count = 0;
        std::uint8_t prime[most_factors], exponent[most_factors];  // by increasing prime
    };
    const Factored& factored(std::size_t coordinate, std::uint64_t q);

    std::size_t dimension_;
    unsigned slot_bits_;           // 2^slot_bits_ slots per coordinate
    std::vector<Factored> cache_;  // direct-mapped
};

}  // namespace bigcert
