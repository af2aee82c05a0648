#include "bigcert/core/action_set.hpp"

#include "bigcert/core/errors.hpp"

namespace bigcert {

ActionSet ActionSet::interval(Rational lo, Rational hi) {
    ActionSet set;
    set.shape_ = Interval{std::move(lo), std::move(hi)};
    set.origin_ = "interval";
    return set;
}

ActionSet ActionSet::polytope(Polytope p, std::string origin) {
    ActionSet set;
    set.shape_ = std::move(p);
    set.origin_ = std::move(origin);
    return set;
}

ActionSet ActionSet::finite(FiniteChoice choice) {
    ActionSet set;
    set.shape_ = std::move(choice);
    set.origin_ = "items";
    return set;
}

ActionSet ActionSet::curved(CurvedSet curved_set, std::string origin) {
    ActionSet set;
    set.shape_ = std::move(curved_set);
    set.origin_ = std::move(origin);
    return set;
}

void ActionSet::require_not_curved() const {
    if (is_curved())
        throw UnsupportedError("", "vertices or a rational support value of a curved set (" + origin_ + ")");
}

void ActionSet::require_convex() const {
    if (is_finite()) throw UnsupportedError("", "a convex-set operation on a finite action space (items)");
}

std::size_t selection_count(const FiniteChoice& choice) {
    const std::size_t m = choice.items.size(), k = choice.choose;
    if (choice.repeats) return m == 0 ? 0 : binomial_saturating(m + k - 1, k);
    return binomial_saturating(m, k);
}

std::size_t ActionSet::dimension() const {
    if (kind() == Kind::finite) return as_finite().items.front().size();
    if (kind() == Kind::curved) return as_curved().dimension();
    return kind() == Kind::interval ? 1 : as_polytope().dimension();
}

std::vector<Vector> ActionSet::vertices() const {
    require_convex();
    if (is_curved() && as_curved().is_single_point()) return {as_curved().center()};
    require_not_curved();
    if (kind() == Kind::polytope) return as_polytope().vertices();
    const Interval& i = as_interval();
    if (i.lo == i.hi) return {Vector{i.lo}};
    return {Vector{i.lo}, Vector{i.hi}};
}

bool ActionSet::contains(const Vector& y) const {
    require_convex();
    if (is_curved()) return as_curved().contains(y);
    if (kind() == Kind::polytope) return as_polytope().contains(y);
    return as_interval().lo <= y[0] && y[0] <= as_interval().hi;
}

bool ActionSet::in_interior(const Vector& y) const {
    require_convex();
    if (is_curved()) return as_curved().in_interior(y);
    if (kind() == Kind::polytope) return as_polytope().in_interior(y);
    return as_interval().lo < y[0] && y[0] < as_interval().hi;
}

bool ActionSet::in_relative_interior(const Vector& y) const {
    require_convex();
    if (is_curved())
        return as_curved().is_single_point() ? y == as_curved().center() : as_curved().in_interior(y);
    if (kind() == Kind::polytope) return as_polytope().in_relative_interior(y);
    return is_single_point() ? y[0] == as_interval().lo : in_interior(y);
}

bool ActionSet::is_single_point() const { return affine_dimension() == 0; }

std::size_t ActionSet::affine_dimension() const {
    require_convex();
    if (is_curved()) return as_curved().is_single_point() ? 0 : as_curved().dimension();
    if (kind() == Kind::polytope) return as_polytope().affine_dimension();
    return as_interval().lo == as_interval().hi ? 0 : 1;
}

Rational ActionSet::support_value(const Vector& direction) const {
    require_convex();
    if (is_curved() && as_curved().is_single_point()) return dot(direction, as_curved().center());
    require_not_curved();
    if (kind() == Kind::polytope) return as_polytope().support_value(direction);
    const Interval& i = as_interval();
    return sign(direction[0]) >= 0 ? Rational(direction[0] * i.hi) : Rational(direction[0] * i.lo);
}

std::vector<Vector> ActionSet::support_face(const Vector& direction) const {
    require_convex();
    if (is_curved() && as_curved().is_single_point()) return {as_curved().center()};
    require_not_curved();
    if (kind() == Kind::polytope) {
        std::vector<Vector> face;
        for (std::size_t index : as_polytope().support_face(direction))
            face.push_back(as_polytope().vertices()[index]);
        return face;
    }
    const Interval& i = as_interval();
    int s = sign(direction[0]);
    if (s > 0) return {Vector{i.hi}};
    if (s < 0) return {Vector{i.lo}};
    return vertices();
}

}  // namespace bigcert
