#include "certify/algebraic_substitution.hpp"

#include <z3++.h>

#include <optional>

#include "bigcert/core/errors.hpp"

namespace bigcert {
namespace {

// Exact arithmetic in Z3's algebraic number package; every result is checked for a Z3 error.
class Algebraic {
  public:
    explicit Algebraic(z3::context& ctx) : ctx_(ctx) {}
    z3::expr number(const Rational& a) { return ctx_.real_val(to_string(a).c_str()); }
    z3::expr add(const z3::expr& a, const z3::expr& b) { return wrap(Z3_algebraic_add(ctx_, a, b)); }
    z3::expr sub(const z3::expr& a, const z3::expr& b) { return wrap(Z3_algebraic_sub(ctx_, a, b)); }
    z3::expr mul(const z3::expr& a, const z3::expr& b) { return wrap(Z3_algebraic_mul(ctx_, a, b)); }
    z3::expr div(const z3::expr& a, const z3::expr& b) { return wrap(Z3_algebraic_div(ctx_, a, b)); }
    z3::expr sqrt(const z3::expr& a) { return wrap(Z3_algebraic_root(ctx_, a, 2)); }
    bool equal(const z3::expr& a, const z3::expr& b) { return check(Z3_algebraic_eq(ctx_, a, b)); }
    bool less_equal(const z3::expr& a, const z3::expr& b) { return check(Z3_algebraic_le(ctx_, a, b)); }
    bool positive(const z3::expr& a) { return check(Z3_algebraic_is_pos(ctx_, a)); }

    // The unique root of p in [lo, hi], or nothing when there is not exactly one.
    std::optional<z3::expr> root(const IntegerPolynomial& p, const Rational& lo, const Rational& hi) {
        const z3::expr x(ctx_, Z3_mk_bound(ctx_, 0, ctx_.real_sort()));  // Z3_algebraic_roots' variable
        z3::expr sum = ctx_.real_val(0);
        z3::expr power = ctx_.real_val(1);
        for (const Integer& c : p.coefficients())
            sum = sum + ctx_.real_val(c.str().c_str()) * power, power = power * x;
        z3::expr_vector roots(ctx_, Z3_algebraic_roots(ctx_, sum, 0, nullptr));
        ctx_.check_error();
        std::optional<z3::expr> found;
        for (unsigned k = 0; k < roots.size(); ++k)
            if (less_equal(number(lo), roots[k]) && less_equal(roots[k], number(hi))) {
                if (found) return std::nullopt;
                found = roots[k];
            }
        return found;
    }

  private:
    z3::expr wrap(Z3_ast a) {
        ctx_.check_error();
        return z3::expr(ctx_, a);
    }
    bool check(bool b) {
        ctx_.check_error();
        return b;
    }
    z3::context& ctx_;
};

// A printed coordinate as an exact algebraic number: the rational, or the root of its polynomial in its box.
std::optional<z3::expr> exact(Algebraic& alg, const PrintedCoordinate& c) {
    if (c.box.is_exact()) return alg.number(c.box.lo);
    if (c.polynomial.degree() < 1) return std::nullopt;
    return alg.root(c.polynomial, c.box.lo, c.box.hi);
}

std::optional<std::vector<z3::expr>> exact_vector(Algebraic& alg, const std::vector<PrintedCoordinate>& v) {
    std::vector<z3::expr> out;
    for (const PrintedCoordinate& c : v) {
        std::optional<z3::expr> x = exact(alg, c);
        if (!x) return std::nullopt;
        out.push_back(*x);
    }
    return out;
}

z3::expr dot(Algebraic& alg, const std::vector<z3::expr>& a, const Vector& b) {
    z3::expr sum = alg.number(0);
    for (std::size_t j = 0; j < a.size(); ++j) sum = alg.add(sum, alg.mul(a[j], alg.number(b[j])));
    return sum;
}

// Player i's first-order condition at the printed receiver (algebraic_substitution.hpp); "" when it holds.
std::string check_player(Algebraic& alg, const Instance& instance, std::size_t i,
                         const std::vector<z3::expr>& r, const std::vector<z3::expr>& x,
                         const std::vector<PrintedCoordinate>& printed) {
    const Player& player = instance.players[i];
    const ActionSet& set = instance.set_of(i);
    const std::size_t d = instance.dimension;
    std::vector<z3::expr> g;  // w_i (t_i - x̂)
    for (std::size_t j = 0; j < d; ++j)
        g.push_back(alg.mul(alg.number(player.weight), alg.sub(alg.number(player.target[j]), r[j])));
    const std::string who = "player " + instance.numbered_label(i);
    if (set.is_curved()) {
        const CurvedSet& curved = set.as_curved();
        std::vector<z3::expr> scaled;  // M⁻¹g
        for (std::size_t a = 0; a < d; ++a) scaled.push_back(dot(alg, g, curved.inverse().row(a)));
        const z3::expr q = [&] {
            z3::expr sum = alg.number(0);
            for (std::size_t a = 0; a < d; ++a) sum = alg.add(sum, alg.mul(g[a], scaled[a]));
            return sum;
        }();
        if (curved.is_single_point()) return "";
        if (!alg.positive(q)) return who + ": g = w(t - x̂) is 0, the support point is not unique";
        const z3::expr root = alg.sqrt(q);
        for (std::size_t j = 0; j < d; ++j)
            if (!alg.equal(x[j], alg.add(alg.number(curved.center()[j]), alg.div(scaled[j], root))))
                return who + ": coordinate " + std::to_string(j) + " is not the support point";
        return "";
    }
    Vector point;  // a polytope player's printed point is rational (pinned to a vertex by its enclosure)
    for (const PrintedCoordinate& c : printed) {
        if (!c.box.is_exact()) return who + ": an irrational point on a polytope";
        point.push_back(c.box.lo);
    }
    if (!set.contains(point)) return who + ": the printed point is not in the set";
    std::vector<Vector> vertices;
    try {
        vertices = set.vertices();
    } catch (const std::exception&) {
        return who + ": no vertex list to compare against";
    }
    z3::expr value = alg.number(0);
    for (std::size_t j = 0; j < d; ++j) value = alg.add(value, alg.mul(g[j], x[j]));
    for (const Vector& v : vertices)
        if (!alg.less_equal(dot(alg, g, v), value))
            return who + ": a vertex does better than the printed point";
    return "";
}

}  // namespace

SubstitutionCheck verify_by_substitution(const Instance& instance,
                                         const std::vector<PrintedCoordinate>& receiver,
                                         const std::vector<std::vector<PrintedCoordinate>>& actions) {
    using Verdict = SubstitutionCheck::Verdict;
    z3::context ctx;
    Algebraic alg(ctx);
    try {
        std::optional<std::vector<z3::expr>> r = exact_vector(alg, receiver);
        if (!r) return {Verdict::not_checked, "the receiver has a coordinate without an exact form"};
        const Vector bias = instance.bias();
        std::vector<z3::expr> sum;
        for (std::size_t j = 0; j < instance.dimension; ++j)
            sum.push_back(alg.number(bias.empty() ? Rational(0) : bias[j]));
        for (std::size_t i = 0; i < instance.players.size(); ++i) {
            std::optional<std::vector<z3::expr>> x = exact_vector(alg, actions[i]);
            if (!x)
                return {Verdict::not_checked,
                        "player " + instance.numbered_label(i) + " has a coordinate without an exact form"};
            if (std::string failed = check_player(alg, instance, i, *r, *x, actions[i]); !failed.empty())
                return {failed.find("no vertex list") != std::string::npos ? Verdict::not_checked
                                                                           : Verdict::fails,
                        failed};
            for (std::size_t j = 0; j < instance.dimension; ++j)
                sum[j] = alg.add(sum[j], alg.mul(alg.number(instance.players[i].weight), (*x)[j]));
        }
        for (std::size_t j = 0; j < instance.dimension; ++j)
            if (!alg.equal(sum[j], (*r)[j]))
                return {Verdict::fails, "the receiver is not w0 x0 + sum_i w_i x_i"};
    } catch (const z3::exception& e) {
        return {Verdict::not_checked, std::string("Z3's algebraic number package failed: ") + e.msg()};
    }
    return {Verdict::holds, ""};
}

}  // namespace bigcert
