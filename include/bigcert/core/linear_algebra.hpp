// Exact dense linear algebra over the rationals: elimination and a small simplex method.
// Sizes here are tiny (d, d+1, a face's vertices); nothing in this file is O(n) in the players.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "bigcert/core/vector.hpp"

namespace bigcert {

class Matrix {
  public:
    Matrix() = default;
    Matrix(std::size_t rows, std::size_t cols) : rows_(rows), cols_(cols), data_(rows * cols) {}
    static Matrix from_rows(const std::vector<Vector>& rows, std::size_t cols);

    std::size_t rows() const { return rows_; }
    std::size_t cols() const { return cols_; }
    Rational& at(std::size_t r, std::size_t c) { return data_[r * cols_ + c]; }
    const Rational& at(std::size_t r, std::size_t c) const { return data_[r * cols_ + c]; }
    Vector row(std::size_t r) const;
    void append_row(const Vector& row);

  private:
    std::size_t rows_ = 0, cols_ = 0;
    std::vector<Rational> data_;
};

// All solutions of A x = b: particular + span(null_space), or nothing when inconsistent.
struct LinearSolution {
    Vector particular;
    std::vector<Vector> null_space;
};
std::optional<LinearSolution> solve_linear_system(const Matrix& a, const Vector& b);

std::size_t rank(const Matrix& a);

// A basis of {x : A x = 0}.
std::vector<Vector> null_space(const Matrix& a);

// maximise c·x subject to A x = b, x >= 0 (Bland's rule: always terminates).
struct LinearProgramResult {
    enum class Status { optimal, infeasible, unbounded };
    Status status = Status::infeasible;
    Vector x;        // an optimal vertex, when optimal
    Rational value;  // c·x, when optimal
};
LinearProgramResult solve_linear_program(const Matrix& a, const Vector& b, const Vector& c);

}  // namespace bigcert
