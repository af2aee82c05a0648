#include "bigcert/core/equilibrium_check.hpp"

#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>

#include "bigcert/core/parallel.hpp"
#include "solver/support_oracle.hpp"

namespace bigcert {
namespace {

// Is w (t - y)·(v - x) <= 0? Decided in doubles when the value is clearly negative, exactly otherwise.
bool no_improvement_towards(const Player& p, const Vector& y, const std::vector<double>& y_approx,
                            bool y_trusted, const Vector& x, const Vector& v) {
    if (y_trusted) {
        constexpr double eps = std::numeric_limits<double>::epsilon() / 2;
        double w = to_double(p.weight), value = 0, magnitude = 0;
        bool trusted = converts_faithfully(p.weight, w);
        for (std::size_t j = 0; j < v.size() && trusted; ++j) {
            double t = to_double(p.target[j]), vj = to_double(v[j]), xj = to_double(x[j]);
            trusted = converts_faithfully(p.target[j], t) && converts_faithfully(v[j], vj) &&
                      converts_faithfully(x[j], xj);
            value += w * (t - y_approx[j]) * (vj - xj);
            magnitude +=
                std::fabs(w) * (std::fabs(t) + std::fabs(y_approx[j])) * (std::fabs(vj) + std::fabs(xj));
        }
        if (trusted && value < -2 * eps * static_cast<double>(v.size() + 16) * magnitude) return true;
    }
    return sign(dot(p.weight * (p.target - y), v - x)) <= 0;
}

}  // namespace

CheckReport check_equilibrium(const Instance& instance, const std::vector<Vector>& actions,
                              const Vector& receiver, unsigned threads) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    if (actions.size() != n)
        return {false, "the profile has " + std::to_string(actions.size()) + " actions for " +
                           std::to_string(n) + " players"};
    if (receiver.size() != d) return {false, "the receiver has the wrong dimension"};
    for (std::size_t i = 0; i < n; ++i)
        if (actions[i].size() != d)
            return {false, "player " + instance.numbered_label(i) + ": action of the wrong dimension"};

    Vector recomputed = instance.receiver(actions);
    if (recomputed != receiver) return {false, "the receiver is not w0·x0 + sum w_i x_i of the actions"};

    QueryPoint y(receiver);
    std::atomic<std::size_t> first_failure{n};
    std::mutex mutex;
    std::string failure;
    parallel_chunks(n, worker_count(threads, n), [&](unsigned, std::size_t begin, std::size_t end) {
        std::vector<Vector> ends(2, Vector(1));  // an interval's two ends, reused from player to player
        for (std::size_t i = begin; i < end && i < first_failure.load(); ++i) {
            const ActionSet& set = instance.set_of(i);
            std::string problem;
            if (!set.contains(actions[i])) {
                problem = "player " + instance.numbered_label(i) + ": the action is not in its action set";
            } else if (set.is_curved()) {
                // No vertices: the support condition g·x >= h(g), decided exactly by squaring
                // (curved_set.hpp).
                const Player& p = instance.players[i];
                if (!set.as_curved().maximises(p.weight * (p.target - receiver), actions[i]))
                    problem = "player " + instance.numbered_label(i) +
                              ": not a support point of its curved set (a deviation lowers its loss)";
            } else {
                // The vertices read in place: copying them per player (ActionSet::vertices) cost more than
                // the test itself on large games.
                auto improves = [&](const Vector& v) {
                    return !no_improvement_towards(instance.players[i], receiver, y.approx, y.trusted,
                                                   actions[i], v);
                };
                bool improving = false;
                if (set.kind() == ActionSet::Kind::polytope) {
                    for (const Vector& v : set.as_polytope().vertices())
                        if ((improving = improves(v))) break;
                } else if (set.kind() == ActionSet::Kind::interval) {
                    ends[0][0] = set.as_interval().lo, ends[1][0] = set.as_interval().hi;
                    improving = improves(ends[0]) || improves(ends[1]);
                } else {
                    for (const Vector& v : set.vertices())
                        if ((improving = improves(v))) break;
                }
                if (improving)
                    problem =
                        "player " + instance.numbered_label(i) + ": moving towards a vertex lowers its loss";
            }
            if (problem.empty()) continue;
            std::lock_guard<std::mutex> lock(mutex);
            if (i < first_failure.load()) first_failure = i, failure = problem;
        }
    });
    if (first_failure.load() < n) return {false, failure};
    return {};
}

}  // namespace bigcert
