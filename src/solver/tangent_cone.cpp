#include "solver/tangent_cone.hpp"

#include <algorithm>

#include "bigcert/core/linear_algebra.hpp"

namespace bigcert {

namespace {

bool cone_is_zero(const std::vector<FreeFace>& faces, std::size_t dimension, std::size_t blocks) {
    struct Column {
        std::size_t face;
        Vector direction;
    };
    std::vector<Column> columns;
    for (std::size_t f = 0; f < faces.size(); ++f)
        for (const Vector& v : *faces[f].vertices)
            if (v != *faces[f].action) columns.push_back({f, v - *faces[f].action});
    const std::size_t cols = columns.size() + 1;
    Matrix a(0, cols);
    Vector b;
    for (std::size_t k = 0; k < blocks; ++k)
        for (std::size_t j = 0; j < dimension; ++j) {
            Vector row(cols, Rational(0));
            for (std::size_t c = 0; c < columns.size(); ++c)
                row[c] = faces[columns[c].face].weights[k] * columns[c].direction[j];
            a.append_row(row);
            b.push_back(0);
        }
    Vector normalisation(cols, Rational(1));
    a.append_row(normalisation);
    b.push_back(1);
    for (std::size_t f = 0; f < faces.size(); ++f)
        for (std::size_t j = 0; j < dimension; ++j)
            for (int direction : {1, -1}) {
                Vector objective(cols, Rational(0));
                for (std::size_t c = 0; c < columns.size(); ++c)
                    if (columns[c].face == f) objective[c] = direction * columns[c].direction[j];
                LinearProgramResult lp = solve_linear_program(a, b, objective);
                if (lp.status == LinearProgramResult::Status::optimal && sign(lp.value) > 0) return false;
            }
    return true;
}

}  // namespace

// A motion of a subset of the free players (the others kept where they are) is a motion of all of them, so
// small batches are asked first: with many free players a continuum is usually seen in the first batch, at
// the cost of LPs with few columns. Only when no batch moves is the whole set asked.
bool equilibrium_set_is_a_point(const std::vector<FreeFace>& faces, std::size_t dimension,
                                std::size_t blocks) {
    constexpr std::size_t batch = 16;
    if (faces.size() > batch)
        for (std::size_t begin = 0; begin < faces.size(); begin += batch) {
            const std::size_t end = std::min(faces.size(), begin + batch);
            const std::vector<FreeFace> part(faces.begin() + static_cast<long>(begin),
                                             faces.begin() + static_cast<long>(end));
            if (!cone_is_zero(part, dimension, blocks)) return false;
        }
    return cone_is_zero(faces, dimension, blocks);
}

}  // namespace bigcert
