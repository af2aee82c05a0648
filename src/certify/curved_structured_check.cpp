#include "certify/curved_structured_check.hpp"

#include <optional>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/solver/solver.hpp"
#include "certify/enclosure_steps.hpp"
#include "certify/structure_verdicts.hpp"

namespace bigcert {
namespace {

enum class Face {
    point,     // F_i is one point at every equilibrium
    free,      // w_i = 0: F_i = X_i, and the player does not move the receiver
    pinned,    // w_i != 0 and x̂* = t_i exactly: F_i = X_i, the receiver equation fixes the player
    boundary,  // a polytope player with g_i != 0 whose face is not shown to be a point: never interior
    unknown,   // not decided
};

bool outside(const std::vector<Enclosure>& box, const Vector& point) {
    for (std::size_t j = 0; j < box.size(); ++j)
        if (!box[j].contains(point[j])) return true;
    return false;
}

bool is_point(const std::vector<Enclosure>& box) {
    for (const Enclosure& e : box)
        if (!e.is_exact()) return false;
    return true;
}

std::vector<Vector> corners(const std::vector<Enclosure>& box) {
    std::vector<Vector> out;
    for (std::size_t c = 0; c < (std::size_t(1) << box.size()); ++c) {
        Vector y;
        for (std::size_t j = 0; j < box.size(); ++j) y.push_back((c >> j) & 1 ? box[j].hi : box[j].lo);
        out.push_back(std::move(y));
    }
    return out;
}

// A point in the interior of a full-dimensional set: a curved set's centre, a polytope's vertex average.
Vector interior_point(const ActionSet& set) {
    if (set.is_curved()) return set.as_curved().center();
    std::vector<Vector> v = set.vertices();
    Vector sum = v.front();
    for (std::size_t k = 1; k < v.size(); ++k) sum = sum + v[k];
    return Rational(Integer(1), Integer(v.size())) * sum;
}

PropertyVerdict verdict_for(const char* property) {
    PropertyVerdict v;
    v.property = property;
    return v;
}

struct CurvedStructure {
    const Instance& instance;
    Solution solution;  // enclosed: the boxes are claims proven below; exact_actions when rational
    std::optional<std::vector<Vector>> exact_actions;
    EnclosureSteps steps;
    std::vector<Face> faces;
    std::vector<std::string> why_unknown;

    bool receiver_exact() const { return is_point(solution.receiver_enclosure); }

    Vector receiver_point() const {
        Vector r;
        for (const Enclosure& e : solution.receiver_enclosure) r.push_back(e.lo);
        return r;
    }

    // Is t_i provably different from x̂*? (B is proven to hold x̂*.)
    bool away(std::size_t i) const {
        return outside(solution.receiver_enclosure, instance.players[i].target);
    }

    bool full_dimensional(std::size_t i) const {
        const ActionSet& set = instance.set_of(i);
        return !set.is_single_point() && set.affine_dimension() == instance.dimension;
    }

    void classify() {
        const std::size_t n = instance.players.size();
        faces.assign(n, Face::unknown);
        why_unknown.assign(n, "");
        for (std::size_t i = 0; i < n; ++i) {
            const ActionSet& set = instance.set_of(i);
            if (!steps.receiver.empty()) {
                why_unknown[i] = steps.receiver;
            } else if (set.is_single_point()) {
                faces[i] = Face::point;
            } else if (sign(instance.players[i].weight) == 0) {
                faces[i] = Face::free;
            } else if (away(i) && set.is_curved()) {
                faces[i] = Face::point;  // g_i != 0 on a strictly convex set
            } else if (away(i)) {
                const auto& proven = steps.actions[i];
                faces[i] = proven && proven->empty() && is_point(solution.action_enclosures[i])
                               ? Face::point
                               : Face::boundary;
            } else if (receiver_exact() && instance.players[i].target == receiver_point()) {
                faces[i] = Face::pinned;
            } else {
                why_unknown[i] = "its target lies in the receiver box, which is not the single point of it";
            }
        }
    }

    std::vector<std::size_t> with(Face f) const {
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i < faces.size(); ++i)
            if (faces[i] == f) out.push_back(i);
        return out;
    }

    std::string first_unknown() const {
        for (std::size_t i = 0; i < faces.size(); ++i)
            if (faces[i] == Face::unknown)
                return "player " + instance.numbered_label(i) + ": face not decided (" + why_unknown[i] + ")";
        return "";
    }

    // x* with some players moved, when x* is rational and the result passes the exact equilibrium check.
    std::optional<std::vector<Vector>> moved(const std::vector<std::pair<std::size_t, Vector>>& moves) const {
        if (!exact_actions) return std::nullopt;
        std::vector<Vector> y = *exact_actions;
        for (const auto& [i, point] : moves) y[i] = point;
        if (!check_equilibrium(instance, y, instance.receiver(y)).ok) return std::nullopt;
        return y;
    }

    std::string exactness_note() const {
        return exact_actions
                   ? " (exactly checked)"
                   : " (x* is irrational, so the equilibria are not printed; the argument is exact)";
    }

    PropertyVerdict receiver_unique() const {
        PropertyVerdict v = verdict_for("receiver-unique");
        v.verdict = "holds";
        v.reason =
            "an equilibrium x* exists (compact sets, Proposition 2) and each x*_i maximises g_i over X_i "
            "(docs/model.md 3b); by the identity Phi(x) - Phi(x*) = |xhat - xhat*|^2 - 2 sum_i g_i.(x_i - "
            "x*_i) "
            "applied both ways, two equilibria have the same receiver (no query)";
        return v;
    }

    PropertyVerdict count() const {
        PropertyVerdict v = verdict_for("count");
        if (std::string gap = first_unknown(); !gap.empty()) return v.verdict = "unknown", v.reason = gap, v;
        for (std::size_t i : with(Face::free)) {
            v.verdict = "holds", v.value = "infinite";
            v.reason = "player " + instance.numbered_label(i) +
                       " has weight 0 and a set of more than one point: it moves within its set without "
                       "changing the receiver, so x* with that player moved is a second equilibrium" +
                       exactness_note() + "; the set is convex";
            const Vector other = interior_point(instance.set_of(i));
            if (exact_actions && other != (*exact_actions)[i])
                if (auto y = moved({{i, other}})) v.counterexample = {*exact_actions, *y};
            return v;
        }
        const std::vector<std::size_t> pinned = with(Face::pinned), edges = with(Face::boundary);
        if (pinned.size() > 1) {
            v.verdict = "unknown";
            v.reason =
                "two players have their target at the receiver (not reached: the curved solver "
                "separates all but one player)";
            return v;
        }
        if (!edges.empty()) return count_with_faces(v, pinned, edges);
        v.verdict = "holds", v.value = "one";
        v.reason =
            "the receiver box is proven (certify's steps 1-2); every weighted player with its target "
            "outside it has one point as its face (strictly convex set, or a polytope vertex proven by "
            "its action box)" +
            (pinned.empty() ? std::string()
                            : "; player " + instance.numbered_label(pinned[0]) +
                                  " has its target at the receiver and is fixed by the receiver "
                                  "equation") +
            ", so x* is the only equilibrium";
        return v;
    }

    // Polytope players whose face toward their target is more than a vertex. With x̂* exact the face is exact
    // (support_face of g_i); with the pinned player k strictly inside its set at x* (its action box, proven,
    // in the interior), moving one face player a little along its face while k absorbs the change through the
    // receiver equation keeps k inside: a second equilibrium, and the set is convex.
    PropertyVerdict count_with_faces(PropertyVerdict v, const std::vector<std::size_t>& pinned,
                                     const std::vector<std::size_t>& edges) const {
        v.verdict = "unknown";
        const std::size_t i = edges.front();
        if (!receiver_exact() || pinned.empty()) {
            v.reason = "player " + instance.numbered_label(i) + ": its face is not shown to be a point (" +
                       why_not_point(i) + ")";
            return v;
        }
        const Vector g = instance.players[i].weight * (instance.players[i].target - receiver_point());
        const std::optional<bool> inside = pinned_interior(pinned[0]);
        if (instance.set_of(i).support_face(g).size() < 2 || !inside || !*inside) {
            v.reason =
                "player " + instance.numbered_label(i) + " has a face of more than one point, and player " +
                instance.numbered_label(pinned[0]) +
                " (target at the receiver) is not shown to be strictly inside its set (use --method full)";
            return v;
        }
        v.verdict = "holds", v.value = "infinite";
        v.reason =
            "player " + instance.numbered_label(i) +
            "'s face toward its target is an edge or face (xhat* is " + "exact), and player " +
            instance.numbered_label(pinned[0]) +
            " (target at the receiver) is strictly inside its set at its proven action box: moving player " +
            instance.numbered_label(i) + " a little along its face, with player " +
            instance.numbered_label(pinned[0]) +
            " following the receiver equation, gives a second equilibrium; the set is convex";
        return v;
    }

    std::string why_not_point(std::size_t i) const {
        const auto& proven = steps.actions[i];
        if (!proven) return "its action box was not asked";
        return proven->empty() ? "its proven action box is not a point" : *proven;
    }

    // Is the pinned player k interior at x* (its unique action)? nothing when not decided.
    std::optional<bool> pinned_interior(std::size_t k) const {
        const auto& proven = steps.actions[k];
        if (!proven || !proven->empty()) return std::nullopt;
        const std::vector<Enclosure>& box = solution.action_enclosures[k];
        bool all_in = true, all_out = is_point(box);
        for (const Vector& c : corners(box)) {
            const bool in = instance.set_of(k).in_interior(c);
            all_in = all_in && in, all_out = all_out && !in;
        }
        if (all_in) return true;
        if (all_out) return false;
        return std::nullopt;
    }

    PropertyVerdict fails(PropertyVerdict v, const std::vector<std::size_t>& interior,
                          const std::string& why) const {
        v.verdict = "fails";
        v.reason = why + exactness_note();
        std::vector<std::pair<std::size_t, Vector>> moves;
        for (std::size_t i : interior)
            if (faces[i] == Face::free) moves.emplace_back(i, interior_point(instance.set_of(i)));
        if (auto y = moved(moves)) v.counterexample = {*y};
        return v;
    }

    PropertyVerdict exaggeration() const {
        PropertyVerdict v = verdict_for("exaggeration");
        if (std::string gap = first_unknown(); !gap.empty()) return v.verdict = "unknown", v.reason = gap, v;
        // Only a player whose face meets the interior of its set can be interior: g_i = 0 and X_i
        // full-dimensional (a non-zero linear function has no interior maximiser).
        std::vector<std::size_t> free;
        for (std::size_t i : with(Face::free))
            if (full_dimensional(i)) free.push_back(i);
        const std::vector<std::size_t> pinned = with(Face::pinned);
        if (free.size() >= 2)
            return fails(v, {free[0], free[1]},
                         "players " + instance.numbered_label(free[0]) + " and " +
                             instance.numbered_label(free[1]) +
                             " have weight 0: both moved to interior points of their sets give an "
                             "equilibrium with two interior players");
        if (free.size() == 1) {
            const std::size_t j = free[0];
            if (away(j) || (receiver_exact() && instance.players[j].target != receiver_point()))
                return fails(v, {j},
                             "player " + instance.numbered_label(j) +
                                 " has weight 0: moved to an interior point of its set it is an interior "
                                 "player whose target is not the receiver");
            if (!receiver_exact()) {
                v.verdict = "unknown";
                v.reason =
                    "player " + instance.numbered_label(j) +
                    " has weight 0 and its target lies in the receiver box: whether it is the receiver "
                    "is not decided";
                return v;
            }
            if (!pinned.empty()) {
                const std::optional<bool> inside = pinned_interior(pinned[0]);
                if (!inside) {
                    v.verdict = "unknown";
                    v.reason = "whether player " + instance.numbered_label(pinned[0]) +
                               " (target at the receiver) is interior is not decided by its action box";
                    return v;
                }
                if (*inside)
                    return fails(v, {j, pinned[0]},
                                 "player " + instance.numbered_label(j) +
                                     " has weight 0 and moves to an interior point while player " +
                                     instance.numbered_label(pinned[0]) +
                                     " is interior at its unique action: two interior players");
            }
        }
        v.verdict = "holds";
        v.reason =
            "the receiver box is proven; every weighted player with its target outside it maximises a "
            "non-zero linear function, so it is on the boundary (on a ball or ellipsoid at the unique "
            "support point); only players with g_i = 0 can be interior, and at most one is, with its "
            "target at the receiver";
        for (std::size_t i = 0; i < faces.size(); ++i)
            if (faces[i] == Face::point && instance.set_of(i).is_curved() &&
                !instance.set_of(i).is_single_point())
                v.at_unique_support_point.push_back(i);
        return v;
    }
};

// Which players need step 3 (their action box): polytope players whose face must be shown to be a vertex,
// and everyone when a player is pinned (whether it is interior can decide count and exaggeration, and its box
// rests on all the others').
std::vector<bool> action_boxes_wanted(const Instance& instance, const Solution& s) {
    const std::size_t n = instance.players.size();
    std::vector<bool> wanted(n, false);
    Vector r;
    for (const Enclosure& e : s.receiver_enclosure) r.push_back(e.lo);
    for (std::size_t i = 0; i < n; ++i) {
        const ActionSet& set = instance.set_of(i);
        const bool weighted = sign(instance.players[i].weight) != 0;
        if (weighted && is_point(s.receiver_enclosure) && instance.players[i].target == r)
            return std::vector<bool>(n, true);  // a pinned player
        wanted[i] = weighted && !set.is_curved() && !set.is_single_point();
    }
    return wanted;
}

}  // namespace

std::vector<PropertyVerdict> check_curved_by_structure(const Instance& instance,
                                                       const std::vector<std::string>& properties,
                                                       ProofLog& log, const CheckOptions& options) {
    CurvedStructure check{instance, solve(instance), std::nullopt, {}, {}, {}};
    Solution& s = check.solution;
    if (s.receiver_enclosure.size() != instance.dimension ||
        s.action_enclosures.size() != instance.players.size())
        throw InternalError("check (structure, curved sets): the solver gave no enclosure");
    if (!s.enclosed) {
        // The solver found x* rational and checked it exactly; its boxes stay, and are proven below.
        check.exact_actions = s.actions;
        s.enclosed = true;
    }
    const QueryLimits limits = limits_for_timeout(options.timeout_seconds, options.rlimit, log.enabled());
    check.steps =
        prove_enclosure_steps(instance, s, log, limits, action_boxes_wanted(instance, s), "check:structure");
    check.classify();
    log.add_note(
        "check (structure, curved sets): the identity Phi(x) - Phi(x*) = |xhat(x) - xhat*|^2 - 2 sum_i "
        "g_i.(x_i - x*_i), g_i = w_i (t_i - xhat*), holds for any sets (proofs/general/identity-*.smt2); at "
        "an "
        "equilibrium x* each x*_i maximises g_i over X_i, so every equilibrium has receiver xhat* and x_i in "
        "F_i = argmax_{X_i} g_i.y. The queries certify-enclosure-support-* and certify-enclosure-receiver* "
        "(certify's steps 1-2 on curved sets) prove that xhat* lies in the receiver box B. Then exactly: a "
        "weighted player with its target outside B has g_i != 0, so on a ball or ellipsoid (strictly convex) "
        "F_i is one point on the boundary, and a polytope player's F_i is a point when its action box "
        "(certify-enclosure-action-*) is a point; a zero-weight player has F_i = X_i and does not move the "
        "receiver; a player whose target is B's single point has F_i = X_i and is fixed by the receiver "
        "equation. count and exaggeration follow with no further query.");
    return structure_verdicts(check, properties);
}

}  // namespace bigcert
