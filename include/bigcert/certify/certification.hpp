// One entry point for `certify` and one for `check`, for every game kind (classify_game, game_kind.hpp): the
// CLI (certify, check, batch) and the Python module call these, so a game kind or an option behaves the same
// everywhere; they look at CertifyResult::kind only to print. What each kind is certified by (README
// "certify"; the table is docs/internals.md "Game kinds"):
//   polytope   squared loss, intervals and polytopes: per player the variational inequality in QF_LRA, the
//              definition in QF_NRA and exact KKT multipliers (certificate.hpp);
//   curved     squared loss with a ball or ellipsoid: a given profile as above; without one, "every
//              equilibrium lies in the solver's boxes" (curved_certificate.hpp);
//   inner_loss inner-product loss: weak dominance through the symbolic reduction lemma and one linear query
//              per player (dominant_strategy_certificate.hpp);
//   finite     finite action spaces: every deviation compared in exact arithmetic, recorded as artifacts
//              that `bigcert replay` compares again (finite_game_certificate.hpp);
//   several_receivers  the solver's first equilibrium, two queries per player (receivers_certificate.hpp);
//              `check` decides from the complete face enumeration (receivers_check.hpp).
// Every kind writes a proof bundle (--proof-log) with a manifest that `bigcert replay` accepts. An option the
// caller set that does not apply to the kind is refused (InputError naming it, exit 2), never ignored.
// Receiver rules other than the mean are `bigcert mechanism`'s (UnsupportedError here).
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "bigcert/certify/certificate.hpp"
#include "bigcert/certify/dominant_strategy_certificate.hpp"
#include "bigcert/certify/finite_game_certificate.hpp"
#include "bigcert/certify/properties.hpp"
#include "bigcert/certify/receivers_certificate.hpp"
#include "bigcert/core/game_kind.hpp"
#include "bigcert/core/solution.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/solution_writer.hpp"

namespace bigcert {

// How an option is named in an error: "--max-deviations" (the CLI) or "max_deviations=" (Python).
enum class OptionSpelling { cli, python };

struct CertifyRequest {
    std::string profile_text;            // FORMAT.md solution JSON; empty: `solution`, else solve first
    const Solution* solution = nullptr;  // an equilibrium already solved (batch), certified as is
    std::string proof_log;               // the bundle's directory ("" writes none)
    std::string instance_text;           // the instance's JSON text, stored in the bundle
    LoadLimits limits;                   // for reading the profile
    CertifyOptions options;              // per-query Z3 limits and threads (all kinds but finite use them)
    std::size_t max_deviations = 2'000'000;  // finite games: distinct item sums compared, over all players
    // The options the caller set, by name without dashes ("timeout", "rlimit", "threads", "profile",
    // "proof-log", "max-deviations", "latex"): one that does not apply to the game kind is refused.
    std::set<std::string> given;
    OptionSpelling spelling = OptionSpelling::cli;
    // Told every query of the run besides the bundle (--z3-query, --replay-online; proof_observer.hpp).
    std::vector<ProofObserver*> observers;
};

struct CertifyResult {
    GameKind kind = GameKind::polytope;
    std::string verdict;  // "certified", "refuted", "not certified"
    Json json;            // FORMAT.md's certificate object
    std::string proof_log, manifest_sha256;
    // For text output; ReceiversCertificate::player_verdicts for several receivers.
    std::variant<Certificate, DominanceCertificate, FiniteCertificate, ReceiversCertificate> detail;
    std::vector<Vector> actions;  // the certified profile (empty when boxes or items were certified)
};

// Pre: `instance` was loaded from request.instance_text when a proof log is asked for. Throws InputError
// (bad profile, inapplicable option, a bundle directory that may not be replaced: before any work),
// LimitError naming --max-deviations on a finite game with too many deviations, UnsupportedError for a
// profile or "latex" with several receivers and for a receiver rule other than the mean.
CertifyResult certify(const Instance& instance, const CertifyRequest& request);

struct CheckRequest {
    std::vector<std::string> properties;  // property_names()
    std::string proof_log;
    std::string instance_text;
    CheckOptions options;
    std::vector<ProofObserver*> observers;  // as in CertifyRequest
};

struct CheckResult {
    std::vector<PropertyVerdict> verdicts;
    Json json;  // FORMAT.md's check object
};

// Squared loss with convex sets (properties.hpp); several receivers from the complete face enumeration
// (receivers_check.hpp; a proof log is UnsupportedError: no queries). On the inner loss and on finite action
// spaces no property is proven: UnsupportedError, before any work (their certify covers one profile only).
CheckResult check(const Instance& instance, const CheckRequest& request);

}  // namespace bigcert
