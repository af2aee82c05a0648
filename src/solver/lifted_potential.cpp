#include "solver/lifted_potential.hpp"

#include <cstdint>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/exact_sum.hpp"
#include "bigcert/core/linear_algebra.hpp"
#include "bigcert/solver/receivers.hpp"
#include "solver/simplicial_decomposition.hpp"

namespace bigcert {

std::optional<LiftedGame> lifted_game_of(const Instance& instance) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    LiftedGame game;
    game.players = n;
    game.dimension = d;
    for (const ActionSet& set : instance.action_sets) {
        if (set.kind() != ActionSet::Kind::interval && set.kind() != ActionSet::Kind::polytope)
            return std::nullopt;
        game.set_vertices.push_back(set.vertices());
    }
    for (std::size_t j = 0; j < instance.receivers.size(); ++j) {
        std::optional<Rational> care;
        for (std::size_t i = 0; i < n; ++i) {
            if (sign(instance.receivers[j].weights[i]) == 0) continue;
            const Rational v = care_of(instance, i, j);
            if (care && *care != v) return std::nullopt;  // C need not be sum_j v_j w_j w_j^T
            care = v;
        }
        if (!care || sign(*care) == 0) continue;   // nobody's loss depends on this receiver
        if (sign(*care) < 0) return std::nullopt;  // a concave part: not this method's convex potential
        game.receivers.push_back(j);
        game.care.push_back(*care);
    }
    const std::size_t m = game.receivers.size();
    game.weights.assign(n, std::vector<Rational>(m));
    game.cost.assign(n, Vector(d, Rational(0)));
    for (std::size_t i = 0; i < n; ++i) {
        game.set_of_player.push_back(instance.players[i].action_set);
        for (std::size_t k = 0; k < m; ++k) {
            game.weights[i][k] = instance.receivers[game.receivers[k]].weights[i];
            if (sign(game.weights[i][k]) != 0)
                add_scaled(game.cost[i], -game.care[k] * game.weights[i][k], instance.players[i].target);
        }
    }
    for (std::size_t j : game.receivers) {
        const Vector b = receiver_bias(instance, j);
        game.bias.insert(game.bias.end(), b.begin(), b.end());
    }
    game.bias.push_back(0);
    return game;
}

namespace {

// A vertex of Z: one vertex of every player's set, and its lifted point.
struct Atom {
    std::vector<std::uint32_t> choice;
    Vector z;
};

class LiftedDecomposition {
  public:
    explicit LiftedDecomposition(const LiftedGame& game);
    LiftedMinimum run() const;

  private:
    std::vector<std::uint32_t> oracle_choices(const Vector& z) const;
    std::vector<std::uint32_t> guessed_choices(const Vector& z) const;
    Atom next_atom(const Atom& reference, const Vector& z) const;
    void add_image(std::vector<ExactSum>& sums, std::size_t player, const Vector& v, int scale) const;
    Atom atom_from_scratch(std::vector<std::uint32_t> choice) const;
    Atom atom_relative_to(const Atom& reference, std::vector<std::uint32_t> choice) const;
    Rational inner(const Vector& a, const Vector& b) const;  // sum_k v_k z_k·z'_k
    Rational slope(const Vector& z, const Vector& towards) const;

    const LiftedGame& game_;
    // The game in doubles, only to guess the oracle's answers (guessed_choices).
    std::vector<double> weights_approx_, cost_approx_;
    std::vector<std::vector<double>> vertices_approx_;  // per set, flattened
};

LiftedDecomposition::LiftedDecomposition(const LiftedGame& game) : game_(game) {
    for (const std::vector<Rational>& w : game.weights)
        for (const Rational& x : w) weights_approx_.push_back(to_double(x));
    for (const Vector& c : game.cost)
        for (const Rational& x : c) cost_approx_.push_back(to_double(x));
    for (const std::vector<Vector>& vertices : game.set_vertices) {
        vertices_approx_.emplace_back();
        for (const Vector& v : vertices)
            for (const Rational& x : v) vertices_approx_.back().push_back(to_double(x));
    }
}

// The oracle's answers computed in doubles: only a guess. An atom built from it is a vertex of Z whatever the
// rounding did, so it may serve as a descent step; optimality is only ever concluded from oracle_choices.
std::vector<std::uint32_t> LiftedDecomposition::guessed_choices(const Vector& z) const {
    const std::size_t d = game_.dimension, m = game_.receivers.size();
    std::vector<double> scaled(m * d);  // v_k z_k
    for (std::size_t k = 0; k < m; ++k)
        for (std::size_t c = 0; c < d; ++c) scaled[k * d + c] = to_double(game_.care[k] * z[k * d + c]);
    std::vector<std::uint32_t> choice(game_.players);
    std::vector<double> g(d);
    for (std::size_t i = 0; i < game_.players; ++i) {
        for (std::size_t c = 0; c < d; ++c) {
            g[c] = cost_approx_[i * d + c];
            for (std::size_t k = 0; k < m; ++k) g[c] += weights_approx_[i * m + k] * scaled[k * d + c];
        }
        const std::vector<double>& vertices = vertices_approx_[game_.set_of_player[i]];
        double best = 0;
        for (std::size_t v = 0; v * d < vertices.size(); ++v) {
            double value = 0;
            for (std::size_t c = 0; c < d; ++c) value += g[c] * vertices[v * d + c];
            if (v == 0 || value < best) best = value, choice[i] = static_cast<std::uint32_t>(v);
        }
    }
    return choice;
}

// The next atom: the guessed one when it lowers the linearisation at z (slope < 0), else the exact oracle's.
Atom LiftedDecomposition::next_atom(const Atom& reference, const Vector& z) const {
    Atom guess = atom_relative_to(reference, guessed_choices(z));
    if (sign(slope(z, guess.z)) < 0) return guess;
    std::vector<std::uint32_t> exact = oracle_choices(z);
    if (exact == guess.choice) return guess;
    return atom_relative_to(reference, std::move(exact));
}

// grad F(z)·L_i(y) = g_i·y with g_i = c_i + sum_k v_k w_ki z_k: each player's lowest vertex (lowest index
// among exact ties), in exact arithmetic.
std::vector<std::uint32_t> LiftedDecomposition::oracle_choices(const Vector& z) const {
    const std::size_t d = game_.dimension, m = game_.receivers.size();
    std::vector<Vector> scaled(m);  // v_k z_k
    for (std::size_t k = 0; k < m; ++k)
        scaled[k] = game_.care[k] *
                    Vector(z.begin() + static_cast<long>(k * d), z.begin() + static_cast<long>((k + 1) * d));
    std::vector<std::uint32_t> choice(game_.players);
    for (std::size_t i = 0; i < game_.players; ++i) {
        Vector g = game_.cost[i];
        for (std::size_t k = 0; k < m; ++k)
            if (sign(game_.weights[i][k]) != 0) add_scaled(g, game_.weights[i][k], scaled[k]);
        const std::vector<Vector>& vertices = game_.vertices_of(i);
        Rational best = dot(g, vertices[0]);
        std::uint32_t at = 0;
        for (std::size_t v = 1; v < vertices.size(); ++v) {
            Rational value = dot(g, vertices[v]);
            if (value < best) best = std::move(value), at = static_cast<std::uint32_t>(v);
        }
        choice[i] = at;
    }
    return choice;
}

void LiftedDecomposition::add_image(std::vector<ExactSum>& sums, std::size_t player, const Vector& v,
                                    int scale) const {
    const std::size_t d = game_.dimension, m = game_.receivers.size();
    const Rational sign_factor(scale);
    for (std::size_t k = 0; k < m; ++k) {
        const Rational& w = game_.weights[player][k];
        if (sign(w) == 0) continue;
        const Rational scaled = sign_factor * w;
        for (std::size_t c = 0; c < d; ++c) sums[k * d + c].add_product(scaled, v[c]);
    }
    for (std::size_t c = 0; c < d; ++c) sums[m * d].add_product(sign_factor * game_.cost[player][c], v[c]);
}

Atom LiftedDecomposition::atom_from_scratch(std::vector<std::uint32_t> choice) const {
    std::vector<ExactSum> sums(game_.lifted_dimension());
    for (std::size_t i = 0; i < game_.players; ++i) add_image(sums, i, game_.vertices_of(i)[choice[i]], 1);
    Atom atom{std::move(choice), game_.bias};
    for (std::size_t c = 0; c < sums.size(); ++c) atom.z[c] += sums[c].value();
    return atom;
}

// Only the players whose vertex differs from the reference atom cost exact work.
Atom LiftedDecomposition::atom_relative_to(const Atom& reference, std::vector<std::uint32_t> choice) const {
    std::vector<ExactSum> sums(game_.lifted_dimension());
    for (std::size_t i = 0; i < game_.players; ++i) {
        if (choice[i] == reference.choice[i]) continue;
        add_image(sums, i, game_.vertices_of(i)[choice[i]], 1);
        add_image(sums, i, game_.vertices_of(i)[reference.choice[i]], -1);
    }
    Atom atom{std::move(choice), reference.z};
    for (std::size_t c = 0; c < sums.size(); ++c) atom.z[c] += sums[c].value();
    return atom;
}

Rational LiftedDecomposition::inner(const Vector& a, const Vector& b) const {
    const std::size_t d = game_.dimension;
    Rational total = 0;
    for (std::size_t k = 0; k < game_.receivers.size(); ++k) {
        Rational part = 0;
        for (std::size_t c = 0; c < d; ++c) part += a[k * d + c] * b[k * d + c];
        total += game_.care[k] * part;
    }
    return total;
}

// grad F(z)·(towards - z), grad F(z) = (v_1 z_1, ..., v_m' z_m', 1).
Rational LiftedDecomposition::slope(const Vector& z, const Vector& towards) const {
    const Vector step = towards - z;
    return inner(z, step) + step.back();
}

LiftedMinimum LiftedDecomposition::run() const {
    std::vector<Atom> atoms;
    atoms.push_back(atom_from_scratch(guessed_choices(game_.bias)));
    constexpr std::size_t max_iterations = 1'000'000;
    for (std::size_t iteration = 1; iteration <= max_iterations; ++iteration) {
        // Master problem: min over mu in the simplex of 1/2 |sum mu_a z_a|_v^2 + sum mu_a s_a, i.e.
        // mu^T G mu - 2 sum mu_a (-s_a) with G the Gram matrix in the metric diag(v_k).
        const std::size_t count = atoms.size();
        Matrix gram(count, count);
        std::vector<Rational> ss;
        for (std::size_t a = 0; a < count; ++a) {
            for (std::size_t b = a; b < count; ++b)
                gram.at(a, b) = gram.at(b, a) = inner(atoms[a].z, atoms[b].z);
            ss.push_back(-atoms[a].z.back());
        }
        std::vector<Rational> mu = minimise_over_gram_warm(gram, ss);
        std::vector<Atom> kept;
        std::vector<Rational> kept_mu;
        for (std::size_t a = 0; a < count; ++a)
            if (sign(mu[a]) > 0) kept.push_back(std::move(atoms[a])), kept_mu.push_back(mu[a]);
        atoms = std::move(kept);
        Vector z(game_.lifted_dimension(), Rational(0));
        for (std::size_t a = 0; a < atoms.size(); ++a) add_scaled(z, kept_mu[a], atoms[a].z);
        Atom next = next_atom(atoms.back(), z);
        // Optimal iff no vertex of Z improves the linearisation (next_atom's last word is the exact
        // oracle's): F is convex.
        if (sign(slope(z, next.z)) >= 0) {
            LiftedMinimum result{z,
                                 actions_at_hull_point(game_.players, game_.dimension, atoms, kept_mu,
                                                       [&](std::size_t i) -> const std::vector<Vector>& {
                                                           return game_.vertices_of(i);
                                                       }),
                                 iteration};
            return result;
        }
        atoms.push_back(std::move(next));
    }
    throw InternalError("the lifted potential method did not converge");
}

}  // namespace

LiftedMinimum minimise_lifted_potential(const LiftedGame& game) { return LiftedDecomposition(game).run(); }

}  // namespace bigcert
