// A seeded random stream that is bit-for-bit the same on every platform and standard library (paper §6):
// xoshiro256** seeded through splitmix64, with our own uniform-double and Bernoulli draws, because the
// std:: distributions are implementation-defined and would make the learned receiver non-reproducible.
#pragma once
#include <cstdint>

namespace bigcert {

// splitmix64 (Steele, Lea, Flood 2014): expands one 64-bit seed into well-mixed state words.
inline std::uint64_t splitmix64_next(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// xoshiro256** 1.0 (Blackman, Vigna 2018).
class RandomStream {
  public:
    explicit RandomStream(std::uint64_t seed) {
        std::uint64_t sm = seed;
        for (std::uint64_t& word : s_) word = splitmix64_next(sm);
    }
    // Independent stream `index` of a seed (e.g. one per player), so that streams do not depend on
    // how many numbers another stream consumed.
    static RandomStream substream(std::uint64_t seed, std::uint64_t index) {
        std::uint64_t sm = seed ^ (0xd1b54a32d192ed03ULL * (index + 1));
        return RandomStream(splitmix64_next(sm));
    }
    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // Uniform on [0, 1) with 53 random bits: exact dyadic values, identical everywhere.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform on [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    bool bernoulli(double p) { return uniform() < p; }

  private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
};

}  // namespace bigcert
