// The losses (x̂* − t_i)² of a 1-D game with a huge receiver, written as to_string(Rational) writes them,
// without a GMP product and a binary-to-decimal conversion per player (docs/internals.md, "Writing
// losses of huge receivers").
//
// With x̂* = N/D in lowest terms and t = p/q, let g = gcd(Nq − pD, Dq). When g divides both q and D (the
// usual case: D is a multiple of most targets' denominators), the loss in lowest terms is
//     (N·(q/g) − p·(D/g))² / ((D/g)·q)²,
// and the numerator is a·N² − b·N(D/g) + c·(D/g)² with small multipliers a = (q/g)², b = 2p(q/g), c = p².
// N², N(D/g) and (D/g)² are converted to decimal once (per distinct g), so each player costs a few linear
// passes over decimal limbs. Players outside these bounds get the exact GMP loss: same text, slower.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "bigcert/core/rational.hpp"
#include "bigcert/core/small_fraction.hpp"

namespace bigcert {

class LineLossText {
  public:
    explicit LineLossText(const Rational& receiver);
    // Characters that put() may write for `target`, an upper bound.
    std::size_t most_characters(const Rational& target) const;
    std::size_t most_characters(const SmallFraction& target) const;
    // Writes to_string((receiver − target)²) at `at`; returns the end.
    char* put(char* at, const Rational& target);
    char* put(char* at, const SmallFraction& target);

  private:
    using Limbs = std::vector<std::uint32_t>;  // base 10^9, least significant first, nonnegative
    struct Scaled {                            // per g: N·(D/g) and (D/g)² in decimal
        Limbs n_times_dg, dg_squared;
        Integer dg;
    };
    struct Residues {
        std::uint64_t hh, n_mod, d_mod;
    };
    const Residues& residues_of(std::uint64_t q);
    const Scaled& scaled(std::uint64_t g);
    const std::string& denominator_text(std::uint64_t g, std::uint64_t q);
    char* put_exact(char* at, const Rational& target) const;
    bool put_fast(char*& at, long p, std::uint64_t q);

    Rational receiver_;
    Integer abs_numerator_, denominator_;
    int numerator_sign_;
    Limbs n_squared_;  // padded with zeros to the longest Scaled's length
    std::size_t n_squared_limbs_;
    std::size_t most_digits_;
    std::unordered_map<std::uint64_t, Scaled> scaled_;
    std::unordered_map<std::uint64_t, std::string> denominators_;
    std::string spare_denominator_;
    std::unordered_map<std::uint64_t, Residues> residues_;
    Residues spare_residues_;
    Limbs work_;
};

}  // namespace bigcert
