#include "bigcert/solver/line_check.hpp"

#include <atomic>
#include <memory>
#include <mutex>

#include "bigcert/core/exact_sum.hpp"
#include "bigcert/core/parallel.hpp"
#include "solver/receiver_order.hpp"

namespace bigcert {
namespace {

// The first violated condition for player i, or nullptr; `target_side` is sign(t_i − x̂*).
const char* problem_of(const LineGame& game, const SmallFraction& x, int target_side, std::size_t i) {
    const SmallFraction &lo = game.lo(i), &hi = game.hi(i);
    if (compare(x, lo) < 0 || compare(hi, x) < 0) return ": the action is not in its action set";
    int pull = sign(game.weights[i]) * target_side;  // sign of w_i (t_i - x̂*)
    if (pull * compare(lo, x) > 0 || pull * compare(hi, x) > 0)
        return ": moving towards a vertex lowers its loss";
    return nullptr;
}

// The re-check for any receiver type; `order()` makes a per-thread function i -> sign(t_i − x̂*).
template <class MakeOrder>
CheckReport check(const LineGame& game, const std::vector<SmallFraction>& actions, const Rational& receiver,
                  unsigned threads, MakeOrder&& order) {
    const std::size_t n = game.size();
    if (actions.size() != n)
        return {false, "the profile has " + std::to_string(actions.size()) + " actions for " +
                           std::to_string(n) + " players"};
    unsigned workers = worker_count(threads, n);
    std::vector<ExactSum> sums(workers);
    std::atomic<std::size_t> first_failure{n};
    std::mutex mutex;
    std::string failure;
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        auto target_side = order();
        for (std::size_t i = begin; i < end; ++i) {
            sums[w].add_product(game.weights[i], actions[i]);
            const char* problem = problem_of(game, actions[i], target_side(i), i);
            if (!problem) continue;
            std::lock_guard<std::mutex> lock(mutex);
            if (i < first_failure.load())
                first_failure = i, failure = "player " + game.numbered_label(i) + problem;
            return;
        }
    });
    for (std::size_t w = 1; w < workers; ++w) sums[0].merge(sums[w]);
    if (to_rational(game.bias) + sums[0].value() != receiver)
        return {false, "the receiver is not w0·x0 + sum w_i x_i of the actions"};
    if (first_failure.load() < n) return {false, failure};
    return {};
}

}  // namespace

CheckReport check_line_equilibrium(const LineGame& game, const std::vector<SmallFraction>& actions,
                                   const SmallFraction& receiver, unsigned threads) {
    return check(game, actions, to_rational(receiver), threads,
                 [&] { return [&](std::size_t i) { return compare(game.targets[i], receiver); }; });
}

CheckReport check_wide_line_equilibrium(const LineGame& game, const std::vector<SmallFraction>& actions,
                                        const Rational& receiver, unsigned threads) {
    return check(game, actions, receiver, threads, [&] {
        return [&game, order = std::make_shared<ReceiverOrder>(receiver)](std::size_t i) {
            return order->side_of(game.targets[i]);
        };
    });
}

}  // namespace bigcert
