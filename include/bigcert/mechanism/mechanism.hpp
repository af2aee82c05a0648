// `bigcert mechanism` (docs/model.md §6): for a receiver rule and a game, is truthful reporting an
// equilibrium (Z3, per player), is it a dominant strategy on this instance (Z3 over all reports, or the
// structural argument of §6.4), which equilibria does the rule have (exact best-response dynamics), and how
// much manipulation remains there. Every printed manipulation and counterexample is re-checked exactly.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/core/receiver_rule.hpp"

namespace bigcert {

struct MechanismOptions {
    double timeout_seconds = 30;   // per Z3 query
    bool structural = true;        // use §6.4's structural argument where it applies (else always query)
    std::size_t max_rounds = 100;  // best-response dynamics
    bool equilibrium = true;       // search equilibria (c, d); off: the verdicts (a, b) only
    std::string query_prefix;      // file stems in the proof log ("rule1-" when several rules share it)
};

// A report that lowers a player's loss against a profile of the others (exact).
struct Manipulation {
    std::size_t player = 0;
    std::vector<Vector> reports;  // the profile, the player's own entry truthful
    Vector report;                // the better report
    Rational improvement;         // loss(truthful) - loss(report) > 0
};

struct TruthfulVerdict {
    std::string verdict;  // "certified", "refuted", "not certified"
    std::optional<Manipulation> manipulation;
    std::string reason;  // for "not certified"
};

struct StrategyproofVerdict {
    std::string verdict;  // "holds", "fails", "unknown"
    std::string method;   // how it was decided
    std::optional<Manipulation> counterexample;
    std::string reason;  // for "unknown"
};

struct PlayerManipulation {
    Rational squared_exaggeration;   // |x_i - t_i|^2
    Rational squared_from_truthful;  // |x_i - t'_i|^2, t'_i the truthful report
    bool at_boundary = false;
    Rational loss;
};

struct EquilibriumReport {
    // "found", "cycle" (the dynamics revisited a profile: no pure equilibrium found), "round limit",
    // "not computed" (no exact best response for this rule and sets)
    std::string status;
    std::string certified;  // "certified" (Z3, every player) or "not certified"
    std::size_t rounds = 0;
    std::vector<Vector> reports;
    Vector outcome, truthful_outcome;
    std::vector<PlayerManipulation> players;
    Rational outcome_shift_squared;  // |outcome - truthful outcome|^2
    Rational total_loss, total_loss_truthful;
    std::size_t at_boundary = 0;
    // "yes" (two equilibria with different outcomes were found), "no" (shown: the mean, docs/model.md §3a)
    // or "not determined"
    std::string other_outcomes = "not determined";
    std::optional<Vector> other_outcome;
    std::string note;
};

struct MechanismReport {
    ReceiverRule rule;
    TruthfulVerdict truthful;
    StrategyproofVerdict strategyproof;
    EquilibriumReport equilibrium;
};

MechanismReport analyze_mechanism(const Instance& instance, const ReceiverRule& rule, ProofLog& log,
                                  const MechanismOptions& options);

// The structural argument of docs/model.md §6.4, when it applies: its description, else empty.
std::string structural_strategyproofness(const Instance& instance, const ReceiverRule& rule);

}  // namespace bigcert
