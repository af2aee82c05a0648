// The learned receiver (paper §6, MODEL.md §2): Bradley–Terry labels from the reported ideal points and the
// maximum-likelihood θ over all labels by damped Newton. Numerical throughout (outputs are approximations).
#include <algorithm>
#include <cmath>
#include <limits>

#include "bigcert/align/alignment.hpp"
#include "bigcert/core/parallel.hpp"
#include "bigcert/core/random.hpp"

namespace bigcert {
namespace {

double sigmoid(double m) {
    if (m >= 0) return 1 / (1 + std::exp(-m));
    double e = std::exp(m);
    return e / (1 + e);
}

// log σ(m) without overflow.
double log_sigmoid(double m) { return m >= 0 ? -std::log1p(std::exp(-m)) : m - std::log1p(std::exp(m)); }

// Solves the small symmetric positive definite system A x = b (d <= 16) by Cholesky; false when not SPD.
bool solve_spd(std::vector<double> a, std::vector<double>& x, std::size_t d) {
    for (std::size_t j = 0; j < d; ++j) {
        double diag = a[j * d + j];
        for (std::size_t k = 0; k < j; ++k) diag -= a[j * d + k] * a[j * d + k];
        if (!(diag > 0)) return false;
        a[j * d + j] = std::sqrt(diag);
        for (std::size_t i = j + 1; i < d; ++i) {
            double s = a[i * d + j];
            for (std::size_t k = 0; k < j; ++k) s -= a[i * d + k] * a[j * d + k];
            a[i * d + j] = s / a[j * d + j];
        }
    }
    for (std::size_t i = 0; i < d; ++i) {
        for (std::size_t k = 0; k < i; ++k) x[i] -= a[i * d + k] * x[k];
        x[i] /= a[i * d + i];
    }
    for (std::size_t i = d; i-- > 0;) {
        for (std::size_t k = i + 1; k < d; ++k) x[i] -= a[k * d + i] * x[k];
        x[i] /= a[i * d + i];
    }
    return true;
}

std::size_t integer_power(std::size_t base, std::size_t exponent) {
    std::size_t out = 1;
    while (exponent-- > 0) out *= base;
    return out;
}

// The largest k with k^dims <= pairs (k >= 1), in integers so that every platform agrees.
std::size_t strata_per_coordinate(std::size_t pairs, std::size_t dims) {
    std::size_t k = 1;
    auto fits = [&](std::size_t c) {
        std::size_t p = 1;
        for (std::size_t e = 0; e < dims; ++e) {
            if (p > pairs / c) return false;
            p *= c;
        }
        return p <= pairs;
    };
    while (fits(k + 1)) ++k;
    return k;
}

// Stratified sampling: cell `cell` of the k^(2d) grid on the pair space (digits of `cell` in base k, y's
// coordinates first), one uniform point inside it.
void draw_in_cell(RandomStream& stream, const AlignConfig& config, std::size_t cell, std::size_t strata,
                  std::vector<double>& y, std::vector<double>& y2) {
    const std::size_t d = config.dimension;
    for (std::size_t c = 0; c < 2 * d; ++c) {
        const std::size_t k = c % d, digit = cell % strata;
        cell /= strata;
        const double lo = config.response_lo[k], width = config.response_hi[k] - lo;
        const double value =
            lo + width * ((static_cast<double>(digit) + stream.uniform()) / static_cast<double>(strata));
        (c < d ? y : y2)[k] = value;
    }
}

struct Accumulated {
    double loglik = 0;
    std::vector<double> gradient, hessian;  // of the NEGATIVE log-likelihood (convex)
};

}  // namespace

LearnedReceiver::LearnedReceiver(const AlignConfig& config, unsigned threads)
    : dimension_(config.dimension), threads_(threads) {
    const std::size_t d = dimension_;
    std::size_t total = 0;
    for (const AlignPlayer& p : config.players) total += p.pairs;
    owner_.reserve(total);
    offset_.reserve(total);
    delta_.reserve(total * d);
    uniform_.reserve(total);
    std::vector<double> y(d), y2(d);
    for (std::size_t i = 0; i < config.players.size(); ++i) {
        // One fixed substream per player: its pairs and label uniforms never depend on anyone's report.
        RandomStream stream = RandomStream::substream(config.seed, i);
        const std::size_t pairs = config.players[i].pairs;
        const std::size_t strata = config.sampling == "stratified" ? strata_per_coordinate(pairs, 2 * d) : 0;
        const std::size_t cells = strata == 0 ? 0 : integer_power(strata, 2 * d);
        for (std::size_t j = 0; j < pairs; ++j) {
            if (j < cells) {
                draw_in_cell(stream, config, j, strata, y, y2);
            } else {
                for (std::size_t k = 0; k < d; ++k)
                    y[k] = stream.uniform(config.response_lo[k], config.response_hi[k]);
                for (std::size_t k = 0; k < d; ++k)
                    y2[k] = stream.uniform(config.response_lo[k], config.response_hi[k]);
            }
            double c = 0;
            for (std::size_t k = 0; k < d; ++k) {
                c += y2[k] * y2[k] - y[k] * y[k];
                delta_.push_back(y[k] - y2[k]);
            }
            owner_.push_back(static_cast<std::uint32_t>(i));
            offset_.push_back(c);
            uniform_.push_back(stream.uniform());
        }
    }
    warm_start_.assign(d, 0.0);
    for (std::size_t k = 0; k < d; ++k)
        response_radius_ =
            std::max({response_radius_, std::abs(config.response_lo[k]), std::abs(config.response_hi[k])});
}

std::vector<double> LearnedReceiver::operator()(const std::vector<std::vector<double>>& reports) const {
    const std::size_t d = dimension_, total = offset_.size();
    // Labels: y preferred to y' iff u < σ(r_θ(y) - r_θ(y')) at the owner's reported θ.
    std::vector<std::uint8_t> label(total);
    const unsigned workers = worker_count(threads_, total, 8192);
    parallel_chunks(total, workers, [&](unsigned, std::size_t begin, std::size_t end) {
        for (std::size_t j = begin; j < end; ++j) {
            const std::vector<double>& theta = reports[owner_[j]];
            double m = offset_[j];
            for (std::size_t k = 0; k < d; ++k) m += 2 * theta[k] * delta_[j * d + k];
            label[j] = uniform_[j] < sigmoid(m) ? 1 : 0;
        }
    });
    // No finite maximiser when some direction v has s_j Δ_j·v >= 0 for every sample (s_j = ±1 by its label):
    // along v every term of the log-likelihood is non-decreasing. Exact in d = 1; in d >= 2 the coordinate
    // directions are checked here and other directions are caught by the divergence checks below.
    for (std::size_t k = 0; k < d; ++k) {
        bool up = false, down = false;
        for (std::size_t j = 0; j < total && !(up && down); ++j) {
            double push = (label[j] ? 1 : -1) * delta_[j * d + k];
            up = up || push > 0;
            down = down || push < 0;
        }
        if (!(up && down))
            throw NoMaximumError(
                "the learned receiver's likelihood has no maximiser: every label pushes coordinate " +
                std::to_string(k) + " of θ the same way (separable labels, too few pairs)");
    }
    // Negative log-likelihood, its gradient and Hessian at θ; m_j = c_j + 2θ·Δ_j, signed by the label.
    auto accumulate = [&](const std::vector<double>& theta, bool derivatives) {
        std::vector<Accumulated> parts(workers);
        parallel_chunks(total, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
            Accumulated& a = parts[w];
            a.gradient.assign(d, 0);
            a.hessian.assign(d * d, 0);
            for (std::size_t j = begin; j < end; ++j) {
                const double* delta = &delta_[j * d];
                double m = offset_[j];
                for (std::size_t k = 0; k < d; ++k) m += 2 * theta[k] * delta[k];
                const double s = label[j] ? m : -m;
                a.loglik -= log_sigmoid(s);
                if (!derivatives) continue;
                const double p = sigmoid(m);
                const double g = p - label[j];  // d(-loglik)/dm
                const double h = p * (1 - p);
                for (std::size_t k = 0; k < d; ++k) {
                    a.gradient[k] += g * 2 * delta[k];
                    for (std::size_t l = 0; l <= k; ++l) a.hessian[k * d + l] += h * 4 * delta[k] * delta[l];
                }
            }
        });
        Accumulated sum = parts[0];
        for (unsigned w = 1; w < workers; ++w) {
            sum.loglik += parts[w].loglik;
            for (std::size_t k = 0; k < d; ++k) sum.gradient[k] += parts[w].gradient[k];
            for (std::size_t k = 0; k < d * d; ++k) sum.hessian[k] += parts[w].hessian[k];
        }
        for (std::size_t k = 0; k < d; ++k)
            for (std::size_t l = 0; l < k; ++l) sum.hessian[l * d + k] = sum.hessian[k * d + l];
        return sum;
    };

    // A finite maximiser lies near the reports (which lie in the action set); one far outside the response
    // box means the likelihood keeps rising along a direction (separable labels, e.g. a single pair): no MLE.
    double reach = 0;
    for (const auto& report : reports)
        for (double x : report) reach = std::max(reach, std::abs(x));
    reach = 10 * std::max(reach, response_radius_);
    auto finish = [&](const std::vector<double>& estimate) {
        for (double x : estimate)
            if (!std::isfinite(x) || std::abs(x) > reach)
                throw NoMaximumError(
                    "the learned receiver's likelihood has no maximiser (the MLE runs off to infinity: "
                    "labels separable or too few pairs)");
        warm_start_ = estimate;
        return estimate;
    };
    std::vector<double> theta = warm_start_;
    for (double& t : theta)
        if (!std::isfinite(t)) t = 0;
    Accumulated current = accumulate(theta, true);
    const double scale = std::max(1.0, static_cast<double>(total));
    for (std::size_t iteration = 1; iteration <= 200; ++iteration) {
        std::vector<double> step = current.gradient;
        if (!solve_spd(current.hessian, step, d))
            throw NoMaximumError(
                "the learned receiver's likelihood has no unique maximiser (singular curvature: "
                "labels separable or too few pairs)");
        double decrement = 0;
        for (std::size_t k = 0; k < d; ++k) decrement += step[k] * current.gradient[k];
        double longest = 0;
        for (std::size_t k = 0; k < d; ++k) longest = std::max(longest, std::abs(step[k]));
        // Converged: Newton decrement at rounding level, or a step below 1e-13 (far below any reported
        // digit).
        if (decrement < 1e-16 * scale || longest < 1e-13 * std::max(1.0, std::abs(theta[0]))) {
            last_iterations_ = iteration;
            return finish(theta);
        }
        // Backtracking (Armijo) line search on the convex negative log-likelihood.
        double t = 1;
        std::vector<double> candidate(d);
        Accumulated next;
        for (;;) {
            for (std::size_t k = 0; k < d; ++k) candidate[k] = theta[k] - t * step[k];
            next = accumulate(candidate, false);
            if (next.loglik <= current.loglik - 0.25 * t * decrement) break;
            t /= 2;
            if (t < 1e-12) break;  // no more progress in floating point: accept where we are
        }
        if (t < 1e-12) {
            last_iterations_ = iteration;
            return finish(theta);
        }
        const bool stalled = current.loglik - next.loglik <= 1e-14 * std::max(1.0, std::abs(current.loglik));
        theta = candidate;
        if (stalled) break;  // no measurable progress left in floating point
        for (double x : theta)
            if (!std::isfinite(x) || std::abs(x) > 1e8)
                throw NoMaximumError(
                    "the learned receiver's likelihood has no maximiser (the MLE diverges: labels "
                    "separable or too few pairs)");
        current = accumulate(theta, true);
    }
    last_iterations_ = 200;
    return finish(theta);
}

}  // namespace bigcert
