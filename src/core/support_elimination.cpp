#include "bigcert/core/support_elimination.hpp"

namespace bigcert {
namespace {

using Element = std::vector<Rational>;  // coordinates on the monomial basis r^e, 0 <= e_j < deg p_j

// A = Q[r] / (p_0(r_0), ..., p_{d-1}(r_{d-1})), the tensor product of the univariate quotients.
class QuotientAlgebra {
  public:
    explicit QuotientAlgebra(const std::vector<IntegerPolynomial>& moduli) : moduli_(moduli) {
        for (const IntegerPolynomial& p : moduli_) size_ *= static_cast<std::size_t>(p.degree());
    }
    std::size_t size() const { return size_; }

    Element constant(const Rational& c) const {
        Element e(size_);
        e[0] = c;
        return e;
    }
    Element generator(std::size_t j) const { return times_generator(constant(1), j); }

    // Multiplication by r_j: shift the exponent of r_j, reducing r_j^m by p_j (m = deg p_j).
    Element times_generator(const Element& a, std::size_t j) const {
        const std::vector<Integer>& p = moduli_[j].coefficients();
        const std::size_t m = p.size() - 1, stride = stride_of(j);
        Element out(size_);
        for (std::size_t k = 0; k < size_; ++k) {
            if (sign(a[k]) == 0) continue;
            const std::size_t e = (k / stride) % m;
            if (e + 1 < m) {
                out[k + stride] += a[k];
                continue;
            }
            const std::size_t base = k - e * stride;  // r_j^m = -Σ_{i<m} p_i/p_m · r_j^i
            for (std::size_t i = 0; i < m; ++i)
                out[base + i * stride] -= a[k] * Rational(p[i]) / Rational(p[m]);
        }
        return out;
    }

    Element multiply(const Element& a, const Element& b) const {
        Element out(size_);
        for (std::size_t k = 0; k < size_; ++k) {
            if (sign(a[k]) == 0) continue;
            Element term = b;
            for (std::size_t j = 0; j < moduli_.size(); ++j) {
                const std::size_t m = static_cast<std::size_t>(moduli_[j].degree());
                for (std::size_t e = (k / stride_of(j)) % m; e > 0; --e) term = times_generator(term, j);
            }
            for (std::size_t i = 0; i < size_; ++i) out[i] += a[k] * term[i];
        }
        return out;
    }

    // Column k: a times the k-th basis monomial.
    std::vector<Element> multiplication_columns(const Element& a) const {
        std::vector<Element> columns;
        for (std::size_t k = 0; k < size_; ++k) {
            Element basis(size_);
            basis[k] = 1;
            columns.push_back(multiply(basis, a));
        }
        return columns;
    }

  private:
    std::size_t stride_of(std::size_t j) const {
        std::size_t stride = 1;
        for (std::size_t i = 0; i < j; ++i) stride *= static_cast<std::size_t>(moduli_[i].degree());
        return stride;
    }
    std::vector<IntegerPolynomial> moduli_;
    std::size_t size_ = 1;
};

Element add(Element a, const Element& b, const Rational& factor = 1) {
    for (std::size_t k = 0; k < a.size(); ++k) a[k] += factor * b[k];
    return a;
}

// Gaussian elimination in exact rationals.
Rational determinant(std::vector<Element> columns) {
    const std::size_t n = columns.size();
    Rational det = 1;
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t pivot = c;
        while (pivot < n && sign(columns[pivot][c]) == 0) ++pivot;
        if (pivot == n) return 0;
        if (pivot != c) std::swap(columns[pivot], columns[c]), det = -det;
        det *= columns[c][c];
        for (std::size_t k = c + 1; k < n; ++k)
            if (sign(columns[k][c]) != 0)
                columns[k] = add(columns[k], columns[c], -columns[k][c] / columns[c][c]);
    }
    return det;
}

// The polynomial of degree <= n through (k, values[k]), k = 0..n (Newton's divided differences).
std::vector<Rational> interpolate(std::vector<Rational> values) {
    const std::size_t n = values.size();
    for (std::size_t level = 1; level < n; ++level)
        for (std::size_t k = n - 1; k >= level; --k)
            values[k] = (values[k] - values[k - 1]) / Rational(static_cast<long>(level));
    std::vector<Rational> poly{values[n - 1]};  // Horner on the Newton form: poly = poly·(y - k) + values[k]
    for (std::size_t k = n - 1; k-- > 0;) {
        std::vector<Rational> next(poly.size() + 1);
        for (std::size_t i = 0; i < poly.size(); ++i)
            next[i + 1] += poly[i], next[i] -= Rational(static_cast<long>(k)) * poly[i];
        next[0] += values[k];
        poly = std::move(next);
    }
    return poly;
}

// P((z - c)²) for P given by coefficients of y^k.
std::vector<Rational> substitute_square(const std::vector<Rational>& p, const Rational& c) {
    const std::vector<Rational> shift{c * c, -2 * c, Rational(1)};  // (z - c)²
    std::vector<Rational> out{Rational(0)}, power{Rational(1)};
    for (const Rational& coefficient : p) {
        if (out.size() < power.size()) out.resize(power.size());
        for (std::size_t i = 0; i < power.size(); ++i) out[i] += coefficient * power[i];
        std::vector<Rational> next(power.size() + 2);
        for (std::size_t i = 0; i < power.size(); ++i)
            for (std::size_t s = 0; s < 3; ++s) next[i + s] += power[i] * shift[s];
        power = std::move(next);
    }
    return out;
}

// A' = A[S_1..S_n] / (S_i² - Q_i): an element is one A-element per subset f of the S_i (bit i of f: S_i).
class RadicalAlgebra {
  public:
    RadicalAlgebra(const QuotientAlgebra& base, std::vector<Element> squares)
        : base_(base), squares_(std::move(squares)) {}
    std::size_t subsets() const { return std::size_t(1) << squares_.size(); }
    using Value = std::vector<Element>;

    Value embed(const Element& a, std::size_t subset = 0) const {
        Value v(subsets(), base_.constant(0));
        v[subset] = a;
        return v;
    }
    Value multiply(const Value& a, const Value& b) const {
        Value out(subsets(), base_.constant(0));
        for (std::size_t f = 0; f < subsets(); ++f)
            for (std::size_t g = 0; g < subsets(); ++g) {
                if (is_zero(a[f]) || is_zero(b[g])) continue;
                Element term = base_.multiply(a[f], b[g]);
                for (std::size_t i = 0; i < squares_.size(); ++i)
                    if ((f & g) >> i & 1) term = base_.multiply(term, squares_[i]);  // S_i² = Q_i
                out[f ^ g] = add(out[f ^ g], term);
            }
        return out;
    }
    // The rational matrix of multiplication by a, as columns over the basis (r^e S^f).
    std::vector<Element> matrix(const Value& a) const {
        std::vector<Element> columns;
        for (std::size_t f = 0; f < subsets(); ++f)
            for (std::size_t k = 0; k < base_.size(); ++k) {
                Element unit = base_.constant(0);
                unit[k] = 1;
                Value product = multiply(embed(unit, f), a);
                Element column;
                for (const Element& part : product) column.insert(column.end(), part.begin(), part.end());
                columns.push_back(std::move(column));
            }
        return columns;
    }

  private:
    static bool is_zero(const Element& e) {
        for (const Rational& x : e)
            if (sign(x) != 0) return false;
        return true;
    }
    const QuotientAlgebra& base_;
    std::vector<Element> squares_;
};

// det(z·I - M) for M given by columns (interpolation at z = 0..n).
std::vector<Rational> characteristic_polynomial(const std::vector<Element>& m) {
    const std::size_t n = m.size();
    std::vector<Rational> values;
    for (std::size_t z = 0; z <= n; ++z) {
        std::vector<Element> columns = m;
        for (std::size_t k = 0; k < n; ++k) {
            for (Rational& x : columns[k]) x = -x;
            columns[k][k] += Rational(static_cast<long>(z));
        }
        values.push_back(determinant(std::move(columns)));
    }
    return interpolate(values);
}

Enclosure sqrt_of(const Enclosure& q) {  // q.lo >= 0
    return {sqrt_enclosure(q.lo, 128).lo, sqrt_enclosure(q.hi, 128).hi};
}

}  // namespace

bool proves_equilibrium_receiver(const Instance& instance, const std::vector<IntegerPolynomial>& receiver,
                                 const std::vector<Enclosure>& boxes, std::string& why,
                                 std::size_t max_dimension) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    std::size_t dimension = std::size_t(1) << n;
    for (std::size_t j = 0; j < d; ++j) {
        const IntegerPolynomial& p = receiver[j];
        if (p.degree() < 1 || count_real_roots(p, boxes[j].lo, boxes[j].hi) != 1)
            return why = "receiver polynomial " + std::to_string(j) + " does not isolate one root", false;
        dimension *= static_cast<std::size_t>(p.degree());
    }
    if (dimension > max_dimension)
        return why = "the exact check needs dimension " + std::to_string(dimension) + " (at most " +
                     std::to_string(max_dimension) + ")",
               false;
    const QuotientAlgebra base(receiver);
    std::vector<Element> squares;                 // Q_i in A
    std::vector<std::vector<Element>> scaled(n);  // (M_i⁻¹g_i)_j in A
    std::vector<Enclosure> root_boxes;            // S_i over the boxes
    std::vector<std::vector<Enclosure>> scaled_boxes(n);
    for (std::size_t i = 0; i < n; ++i) {
        const ActionSet& set = instance.set_of(i);
        if (!set.is_curved() || set.as_curved().is_single_point())
            return why = "player " + instance.numbered_label(i) + " is not on a curved set", false;
        const CurvedSet& curved = set.as_curved();
        const Player& player = instance.players[i];
        std::vector<Element> g;
        std::vector<Enclosure> g_box;
        for (std::size_t a = 0; a < d; ++a) {
            g.push_back(
                add(base.constant(player.weight * player.target[a]), base.generator(a), -player.weight));
            g_box.push_back(player.weight * (Enclosure{player.target[a], player.target[a]} - boxes[a]));
        }
        Element q = base.constant(0);
        Enclosure q_box{0, 0};
        for (std::size_t a = 0; a < d; ++a) {
            Element row = base.constant(0);
            Enclosure row_box{0, 0};
            for (std::size_t b = 0; b < d; ++b) {
                row = add(row, g[b], curved.inverse().at(a, b));
                row_box = row_box + curved.inverse().at(a, b) * g_box[b];
            }
            q = add(q, base.multiply(g[a], row));
            q_box = q_box + g_box[a] * row_box;
            scaled[i].push_back(row), scaled_boxes[i].push_back(row_box);
        }
        if (sign(q_box.lo) <= 0)
            return why = "g_i = 0 is not excluded for player " + instance.numbered_label(i), false;
        squares.push_back(q), root_boxes.push_back(sqrt_of(q_box));
    }
    const RadicalAlgebra algebra(base, squares);
    const Vector bias = instance.bias();
    for (std::size_t j = 0; j < d; ++j) {
        Rational constant = bias.empty() ? Rational(0) : bias[j];
        for (std::size_t i = 0; i < n; ++i)
            constant += instance.players[i].weight * instance.set_of(i).as_curved().center()[j];
        const std::size_t all = algebra.subsets() - 1;
        // (r_j - constant)·Π S_i  -  Σ_i w_i (M⁻¹g_i)_j Π_{k≠i} S_k
        RadicalAlgebra::Value e = algebra.embed(add(base.generator(j), base.constant(constant), -1), all);
        Enclosure e_box = boxes[j] - Enclosure{constant, constant};
        for (std::size_t i = 0; i < n; ++i) e_box = e_box * root_boxes[i];
        for (std::size_t i = 0; i < n; ++i) {
            const Rational w = instance.players[i].weight;
            e[all & ~(std::size_t(1) << i)] = add(e[all & ~(std::size_t(1) << i)], scaled[i][j], -w);
            Enclosure term = w * scaled_boxes[i][j];
            for (std::size_t k = 0; k < n; ++k)
                if (k != i) term = term * root_boxes[k];
            e_box = e_box - term;
        }
        const IntegerPolynomial chi =
            IntegerPolynomial::from_rationals(characteristic_polynomial(algebra.matrix(e)));
        if (sign(chi.evaluate(0)) != 0 || e_box.lo > 0 || e_box.hi < 0 ||
            count_real_roots(chi, e_box.lo, e_box.hi) != 1)
            return why = "the receiver equation " + std::to_string(j) + " is not shown to vanish exactly",
                   false;
    }
    return true;
}

std::optional<IntegerPolynomial> support_coordinate_polynomial(const CurvedSet& set, const Vector& target,
                                                               const std::vector<IntegerPolynomial>& receiver,
                                                               std::size_t j, std::size_t max_dimension) {
    std::size_t dimension = 1;
    for (const IntegerPolynomial& p : receiver) {
        if (p.degree() < 1) return std::nullopt;
        dimension *= static_cast<std::size_t>(p.degree());
        if (dimension > max_dimension) return std::nullopt;
    }
    const QuotientAlgebra algebra(receiver);
    const std::size_t d = set.dimension();
    std::vector<Element> offset;  // t - r
    for (std::size_t a = 0; a < d; ++a)
        offset.push_back(add(algebra.constant(target[a]), algebra.generator(a), -1));
    std::vector<Element> scaled;  // M⁻¹(t - r)
    for (std::size_t a = 0; a < d; ++a) {
        Element row = algebra.constant(0);
        for (std::size_t b = 0; b < d; ++b) row = add(row, offset[b], set.inverse().at(a, b));
        scaled.push_back(row);
    }
    Element q = algebra.constant(0);
    for (std::size_t a = 0; a < d; ++a) q = add(q, algebra.multiply(offset[a], scaled[a]));
    const std::vector<Element> q_columns = algebra.multiplication_columns(q);
    const std::vector<Element> h2_columns =
        algebra.multiplication_columns(algebra.multiply(scaled[j], scaled[j]));
    std::vector<Rational> values;  // P(y) = det(y·[Q] - [H²]) at y = 0..dim A
    for (std::size_t y = 0; y <= dimension; ++y) {
        std::vector<Element> columns;
        for (std::size_t k = 0; k < dimension; ++k) {
            Element column = h2_columns[k];
            for (Rational& x : column) x = -x;
            columns.push_back(add(std::move(column), q_columns[k], Rational(static_cast<long>(y))));
        }
        values.push_back(determinant(std::move(columns)));
    }
    return IntegerPolynomial::from_rationals(substitute_square(interpolate(values), set.center()[j]));
}

}  // namespace bigcert
