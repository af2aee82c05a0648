// The kind of game an instance is, decided in one place (classify_game). Every verb has one entry point that
// switches on it: solve() (solver.hpp), certify() and check() (certification.hpp); the CLI and Python call
// those and look at the kind only to choose how to print. The table of kinds, their solvers, certifiers and
// checkers is docs/internals.md "Game kinds".
#pragma once

#include <string>

#include "bigcert/core/instance.hpp"

namespace bigcert {

enum class GameKind {
    several_receivers,  // a list of receivers (docs/model.md §8): its own game, no exact potential in general
    receiver_rule,      // a receiver rule other than the mean (docs/model.md §6): `bigcert mechanism` only
    finite,             // finite action spaces, either loss (paper §5.2, docs/model.md §2 Proposition 6)
    inner_loss,         // the inner-product loss on convex sets (paper §5.1, docs/model.md §2 Theorem 5)
    curved,             // the squared loss with a ball or an ellipsoid among the sets (docs/model.md §3g)
    polytope,           // the squared loss on intervals, boxes, polytopes: the paper's game (model.md §3)
};

// The first that applies, in this order (why: each later kind assumes the earlier ones are ruled out):
//   several_receivers  the receivers' equilibria are not a potential's minimisers (docs/model.md §8.2), so
//                      none of the single-receiver methods below applies, whatever the sets or the loss;
//   receiver_rule      a rule replaces the mean x̂ every method below is built on (docs/model.md §6); the
//                      loader refuses rules on finite and curved sets;
//   finite             item choices are compared by their achievable sums for either loss (docs/model.md §5),
//                      so a finite game with the inner loss is finite, not inner_loss;
//   inner_loss         weak dominance holds on any convex set, curved or not (docs/model.md §2, Theorem 5);
//   curved             irrational equilibria are enclosed, not computed (docs/model.md §3g);
//   polytope           everything else. Its fast routes (d = 1 in machine integers, boxes, the interval
//                      sweep) are chosen inside its solver, not here.
// Throws UnsupportedError for a mix of finite and convex action sets (no kind has a method for it).
GameKind classify_game(const Instance& instance);

// "several-receivers", "receiver-rule", "finite", "inner-loss", "curved", "polytope".
std::string game_kind_name(GameKind kind);

// Model facts the kinds are recognised by, also used inside the one solver or certifier of that kind.
// True when some action set is a ball or an ellipsoid (docs/model.md §3g).
bool has_curved_set(const Instance& instance);

}  // namespace bigcert
