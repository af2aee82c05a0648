// The value-alignment experiment of the paper's Section 6 (docs/model.md §2): strategic data providers
// against a learned receiver. Everything here is NUMERICAL (double precision): the receiver is a maximum-
// likelihood estimate, so its outputs are approximations and never feed an exact verdict. The only exact part
// is the affine surrogate's game, which is built from rounded weights and solved by bigcert::solve.
//
// Model: player i labels N_i pairs (y, y') ~ U(box) with Bradley–Terry labels from r_θ(y) = -|y - θ|² at its
// REPORTED θ = x_i. r_θ(y) - r_θ(y') = |y'|² - |y|² + 2θ·(y - y') is affine in θ, so the receiver's MLE over
// all labels is a logistic regression (concave log-likelihood), solved by damped Newton.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/core/solution.hpp"

namespace bigcert {

struct AlignPlayer {
    std::vector<double> ideal;  // true ideal point t_i (approximate copy of the exact ideal_exact)
    Vector ideal_exact;
    std::size_t pairs = 0;
};

struct AlignConfig {
    std::size_t dimension = 1;
    Vector box_lo_exact, box_hi_exact;  // the action set as a box [lo, hi] (d = 1: one coordinate)
    std::vector<double> box_lo, box_hi;
    std::vector<AlignPlayer> players;
    std::vector<double> response_lo, response_hi;  // the response distribution U[lo, hi]
    // "iid" (the paper): every pair (y, y') drawn independently. "stratified": the pair space [lo, hi]^2 is
    // cut into k^(2d) equal cells (k = floor(N^(1/(2d)))) with one uniform pair per cell, the rest iid; each
    // pair is still uniform on the box, but the MLE's seed-to-seed spread drops about 6x (cli.md "align").
    std::string sampling = "iid";
    std::uint64_t seed = 1;
    std::size_t rounds = 3;
    std::string best_response = "bisection";  // or "surrogate"
};

// Reads FORMAT.md's bigcert-align/1 object; InputError naming the JSON path on bad input.
AlignConfig load_align_config_text(const std::string& json_text);
AlignConfig load_align_config_file(const std::string& path);

// The memory `bigcert align` will need, estimated before anything is allocated (bytes): the learned
// receiver's samples (player, offset, y - y', label uniform and label per pair; not needed with an
// external receiver), the surrogate's probe profiles (2n + 4 of n reports) and the reports of every round.
double estimated_align_bytes(const AlignConfig& config, bool learned_receiver);

// A receiver: report profile (one point per player) -> x̂. Throws on failure.
using ReceiverFunction = std::function<std::vector<double>(const std::vector<std::vector<double>>&)>;

// The learned receiver: each player's pairs and uniforms are drawn once from its own seeded substream, so
// x̂ is a deterministic function of the reports (common random numbers across candidate reports).
class LearnedReceiver {
  public:
    LearnedReceiver(const AlignConfig& config, unsigned threads = 0);
    // The MLE θ for the given reports. Throws NoMaximumError when the likelihood has no maximiser
    // (separable).
    std::vector<double> operator()(const std::vector<std::vector<double>>& reports) const;
    std::size_t newton_iterations_last() const { return last_iterations_; }

  private:
    std::size_t dimension_;
    unsigned threads_;
    // Per sample: player, c = |y'|² - |y|², delta = y - y' (dimension_ doubles), uniform u for the label.
    std::vector<std::uint32_t> owner_;
    std::vector<double> offset_, delta_, uniform_;
    double response_radius_ = 0;
    mutable std::vector<double> warm_start_;
    mutable std::size_t last_iterations_ = 0;
};

// The MLE has no finite maximiser (e.g. separable labels with tiny N).
class NoMaximumError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct AlignRound {
    std::size_t round = 0;
    std::optional<std::size_t> player;  // who moved (none in round 0)
    std::vector<std::vector<double>> reports;
    std::vector<double> receiver;
};

// One player's best response by search (MODEL.md §2 Section 6, "bisection" as in the paper): in d = 1
// bisection on the report so that x̂ lands on the target (or the nearest end of the interval when it cannot);
// in d >= 2 coordinate-wise bisection on the box, repeated until a sweep changes nothing (see docs/cli.md
// "align").
std::vector<double> bisection_best_response(const AlignConfig& config, const ReceiverFunction& receiver,
                                            std::vector<std::vector<double>> reports, std::size_t player);

// The affine surrogate x̂ ≈ b + Σ w_i x_i fitted by least squares to probe profiles.
struct AffineSurrogate {
    std::vector<double> weights;  // w_i
    std::vector<double> bias;     // b = w0·x0 with w0 = 1
    double residual_rms = 0;      // root-mean-square error over the probes (all coordinates)
    std::size_t probes = 0;
    Instance instance;  // the fitted game with weights rounded to `digits` significant digits (exact)
};
AffineSurrogate fit_affine_surrogate(const AlignConfig& config, const ReceiverFunction& receiver,
                                     int digits = 4);
// The exact best response of `player` in the surrogate game (projection onto the box; MODEL.md §3b).
Vector surrogate_best_response(const Instance& surrogate, const std::vector<Vector>& reports,
                               std::size_t player);

struct AlignRun {
    std::vector<AlignRound> rounds;
    bool converged = false;
};
// Round 0 truthful; then player (r - 1) mod n best-responds in round r. Stops early once the last n moves
// changed nothing (each report within `tolerance`): that is convergence.
AlignRun run_alignment(const AlignConfig& config, const ReceiverFunction& receiver,
                       const AffineSurrogate* surrogate, double tolerance = 1e-6);

}  // namespace bigcert
