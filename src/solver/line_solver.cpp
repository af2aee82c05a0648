#include "bigcert/line_solver.hpp"

#include "bigcert/errors.hpp"
#include "bigcert/exact_sum.hpp"
#include "bigcert/line_check.hpp"
#include "solver/line_arithmetic.hpp"
#include "solver/line_equilibrium_set.hpp"
#include "solver/line_sweep.hpp"
#include "solver/parallel.hpp"

namespace bigcert {
namespace {

// loss_i = (x̂* - t_i)^2 is kept as the offset x̂* - t_i (line_solution.hpp).
void fill_offsets(const LineGame& game, LineSolution& s, unsigned threads) {
    const std::size_t n = game.size();
    s.offsets.resize(n);
    parallel_chunks(n, worker_count(threads, n), [&](unsigned, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) s.offsets[i] = line_subtract(s.receiver, game.targets[i]);
    });
}

// Phi = x̂*^2 - 2 sum_i w_i t_i x_i (Theorem 1); a product w_i t_i out of range goes to GMP alone.
Rational potential(const LineGame& game, const LineSolution& s) {
    ExactSum linear;
    for (std::size_t i = 0; i < game.size(); ++i) {
        SmallFraction weighted_target;
        if (multiply(game.weights[i], game.targets[i], weighted_target))
            linear.add_product(weighted_target, s.actions[i]);
        else
            linear.add(to_rational(game.weights[i]) * to_rational(game.targets[i]) *
                       to_rational(s.actions[i]));
    }
    Rational receiver = to_rational(s.receiver);
    return receiver * receiver - 2 * linear.value();
}

}  // namespace

std::optional<LineSolution> solve_line_game(const LineGame& game, unsigned threads) {
    try {
        LineSolution s;
        std::vector<std::uint32_t> by_target = players_by_target(game);
        s.receiver = line_receiver(game, by_target, threads);
        s.actions = line_profile(game, s.receiver, threads);
        CheckReport check = check_line_equilibrium(game, s.actions, s.receiver, threads);
        if (!check.ok)
            throw InternalError("the exact re-check rejected the computed equilibrium: " + check.failure);
        describe_line_equilibrium_set(game, by_target, s);
        fill_offsets(game, s, threads);
        s.potential = potential(game, s);
        return s;
    } catch (const LineOverflow&) {
        return std::nullopt;
    }
}

}  // namespace bigcert
