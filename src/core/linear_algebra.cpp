#include "bigcert/core/linear_algebra.hpp"

#include <cassert>
#include <utility>

namespace bigcert {

Matrix Matrix::from_rows(const std::vector<Vector>& rows, std::size_t cols) {
    Matrix m(rows.size(), cols);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        assert(rows[r].size() == cols);
        for (std::size_t c = 0; c < cols; ++c) m.at(r, c) = rows[r][c];
    }
    return m;
}

Vector Matrix::row(std::size_t r) const {
    return Vector(data_.begin() + static_cast<long>(r * cols_),
                  data_.begin() + static_cast<long>((r + 1) * cols_));
}

void Matrix::append_row(const Vector& row) {
    assert(row.size() == cols_);
    data_.insert(data_.end(), row.begin(), row.end());
    ++rows_;
}

namespace {

// Reduced row echelon form of [A | extra columns]; returns the pivot column of each pivot row.
std::vector<std::size_t> row_reduce(Matrix& m, std::size_t pivot_cols) {
    std::vector<std::size_t> pivots;
    std::size_t row = 0;
    for (std::size_t col = 0; col < pivot_cols && row < m.rows(); ++col) {
        std::size_t found = row;
        while (found < m.rows() && sign(m.at(found, col)) == 0) ++found;
        if (found == m.rows()) continue;
        for (std::size_t c = 0; c < m.cols(); ++c) std::swap(m.at(row, c), m.at(found, c));
        Rational inverse = 1 / m.at(row, col);
        for (std::size_t c = col; c < m.cols(); ++c) m.at(row, c) *= inverse;
        for (std::size_t r = 0; r < m.rows(); ++r) {
            if (r == row || sign(m.at(r, col)) == 0) continue;
            Rational factor = m.at(r, col);
            for (std::size_t c = col; c < m.cols(); ++c) m.at(r, c) -= factor * m.at(row, c);
        }
        pivots.push_back(col);
        ++row;
    }
    return pivots;
}

std::vector<Vector> null_space_from_rref(const Matrix& m, const std::vector<std::size_t>& pivots,
                                         std::size_t n) {
    std::vector<bool> is_pivot(n, false);
    for (std::size_t p : pivots) is_pivot[p] = true;
    std::vector<Vector> basis;
    for (std::size_t free = 0; free < n; ++free) {
        if (is_pivot[free]) continue;
        Vector v(n, Rational(0));
        v[free] = 1;
        for (std::size_t r = 0; r < pivots.size(); ++r) v[pivots[r]] = -m.at(r, free);
        basis.push_back(std::move(v));
    }
    return basis;
}

}  // namespace

std::optional<LinearSolution> solve_linear_system(const Matrix& a, const Vector& b) {
    assert(b.size() == a.rows());
    const std::size_t n = a.cols();
    Matrix m(a.rows(), n + 1);
    for (std::size_t r = 0; r < a.rows(); ++r) {
        for (std::size_t c = 0; c < n; ++c) m.at(r, c) = a.at(r, c);
        m.at(r, n) = b[r];
    }
    std::vector<std::size_t> pivots = row_reduce(m, n);
    for (std::size_t r = pivots.size(); r < m.rows(); ++r)
        if (sign(m.at(r, n)) != 0) return std::nullopt;
    LinearSolution solution;
    solution.particular.assign(n, Rational(0));
    for (std::size_t r = 0; r < pivots.size(); ++r) solution.particular[pivots[r]] = m.at(r, n);
    solution.null_space = null_space_from_rref(m, pivots, n);
    return solution;
}

std::size_t rank(const Matrix& a) {
    Matrix m = a;
    return row_reduce(m, m.cols()).size();
}

std::vector<Vector> null_space(const Matrix& a) {
    Matrix m = a;
    std::vector<std::size_t> pivots = row_reduce(m, m.cols());
    return null_space_from_rref(m, pivots, a.cols());
}

namespace {

// Dense simplex tableau: rows 0..m-1 are constraints (last column = right-hand side), row m is the
// objective in "reduced cost" form (we minimise; entries are the reduced costs, last = -value).
class Tableau {
  public:
    Tableau(std::size_t constraints, std::size_t variables)
        : m_(constraints), n_(variables), t_(constraints + 1, variables + 1), basis_(constraints) {}

    Rational& at(std::size_t r, std::size_t c) { return t_.at(r, c); }
    Rational& rhs(std::size_t r) { return t_.at(r, n_); }
    Rational& cost(std::size_t c) { return t_.at(m_, c); }
    std::size_t& basic(std::size_t r) { return basis_[r]; }
    std::size_t constraints() const { return m_; }

    void pivot(std::size_t row, std::size_t col) {
        Rational inverse = 1 / t_.at(row, col);
        for (std::size_t c = 0; c <= n_; ++c) t_.at(row, c) *= inverse;
        for (std::size_t r = 0; r <= m_; ++r) {
            if (r == row || sign(t_.at(r, col)) == 0) continue;
            Rational factor = t_.at(r, col);
            for (std::size_t c = 0; c <= n_; ++c)
                if (sign(t_.at(row, c)) != 0) t_.at(r, c) -= factor * t_.at(row, c);
        }
        basis_[row] = col;
    }

    // Minimises over the columns < allowed; Bland's rule (smallest index) guarantees termination.
    bool minimise(std::size_t allowed) {
        for (;;) {
            std::size_t entering = allowed;
            for (std::size_t c = 0; c < allowed; ++c)
                if (sign(t_.at(m_, c)) < 0) {
                    entering = c;
                    break;
                }
            if (entering == allowed) return true;
            std::size_t leaving = m_;
            Rational best_ratio;
            for (std::size_t r = 0; r < m_; ++r) {
                if (sign(t_.at(r, entering)) <= 0) continue;
                Rational ratio = t_.at(r, n_) / t_.at(r, entering);
                if (leaving == m_ || ratio < best_ratio ||
                    (ratio == best_ratio && basis_[r] < basis_[leaving])) {
                    leaving = r;
                    best_ratio = ratio;
                }
            }
            if (leaving == m_) return false;  // unbounded
            pivot(leaving, entering);
        }
    }

    void drop_row(std::size_t row) {
        Matrix next(m_, n_ + 1);
        std::vector<std::size_t> next_basis;
        std::size_t out = 0;
        for (std::size_t r = 0; r <= m_; ++r) {
            if (r == row) continue;
            for (std::size_t c = 0; c <= n_; ++c) next.at(out, c) = t_.at(r, c);
            if (r < m_) next_basis.push_back(basis_[r]);
            ++out;
        }
        t_ = std::move(next);
        basis_ = std::move(next_basis);
        --m_;
    }

  private:
    std::size_t m_, n_;
    Matrix t_;
    std::vector<std::size_t> basis_;
};

}  // namespace

LinearProgramResult solve_linear_program(const Matrix& a, const Vector& b, const Vector& c) {
    const std::size_t m = a.rows(), n = a.cols();
    assert(b.size() == m && c.size() == n);
    // Columns: n structural variables, then m artificials.
    Tableau tab(m, n + m);
    for (std::size_t r = 0; r < m; ++r) {
        bool flip = sign(b[r]) < 0;
        for (std::size_t col = 0; col < n; ++col)
            tab.at(r, col) = flip ? Rational(-a.at(r, col)) : a.at(r, col);
        tab.at(r, n + r) = 1;
        tab.rhs(r) = flip ? Rational(-b[r]) : b[r];
        tab.basic(r) = n + r;
    }
    // Phase 1: minimise the sum of artificials; reduced costs = -(sum of rows) on structural columns.
    for (std::size_t col = 0; col <= n + m; ++col) {
        if (col >= n && col < n + m) continue;
        Rational total = 0;
        for (std::size_t r = 0; r < m; ++r) total += tab.at(r, col);
        tab.cost(col) = -total;
    }
    tab.minimise(n + m);
    LinearProgramResult result;
    if (sign(tab.cost(n + m)) != 0) return result;  // infeasible: positive artificial sum remains
    // Drive remaining artificials out of the basis, dropping redundant rows.
    for (std::size_t r = 0; r < tab.constraints();) {
        if (tab.basic(r) < n) {
            ++r;
            continue;
        }
        std::size_t col = 0;
        while (col < n && sign(tab.at(r, col)) == 0) ++col;
        if (col < n) {
            tab.pivot(r, col);
            ++r;
        } else {
            tab.drop_row(r);
        }
    }
    // Phase 2: minimise -c·x over the structural columns.
    for (std::size_t col = 0; col <= n + m; ++col) tab.cost(col) = 0;
    for (std::size_t col = 0; col < n; ++col) tab.cost(col) = -c[col];
    for (std::size_t r = 0; r < tab.constraints(); ++r) {
        std::size_t basic = tab.basic(r);
        Rational factor = tab.cost(basic);
        if (sign(factor) == 0) continue;
        for (std::size_t col = 0; col <= n + m; ++col) tab.cost(col) -= factor * tab.at(r, col);
    }
    if (!tab.minimise(n)) {
        result.status = LinearProgramResult::Status::unbounded;
        return result;
    }
    result.status = LinearProgramResult::Status::optimal;
    result.x.assign(n, Rational(0));
    for (std::size_t r = 0; r < tab.constraints(); ++r) result.x[tab.basic(r)] = tab.rhs(r);
    result.value = dot(c, result.x);
    return result;
}

}  // namespace bigcert
