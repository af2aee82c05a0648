#include "bigcert/core/errors.hpp"
#include "bigcert/solver/dominant_strategy.hpp"
#include "bigcert/solver/enumeration.hpp"

namespace bigcert {

Solution solve_finite_game(const Instance& instance, const SolveOptions& options) {
    EnumerateOptions enumerate;
    enumerate.list = 1;
    enumerate.threads = options.threads;
    enumerate.raise_hint =
        "these caps are enumerate's: bigcert enumerate --count --max-states N --max-profiles N";
    return finite_solution(instance, enumerate_pure_equilibria(instance, enumerate));
}

Solution finite_solution(const Instance& instance, const EnumerationResult& found) {
    // Proposition 6: an exact potential game on finite sets always has a pure equilibrium.
    if (found.listed.empty()) throw InternalError("no pure equilibrium found in a finite potential game");
    const std::size_t n = instance.players.size();
    Solution s;
    s.method = "finite " + found.method + " (exact count of pure equilibria)";
    s.exact_count = found.count.str();
    s.set_description =
        "equilibria.count is the exact number of pure equilibria (profiles of item selections); "
        "bigcert enumerate lists them";
    s.count = found.count == 1 ? EquilibriumCount::one : EquilibriumCount::infinite;  // only "one or more"
    s.face_vertices.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const FiniteChoice& choice = instance.set_of(i).as_finite();
        s.actions.push_back(selection_sum(choice, found.listed.front().selections[i]));
        s.chosen_items.push_back(selection_items(choice, found.listed.front().selections[i]));
    }
    s.receiver = instance.receiver(s.actions);
    for (std::size_t i = 0; i < n; ++i) s.losses.push_back(instance.loss_of(i, s.receiver));
    s.potential = instance.loss == Loss::inner ? inner_potential(instance, s.actions)
                                               : instance.potential(s.actions, s.receiver);
    s.exaggeration.premise_met = false;
    s.exaggeration.premise_detail = "finite action spaces have no interior (Theorem 4 concerns convex sets)";
    return s;
}

}  // namespace bigcert
