// The proof of a finite game's certificate (paper §5.2) as proof-log artifacts that `bigcert replay`
// re-checks (docs/format.md "Proof bundles"):
//   finite-deviations.json  kind "finite-deviations", expected the verdict: the profile (each player's chosen
//                           items) and per player its verdict, the number of deviations compared and, when
//                           refuted, a better strategy with its exact improvement. Replay loads the bundle's
//                           instance, compares every deviation again in exact arithmetic
//                           (check_finite_equilibrium, not the certifier's loop), re-checks each refuted
//                           player's deviation and improvement, and regenerates the companion query.
//   finite-deviations.smt2  kind "smt2": "some player has a listed deviation sum s with a lower loss than its
//                           own sum x" (QF_LRA, constants only): unsat for a certified profile, sat for a
//                           refuted one, for a stock `z3 FILE`. Every comparison is written from the
//                           instance's numbers: squared loss l(s) - l(x) = 2w a.(s - x) + w^2 (|s|^2 - |x|^2)
//                           with a = x̂ - w x - t, inner loss -w t.(s - x). That the list holds every
//                           achievable sum is what the JSON artifact's re-check establishes.
// Internal to the certification layer.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bigcert/certify/finite_game_certificate.hpp"
#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/replay.hpp"

namespace bigcert {

// Every player's distinct achievable item sums (its deviations, its own sum among them), at most
// `max_deviations` over all players: LimitError telling to raise `flag` otherwise.
std::vector<std::vector<Vector>> deviation_sums(const Instance& instance, std::size_t max_deviations,
                                                const std::string& flag);

// Pre: `certificate` is certify_finite_profile's for `chosen_items`, with no player "not certified", and
// `sums` is deviation_sums(instance, ...). Adds both artifacts and a note to `log`.
void log_finite_certificate(const Instance& instance, const std::vector<std::vector<Vector>>& chosen_items,
                            const FiniteCertificate& certificate,
                            const std::vector<std::vector<Vector>>& sums, ProofLog& log);

// Replay's re-check of a "finite-deviations" artifact (check.file) of the bundle in `directory`.
void recheck_finite_deviations(const std::string& directory, const nlohmann::json& manifest,
                               ArtifactCheck& check);

}  // namespace bigcert
