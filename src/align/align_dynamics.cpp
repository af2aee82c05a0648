// Best-response dynamics against a receiver (paper §6): bisection on the learned receiver, or the exact best
// response of the fitted affine surrogate. Reports and receivers here are approximations (double).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "bigcert/align/alignment.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/random.hpp"

namespace bigcert {
namespace {

// Bisection on coordinate k of `player`'s report so that x̂_k lands on t_k. x̂_k increases with the report's
// coordinate (more weight on that side); when the target cannot be reached the nearer end is the best
// response.
double bisect_coordinate(const AlignConfig& config, const ReceiverFunction& receiver,
                         std::vector<std::vector<double>>& reports, std::size_t player, std::size_t k) {
    const double target = config.players[player].ideal[k];
    auto gap = [&](double value) {
        reports[player][k] = value;
        return receiver(reports)[k] - target;
    };
    double lo = config.box_lo[k], hi = config.box_hi[k];
    if (gap(lo) >= 0) return reports[player][k] = lo;
    if (gap(hi) <= 0) return reports[player][k] = hi;
    const double precision = 1e-9 * std::max(1.0, hi - lo);
    while (hi - lo > precision) {
        double mid = lo + (hi - lo) / 2;
        if (gap(mid) < 0)
            lo = mid;
        else
            hi = mid;
    }
    return reports[player][k] = lo + (hi - lo) / 2;
}

}  // namespace

std::vector<double> bisection_best_response(const AlignConfig& config, const ReceiverFunction& receiver,
                                            std::vector<std::vector<double>> reports, std::size_t player) {
    const std::size_t d = config.dimension;
    // d >= 2: the receiver's coordinates are (nearly) decoupled — r_θ is separable across coordinates — so
    // coordinate-wise bisection, swept until a sweep moves no coordinate by more than 1e-7 (at most 8
    // sweeps).
    for (std::size_t sweep = 0; sweep < (d == 1 ? 1 : 8); ++sweep) {
        double moved = 0;
        for (std::size_t k = 0; k < d; ++k) {
            double before = reports[player][k];
            moved =
                std::max(moved, std::abs(bisect_coordinate(config, receiver, reports, player, k) - before));
        }
        if (moved <= 1e-7) break;
    }
    return reports[player];
}

namespace {

Rational rounded(double value, int digits) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*g", digits, value);
    std::optional<Rational> r = parse_rational(text);
    if (!r) throw InternalError(std::string("align: cannot read back the rounded number ") + text);
    return *r;
}

std::vector<std::vector<double>> truthful_profile(const AlignConfig& config) {
    std::vector<std::vector<double>> reports;
    for (const AlignPlayer& p : config.players) reports.push_back(p.ideal);
    return reports;
}

}  // namespace

AffineSurrogate fit_affine_surrogate(const AlignConfig& config, const ReceiverFunction& receiver,
                                     int digits) {
    const std::size_t n = config.players.size(), d = config.dimension;
    AffineSurrogate fit;
    std::vector<std::vector<std::vector<double>>> probes;
    std::vector<std::vector<double>> outcomes;
    auto probe = [&](const std::vector<std::vector<double>>& reports) {
        probes.push_back(reports);
        outcomes.push_back(receiver(reports));
        return outcomes.back();
    };
    const std::vector<std::vector<double>> truthful = truthful_profile(config);
    probe(truthful);
    // w_i by one-variable least squares over coordinates from two probes that differ only in player i
    // (low corner vs high corner of the box): O(n) memory, 2n + 1 receiver calls.
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::vector<double>> low = truthful, high = truthful;
        low[i] = config.box_lo;
        high[i] = config.box_hi;
        std::vector<double> a = probe(low), b = probe(high);
        double num = 0, den = 0;
        for (std::size_t k = 0; k < d; ++k) {
            double dx = config.box_hi[k] - config.box_lo[k];
            num += (b[k] - a[k]) * dx;
            den += dx * dx;
        }
        fit.weights.push_back(den > 0 ? num / den : 0);
    }
    // A few random profiles in the box as held-out probes for the residual.
    RandomStream stream = RandomStream::substream(config.seed, 0xA11C0DEULL);
    for (int r = 0; r < 4; ++r) {
        std::vector<std::vector<double>> reports = truthful;
        for (auto& x : reports)
            for (std::size_t k = 0; k < d; ++k) x[k] = stream.uniform(config.box_lo[k], config.box_hi[k]);
        probe(reports);
    }
    // b = least squares given w: the mean residual; then the RMS residual over every probe.
    fit.bias.assign(d, 0);
    std::vector<std::vector<double>> residuals;
    for (std::size_t p = 0; p < probes.size(); ++p) {
        std::vector<double> r = outcomes[p];
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t k = 0; k < d; ++k) r[k] -= fit.weights[i] * probes[p][i][k];
        residuals.push_back(r);
        for (std::size_t k = 0; k < d; ++k) fit.bias[k] += r[k] / static_cast<double>(probes.size());
    }
    double squares = 0;
    for (const auto& r : residuals)
        for (std::size_t k = 0; k < d; ++k) squares += (r[k] - fit.bias[k]) * (r[k] - fit.bias[k]);
    fit.residual_rms = std::sqrt(squares / static_cast<double>(residuals.size() * d));
    fit.probes = probes.size();

    // The exact game of the rounded surrogate (an approximation of the learned receiver, exact from here on).
    Instance& game = fit.instance;
    game.name = "affine surrogate of the learned receiver";
    game.dimension = d;
    game.bias_weight = 1;
    for (std::size_t k = 0; k < d; ++k) game.bias_point.push_back(rounded(fit.bias[k], digits));
    if (d == 1)
        game.action_sets.push_back(ActionSet::interval(config.box_lo_exact[0], config.box_hi_exact[0]));
    else
        game.action_sets.push_back(
            ActionSet::polytope(Polytope::box(config.box_lo_exact, config.box_hi_exact), "box"));
    for (std::size_t i = 0; i < n; ++i) {
        Player player;  // unnamed: messages call it by its 0-based index, like every other output
        player.target = config.players[i].ideal_exact;
        player.weight = rounded(fit.weights[i], digits);
        game.players.push_back(std::move(player));
    }
    return fit;
}

Vector surrogate_best_response(const Instance& game, const std::vector<Vector>& reports, std::size_t player) {
    const Rational& w = game.players[player].weight;
    if (w == 0) return reports[player];  // every action is a best response: stay
    // x̂ = rest + w x_i; minimise |rest + w x_i - t|² = w²|x_i - (t - rest)/w|² over the box: clamp per
    // coordinate.
    Vector rest = game.receiver(reports);
    const Vector& t = game.players[player].target;
    std::vector<Vector> vertices = game.set_of(player).vertices();
    Vector best(game.dimension);
    for (std::size_t k = 0; k < game.dimension; ++k) {
        Rational lo = vertices[0][k], hi = vertices[0][k];
        for (const Vector& v : vertices) {
            lo = std::min(lo, v[k]);
            hi = std::max(hi, v[k]);
        }
        Rational others = rest[k] - w * reports[player][k];
        Rational ideal = (t[k] - others) / w;
        best[k] = std::clamp(ideal, lo, hi);
    }
    return best;
}

AlignRun run_alignment(const AlignConfig& config, const ReceiverFunction& receiver,
                       const AffineSurrogate* surrogate, double tolerance) {
    const std::size_t n = config.players.size();
    AlignRun run;
    std::vector<std::vector<double>> reports = truthful_profile(config);
    std::vector<Vector> exact_reports;
    for (const AlignPlayer& p : config.players) exact_reports.push_back(p.ideal_exact);
    run.rounds.push_back({0, std::nullopt, reports, receiver(reports)});
    std::size_t unchanged = 0;
    for (std::size_t round = 1; round <= config.rounds; ++round) {
        const std::size_t player = (round - 1) % n;
        std::vector<double> before = reports[player];
        if (config.best_response == "surrogate") {
            if (!surrogate) throw InternalError("align: surrogate best responses need the fitted surrogate");
            exact_reports[player] = surrogate_best_response(surrogate->instance, exact_reports, player);
            for (std::size_t k = 0; k < config.dimension; ++k)
                reports[player][k] = to_double(exact_reports[player][k]);
        } else {
            reports[player] = bisection_best_response(config, receiver, reports, player);
        }
        double moved = 0;
        for (std::size_t k = 0; k < config.dimension; ++k)
            moved = std::max(moved, std::abs(reports[player][k] - before[k]));
        unchanged = moved <= tolerance ? unchanged + 1 : 0;
        run.rounds.push_back({round, player, reports, receiver(reports)});
        if (unchanged >= n) {
            run.converged = true;
            break;
        }
    }
    return run;
}

}  // namespace bigcert
