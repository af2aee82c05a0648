// Certification of a profile (`certify`): for every player, Z3 decides from the definition whether some
// action in its set gives it a strictly smaller loss with the others fixed, and independently
//   (definition)   exists y in X_i: l_i(y, x_-i) < l_i(x)               QF_NRA, expected unsat
//   (variational)  exists y in X_i: g_i·(y - x_i) < 0, g_i = 2 w_i (x̂ - t_i)   QF_LRA, expected unsat
//   (multipliers)  exact KKT multipliers lambda >= 0 on the tight facets (and mu on the hull's equations)
//                  with g_i + A_Tᵀ lambda + Eᵀ mu = 0, checked by a few lines of exact arithmetic.
// By convexity of l_i in y, (variational) unsat ⟺ x_i is a best response ⟺ (definition) unsat; the
// multipliers are a checkable certificate of the same fact. A player is "certified" when Z3 decided
// (variational) unsat and the multipliers check and nothing disagrees; "refuted" when Z3 produced a
// deviation whose improvement was verified in exact arithmetic; "not certified" otherwise (unknown,
// timeout, resource limit), with the reason. Never "certified" on an unknown.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/core/instance.hpp"

namespace bigcert {

struct CertifyOptions {
    double timeout_seconds = 30;             // per query, wall clock
    unsigned rlimit = 0;                     // per query, deterministic Z3 resource limit (0: none)
    double definition_timeout_seconds = 10;  // the nonlinear query may explode; it is evidence, not required
    std::size_t definition_max_dimension =
        4;  // above this the nonlinear query is skipped (and logged as such)
    unsigned threads = 0;
    // At scale (docs/model.md, "Certifying at scale"): with more players than this, the variational claims of
    // players with polytope or interval sets are grouped (claims equal up to a positive scale asked once,
    // `group_size` claims per query as a disjunction), and Z3 proof objects are not produced (the
    // multipliers are the checkable certificate). A group that is not unsat is re-asked player by player.
    std::size_t per_player_max = 256;
    std::size_t group_size = 64;
    // The definition query (QF_NRA) is evidence beside the variational query and costs far more (measured:
    // about 90% of certify's time, bench/REPORT.md): asked only up to this many players.
    std::size_t definition_max_players = 256;
    // Grouped claims on polytopes (d >= 2; 1-D keeps the disjunctions, measured faster there) are asked as
    // variable-free cone facts (the exact multipliers of the class, docs/model.md §3i); false: as
    // disjunctions over y (the earlier form, kept to compare).
    bool cone_facts = true;
};

struct PlayerVerdict {
    std::size_t index = 0;
    std::string verdict;  // "certified", "refuted", "not certified"
    std::string reason;
    std::string definition;           // Z3's answer to the nonlinear query, or "skipped"
    std::string variational;          // Z3's answer to the linear query
    std::string multipliers;          // "verified", "failed", "not applicable"
    std::optional<Vector> deviation;  // for refuted: an exact action that lowers the player's loss
    Rational improvement;             // loss(x) - loss(deviation) > 0, for refuted
    Vector lambda;                    // the multipliers, for the record
};

struct Certificate {
    std::string verdict;  // "certified" iff every player is; "refuted" iff some player is refuted
    Vector receiver;
    std::vector<PlayerVerdict> players;
    std::string proof_log;
    std::string manifest_sha256;
    // Curved sets without a profile (docs/internals.md): the claim certified instead of "this profile is an
    // equilibrium" (every equilibrium lies in the printed boxes), and those boxes in FORMAT.md's interval
    // form.
    std::string claim;
    nlohmann::ordered_json enclosure;
};

// Pre: actions has one action of the instance's dimension per player (InputError otherwise, also for an
// action outside its set). Squared loss; interval, polytope, ball or ellipsoid sets (the latter two: both
// queries in QF_NRA, the exact support-point test in place of the multipliers).
Certificate certify_profile(const Instance& instance, const std::vector<Vector>& actions, ProofLog& log,
                            const CertifyOptions& options = {});

nlohmann::ordered_json certificate_json(const Instance& instance, const Certificate& certificate);

}  // namespace bigcert
