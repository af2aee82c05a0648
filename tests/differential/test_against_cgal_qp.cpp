// Differential test: bigcert's solver against CGAL's exact quadratic-programming solver, which
// minimises the potential Phi over the product of the players' polytopes directly in n·d variables
// (Proposition 2: the equilibria are exactly its minimisers). Runs for BIGCERT_DIFFERENTIAL_SECONDS
// (default 60) on random small games; labelled "long" and excluded from the default test run.
#include <CGAL/Gmpq.h>
#include <CGAL/QP_functions.h>
#include <CGAL/QP_models.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <random>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"
#include "solver/random_games.hpp"

using namespace bigcert;
using Program = CGAL::Quadratic_program<CGAL::Gmpq>;

namespace {

CGAL::Gmpq to_cgal(const Rational& q) { return CGAL::Gmpq(q.backend().data()); }

Rational from_cgal(const CGAL::Quotient<CGAL::Gmpq>& q) {
    CGAL::Gmpq value = q.numerator() / q.denominator();
    Rational result;
    mpq_set(result.backend().data(), value.mpq());
    return result;
}

// Phi(x) = |b + sum_i w_i x_i|^2 - 2 sum_i w_i t_i·x_i, variable (i, j) at column i·d + j.
// CGAL minimises xᵀDx + cᵀx + c0 and takes 2D.
Program potential_program(const Instance& game) {
    const std::size_t n = game.players.size(), d = game.dimension;
    Program qp(CGAL::SMALLER, false, 0, false, 0);
    Vector b = game.bias();
    auto column = [d](std::size_t i, std::size_t j) { return static_cast<int>(i * d + j); };
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k <= i; ++k)
            for (std::size_t j = 0; j < d; ++j)
                qp.set_d(column(i, j), column(k, j),
                         to_cgal(2 * game.players[i].weight * game.players[k].weight));
    int row = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Player& p = game.players[i];
        for (std::size_t j = 0; j < d; ++j)
            qp.set_c(column(i, j), to_cgal(2 * p.weight * (b[j] - p.target[j])));
        const ActionSet& set = game.set_of(i);
        std::vector<Halfspace> facets, equations;
        if (set.kind() == ActionSet::Kind::interval) {
            facets = {{Vector{Rational(1)}, set.as_interval().hi},
                      {Vector{Rational(-1)}, -set.as_interval().lo}};
        } else {
            facets = set.as_polytope().facets();
            equations = set.as_polytope().equations();
        }
        for (const Halfspace& h : facets) {
            for (std::size_t j = 0; j < d; ++j) qp.set_a(column(i, j), row, to_cgal(h.normal[j]));
            qp.set_b(row, to_cgal(h.offset));
            qp.set_r(row++, CGAL::SMALLER);
        }
        for (const Halfspace& h : equations) {
            for (std::size_t j = 0; j < d; ++j) qp.set_a(column(i, j), row, to_cgal(h.normal[j]));
            qp.set_b(row, to_cgal(h.offset));
            qp.set_r(row++, CGAL::EQUAL);
        }
    }
    qp.set_c0(to_cgal(squared_norm(b)));
    return qp;
}

void compare_with_cgal(const Instance& game) {
    Solution s = solve(game);
    auto cgal = CGAL::solve_quadratic_program(potential_program(game), CGAL::Gmpq());
    REQUIRE(cgal.is_optimal());
    std::vector<Vector> actions(game.players.size(), Vector(game.dimension));
    std::size_t k = 0;
    for (auto it = cgal.variable_values_begin(); it != cgal.variable_values_end(); ++it, ++k)
        actions[k / game.dimension][k % game.dimension] = from_cgal(*it);
    Vector receiver = game.receiver(actions);
    CHECK(receiver == s.receiver);                            // MODEL.md §3a: one outcome
    CHECK(game.potential(actions, receiver) == s.potential);  // the same minimum
    CHECK(check_equilibrium(game, actions, receiver).ok);     // CGAL's minimiser is an equilibrium
    if (s.count == EquilibriumCount::one) CHECK(actions == s.actions);
}

double budget_seconds() {
    const char* text = std::getenv("BIGCERT_DIFFERENTIAL_SECONDS");
    return text ? std::atof(text) : 60.0;
}

}  // namespace

TEST_CASE("solver against CGAL's exact QP solver on random games", "[differential]") {
    testing::RandomGames games(20261126);
    const auto start = std::chrono::steady_clock::now();
    const double budget = budget_seconds();
    std::size_t compared = 0;
    while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < budget) {
        // d = 3 polyhedra take the vertex route in solve() when every set is full-dimensional.
        std::string json = compared % 3 == 0   ? games.interval_game(1 + games.below(6))
                           : compared % 3 == 1 ? games.polygon_game(1 + games.below(4))
                                               : games.polyhedron_game(1 + games.below(3));
        INFO(json);
        compare_with_cgal(load_instance_text(json));
        ++compared;
    }
    WARN("compared " << compared << " random games with CGAL in " << budget << " s");
    CHECK(compared > 0);
}
