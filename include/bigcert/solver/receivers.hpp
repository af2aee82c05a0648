// Several receivers (docs/model.md §8): receiver j ends at x̂_j = b_j + sum_i w_ji x_i and player i minimises
// l_i = sum_j v_ij |x̂_j - t_i|^2. The game's first-order data, its potential classification and the exact
// solver of small instances by face enumeration.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bigcert/core/receiver.hpp"
#include "bigcert/core/vector.hpp"

namespace bigcert {

struct Instance;

// The affine gradient map of docs/model.md §8: g_i(x) = sum_k C_ik x_k + q_i, with
// C_ik = sum_j v_ij w_ji w_jk and q_i = sum_j v_ij w_ji (b_j - t_i); half of the gradient of l_i in x_i.
struct ReceiverGame {
    std::size_t players = 0, receivers = 0, dimension = 0;
    std::vector<std::vector<Rational>> cross;  // C, players x players
    std::vector<Vector> offset;                // q_i
};

ReceiverGame receiver_game_of(const Instance& instance);
Rational care_of(const Instance& instance, std::size_t player, std::size_t receiver);
// b_j = w0_j x0_j (zero when the receiver has no bias).
Vector receiver_bias(const Instance& instance, std::size_t receiver);
// x̂_j for a profile.
Vector receiver_point(const Instance& instance, std::size_t receiver, const std::vector<Vector>& actions);
Vector gradient_of(const ReceiverGame& game, std::size_t player, const std::vector<Vector>& actions);
// Every g_i at once from the receivers, g_i = sum_j v_ij w_ji (x̂_j - t_i) (docs/model.md §8.1): O(n m d),
// without forming C.
std::vector<Vector> receivers_gradients(const Instance& instance, const std::vector<Vector>& actions);
// l_i = sum_j v_ij |x̂_j - t_i|^2.
Rational receivers_loss(const Instance& instance, std::size_t player, const std::vector<Vector>& receivers);

// docs/model.md §8.2: exact iff C is symmetric; weighted iff lambda_i > 0 with lambda_i C_ik = lambda_k C_ki.
struct PotentialKind {
    enum class Kind { exact, weighted, none };
    Kind kind = Kind::none;
    std::vector<Rational> weights;  // lambda (weighted; all 1 when exact)
    std::string reason;             // when none: the pair that rules a potential out
};
PotentialKind classify_potential(const ReceiverGame& game);
std::string potential_kind_name(PotentialKind::Kind kind);

// True when the symmetric matrix S is positive definite, decided exactly by LDL^T without pivoting
// (Sylvester: every pivot > 0).
bool is_positive_definite(std::vector<std::vector<Rational>> s);

struct ReceiversOptions {
    std::size_t max_face_combinations = 1'000'000;  // --max-face-combinations
    std::size_t max_lcp_size = 2'000;               // --max-lcp-rows: beyond the enumeration, Lemke's system
    // A convex potential of the lifted form (has_lifted_potential): enumerate the faces only up to this many
    // combinations (every equilibrium listed), else the lifted method. `lifted = false` never uses it.
    std::size_t enumerate_potential_games_up_to = 10'000;
    bool lifted = true;
};

// Everything found, each equilibrium re-checked exactly (docs/model.md §8.3).
struct ReceiversSolution {
    std::vector<std::vector<Vector>> equilibria;  // distinct equilibrium profiles, sorted
    std::vector<std::vector<Vector>> receivers;   // x̂_j at each equilibrium
    std::vector<std::vector<Rational>> losses;    // l_i at each equilibrium
    PotentialKind potential;
    bool unique_by_monotonicity = false;  // the symmetric part of the Jacobian is positive definite
    // Not every equilibrium is listed: a face system was singular and consistent, the enumeration did not
    // run (Lemke), or the lifted method found a continuum (one point of it listed).
    bool degenerate = false;
    std::string count;  // "one", "several", "not decided"; the lifted method: "one" or "infinite"
    std::vector<std::vector<std::size_t>> interior;  // interior players at each equilibrium
    std::string method;
};

// Intervals and polytopes in d <= 2, players' own losses convex (C_ii >= 0); UnsupportedError otherwise.
// Every equilibrium by face enumeration; with a convex lifted potential beyond
// enumerate_potential_games_up_to combinations the lifted method (any d); otherwise beyond
// --max-face-combinations one equilibrium by Lemke's method (intervals and polytopes in any d). LimitError
// naming the flags, InternalError when the exact re-check fails.
ReceiversSolution solve_receivers(const Instance& instance, const ReceiversOptions& options = {});
// True when the potential has the convex lifted form (docs/model.md §8.3): for every receiver, every player
// with a non-zero weight on it has the same care v_j >= 0; and every set is an interval or a polytope.
bool has_lifted_potential(const Instance& instance);
// The lifted method alone (any d, intervals and polytopes): one equilibrium, re-checked exactly, and the
// count ("one" or "infinite") of the convex equilibrium set. UnsupportedError when the form does not hold.
ReceiversSolution solve_receivers_lifted(const Instance& instance);
// The exact check of docs/model.md §8.1 for one profile: empty when it is an equilibrium, else why not.
std::string receivers_equilibrium_failure(const Instance& instance, const ReceiverGame& game,
                                          const std::vector<Vector>& actions);
// The same check with the gradients from the receivers (receivers_gradients), for games too large for C.
std::string receivers_equilibrium_failure(const Instance& instance, const std::vector<Vector>& actions);

}  // namespace bigcert
