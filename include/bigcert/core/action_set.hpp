// A player's action set X_i: a compact convex set in R^d (an interval in d = 1, a polytope otherwise).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "bigcert/core/curved_set.hpp"
#include "bigcert/core/polytope.hpp"
#include "bigcert/core/vector.hpp"

namespace bigcert {

struct Interval {
    Rational lo, hi;  // lo <= hi
};

// A finite action space (paper §5.2): the player picks `choose` of the items (a multiset when `repeats`)
// and contributes their sum. The items are pairwise distinct; a pure strategy is a set (or multiset) of
// item positions, so the number of strategies is C(m, k), or C(m + k - 1, k) with repeats.
struct FiniteChoice {
    std::vector<Vector> items;
    std::size_t choose = 1;
    bool repeats = false;
};

class ActionSet {
  public:
    enum class Kind { interval, polytope, finite, curved };

    static ActionSet interval(Rational lo, Rational hi);
    // `origin` records how the user wrote it ("box", "vertices", "halfspaces") for reports and figures.
    static ActionSet polytope(Polytope p, std::string origin);
    static ActionSet finite(FiniteChoice choice);
    // A ball or ellipsoid (MODEL.md §3g); `origin` is "ball" or "ellipsoid".
    static ActionSet curved(CurvedSet set, std::string origin);

    Kind kind() const { return static_cast<Kind>(shape_.index()); }
    bool is_finite() const { return kind() == Kind::finite; }
    bool is_curved() const { return kind() == Kind::curved; }
    const std::string& origin() const { return origin_; }
    std::size_t dimension() const;
    const Interval& as_interval() const { return std::get<Interval>(shape_); }
    const Polytope& as_polytope() const { return std::get<Polytope>(shape_); }
    const FiniteChoice& as_finite() const { return std::get<FiniteChoice>(shape_); }
    const CurvedSet& as_curved() const { return std::get<CurvedSet>(shape_); }

    // The convex-set operations below throw UnsupportedError on a finite action space: its geometry is
    // the set of achievable item sums (see finite_game.hpp), not a convex set.
    // A curved set has no vertices and an irrational support function: vertices(), support_value() and
    // support_face() throw UnsupportedError on it (use as_curved(); solver/curved_solver.hpp).
    std::vector<Vector> vertices() const;
    bool contains(const Vector& y) const;
    bool in_interior(const Vector& y) const;
    bool in_relative_interior(const Vector& y) const;
    bool is_single_point() const;
    // Dimension of the affine hull (0 for a point).
    std::size_t affine_dimension() const;

    // h(g) = max_{y in X} g·y, and the vertices of the face where it is attained (MODEL.md §3b).
    Rational support_value(const Vector& direction) const;
    std::vector<Vector> support_face(const Vector& direction) const;

  private:
    void require_convex() const;
    void require_not_curved() const;

    std::variant<Interval, Polytope, FiniteChoice, CurvedSet> shape_;  // order matches Kind
    std::string origin_;
};

// Calls visit(positions) for every strategy of a finite action space: each k-subset of item positions in
// lexicographic order (each non-decreasing k-tuple with repeats); stops when visit returns false.
template <class Visit>
void for_each_selection(const FiniteChoice& choice, Visit&& visit) {
    const std::size_t m = choice.items.size(), k = choice.choose;
    if (!choice.repeats) {
        for_each_subset(m, k, visit);
        return;
    }
    if (m == 0) return;
    std::vector<std::size_t> idx(k, 0);
    for (;;) {
        if (!visit(static_cast<const std::vector<std::size_t>&>(idx))) return;
        std::size_t i = k;
        while (i > 0 && idx[i - 1] == m - 1) --i;
        if (i == 0) return;
        ++idx[i - 1];
        for (std::size_t j = i; j < k; ++j) idx[j] = idx[i - 1];
    }
}

// Number of strategies of a finite action space, saturating like binomial_saturating.
std::size_t selection_count(const FiniteChoice& choice);

}  // namespace bigcert
