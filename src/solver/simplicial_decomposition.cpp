#include "solver/simplicial_decomposition.hpp"

#include <cstdint>
#include <optional>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/exact_sum.hpp"
#include "bigcert/core/linear_algebra.hpp"
#include "bigcert/core/parallel.hpp"

namespace bigcert {
namespace {

// A vertex of Q: one vertex of every player's set, and its lifted coordinates.
struct Atom {
    std::vector<std::uint32_t> choice;
    Vector y;
    Rational s;
};

struct Sums {
    std::vector<ExactSum> y;
    ExactSum s;
    explicit Sums(std::size_t d) : y(d) {}
    void add(const Player& p, const Rational& scale, const Vector& v) {
        Rational ws = scale * p.weight;
        for (std::size_t j = 0; j < v.size(); ++j) y[j].add_product(ws, v[j]);
        for (std::size_t j = 0; j < v.size(); ++j) s.add_product(ws * p.target[j], v[j]);
    }
    void merge(const Sums& other) {
        for (std::size_t j = 0; j < y.size(); ++j) y[j].merge(other.y[j]);
        s.merge(other.s);
    }
};

class Decomposition {
  public:
    Decomposition(const Instance& instance, const SupportOracle& oracle, unsigned threads)
        : instance_(instance), oracle_(oracle), workers_(worker_count(threads, instance.players.size())) {}

    DecompositionResult run();

  private:
    std::vector<std::uint32_t> oracle_choices(const Vector& y) const;
    Atom atom_from_scratch(std::vector<std::uint32_t> choice) const;
    Atom atom_relative_to(const Atom& reference, std::vector<std::uint32_t> choice) const;
    std::vector<Rational> minimise_over_hull(const std::vector<Atom>& atoms) const;

    const Instance& instance_;
    const SupportOracle& oracle_;
    unsigned workers_;
};

std::vector<std::uint32_t> Decomposition::oracle_choices(const Vector& y) const {
    QueryPoint query(y);
    std::vector<std::uint32_t> choice(instance_.players.size());
    parallel_chunks(choice.size(), workers_, [&](unsigned, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            choice[i] = static_cast<std::uint32_t>(oracle_.best_vertex(i, query));
    });
    return choice;
}

Atom Decomposition::atom_from_scratch(std::vector<std::uint32_t> choice) const {
    const std::size_t d = instance_.dimension;
    std::vector<Sums> partial(workers_, Sums(d));
    parallel_chunks(choice.size(), workers_, [&](unsigned w, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            partial[w].add(instance_.players[i], 1, oracle_.vertices_of(i)[choice[i]]);
    });
    for (std::size_t w = 1; w < partial.size(); ++w) partial[0].merge(partial[w]);
    Atom atom{std::move(choice), instance_.bias(), partial[0].s.value()};
    for (std::size_t j = 0; j < d; ++j) atom.y[j] += partial[0].y[j].value();
    return atom;
}

// Only the players whose vertex differs from the reference atom cost exact work.
Atom Decomposition::atom_relative_to(const Atom& reference, std::vector<std::uint32_t> choice) const {
    Sums delta(instance_.dimension);
    for (std::size_t i = 0; i < choice.size(); ++i) {
        if (choice[i] == reference.choice[i]) continue;
        delta.add(instance_.players[i], 1, oracle_.vertices_of(i)[choice[i]]);
        delta.add(instance_.players[i], -1, oracle_.vertices_of(i)[reference.choice[i]]);
    }
    Atom atom{std::move(choice), reference.y, reference.s + delta.s.value()};
    for (std::size_t j = 0; j < atom.y.size(); ++j) atom.y[j] += delta.y[j].value();
    return atom;
}

std::vector<Rational> Decomposition::minimise_over_hull(const std::vector<Atom>& atoms) const {
    std::vector<Vector> ys;
    std::vector<Rational> ss;
    for (const Atom& atom : atoms) ys.push_back(atom.y), ss.push_back(atom.s);
    return minimise_over_atom_hull(ys, ss);
}

DecompositionResult Decomposition::run() {
    const std::size_t n = instance_.players.size();
    std::vector<Atom> atoms;
    atoms.push_back(atom_from_scratch(oracle_choices(instance_.bias())));
    constexpr std::size_t max_iterations = 100000;
    for (std::size_t iteration = 1; iteration <= max_iterations; ++iteration) {
        std::vector<Rational> mu = minimise_over_hull(atoms);
        std::vector<Atom> kept;
        std::vector<Rational> kept_mu;
        for (std::size_t j = 0; j < atoms.size(); ++j)
            if (sign(mu[j]) > 0) kept.push_back(std::move(atoms[j])), kept_mu.push_back(mu[j]);
        atoms = std::move(kept);
        Vector y(instance_.dimension, Rational(0));
        Rational s = 0;
        for (std::size_t j = 0; j < atoms.size(); ++j) {
            add_scaled(y, kept_mu[j], atoms[j].y);
            s += kept_mu[j] * atoms[j].s;
        }
        Atom next = atom_relative_to(atoms.back(), oracle_choices(y));
        // Optimal iff no vertex of Q improves the linearisation: grad·(q - p) >= 0 with grad = (2y, -2).
        Rational gap = 2 * dot(y, next.y - y) - 2 * (next.s - s);
        if (sign(gap) >= 0) {
            DecompositionResult result{
                y,
                actions_at_hull_point(
                    n, instance_.dimension, atoms, kept_mu,
                    [&](std::size_t i) -> const std::vector<Vector>& { return oracle_.vertices_of(i); }),
                iteration};
            return result;
        }
        atoms.push_back(std::move(next));
    }
    throw InternalError("simplicial decomposition did not converge");
}

}  // namespace

// min over mu in the simplex of |sum mu_j y_j|^2 - 2 sum mu_j s_j. A minimiser with minimal support
// has a non-singular KKT system (a singular one would allow moving to a smaller support at equal value),
// so trying every support, smallest first, and keeping the first that satisfies KKT is exact and complete.
std::vector<Rational> minimise_over_atom_hull(const std::vector<Vector>& ys,
                                              const std::vector<Rational>& ss) {
    const std::size_t k = ys.size();
    Matrix gram(k, k);
    for (std::size_t a = 0; a < k; ++a)
        for (std::size_t b = a; b < k; ++b) gram.at(a, b) = gram.at(b, a) = dot(ys[a], ys[b]);
    return minimise_over_gram(gram, ss);
}

namespace {

// The KKT point of the master problem with the given support, when its system is non-singular and the point
// satisfies every KKT condition (mu >= 0 on the support, no atom with a negative reduced gradient).
std::optional<std::vector<Rational>> kkt_point_on(const Matrix& gram, const std::vector<Rational>& ss,
                                                  const std::vector<std::size_t>& support) {
    const std::size_t k = ss.size(), size = support.size();
    // Unknowns mu_support, nu:  2 G mu + nu = 2 s on the support;  sum mu = 1.
    Matrix system(size + 1, size + 1);
    Vector rhs(size + 1);
    for (std::size_t r = 0; r < size; ++r) {
        for (std::size_t c = 0; c < size; ++c) system.at(r, c) = 2 * gram.at(support[r], support[c]);
        system.at(r, size) = 1;
        rhs[r] = 2 * ss[support[r]];
    }
    for (std::size_t c = 0; c < size; ++c) system.at(size, c) = 1;
    rhs[size] = 1;
    auto solution = solve_linear_system(system, rhs);
    if (!solution || !solution->null_space.empty()) return std::nullopt;
    std::vector<Rational> mu(k, Rational(0));
    for (std::size_t r = 0; r < size; ++r) {
        if (sign(solution->particular[r]) < 0) return std::nullopt;
        mu[support[r]] = solution->particular[r];
    }
    const Rational& nu = solution->particular[size];
    for (std::size_t j = 0; j < k; ++j) {
        Rational gradient = -2 * ss[j] + nu;
        for (std::size_t l = 0; l < k; ++l)
            if (sign(mu[l]) != 0) gradient += 2 * gram.at(j, l) * mu[l];
        if (sign(gradient) < 0) return std::nullopt;
    }
    return mu;
}

}  // namespace

// The argument above needs only that the Gram matrix is positive semidefinite: on a singular support the
// null direction keeps G mu (hence the value) fixed.
std::vector<Rational> minimise_over_gram(const Matrix& gram, const std::vector<Rational>& ss) {
    const std::size_t k = ss.size();
    for (std::size_t size = 1; size <= k; ++size) {
        std::optional<std::vector<Rational>> found;
        for_each_subset(k, size, [&](const std::vector<std::size_t>& support) {
            found = kkt_point_on(gram, ss, support);
            return !found;
        });
        if (found) return *found;
    }
    throw InternalError("simplicial decomposition: the master problem has no KKT point");
}

std::vector<Rational> minimise_over_gram_warm(const Matrix& gram, const std::vector<Rational>& ss) {
    const std::size_t k = ss.size();
    std::vector<std::size_t> all(k);
    for (std::size_t a = 0; a < k; ++a) all[a] = a;
    if (std::optional<std::vector<Rational>> mu = kkt_point_on(gram, ss, all)) return *mu;
    for (std::size_t dropped = 0; k > 1 && dropped < k; ++dropped) {
        std::vector<std::size_t> support;
        for (std::size_t a = 0; a < k; ++a)
            if (a != dropped) support.push_back(a);
        if (std::optional<std::vector<Rational>> mu = kkt_point_on(gram, ss, support)) return *mu;
    }
    return minimise_over_gram(gram, ss);
}

DecompositionResult minimise_potential_by_decomposition(const Instance& instance, const SupportOracle& oracle,
                                                        unsigned threads) {
    return Decomposition(instance, oracle, threads).run();
}

}  // namespace bigcert
