#include "bigcert/solver/curved_solver.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <optional>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/parallel.hpp"

namespace bigcert {
namespace {

using DoubleVector = std::vector<double>;

// ---- Floating-point guess (MODEL.md §3d): damped Newton on ψ. Only a guess: everything reported is
// certified afterwards in exact arithmetic. ----

struct FloatPlayer {
    double weight = 0;
    DoubleVector target, center;
    std::vector<double> inverse;         // M⁻¹ row-major (curved)
    std::vector<DoubleVector> vertices;  // polytopes and intervals
    bool curved = false;
};

struct FloatModel {
    std::size_t d = 0;
    DoubleVector bias;
    std::vector<FloatPlayer> players;
};

DoubleVector doubles(const Vector& v) { return to_doubles(v); }

FloatModel float_model(const Instance& instance) {
    FloatModel model;
    model.d = instance.dimension;
    model.bias.assign(model.d, 0.0);
    Vector bias = instance.bias();
    if (!bias.empty()) model.bias = doubles(bias);
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        const ActionSet& set = instance.set_of(i);
        FloatPlayer p;
        p.weight = to_double(instance.players[i].weight);
        p.target = doubles(instance.players[i].target);
        if (set.is_curved()) {
            p.curved = true;
            p.center = doubles(set.as_curved().center());
            for (std::size_t r = 0; r < model.d; ++r)
                for (std::size_t c = 0; c < model.d; ++c)
                    p.inverse.push_back(to_double(set.as_curved().inverse().at(r, c)));
        } else {
            for (const Vector& v : set.vertices()) p.vertices.push_back(doubles(v));
        }
        model.players.push_back(std::move(p));
    }
    return model;
}

struct FloatStep {
    double psi = 0;
    DoubleVector gradient;         // G = λ - b - Σ w s  (∇ψ / 2)
    std::vector<double> jacobian;  // I + Σ w² Ds (d×d)
};

FloatStep evaluate(const FloatModel& m, const DoubleVector& lambda) {
    const std::size_t d = m.d;
    FloatStep step;
    step.gradient.assign(d, 0.0);
    step.jacobian.assign(d * d, 0.0);
    for (std::size_t j = 0; j < d; ++j)
        step.jacobian[j * d + j] = 1, step.psi += lambda[j] * lambda[j] - 2 * lambda[j] * m.bias[j];
    DoubleVector sum = m.bias, u(d), v(d);
    for (const FloatPlayer& p : m.players) {
        if (p.weight == 0) continue;
        for (std::size_t j = 0; j < d; ++j) u[j] = p.weight * (p.target[j] - lambda[j]);
        double h = 0;
        if (p.curved) {
            double q = 0;
            for (std::size_t r = 0; r < d; ++r) {
                v[r] = 0;
                for (std::size_t c = 0; c < d; ++c) v[r] += p.inverse[r * d + c] * u[c];
                q += u[r] * v[r];
                h += u[r] * p.center[r];
            }
            double sigma = std::sqrt(std::max(q, 0.0));
            if (sigma > 0) {
                h += sigma;
                for (std::size_t j = 0; j < d; ++j) sum[j] += p.weight * (p.center[j] + v[j] / sigma);
                double w2 = p.weight * p.weight;
                for (std::size_t r = 0; r < d; ++r)
                    for (std::size_t c = 0; c < d; ++c)
                        step.jacobian[r * d + c] += w2 * (p.inverse[r * d + c] - v[r] * v[c] / q) / sigma;
            } else {
                for (std::size_t j = 0; j < d; ++j) sum[j] += p.weight * p.center[j];
            }
        } else {
            std::size_t best = 0;
            double best_value = -INFINITY;
            for (std::size_t k = 0; k < p.vertices.size(); ++k) {
                double value = 0;
                for (std::size_t j = 0; j < d; ++j) value += u[j] * p.vertices[k][j];
                if (value > best_value) best_value = value, best = k;
            }
            h = best_value;
            for (std::size_t j = 0; j < d; ++j) sum[j] += p.weight * p.vertices[best][j];
        }
        step.psi += 2 * h;
    }
    for (std::size_t j = 0; j < d; ++j) step.gradient[j] = lambda[j] - sum[j];
    return step;
}

// Solves J x = b (d×d, J symmetric positive definite here) by Gaussian elimination with partial pivoting.
DoubleVector solve_small(std::vector<double> a, DoubleVector b) {
    const std::size_t d = b.size();
    for (std::size_t k = 0; k < d; ++k) {
        std::size_t pivot = k;
        for (std::size_t r = k + 1; r < d; ++r)
            if (std::fabs(a[r * d + k]) > std::fabs(a[pivot * d + k])) pivot = r;
        for (std::size_t c = 0; c < d; ++c) std::swap(a[k * d + c], a[pivot * d + c]);
        std::swap(b[k], b[pivot]);
        if (a[k * d + k] == 0) continue;
        for (std::size_t r = k + 1; r < d; ++r) {
            double f = a[r * d + k] / a[k * d + k];
            for (std::size_t c = k; c < d; ++c) a[r * d + c] -= f * a[k * d + c];
            b[r] -= f * b[k];
        }
    }
    DoubleVector x(d, 0.0);
    for (std::size_t k = d; k-- > 0;) {
        double s = b[k];
        for (std::size_t c = k + 1; c < d; ++c) s -= a[k * d + c] * x[c];
        x[k] = a[k * d + k] == 0 ? 0 : s / a[k * d + k];
    }
    return x;
}

DoubleVector newton_guess(const FloatModel& m) {
    DoubleVector lambda = m.bias;
    for (const FloatPlayer& p : m.players)
        for (std::size_t j = 0; j < m.d; ++j)
            lambda[j] += p.weight * (p.curved ? p.center[j] : p.vertices.front()[j]);
    for (int iteration = 0; iteration < 200; ++iteration) {
        FloatStep here = evaluate(m, lambda);
        DoubleVector step = solve_small(here.jacobian, here.gradient);
        double t = 1;
        DoubleVector next(m.d);
        for (int halving = 0; halving < 60; ++halving, t /= 2) {
            for (std::size_t j = 0; j < m.d; ++j) next[j] = lambda[j] - t * step[j];
            if (evaluate(m, next).psi <= here.psi) break;
        }
        double moved = 0, size = 1;
        for (std::size_t j = 0; j < m.d; ++j)
            moved = std::max(moved, std::fabs(next[j] - lambda[j])),
            size = std::max(size, std::fabs(lambda[j]));
        lambda = next;
        if (moved <= 1e-15 * size) break;
    }
    return lambda;
}

// ---- Exact certification at a dyadic point λ (the argument in curved_solver.hpp). ----

enum class Resolution { point, free, unresolved };

struct PlayerBound {
    std::vector<Enclosure> support;  // s_i(λ), enclosed
    Resolution resolution = Resolution::point;
    Rational sigma_lo;         // lower bound of sqrt(uᵀM⁻¹u) (curved)
    Vector vertex;             // the exact support vertex (polytopes)
    std::vector<Vector> face;  // polytopes with u != 0: the face argmax u·y when more than a vertex
};

PlayerBound support_bound(const Instance& instance, std::size_t i, const Vector& lambda, unsigned bits) {
    const ActionSet& set = instance.set_of(i);
    const Player& player = instance.players[i];
    const std::size_t d = instance.dimension;
    PlayerBound bound;
    if (sign(player.weight) == 0 || set.is_single_point()) {
        Vector point = set.is_curved() ? set.as_curved().center() : set.vertices().front();
        for (const Rational& x : point) bound.support.push_back(Enclosure::point(x));
        bound.vertex = point;
        bound.resolution = set.is_single_point() ? Resolution::point : Resolution::free;
        return bound;
    }
    Vector u = player.weight * (player.target - lambda);
    if (set.is_curved()) {
        const CurvedSet& curved = set.as_curved();
        Vector v(d, Rational(0));
        for (std::size_t r = 0; r < d; ++r)
            for (std::size_t c = 0; c < d; ++c) v[r] += curved.inverse().at(r, c) * u[c];
        Rational q = dot(u, v);
        if (sign(q) == 0) {
            for (const Rational& x : curved.center()) bound.support.push_back(Enclosure::point(x));
            bound.resolution = Resolution::unresolved;
            return bound;
        }
        Enclosure sigma = sqrt_enclosure(q, bits + 8);
        bound.sigma_lo = sigma.lo;
        for (std::size_t j = 0; j < d; ++j) {
            // v_j / sigma: divide by the bound that makes it smaller for the low end.
            Enclosure ratio = sign(v[j]) >= 0 ? Enclosure{v[j] / sigma.hi,
                                                          sign(sigma.lo) > 0 ? Rational(v[j] / sigma.lo)
                                                                             : Rational(v[j] / sigma.hi * 2)}
                                              : Enclosure{sign(sigma.lo) > 0 ? Rational(v[j] / sigma.lo)
                                                                             : Rational(v[j] / sigma.hi * 2),
                                                          v[j] / sigma.hi};
            bound.support.push_back(rounded_outward(Enclosure::point(curved.center()[j]) + ratio, bits + 8));
        }
        if (sign(sigma.lo) <= 0) bound.resolution = Resolution::unresolved;
        return bound;
    }
    std::vector<Vector> face = set.support_face(u);
    bound.vertex = face.front();
    if (face.size() > 1 && !is_zero(u)) bound.face = face;
    for (const Rational& x : bound.vertex) bound.support.push_back(Enclosure::point(x));
    return bound;
}

// Is the polytope player's vertex the unique maximiser of w(t - λ')·y for every |λ' - λ| <= ρ?
bool vertex_stable(const Instance& instance, std::size_t i, const Vector& lambda, const Vector& vertex,
                   const Rational& rho) {
    const Player& player = instance.players[i];
    Vector u = player.weight * (player.target - lambda);
    Rational w2 = player.weight * player.weight;
    for (const Vector& other : instance.set_of(i).vertices()) {
        if (other == vertex) continue;
        Vector edge = vertex - other;
        Rational a = dot(u, edge);
        if (sign(a) <= 0 || a * a <= rho * rho * w2 * squared_norm(edge)) return false;
    }
    return true;
}

struct InteriorFit {
    bool fits = false;      // the box of s_k lies in X_k: λ = x̂* exactly
    bool interior = false;  // ... and in X_k's interior
};

// An interior player (MODEL.md §3b: w_k(t_k - x̂*) = 0). When λ = t_k exactly, ∂h_k(0) is all of X_k, so
// s_k = (λ - b - Σ_{j≠k} w_j s_j)/w_k is a valid choice whenever it lies in X_k, and then g = 0: λ = x̂*
// exactly. We check that the whole enclosure box of that point lies in X_k (its corners, X_k convex).
InteriorFit interior_player_fit(const Instance& instance, const std::vector<PlayerBound>& bounds,
                                const Vector& lambda, const Vector& bias, unsigned bits) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    for (std::size_t k = 0; k < n; ++k) {
        const Player& pk = instance.players[k];
        if (sign(pk.weight) == 0 || pk.target != lambda) continue;
        std::vector<Enclosure> rest;
        for (std::size_t j = 0; j < d; ++j) {
            Enclosure r = Enclosure::point(Rational(lambda[j] - bias[j]));
            for (std::size_t i = 0; i < n; ++i) {
                if (i == k) continue;
                r = r - instance.players[i].weight * bounds[i].support[j];
                // An exact point stays exact: rounding it outward would push a point on X_k's boundary out.
                if (r.lo != r.hi) r = rounded_outward(r, bits + 16);
            }
            rest.push_back(Rational(1 / pk.weight) * r);
        }
        InteriorFit fit{true, true};
        for (std::size_t corner = 0; corner < (std::size_t(1) << d) && fit.fits; ++corner) {
            Vector y;
            for (std::size_t j = 0; j < d; ++j) y.push_back((corner >> j) & 1 ? rest[j].hi : rest[j].lo);
            fit.fits = instance.set_of(k).contains(y);
            fit.interior = fit.interior && fit.fits && instance.set_of(k).in_interior(y);
        }
        if (fit.fits) return fit;
    }
    return {};
}

// Polytope players whose face at λ is more than a vertex. When an interior player pins x̂* = λ exactly, each
// of them may sit anywhere on its face (MODEL.md §3b), so the interior player's fit is tried for several
// choices: every combination of face vertices (when there are few) and the faces' vertex averages (relative
// interior points).
std::vector<std::vector<Vector>> face_choices(const std::vector<PlayerBound>& bounds,
                                              const std::vector<std::size_t>& face_players) {
    std::size_t combinations = 1;
    for (std::size_t i : face_players)
        combinations = std::min<std::size_t>(combinations * bounds[i].face.size(), 65);
    std::vector<std::vector<Vector>> choices;
    for (std::size_t c = 0; c < (combinations <= 64 ? combinations : 1); ++c) {
        std::vector<Vector> choice;
        for (std::size_t rest = c; std::size_t i : face_players) {
            choice.push_back(bounds[i].face[rest % bounds[i].face.size()]);
            rest /= bounds[i].face.size();
        }
        choices.push_back(std::move(choice));
    }
    std::vector<Vector> averages;
    for (std::size_t i : face_players) {
        Vector sum = bounds[i].face.front();
        for (std::size_t v = 1; v < bounds[i].face.size(); ++v) sum = sum + bounds[i].face[v];
        averages.push_back(Rational(Integer(1), Integer(bounds[i].face.size())) * sum);
    }
    choices.push_back(std::move(averages));
    return choices;
}

// The interior player's fit with the face players at each choice. The first fitting choice is kept in
// `bounds`; `infinite` is proven when two distinct choices fit (two equilibria, Corollary 3: then infinitely
// many) or one fits with the interior player strictly inside its set (moving a face player a little along its
// face moves x_k a little, so it stays in X_k).
struct FaceFit {
    bool fits = false;
    bool infinite = false;
};

FaceFit fit_with_faces(const Instance& instance, std::vector<PlayerBound>& bounds,
                       const std::vector<std::size_t>& face_players, const Vector& lambda, const Vector& bias,
                       unsigned bits) {
    auto place = [&](const std::vector<Vector>& choice) {
        for (std::size_t f = 0; f < face_players.size(); ++f) {
            PlayerBound& b = bounds[face_players[f]];
            b.support.clear();
            for (const Rational& x : choice[f]) b.support.push_back(Enclosure::point(x));
        }
    };
    std::vector<std::vector<Vector>> choices = face_choices(bounds, face_players);
    std::optional<std::size_t> kept;
    std::size_t fitting = 0;
    bool interior = false;
    for (std::size_t c = 0; c < choices.size(); ++c) {
        place(choices[c]);
        InteriorFit fit = interior_player_fit(instance, bounds, lambda, bias, bits);
        if (!fit.fits) continue;
        if (!kept) kept = c;
        ++fitting;
        interior = interior || fit.interior;
    }
    place(choices[kept.value_or(0)]);
    return {kept.has_value(), fitting >= 2 || interior};
}

std::string labels(const Instance& instance, const std::vector<std::size_t>& players) {
    std::string text;
    for (std::size_t i : players) text += (text.empty() ? "" : ", ") + instance.label(i);
    return text;
}

std::vector<Enclosure> bounding_box(const std::vector<Vector>& points) {
    std::vector<Enclosure> box;
    for (std::size_t j = 0; j < points.front().size(); ++j) {
        Enclosure e = Enclosure::point(points.front()[j]);
        for (const Vector& p : points) e = {std::min(e.lo, p[j]), std::max(e.hi, p[j])};
        box.push_back(e);
    }
    return box;
}

// Why each unresolved player could not be placed at λ, in the user's terms (the solver's scope:
// docs/internals.md, curved sets).
std::string describe_unresolved(const Instance& instance, const std::vector<PlayerBound>& bounds,
                                const std::vector<std::size_t>& unresolved, const Vector& lambda) {
    std::string text;
    for (std::size_t i : unresolved) {
        const Player& p = instance.players[i];
        text += text.empty() ? "" : "; ";
        text += "player " + instance.label(i);
        if (p.target == lambda)
            text += " has its target at the receiver (interior)";
        else if (!bounds[i].face.empty())
            text += " has a whole edge or face of its set toward its target";
        else if (instance.set_of(i).is_curved())
            text += " has its target too close to the receiver to place its support point";
        else
            text += " is at or near a tie between vertices of its set";
    }
    return text;
}

struct Certified {
    Solution solution;
    std::string unresolved;  // why the players were not separated (for the final error message)
    std::string proof_note;  // added to the enclosure proof (faces at an exactly known receiver)
    Rational worst_width;    // the largest enclosure width of the receiver and the actions
    bool separated = true;
    Vector step_target;  // midpoint of G at λ (for the next Newton step)
};

Certified certify_at(const Instance& instance, const Vector& lambda, unsigned bits, unsigned threads) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    std::vector<PlayerBound> bounds(n);
    parallel_chunks(n, worker_count(threads, n, 512), [&](unsigned, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) bounds[i] = support_bound(instance, i, lambda, bits);
    });
    Vector bias = instance.bias();
    if (bias.empty()) bias.assign(d, Rational(0));
    // G = λ - b - Σ w s (half a subgradient of ψ), enclosed.
    std::vector<Enclosure> sum;
    for (std::size_t j = 0; j < d; ++j) sum.push_back(Enclosure::point(bias[j]));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j)
            sum[j] = rounded_outward(sum[j] + instance.players[i].weight * bounds[i].support[j], bits + 16);
    Certified out;
    Rational norm_bound = 0;
    for (std::size_t j = 0; j < d; ++j) {
        Enclosure g = Enclosure::point(lambda[j]) - sum[j];
        out.step_target.push_back(g.midpoint());
        norm_bound += std::max(Rational(g.lo * g.lo), Rational(g.hi * g.hi));
    }
    Rational rho = sqrt_enclosure(norm_bound, bits + 8).hi;  // |λ - x̂*| <= |g|/2 = |G| <= rho
    std::vector<std::size_t> face_players;
    for (std::size_t i = 0; i < n; ++i)
        if (!bounds[i].face.empty()) face_players.push_back(i);
    // With λ = x̂* exact, the face players' faces are exact (MODEL.md §3b) and every equilibrium has them on
    // their faces: their boxes become the faces' bounding boxes (the faces are listed), the interior player's
    // box follows from the receiver equation, and the count needs a proof that there are several equilibria.
    bool exact_faces = false;
    if (face_players.empty()) {
        if (interior_player_fit(instance, bounds, lambda, bias, bits).fits) rho = 0;
    } else if (FaceFit fit = fit_with_faces(instance, bounds, face_players, lambda, bias, bits); fit.fits) {
        rho = 0;
        exact_faces = true;
        if (!fit.infinite)
            throw UnsupportedError(
                "",
                "curved sets: an interior player pins the receiver to its target and polytope "
                "player(s) " +
                    labels(instance, face_players) +
                    " have a whole edge or face "
                    "there; one equilibrium was found, but whether it is the only one was not "
                    "decided (docs/internals.md, curved sets)");
    }
    Solution& s = out.solution;
    s.enclosed = true;
    for (std::size_t j = 0; j < d; ++j) s.receiver_enclosure.push_back({lambda[j] - rho, lambda[j] + rho});
    s.action_enclosures.assign(n, {});
    s.face_vertices.assign(n, {});
    std::vector<std::size_t> unresolved;
    for (std::size_t i = 0; i < n; ++i) {
        PlayerBound& b = bounds[i];
        const ActionSet& set = instance.set_of(i);
        const Rational& w = instance.players[i].weight;
        if (b.resolution == Resolution::free) {
            s.count = EquilibriumCount::infinite;  // w_i = 0: any point of X_i (MODEL.md §3b)
            if (!set.is_curved()) s.face_vertices[i] = set.vertices();
        } else if (b.resolution == Resolution::point && set.is_curved() && !set.is_single_point()) {
            // Lipschitz step 3, valid while u* stays away from 0: ν w² ρ² < σ_lo².
            const Rational nu = set.as_curved().inverse_norm_bound();
            if (nu * w * w * rho * rho < b.sigma_lo * b.sigma_lo) {
                Rational lipschitz = 2 * nu * abs(w) * rho / b.sigma_lo;
                for (Enclosure& e : b.support) e = rounded_outward(widened(e, lipschitz), bits + 8);
            } else {
                b.resolution = Resolution::unresolved;
            }
        } else if (exact_faces && !b.face.empty()) {
            s.count = EquilibriumCount::infinite;  // proven by fit_with_faces
            s.face_vertices[i] = b.face;
            b.support = bounding_box(b.face);
        } else if (b.resolution == Resolution::point && !set.is_curved() && !set.is_single_point()) {
            if (!vertex_stable(instance, i, lambda, b.vertex, rho)) b.resolution = Resolution::unresolved;
        }
        if (b.resolution == Resolution::unresolved) unresolved.push_back(i);
        s.action_enclosures[i] = b.support;
    }
    if (unresolved.size() > 1) {
        out.separated = false;
        out.unresolved = describe_unresolved(instance, bounds, unresolved, lambda);
        return out;
    }
    if (unresolved.size() == 1) {
        // The receiver equation determines the one remaining player (w_k != 0 here).
        const std::size_t k = unresolved.front();
        if (exact_faces) {
            s.set_description =
                "every profile with x_i in conv(faces[i].vertices) for the listed players, player " +
                instance.label(k) +
                "'s action from the receiver equation (where it lies in its "
                "set), the printed action for the others, and receiver equal to equilibrium.receiver";
            out.proof_note = "; the receiver is player " + instance.label(k) +
                             "'s target exactly (its "
                             "action from the receiver equation lies in its set), so the listed players' "
                             "faces are exact and their boxes are the faces' bounding boxes; infinitely many "
                             "equilibria: two distinct ones, or player " +
                             instance.label(k) + " strictly inside its set";
        }
        const Rational& wk = instance.players[k].weight;
        for (std::size_t j = 0; j < d; ++j) {
            Enclosure rest = s.receiver_enclosure[j] - Enclosure::point(bias[j]);
            for (std::size_t i = 0; i < n; ++i)
                if (i != k)
                    rest = rounded_outward(rest - instance.players[i].weight * s.action_enclosures[i][j],
                                           bits + 16);
            s.action_enclosures[k][j] = rounded_outward(Rational(1 / wk) * rest, bits + 8);
        }
    }
    out.worst_width = 2 * rho;
    for (std::size_t i = 0; i < n; ++i) {
        // A face's box and the interior player's box that follows from it are extents of the equilibrium
        // set, not rounding: they are exact up to the other players' (already counted) widths.
        if (exact_faces && (!bounds[i].face.empty() || unresolved == std::vector<std::size_t>{i})) continue;
        for (const Enclosure& e : s.action_enclosures[i])
            out.worst_width = std::max(out.worst_width, e.width());
    }
    return out;
}

void fill_midpoints_losses_potential(const Instance& instance, Solution& s) {
    const std::size_t n = instance.players.size();
    for (const Enclosure& e : s.receiver_enclosure) s.receiver.push_back(e.midpoint());
    for (std::size_t i = 0; i < n; ++i) {
        Vector mid;
        for (const Enclosure& e : s.action_enclosures[i]) mid.push_back(e.midpoint());
        s.actions.push_back(std::move(mid));
        Enclosure loss = Enclosure::point(Rational(0));
        for (std::size_t j = 0; j < instance.dimension; ++j)
            loss = loss + square(s.receiver_enclosure[j] - Enclosure::point(instance.players[i].target[j]));
        s.loss_enclosures.push_back(loss);
    }
    // Φ = |x̂|² - 2 Σ w_i t_i·x_i (Theorem 1)
    Enclosure phi = Enclosure::point(Rational(0));
    for (const Enclosure& e : s.receiver_enclosure) phi = phi + square(e);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < instance.dimension; ++j)
            phi = phi - Rational(2 * instance.players[i].weight * instance.players[i].target[j]) *
                            s.action_enclosures[i][j];
    s.potential_enclosure = phi;
    s.potential = phi.midpoint();
    for (const Enclosure& e : s.loss_enclosures) s.losses.push_back(e.midpoint());
}

// Is the receiver known to be exactly `point` (its enclosure is that point)?
bool receiver_is_exactly(const std::vector<Enclosure>& receiver, const Vector& point) {
    for (std::size_t j = 0; j < receiver.size(); ++j)
        if (!receiver[j].is_exact() || receiver[j].lo != point[j]) return false;
    return true;
}

void fill_exaggeration(const Instance& instance, Solution& s) {
    ExaggerationReport& e = s.exaggeration;
    const std::size_t n = instance.players.size();
    for (std::size_t i = 0; i < n && e.premise_met; ++i)
        if (sign(instance.players[i].weight) == 0)
            e.premise_met = false,
            e.premise_detail = "player " + instance.numbered_label(i) + " has weight 0";
    if (e.premise_met) {
        std::vector<Vector> targets;
        for (const Player& p : instance.players) targets.push_back(p.target);
        std::sort(targets.begin(), targets.end());
        if (std::adjacent_find(targets.begin(), targets.end()) != targets.end())
            e.premise_met = false, e.premise_detail = "two players share a target";
    }
    // Strictly convex refinement: a separated curved player is at its unique support point, on the
    // boundary; only a player with w_i(t_i - x̂*) = 0 can be interior, and then x̂* = t_i.
    for (std::size_t i = 0; i < n; ++i) {
        bool interior = true;
        const std::size_t d = instance.dimension;
        for (std::size_t corner = 0; corner < (std::size_t(1) << d) && interior; ++corner) {
            Vector y;
            for (std::size_t j = 0; j < d; ++j)
                y.push_back((corner >> j) & 1 ? s.action_enclosures[i][j].hi : s.action_enclosures[i][j].lo);
            interior = instance.set_of(i).in_interior(y);
        }
        if (interior) e.interior.push_back(i), e.relative_interior.push_back(i);
        // Every weighted player's action is the same at every equilibrium here (certify_at: unique support
        // points, at most one player fixed by the receiver equation); a zero-weight player may be anywhere in
        // its set, so it is interior somewhere iff its set is full-dimensional.
        bool anywhere = sign(instance.players[i].weight) == 0 && !instance.set_of(i).is_single_point() &&
                        instance.set_of(i).affine_dimension() == d;
        if (interior || anywhere) e.ever_interior.push_back(i);
        // An interior weighted player has F_i = X_i, so w_i (t_i - x̂*) = 0: x̂* = t_i (MODEL.md §3b).
        if (anywhere && !receiver_is_exactly(s.receiver_enclosure, instance.players[i].target))
            e.interior_player_at_target = false;
    }
    e.at_most_one_interior = e.ever_interior.size() <= 1;
}

// The exact equilibrium is sometimes rational (a target straight out from a disc's center along a 3-4-5
// direction, say). Try the simplest rationals in the enclosures; keep them only if the exact re-check
// (equilibrium_check.hpp) accepts the profile. The enclosure analysis has already settled the count.
void try_exact_rational(const Instance& instance, Solution& s, unsigned threads) {
    std::vector<Vector> actions;
    for (const auto& box : s.action_enclosures) {
        Vector a;
        for (const Enclosure& e : box) a.push_back(simplest_rational(e));
        actions.push_back(std::move(a));
    }
    Vector receiver = instance.receiver(actions);
    for (std::size_t j = 0; j < receiver.size(); ++j)
        if (!s.receiver_enclosure[j].contains(receiver[j])) return;
    if (!check_equilibrium(instance, actions, receiver, threads).ok) return;
    s.enclosed = false;
    s.actions = std::move(actions);
    s.receiver = std::move(receiver);
    s.losses.clear();
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        s.losses.push_back(instance.loss_of(i, s.receiver));
    s.potential = instance.potential(s.actions, s.receiver);
    s.method = "curved-enclosure, exact rational profile verified";
}

}  // namespace

Solution solve_curved(const Instance& instance, const SolveOptions& options) {
    if (instance.loss != Loss::squared) throw UnsupportedError("", "curved action sets with the inner loss");
    if (options.precision == 0 || options.precision > 4096)
        throw InputError("--precision", "must be in 1..4096");
    const std::size_t d = instance.dimension;
    FloatModel model = float_model(instance);
    DoubleVector guess = newton_guess(model);
    unsigned bits =
        options.precision + 24 + static_cast<unsigned>(std::log2(double(instance.players.size()) + 1));
    Vector lambda;
    for (double x : guess) lambda.push_back(round_down(Rational(x), bits));
    // An interior player pins x̂* to its target (Theorem 4): try that exact point when the guess is close.
    for (const Player& p : instance.players) {
        double distance = 0, scale = 1;
        for (std::size_t j = 0; j < d; ++j)
            distance = std::max(distance, std::fabs(guess[j] - to_double(p.target[j]))),
            scale = std::max(scale, std::fabs(guess[j]));
        if (sign(p.weight) != 0 && distance <= 1e-7 * scale) {
            lambda = p.target;
            break;
        }
    }
    const Rational target_width = Rational(Integer(1), Integer(Integer(1) << options.precision));
    std::string last_unresolved;
    for (int round = 0; round < 40; ++round) {
        Certified c = certify_at(instance, lambda, bits, options.threads);
        if (!c.separated) last_unresolved = c.unresolved;
        if (c.separated && c.worst_width <= target_width) {
            Solution s = std::move(c.solution);
            s.precision = options.precision;
            s.method = "curved-enclosure";
            s.enclosure_proof =
                "psi (MODEL.md 3d) is 2-strongly convex; at the dyadic point lambda = receiver midpoint an "
                "exact "
                "rational enclosure of a subgradient g gives |lambda - x*| <= |g|/2 <= " +
                to_decimal_approximation(Rational(s.receiver_enclosure[0].width() / 2), 6) +
                "; curved players' actions by the Lipschitz bound 2*lmax(M^-1)|w||lambda - "
                "x*|/sqrt(u'M^-1u), "
                "polytope vertices kept unique over that ball, at most one player from the receiver "
                "equation" +
                c.proof_note;
            fill_midpoints_losses_potential(instance, s);
            fill_exaggeration(instance, s);
            try_exact_rational(instance, s, options.threads);
            return s;
        }
        // Newton step from the exact residual, with a floating-point Jacobian: each step gains about
        // 50 bits while the Jacobian is accurate to double precision.
        FloatStep step = evaluate(model, to_doubles(lambda));
        DoubleVector residual;
        for (const Rational& g : c.step_target) residual.push_back(to_double(g));
        DoubleVector delta = solve_small(step.jacobian, residual);
        for (std::size_t j = 0; j < d; ++j)
            if (std::isfinite(delta[j]))
                lambda[j] = round_down(Rational(lambda[j] - Rational(delta[j])), bits);
        if (round >= 3) bits += 32;
    }
    throw UnsupportedError(
        "", "curved sets: the enclosure did not separate the players (" +
                (last_unresolved.empty() ? std::string("the enclosure did not narrow") : last_unresolved) +
                "): at most one player may be interior or at a tie, unless the receiver is pinned "
                "exactly to an interior player's target (docs/internals.md, curved sets)");
}

}  // namespace bigcert
