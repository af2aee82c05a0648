// What the differential fuzz targets of the machine-integer routes share (fuzz_line_game_loader.cpp,
// fuzz_vertex_game_loader.cpp): the limits they read with, the trap on a difference, and the general
// loader's reading of a text the fast loader accepted (its refusal is a difference).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/polytope.hpp"
#include "bigcert/core/small_fraction.hpp"
#include "bigcert/io/instance_loader.hpp"

namespace bigcert::fuzzing {

// Small games (solving stays fast) with long numbers (the fast loaders' digit caps are exercised).
inline LoadLimits fast_path_limits(std::size_t max_players) {
    LoadLimits limits;
    limits.max_players = max_players;
    limits.max_dimension = 4;
    limits.numbers.max_digits = 60;
    limits.numbers.max_exponent = 60;
    limits.polytopes.max_subsets = 5000;
    return limits;
}

// `target` names the fuzzer in the message; a trap is libFuzzer's finding.
class Differences {
  public:
    explicit Differences(const char* target) : target_(target) {}
    [[noreturn]] void differ(const char* what) const {
        std::fprintf(stderr, "%s: fast and general path differ: %s\n", target_, what);
        __builtin_trap();
    }
    void expect(bool ok, const char* what) const {
        if (!ok) differ(what);
    }
    // The general loader's Instance of a text the fast loader accepted.
    Instance general_reading(std::string_view text, const LoadLimits& limits) const {
        try {
            return load_instance_text(text, limits);
        } catch (const InputError&) {
            differ("the fast loader accepted what load_instance rejects (InputError)");
        } catch (const UnsupportedError&) {
            differ("the fast loader accepted what load_instance rejects (UnsupportedError)");
        } catch (const LimitError&) {
            differ("the fast loader accepted what load_instance rejects (LimitError)");
        } catch (const GeometryError&) {
            differ("the fast loader accepted what load_instance rejects (GeometryError)");
        }
    }

  private:
    const char* target_;
};

// With BIGCERT_FUZZ_STATS set, how many inputs reached each stage (printed at exit), to tell how much of a
// run actually compared the two paths.
class StageCounts {
  public:
    explicit StageCounts(const char* target) : target_(target) {}
    ~StageCounts() {
        if (std::getenv("BIGCERT_FUZZ_STATS"))
            std::fprintf(stderr,
                         "%s: %lu inputs, %lu read by the fast loader (same game), %lu solved and written by "
                         "both paths (same bytes)\n",
                         target_, inputs, read, compared);
    }
    unsigned long inputs = 0, read = 0, compared = 0;

  private:
    const char* target_;
};

inline bool same(const SmallFraction& fast, const Rational& general) { return to_rational(fast) == general; }

}  // namespace bigcert::fuzzing
