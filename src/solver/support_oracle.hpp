// Support points of every player at a receiver y: argmax over v in X_i of w_i (t_i - y)·v (MODEL.md §3b).
// Decided in floating point when the gap between the best and the runner-up exceeds a rigorous rounding
// bound, and in exact arithmetic otherwise, so every answer is exact ("locate, then verify exactly").
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

#include "bigcert/core/instance.hpp"

namespace bigcert {

// The receiver point at which support points are asked for, exactly and as doubles.
struct QueryPoint {
    explicit QueryPoint(const Vector& y);
    const Vector& exact;
    std::vector<double> approx;
    bool trusted;  // every coordinate converts to a normal double (else everything is decided exactly)
};

class SupportOracle {
  public:
    explicit SupportOracle(const Instance& instance);

    // A vertex index attaining the maximum (the lowest index among exact ties).
    std::size_t best_vertex(std::size_t player, const QueryPoint& y) const;
    // Every vertex index attaining the maximum: the face F_i(y) in vertex form.
    std::vector<std::size_t> face(std::size_t player, const QueryPoint& y) const;

    const std::vector<Vector>& vertices_of(std::size_t player) const {
        return set_vertices_[instance_.players[player].action_set];
    }

  private:
    // Candidates within the rounding bound of the best floating-point score; exact == true when the
    // floating-point evaluation could not be trusted at all.
    std::vector<std::size_t> float_candidates(std::size_t player, const QueryPoint& y,
                                              bool& exact_needed) const;
    std::vector<std::size_t> exact_maximisers(std::size_t player, const QueryPoint& y,
                                              const std::vector<std::size_t>& candidates) const;

    const Instance& instance_;
    std::vector<std::vector<Vector>> set_vertices_;
    std::vector<std::vector<double>> set_vertices_approx_;  // flattened, per set
    std::vector<bool> set_trusted_;
    std::vector<double> target_approx_;  // flattened n x d
    std::vector<double> weight_approx_;
    std::vector<bool> player_trusted_;
};

// True when x converts to a double that carries a relative error of at most 2^-53 (zero, or a normal
// number far from overflow and underflow).
bool converts_faithfully(const Rational& x, double approx);

}  // namespace bigcert

namespace bigcert {

// sign(a - b), decided from the doubles when their difference is far above the rounding error of the
// conversions, exactly otherwise.
inline int compare_filtered(const Rational& a, double a_approx, const Rational& b, double b_approx) {
    if (converts_faithfully(a, a_approx) && converts_faithfully(b, b_approx)) {
        double difference = a_approx - b_approx;
        double tolerance = 4.5e-16 * (std::fabs(a_approx) + std::fabs(b_approx));
        if (difference > tolerance) return 1;
        if (difference < -tolerance) return -1;
    }
    return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace bigcert
