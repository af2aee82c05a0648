#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/exact_sum.hpp"
#include "bigcert/core/game_kind.hpp"
#include "bigcert/core/parallel.hpp"
#include "bigcert/io/receiver_rule_loader.hpp"
#include "bigcert/solver/curved_solver.hpp"
#include "bigcert/solver/dominant_strategy.hpp"
#include "bigcert/solver/enumeration.hpp"
#include "bigcert/solver/line_solver.hpp"
#include "bigcert/solver/solver.hpp"
#include "bigcert/solver/vertex_solver.hpp"
#include "solver/box_split.hpp"
#include "solver/equilibrium_set.hpp"
#include "solver/interval_sweep.hpp"
#include "solver/simplicial_decomposition.hpp"
#include "solver/support_oracle.hpp"

namespace bigcert {
namespace {

void fill_losses_and_potential(const Instance& instance, Solution& s, const SolveOptions& options) {
    const std::size_t n = instance.players.size();
    const unsigned threads = options.threads;
    s.potential = instance.potential(s.actions, s.receiver);
    if (options.losses_in_writer && instance.dimension == 1) return;
    s.losses.assign(n, Rational(0));
    parallel_chunks(n, worker_count(threads, n, 1024), [&](unsigned, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) s.losses[i] = instance.loss_of(i, s.receiver);
    });
}

}  // namespace

Solution solve(const Instance& instance, const SolveOptions& options) {
    // One solver per kind (docs/internals.md "Game kinds"); the variants of paper §5 have their own exact
    // methods (docs/model.md §2).
    switch (classify_game(instance)) {
        case GameKind::several_receivers:  // solve_receivers (docs/model.md §8)
            throw UnsupportedError("receivers", "solve() answers the single-receiver game only");
        case GameKind::receiver_rule:  // `bigcert mechanism` (docs/model.md §6)
            require_mean_rule(instance);
            break;
        case GameKind::finite:
            return solve_finite_game(instance, options);
        case GameKind::inner_loss:
            return solve_dominant_strategy(instance, options);
        case GameKind::curved:
            return solve_curved(instance, options);  // balls, ellipsoids (§3g)
        case GameKind::polytope:
            return solve_polytope_game(instance, options);
    }
    throw InternalError("solve(): a game kind without a solver");
}

// The routes below give the same answer; the solver picks the fastest that applies, in this order.
Solution solve_polytope_game(const Instance& instance, const SolveOptions& options) {
    // d = 1 in machine integers while every number fits (line_solver.hpp); the same answer, much faster.
    // When only x̂* outgrows them, the wide route (line_solution.hpp).
    if (instance.dimension == 1 && !options.force_general && options.machine_integers)
        if (std::optional<LineGame> game = line_game_of(instance)) {
            LineAnswer answer = solve_line_game_any_receiver(*game, options.threads);
            if (answer.line) return to_solution(*game, *answer.line);
            if (answer.wide) return to_solution(*game, *answer.wide, !options.losses_in_writer);
        }
    // Boxes with the squared loss: d independent 1-D games, each on the fast path above (box_split.hpp).
    if (instance.dimension >= 2 && !options.force_general && options.machine_integers)
        if (std::optional<Solution> boxes = solve_box_game(instance, options.threads))
            return std::move(*boxes);
    // Polygons and polyhedra (d = 2, 3): the same decomposition with machine-integer players
    // (vertex_solver.hpp).
    if ((instance.dimension == 2 || instance.dimension == 3) && !options.force_general &&
        options.machine_integers)
        if (std::optional<VertexGame> game = vertex_game_of(instance))
            return vertex_solution(instance, *game, solve_vertex_game(*game, options.threads),
                                   options.threads);
    Solution s;
    SupportOracle oracle(instance);
    if (instance.dimension == 1 && !options.force_general) {
        SweepResult sweep = sweep_receiver(instance, options.threads);
        s.receiver = Vector{sweep.receiver};
        s.actions = interval_profile(instance, sweep.receiver, options.threads);
        s.method = "interval-sweep";
    } else {
        DecompositionResult result = minimise_potential_by_decomposition(instance, oracle, options.threads);
        s.receiver = std::move(result.receiver);
        s.actions = std::move(result.actions);
        s.method = "simplicial-decomposition";
    }
    CheckReport check = check_equilibrium(instance, s.actions, s.receiver, options.threads);
    if (!check.ok)
        throw InternalError("the exact re-check rejected the computed equilibrium: " + check.failure);
    describe_equilibrium_set(instance, oracle, s, options.threads);
    fill_losses_and_potential(instance, s, options);
    return s;
}

}  // namespace bigcert
