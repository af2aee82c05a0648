// The exact solver for several receivers (docs/model.md §8.3): every equilibrium lies in the relative
// interior of exactly one face per player, where the player's gradient is orthogonal to the face; per
// combination of faces that is a square linear system, solved exactly. A nonsingular system gives at most one
// candidate, re-checked against the definition; a singular consistent one is reported (a continuum may exist
// there). Beyond the enumeration's limit, Lemke's method (solver/lemke.hpp) finds one equilibrium.
#include <algorithm>
#include <limits>
#include <set>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/core/linear_algebra.hpp"
#include "bigcert/solver/receivers.hpp"
#include "solver/lemke.hpp"
#include "solver/lifted_potential.hpp"
#include "solver/receivers_equilibrium_report.hpp"
#include "solver/receivers_requirements.hpp"

namespace bigcert {
namespace {

// A face as base point plus directions: x = point + sum_l s_l directions[l].
struct Face {
    Vector point;
    std::vector<Vector> directions;
};

Vector unit(std::size_t d, std::size_t axis) {
    Vector e(d, Rational(0));
    e[axis] = 1;
    return e;
}

std::vector<Face> interval_faces(const Interval& set) {
    if (set.lo == set.hi) return {Face{{set.lo}, {}}};
    return {Face{{set.lo}, {}}, Face{{set.hi}, {}}, Face{{set.lo}, {{set.hi - set.lo}}}};
}

// Every face of a polygon (or of a segment or point in the plane): vertices, edges, the interior.
std::vector<Face> polygon_faces(const Polytope& p, const std::string& where) {
    std::vector<Face> faces;
    const std::vector<Vector>& vertices = p.vertices();
    for (const Vector& v : vertices) faces.push_back(Face{v, {}});
    if (p.affine_dimension() == 0) return faces;
    if (p.affine_dimension() == 1) {
        faces.push_back(Face{vertices[0], {vertices[1] - vertices[0]}});
        return faces;
    }
    for (const Halfspace& facet : p.facets()) {
        std::vector<const Vector*> on;
        for (const Vector& v : vertices)
            if (dot(facet.normal, v) == facet.offset) on.push_back(&v);
        if (on.size() != 2) throw InternalError(where + ": a polygon edge without two vertices");
        faces.push_back(Face{*on[0], {*on[1] - *on[0]}});
    }
    faces.push_back(Face{Vector(2, Rational(0)), {unit(2, 0), unit(2, 1)}});
    return faces;
}

// Every player's faces; nothing when some set is a polytope in d >= 3 (only Lemke's method applies there).
std::optional<std::vector<std::vector<Face>>> faces_of_players(const Instance& instance) {
    std::vector<std::vector<Face>> faces;
    bool enumerable = true;
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        const ActionSet& set = instance.set_of(i);
        const std::string where = "players[" + std::to_string(i) + "]";
        if (set.kind() == ActionSet::Kind::interval)
            faces.push_back(interval_faces(set.as_interval()));
        else if (set.kind() == ActionSet::Kind::polytope && instance.dimension == 2)
            faces.push_back(polygon_faces(set.as_polytope(), where));
        else if (set.kind() == ActionSet::Kind::polytope)
            enumerable = false;
        else
            throw UnsupportedError(where + ".action_set",
                                   "several receivers are solved on intervals and polytopes only");
    }
    if (!enumerable) return std::nullopt;
    return faces;
}

// The number of faces_of_players' combinations (capped at cap + 1) without building the faces; nothing
// when they cannot be enumerated (a polytope in d >= 3). Intervals and polytopes only.
std::optional<std::size_t> face_combinations(const Instance& instance, std::size_t cap) {
    std::size_t total = 1;
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        const ActionSet& set = instance.set_of(i);
        std::size_t count = 1;
        if (set.kind() == ActionSet::Kind::interval) {
            count = set.as_interval().lo == set.as_interval().hi ? 1 : 3;
        } else {
            if (instance.dimension != 2) return std::nullopt;
            const Polytope& p = set.as_polytope();
            const std::size_t vertices = p.vertices().size();
            count = p.affine_dimension() == 0 ? 1 : p.affine_dimension() == 1 ? 3 : 2 * vertices + 1;
        }
        if (total > cap / count) return cap + 1;
        total *= count;
    }
    return total;
}

std::size_t combinations(const std::vector<std::vector<Face>>& faces, std::size_t cap) {
    std::size_t total = 1;
    for (const auto& list : faces) {
        if (total > cap / list.size()) return cap + 1;
        total *= list.size();
    }
    return total;
}

// The face system for one combination: for each player i and direction b of its face, b·g_i(x) = 0 with
// x_k = point_k + B_k s_k. Unknowns: the s of every player, in order.
struct FaceSystem {
    Matrix matrix;
    Vector rhs;
};

FaceSystem face_system(const ReceiverGame& game, const std::vector<const Face*>& chosen) {
    const std::size_t n = game.players;
    std::vector<std::size_t> first(n + 1, 0);
    for (std::size_t k = 0; k < n; ++k) first[k + 1] = first[k] + chosen[k]->directions.size();
    FaceSystem system{Matrix(first[n], first[n]), Vector(first[n], Rational(0))};
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t a = 0; a < chosen[i]->directions.size(); ++a) {
            const Vector& b = chosen[i]->directions[a];
            const std::size_t row = first[i] + a;
            Rational constant = dot(b, game.offset[i]);
            for (std::size_t k = 0; k < n; ++k) {
                const Rational& c = game.cross[i][k];
                if (sign(c) == 0) continue;
                constant += c * dot(b, chosen[k]->point);
                for (std::size_t l = 0; l < chosen[k]->directions.size(); ++l)
                    system.matrix.at(row, first[k] + l) = c * dot(b, chosen[k]->directions[l]);
            }
            system.rhs[row] = -constant;
        }
    }
    return system;
}

std::vector<Vector> profile_of(const std::vector<const Face*>& chosen, const Vector& s) {
    std::vector<Vector> actions;
    std::size_t at = 0;
    for (const Face* face : chosen) {
        Vector x = face->point;
        for (const Vector& direction : face->directions) add_scaled(x, s[at++], direction);
        actions.push_back(std::move(x));
    }
    return actions;
}

void require_convex_losses(const Instance& instance, const ReceiverGame& game) {
    for (std::size_t i = 0; i < game.players; ++i)
        if (sign(game.cross[i][i]) < 0)
            throw UnsupportedError("players[" + std::to_string(i) + "].care",
                                   "the player's loss is concave in its own action (sum_j v_ij w_ji^2 = " +
                                       to_string(game.cross[i][i]) + " < 0)");
    require_squared_loss_and_mean(instance);
}

bool unique_by_monotonicity(const ReceiverGame& game, const PotentialKind& potential) {
    const std::size_t n = game.players;
    std::vector<std::vector<Rational>> sym(n, std::vector<Rational>(n));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < n; ++k) sym[i][k] = (game.cross[i][k] + game.cross[k][i]) / 2;
    if (is_positive_definite(sym)) return true;
    if (potential.kind != PotentialKind::Kind::weighted) return false;
    for (std::size_t i = 0; i < n; ++i)  // the weighted potential's Hessian, Lambda C (symmetric)
        for (std::size_t k = 0; k < n; ++k) sym[i][k] = potential.weights[i] * game.cross[i][k];
    return is_positive_definite(sym);
}

// The KKT system of docs/model.md §8.3 as a linear complementarity problem: x = lo + y with y >= 0 (lo the
// coordinate-wise minimum of each set, so that bound is redundant) and A x <= b the set's rows, multipliers
// mu: w_y = g(x) + A^T mu >= 0 complementary to y, and w_mu = b - A x >= 0 complementary to mu.
struct PlayerRow {
    std::size_t player;
    Vector normal;
    Rational offset;
};

std::vector<PlayerRow> set_rows(const Instance& instance, std::vector<Vector>& lo) {
    std::vector<PlayerRow> rows;
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        const ActionSet& set = instance.set_of(i);
        if (set.kind() == ActionSet::Kind::interval) {
            lo.push_back(Vector{set.as_interval().lo});
            rows.push_back(PlayerRow{i, Vector{Rational(1)}, set.as_interval().hi});
            continue;
        }
        const Polytope& p = set.as_polytope();
        Vector low = p.vertices()[0];
        for (const Vector& v : p.vertices())
            for (std::size_t c = 0; c < low.size(); ++c) low[c] = std::min(low[c], v[c]);
        lo.push_back(std::move(low));
        for (const Halfspace& h : p.facets()) rows.push_back(PlayerRow{i, h.normal, h.offset});
        for (const Halfspace& h : p.equations()) {
            rows.push_back(PlayerRow{i, h.normal, h.offset});
            rows.push_back(PlayerRow{i, Rational(-1) * h.normal, -h.offset});
        }
    }
    return rows;
}

std::optional<std::vector<Vector>> lemke_equilibrium(const Instance& instance, const ReceiverGame& game,
                                                     const ReceiversOptions& options) {
    const std::size_t n = game.players, d = game.dimension;
    std::vector<Vector> lo;
    const std::vector<PlayerRow> rows = set_rows(instance, lo);
    const std::size_t size = n * d + rows.size();
    if (size > options.max_lcp_size)
        throw LimitError("several receivers: more than " + std::to_string(options.max_face_combinations) +
                         " combinations of faces, and a complementarity system of " + std::to_string(size) +
                         " rows (raise --max-face-combinations or --max-lcp-rows)");
    Matrix m(size, size);
    Vector q(size, Rational(0));
    for (std::size_t i = 0; i < n; ++i) {
        const Vector g_at_lo = gradient_of(game, i, lo);
        for (std::size_t c = 0; c < d; ++c) {
            q[i * d + c] = g_at_lo[c];
            for (std::size_t k = 0; k < n; ++k) m.at(i * d + c, k * d + c) = game.cross[i][k];
        }
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const PlayerRow& row = rows[r];
        const std::size_t mu = n * d + r;
        for (std::size_t c = 0; c < d; ++c) {
            m.at(row.player * d + c, mu) = row.normal[c];
            m.at(mu, row.player * d + c) = -row.normal[c];
        }
        q[mu] = row.offset - dot(row.normal, lo[row.player]);
    }
    // The covering vector leaves the rows of the sets uncovered where that is feasible (b - A lo >= 0, e.g.
    // intervals): then a secondary ray would need a recession direction of a bounded set (docs/model.md
    // §8.3).
    Vector covering(size, Rational(1));
    bool rows_feasible = true;
    for (std::size_t r = 0; r < rows.size(); ++r) rows_feasible = rows_feasible && sign(q[n * d + r]) >= 0;
    if (rows_feasible)
        for (std::size_t r = 0; r < rows.size(); ++r) covering[n * d + r] = 0;
    LemkeResult result = solve_lcp_lemke(m, q, covering);
    if (!result.z) return std::nullopt;
    std::vector<Vector> actions = lo;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t c = 0; c < d; ++c) actions[i][c] += (*result.z)[i * d + c];
    return actions;
}

}  // namespace

namespace {

// docs/model.md §8.1: x_i minimises g_i·y over X_i, i.e. g_i·x_i = -h(-g_i).
std::string player_failure(const Instance& instance, std::size_t i, const Vector& g, const Vector& action) {
    const ActionSet& set = instance.set_of(i);
    if (!set.contains(action)) return "player " + std::to_string(i) + "'s action is outside its set";
    Vector minus_g = Rational(-1) * g;
    if (dot(g, action) != -set.support_value(minus_g))
        return "player " + std::to_string(i) + " has an improving direction";
    return {};
}

}  // namespace

std::string receivers_equilibrium_failure(const Instance& instance, const ReceiverGame& game,
                                          const std::vector<Vector>& actions) {
    for (std::size_t i = 0; i < game.players; ++i) {
        std::string failure = player_failure(instance, i, gradient_of(game, i, actions), actions[i]);
        if (!failure.empty()) return failure;
    }
    return {};
}

std::string receivers_equilibrium_failure(const Instance& instance, const std::vector<Vector>& actions) {
    const std::vector<Vector> gradients = receivers_gradients(instance, actions);
    for (std::size_t i = 0; i < actions.size(); ++i) {
        std::string failure = player_failure(instance, i, gradients[i], actions[i]);
        if (!failure.empty()) return failure;
    }
    return {};
}

namespace {

// Every candidate of every face combination (docs/model.md §8.3) that passes the exact check; `degenerate`
// is set when some face system was singular and consistent.
void enumerate_faces(const Instance& instance, const ReceiverGame& game,
                     const std::vector<std::vector<Face>>& faces, std::size_t total,
                     std::set<std::vector<Vector>>& found, bool& degenerate) {
    const std::size_t n = game.players;
    std::vector<std::size_t> digit(n, 0);
    std::vector<const Face*> chosen(n);
    for (std::size_t step = 0; step < total; ++step) {
        for (std::size_t i = 0; i < n; ++i) chosen[i] = &faces[i][digit[i]];
        FaceSystem system = face_system(game, chosen);
        if (std::optional<LinearSolution> s = solve_linear_system(system.matrix, system.rhs)) {
            std::vector<Vector> actions = profile_of(chosen, s->particular);
            // Singular: the solutions form an affine set; its particular point is tried, the count left open.
            if (!s->null_space.empty()) degenerate = true;
            if (receivers_equilibrium_failure(instance, game, actions).empty())
                found.insert(std::move(actions));
        }
        for (std::size_t i = 0; i < n && ++digit[i] == faces[i].size(); ++i) digit[i] = 0;
    }
}

// Receivers, losses and interior players of each equilibrium, after its exact re-check.
void describe_equilibria(const Instance& instance, const ReceiverGame& game, ReceiversSolution& solution) {
    for (const std::vector<Vector>& actions : solution.equilibria) {
        std::string failure = receivers_equilibrium_failure(instance, game, actions);
        if (!failure.empty()) throw InternalError("the exact re-check rejected an equilibrium: " + failure);
        add_equilibrium_report(instance, actions, solution);
    }
}

}  // namespace

void add_equilibrium_report(const Instance& instance, const std::vector<Vector>& actions,
                            ReceiversSolution& solution) {
    std::vector<Vector> receivers;
    for (std::size_t j = 0; j < instance.receivers.size(); ++j)
        receivers.push_back(receiver_point(instance, j, actions));
    std::vector<Rational> losses;
    std::vector<std::size_t> interior;
    for (std::size_t i = 0; i < actions.size(); ++i) {
        losses.push_back(receivers_loss(instance, i, receivers));
        if (instance.set_of(i).in_interior(actions[i])) interior.push_back(i);
    }
    solution.receivers.push_back(std::move(receivers));
    solution.losses.push_back(std::move(losses));
    solution.interior.push_back(std::move(interior));
}

void require_squared_loss_and_mean(const Instance& instance) {
    if (instance.loss != Loss::squared)
        throw UnsupportedError("loss", "several receivers with the inner loss");
    if (!instance.rule.is_mean()) throw UnsupportedError("rule", "several receivers with a receiver rule");
}

ReceiversSolution solve_receivers(const Instance& instance, const ReceiversOptions& options) {
    // A convex potential of the lifted form: the lifted method (docs/model.md §8.3), which never forms the
    // n x n matrix C, unless the faces are few enough to enumerate (that lists every equilibrium).
    if (options.lifted) {
        if (std::optional<LiftedGame> lifted = lifted_game_of(instance)) {
            require_squared_loss_and_mean(instance);
            const std::size_t limit =
                std::min(options.max_face_combinations, options.enumerate_potential_games_up_to);
            const std::optional<std::size_t> total = face_combinations(instance, limit);
            if (!total || *total > limit) return solve_lifted_game(instance, *lifted);
        }
    }
    const ReceiverGame game = receiver_game_of(instance);
    require_convex_losses(instance, game);
    ReceiversSolution solution;
    solution.potential = classify_potential(game);
    solution.unique_by_monotonicity = unique_by_monotonicity(game, solution.potential);
    const std::optional<std::vector<std::vector<Face>>> faces = faces_of_players(instance);
    const std::size_t total =
        faces ? combinations(*faces, options.max_face_combinations) : std::numeric_limits<std::size_t>::max();
    std::set<std::vector<Vector>> found;
    if (total <= options.max_face_combinations) {
        enumerate_faces(instance, game, *faces, total, found, solution.degenerate);
        solution.method = "face-enumeration";
    } else {
        // Too many faces to enumerate: one equilibrium by Lemke's method; the count only when proven.
        std::optional<std::vector<Vector>> actions = lemke_equilibrium(instance, game, options);
        if (!actions)
            throw LimitError(
                "several receivers: Lemke's method ended on a secondary ray, and enumerating the "
                "faces is over the limit or not available in d >= 3 (raise --max-face-combinations)");
        found.insert(std::move(*actions));
        solution.method = "lemke";
        solution.degenerate = true;  // the enumeration did not run: nothing is known about other equilibria
    }
    if (found.empty() && !solution.degenerate)
        throw InternalError("several receivers: the face enumeration found no equilibrium");
    if (found.empty())
        throw UnsupportedError("",
                               "several receivers: every equilibrium lies where a face system is singular "
                               "(possibly a continuum), which bigcert does not describe exactly yet");
    solution.equilibria.assign(found.begin(), found.end());
    describe_equilibria(instance, game, solution);
    if (solution.unique_by_monotonicity && solution.equilibria.size() != 1)
        throw InternalError("several receivers: monotone game but not exactly one equilibrium found");
    if (solution.unique_by_monotonicity)
        solution.count = "one";
    else if (solution.degenerate)
        solution.count = "not decided";
    else
        solution.count = solution.equilibria.size() == 1 ? "one" : "several";
    return solution;
}

}  // namespace bigcert
