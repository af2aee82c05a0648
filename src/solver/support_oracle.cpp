#include "solver/support_oracle.hpp"

#include <cmath>
#include <limits>

namespace bigcert {

bool converts_faithfully(const Rational& x, double approx) {
    if (sign(x) == 0) return approx == 0.0;
    double magnitude = std::fabs(approx);
    return std::isfinite(approx) && magnitude > 1e-250 && magnitude < 1e250;
}

QueryPoint::QueryPoint(const Vector& y) : exact(y), approx(to_doubles(y)), trusted(true) {
    for (std::size_t j = 0; j < y.size(); ++j)
        if (!converts_faithfully(y[j], approx[j])) trusted = false;
}

SupportOracle::SupportOracle(const Instance& instance) : instance_(instance) {
    const std::size_t d = instance.dimension;
    for (const ActionSet& set : instance.action_sets) {
        set_vertices_.push_back(set.vertices());
        std::vector<double> approx;
        bool trusted = true;
        for (const Vector& v : set_vertices_.back())
            for (const Rational& x : v) {
                approx.push_back(to_double(x));
                trusted = trusted && converts_faithfully(x, approx.back());
            }
        set_vertices_approx_.push_back(std::move(approx));
        set_trusted_.push_back(trusted);
    }
    const std::size_t n = instance.players.size();
    target_approx_.resize(n * d);
    weight_approx_.resize(n);
    player_trusted_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Player& p = instance.players[i];
        bool trusted = set_trusted_[p.action_set];
        weight_approx_[i] = to_double(p.weight);
        trusted = trusted && converts_faithfully(p.weight, weight_approx_[i]);
        for (std::size_t j = 0; j < d; ++j) {
            target_approx_[i * d + j] = to_double(p.target[j]);
            trusted = trusted && converts_faithfully(p.target[j], target_approx_[i * d + j]);
        }
        player_trusted_[i] = trusted;
    }
}

std::vector<std::size_t> SupportOracle::float_candidates(std::size_t player, const QueryPoint& y,
                                                         bool& exact_needed) const {
    const std::size_t d = instance_.dimension;
    const std::size_t set = instance_.players[player].action_set;
    const std::size_t m = set_vertices_[set].size();
    std::vector<std::size_t> all(m);
    for (std::size_t v = 0; v < m; ++v) all[v] = v;
    exact_needed = !(y.trusted && player_trusted_[player]) || d > 64;
    if (exact_needed || m == 1) return all;

    constexpr double eps = std::numeric_limits<double>::epsilon() / 2;  // unit roundoff 2^-53
    const double w = weight_approx_[player];
    const double* t = &target_approx_[player * d];
    const double* vertices = set_vertices_approx_[set].data();
    // u_j = w (t_j - y_j) and a_j = |w| (|t_j| + |y_j|), the magnitude that bounds u_j's rounding error.
    double u[64], a[64];
    for (std::size_t j = 0; j < d; ++j) {
        u[j] = w * (t[j] - y.approx[j]);
        a[j] = std::fabs(w) * (std::fabs(t[j]) + std::fabs(y.approx[j]));
    }
    std::vector<double> score(m);
    double best = -std::numeric_limits<double>::infinity(), bound = 0;
    for (std::size_t v = 0; v < m; ++v) {
        double s = 0, magnitude = 0;
        for (std::size_t j = 0; j < d; ++j) {
            s += u[j] * vertices[v * d + j];
            magnitude += a[j] * std::fabs(vertices[v * d + j]);
        }
        score[v] = s;
        best = std::max(best, s);
        bound = std::max(bound, 2 * eps * static_cast<double>(d + 16) * magnitude);
    }
    std::vector<std::size_t> candidates;
    for (std::size_t v = 0; v < m; ++v)
        if (score[v] >= best - 2 * bound - std::numeric_limits<double>::denorm_min()) candidates.push_back(v);
    return candidates;
}

std::vector<std::size_t> SupportOracle::exact_maximisers(std::size_t player, const QueryPoint& y,
                                                         const std::vector<std::size_t>& candidates) const {
    const Player& p = instance_.players[player];
    const std::vector<Vector>& vertices = set_vertices_[p.action_set];
    Vector u = p.weight * (p.target - y.exact);
    std::vector<std::size_t> result;
    Rational best;
    for (std::size_t v : candidates) {
        Rational s = dot(u, vertices[v]);
        if (result.empty() || s > best) {
            best = s;
            result.assign(1, v);
        } else if (s == best) {
            result.push_back(v);
        }
    }
    return result;
}

std::size_t SupportOracle::best_vertex(std::size_t player, const QueryPoint& y) const {
    bool exact_needed = false;
    std::vector<std::size_t> candidates = float_candidates(player, y, exact_needed);
    if (candidates.size() == 1 && !exact_needed) return candidates[0];
    return exact_maximisers(player, y, candidates).front();
}

std::vector<std::size_t> SupportOracle::face(std::size_t player, const QueryPoint& y) const {
    bool exact_needed = false;
    std::vector<std::size_t> candidates = float_candidates(player, y, exact_needed);
    if (candidates.size() == 1 && !exact_needed) return candidates;
    return exact_maximisers(player, y, candidates);
}

}  // namespace bigcert
