// What the d = 1 fast path's sweep (line_sweep.cpp) and selection (line_selection.cpp) share: which end of
// its interval a player plays on each side of its target (MODEL.md §3e), the exact jumps and gap values of
// F, and the targets as exactly ordered doubles.
#pragma once

#include <vector>

#include "bigcert/core/exact_sum.hpp"
#include "bigcert/core/line_game.hpp"
#include "bigcert/core/parallel.hpp"

namespace bigcert {

// The bound a player plays when its target lies above the receiver (it pushes up), and below.
inline const SmallFraction& high_side(const LineGame& game, std::size_t i) {
    return sign(game.weights[i]) > 0 ? game.hi(i) : game.lo(i);
}
inline const SmallFraction& low_side(const LineGame& game, std::size_t i) {
    return sign(game.weights[i]) > 0 ? game.lo(i) : game.hi(i);
}

// A player whose contribution jumps at its target: w != 0 and lo < hi.
inline bool jumps(const LineGame& game, std::size_t i) {
    return sign(game.weights[i]) != 0 && compare(game.lo(i), game.hi(i)) < 0;
}

// key[i] = t_i as a double. When `monotone`, |num|, den <= 2^53 for every target, so the conversion is
// correctly rounded and monotone: key[a] < key[b] implies t_a < t_b, and t_a = t_b implies equal keys;
// only equal keys need an exact comparison.
struct TargetKeys {
    std::vector<double> key;
    bool monotone = true;
    double low = 0, high = 0;  // the smallest and largest key
};

TargetKeys target_keys(const LineGame& game, unsigned threads);  // line_sweep.cpp

// The drop of F at player i's target, exactly: w (high side - low side) = |w| (hi - lo).
inline Rational jump_of(const LineGame& game, std::size_t i) {
    return to_rational(game.weights[i]) * (to_rational(high_side(game, i)) - to_rational(low_side(game, i)));
}

// F on an open gap between targets, exactly, on the cores: jumping players with pushes_up(i) (their target
// is right of the gap) play their high side, the other jumping players their low side, the rest w·lo.
template <class PushesUp>
Rational exact_value_on_gap(const LineGame& game, unsigned threads, PushesUp&& pushes_up) {
    const std::size_t n = game.size();
    unsigned workers = worker_count(threads, n);
    std::vector<ExactSum> partial(workers);
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const SmallFraction& weight = game.weights[i];
            if (sign(weight) == 0) continue;
            if (!jumps(game, i))
                partial[w].add_product(weight, game.lo(i));
            else
                partial[w].add_product(weight, pushes_up(i) ? high_side(game, i) : low_side(game, i));
        }
    });
    for (std::size_t w = 1; w < workers; ++w) partial[0].merge(partial[w]);
    return to_rational(game.bias) + partial[0].value();
}

}  // namespace bigcert
