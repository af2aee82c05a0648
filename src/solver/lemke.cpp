#include "solver/lemke.hpp"

#include "bigcert/core/cancellation.hpp"

namespace bigcert {
namespace {

// The tableau [I | -M | -d | q] over the variables w_1..w_N, z_1..z_N, z0; one row per basic variable.
class Tableau {
  public:
    Tableau(const Matrix& m, const Vector& q, const Vector& d)
        : n_(q.size()), cols_(2 * n_ + 2), data_(n_ * cols_), basis_(n_) {
        for (std::size_t r = 0; r < n_; ++r) {
            at(r, r) = 1;
            for (std::size_t c = 0; c < n_; ++c) at(r, n_ + c) = -m.at(r, c);
            at(r, 2 * n_) = -d[r];
            at(r, rhs()) = q[r];
            basis_[r] = r;
        }
    }
    std::size_t size() const { return n_; }
    std::size_t artificial() const { return 2 * n_; }
    std::size_t rhs() const { return 2 * n_ + 1; }
    Rational& at(std::size_t r, std::size_t c) { return data_[r * cols_ + c]; }
    std::size_t basic(std::size_t r) const { return basis_[r]; }

    void pivot(std::size_t row, std::size_t column) {
        const Rational p = at(row, column);
        for (std::size_t c = 0; c < cols_; ++c)
            if (sign(at(row, c)) != 0) at(row, c) /= p;
        for (std::size_t r = 0; r < n_; ++r) {
            if (r == row || sign(at(r, column)) == 0) continue;
            const Rational factor = at(r, column);
            for (std::size_t c = 0; c < cols_; ++c)
                if (sign(at(row, c)) != 0) at(r, c) -= factor * at(row, c);
        }
        basis_[row] = column;
    }

    // The row leaving when `column` enters: minimum ratio rhs/entry over positive entries, ties broken
    // lexicographically by the rows of B^-1 (the columns of the initial identity), none when unbounded.
    std::optional<std::size_t> leaving(std::size_t column) {
        std::optional<std::size_t> best;
        for (std::size_t r = 0; r < n_; ++r) {
            if (sign(at(r, column)) <= 0) continue;
            if (!best || lexicographically_smaller(r, *best, column)) best = r;
        }
        return best;
    }

  private:
    bool lexicographically_smaller(std::size_t a, std::size_t b, std::size_t column) {
        const Rational &pa = at(a, column), &pb = at(b, column);
        Rational ra = at(a, rhs()) / pa, rb = at(b, rhs()) / pb;
        if (ra != rb) return ra < rb;
        for (std::size_t c = 0; c < n_; ++c) {
            ra = at(a, c) / pa, rb = at(b, c) / pb;
            if (ra != rb) return ra < rb;
        }
        return false;  // unreachable: the rows of B^-1 are independent
    }

    std::size_t n_, cols_;
    std::vector<Rational> data_;
    std::vector<std::size_t> basis_;
};

std::size_t complement(std::size_t variable, std::size_t n) {
    return variable < n ? variable + n : variable - n;
}

}  // namespace

LemkeResult solve_lcp_lemke(const Matrix& m, const Vector& q, const Vector& covering) {
    const std::size_t n = q.size();
    const Vector d = covering.empty() ? Vector(n, Rational(1)) : covering;
    LemkeResult result;
    // z0 enters at the level that makes every w >= 0: the row with the largest -q_r / d_r leaves (the first
    // on ties).
    std::size_t row = n;
    Rational level = 0;
    for (std::size_t r = 0; r < n; ++r) {
        if (sign(d[r]) <= 0 || sign(q[r]) >= 0) continue;
        const Rational needed = -q[r] / d[r];
        if (row == n || needed > level) row = r, level = needed;
    }
    if (row == n) {
        result.z = Vector(n, Rational(0));
        return result;
    }
    Tableau t(m, q, d);
    std::size_t entering = complement(t.basic(row), n);
    t.pivot(row, t.artificial());
    ++result.pivots;
    for (;;) {
        throw_if_cancelled();
        std::optional<std::size_t> leave = t.leaving(entering);
        if (!leave) return result;  // a secondary ray
        const std::size_t left = t.basic(*leave);
        t.pivot(*leave, entering);
        ++result.pivots;
        if (left == t.artificial()) break;
        entering = complement(left, n);
    }
    Vector z(n, Rational(0));
    for (std::size_t r = 0; r < n; ++r)
        if (t.basic(r) >= n && t.basic(r) < 2 * n) z[t.basic(r) - n] = t.at(r, t.rhs());
    result.z = std::move(z);
    return result;
}

}  // namespace bigcert
