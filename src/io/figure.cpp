#include "bigcert/io/figure.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "bigcert/core/errors.hpp"

namespace bigcert {

namespace {

constexpr std::size_t max_individual_players = 10;  // beyond: aggregated markers, no per-player labels

const std::array<MarkerShape, 4> player_shapes{MarkerShape::circle, MarkerShape::square,
                                               MarkerShape::triangle, MarkerShape::diamond};

struct Bounds {
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    void add(FigurePoint p) {
        x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    }
    void apply_to(Figure& f, double pad_fraction) const {
        double px = std::max((x1 - x0) * pad_fraction, 0.5), py = std::max((y1 - y0) * pad_fraction, 0.5);
        f.x_min = x0 - px, f.x_max = x1 + px, f.y_min = y0 - py, f.y_max = y1 + py;
    }
};

FigurePoint point_of(const Vector& v) { return {to_double(v[0]), v.size() > 1 ? to_double(v[1]) : 0.0}; }

FigureMarker marker(FigurePoint at, MarkerShape shape, FigureStyle style, std::string role, long player,
                    const Vector& exact) {
    FigureMarker m;
    m.at = at, m.shape = shape, m.style = style, m.role = std::move(role), m.player = player,
    m.exact = to_strings(exact);
    return m;
}

FigureStyle player_style(std::size_t i, bool filled) {
    FigureStyle s;
    s.series = static_cast<int>(i);
    s.filled = filled;
    return s;
}

// Vertices of a planar convex polygon in counter-clockwise order (sets store them unordered).
std::vector<FigurePoint> convex_order(std::vector<FigurePoint> points) {
    if (points.size() < 3) return points;
    FigurePoint c{0, 0};
    for (FigurePoint p : points) c.x += p.x / points.size(), c.y += p.y / points.size();
    std::sort(points.begin(), points.end(), [c](FigurePoint a, FigurePoint b) {
        return std::atan2(a.y - c.y, a.x - c.x) < std::atan2(b.y - c.y, b.x - c.x);
    });
    return points;
}

// The receivers drawn: x̂ alone for the paper's game, one labelled point per receiver otherwise (§8).
struct ReceiverMark {
    std::string label;
    Vector point;
};

void add_common_legend(Figure& f, bool individual, bool several_receivers = false) {
    FigureStyle hollow, filled, black;
    filled.filled = true;
    black.filled = true;
    f.legend.push_back({"target t_i", MarkerShape::circle, hollow});
    f.legend.push_back({individual ? "action x_i" : "actions", MarkerShape::square, filled});
    f.legend.push_back({several_receivers ? "receivers x̂_j" : "receiver x̂", MarkerShape::star, black});
}

// A count label "×k" for an aggregated marker.
std::string times(std::size_t k) { return k == 1 ? "" : "×" + std::to_string(k); }

// Aggregated markers: one per distinct exact point, labelled with its multiplicity.
void add_aggregated(Figure& f, const std::vector<Vector>& points, const std::vector<double>& rows,
                    MarkerShape shape, bool filled, const std::string& role) {
    std::map<std::vector<std::string>, std::pair<Vector, std::size_t>> distinct;
    for (const Vector& p : points) {
        auto& entry = distinct[to_strings(p)];
        entry.first = p;
        ++entry.second;
    }
    FigureStyle style;
    style.filled = filled;
    style.series = filled ? 0 : 1;
    for (const auto& [key, entry] : distinct) {
        FigurePoint at = point_of(entry.first);
        if (!rows.empty()) at.y = rows[0];
        f.markers.push_back(marker(at, shape, style, role, -1, entry.first));
        if (entry.second > 1) f.labels.push_back({at, 0, 0, times(entry.second)});
    }
}

Figure number_line(const Instance& instance, const Solution& s, const std::vector<ReceiverMark>& receivers) {
    Figure f;
    const std::size_t n = instance.players.size();
    const bool individual = n <= max_individual_players;
    f.title = (instance.name.empty() ? std::string("instance") : instance.name) +
              ": equilibrium on the number line";
    f.y_axis = false;
    f.x_label = "x";
    Bounds b;
    const double rows = individual ? static_cast<double>(n) : 2.0;
    for (std::size_t i = 0; i < n; ++i) {
        const Interval& set = instance.set_of(i).as_interval();
        const double row = individual ? static_cast<double>(n - i) : 1.0;
        FigurePath segment;
        segment.points = {{to_double(set.lo), row}, {to_double(set.hi), row}};
        segment.style = player_style(individual ? i : 0, false);
        segment.style.series = individual ? static_cast<int>(i) : -1;
        segment.style.width = individual ? 2.5 : 0.5;
        segment.style.dashed = individual && i % 2 == 1;
        segment.role = "set";
        segment.player = static_cast<long>(i);
        if (individual || i < 2000) f.paths.push_back(segment);  // beyond: a note, the file stays small
        b.add(segment.points[0]), b.add(segment.points[1]);
        b.add({to_double(instance.players[i].target[0]), row});
        if (individual) {
            FigurePoint t{to_double(instance.players[i].target[0]), row}, x{to_double(s.actions[i][0]), row};
            f.markers.push_back(marker(t, MarkerShape::circle, player_style(i, false), "target",
                                       static_cast<long>(i), instance.players[i].target));
            f.markers.push_back(marker(x, player_shapes[i % 4], player_style(i, true), "action",
                                       static_cast<long>(i), s.actions[i]));
            if (std::abs(t.x - x.x) > 1e-12) {
                FigurePath arrow;
                // Drawn just above the row: on it, the thick set line would hide it.
                arrow.points = {{t.x, row + 0.22}, {x.x, row + 0.22}};
                arrow.arrow = true;
                arrow.style = player_style(i, false);
                arrow.style.width = 0.8;
                arrow.role = "exaggeration";
                arrow.player = static_cast<long>(i);
                f.paths.push_back(arrow);
            }
            f.labels.push_back({{to_double(set.lo), row}, -6, 4, instance.label(i)});
        }
    }
    if (!individual) {
        std::vector<Vector> targets, actions;
        for (std::size_t i = 0; i < n; ++i) targets.push_back(instance.players[i].target);
        add_aggregated(f, targets, {2.0}, MarkerShape::circle, false, "target");
        add_aggregated(f, s.actions, {1.0}, MarkerShape::square, true, "action");
        f.labels.push_back({{b.x0, 2.0}, -6, 4, "targets"});
        f.labels.push_back({{b.x0, 1.0}, -6, 4, "actions"});
        f.notes.push_back(std::to_string(n) + " players: sets overlaid on row 1" +
                          std::string(n > 2000 ? " (first 2000)" : "") + ", equal points merged (×count)");
    }
    for (const ReceiverMark& r : receivers) b.add({to_double(r.point[0]), 0});
    FigurePath axis;
    b.apply_to(f, 0.06);
    f.y_min = -0.7, f.y_max = rows + 0.7;
    axis.points = {{f.x_min, 0}, {f.x_max, 0}};
    axis.role = "axis";
    axis.style.width = 0.8;
    f.paths.push_back(axis);
    FigureStyle black;
    black.filled = true;
    for (const ReceiverMark& mark : receivers) {
        FigurePoint receiver{to_double(mark.point[0]), 0};
        FigurePath guide;
        guide.points = {receiver, {receiver.x, rows + 0.4}};
        guide.style.dashed = true;
        guide.style.width = 0.6;
        guide.role = "guide";
        f.paths.push_back(guide);
        FigureMarker r = marker(receiver, MarkerShape::star, black, "receiver", -1, mark.point);
        r.size = 5;
        f.markers.push_back(r);
        f.labels.push_back({receiver, 0, 0, mark.label});
    }
    add_common_legend(f, individual, receivers.size() > 1);
    if (s.count == EquilibriumCount::infinite)
        f.notes.push_back("infinitely many equilibria; one is drawn (same x̂ for all)");
    return f;
}

Figure plane(const Instance& instance, const Solution& s, const std::vector<ReceiverMark>& receivers) {
    Figure f;
    const std::size_t n = instance.players.size();
    const bool individual = n <= max_individual_players;
    f.title =
        (instance.name.empty() ? std::string("instance") : instance.name) + ": equilibrium in the plane";
    f.equal_aspect = true;
    f.x_label = "x₁", f.y_label = "x₂";
    Bounds b;
    std::size_t skipped = 0;
    std::vector<bool> drawn_set(instance.action_sets.size(), false);
    for (std::size_t i = 0; i < n; ++i) {
        const ActionSet& set = instance.set_of(i);
        if (set.kind() != ActionSet::Kind::polytope) {
            ++skipped;  // balls and finite sets have no vertex list to draw (yet)
        } else if (individual || !drawn_set[instance.players[i].action_set]) {
            drawn_set[instance.players[i].action_set] = true;
            FigurePath outline;
            for (const Vector& v : set.vertices()) outline.points.push_back(point_of(v));
            outline.points = convex_order(outline.points);
            outline.closed = outline.points.size() > 2;
            outline.style = player_style(individual ? i : 0, false);
            outline.style.series = individual ? static_cast<int>(i) : -1;
            outline.style.dashed = individual && i % 2 == 1;
            outline.style.width = individual ? 1.2 : 0.5;
            outline.role = "set";
            outline.player = static_cast<long>(i);
            for (FigurePoint p : outline.points) b.add(p);
            f.paths.push_back(outline);
        }
        if (!s.face_vertices.empty() && !s.face_vertices[i].empty()) {  // Figure 3: the spanned face
            FigurePath face;
            for (const Vector& v : s.face_vertices[i]) face.points.push_back(point_of(v));
            face.points = convex_order(face.points);
            face.closed = face.points.size() > 2;
            face.style = player_style(i, face.closed);
            face.style.width = 4;
            face.role = "face";
            face.player = static_cast<long>(i);
            f.paths.push_back(face);
        }
        FigurePoint t = point_of(instance.players[i].target), x = point_of(s.actions[i]);
        b.add(t), b.add(x);
        if (!individual) continue;
        f.markers.push_back(marker(t, MarkerShape::circle, player_style(i, false), "target",
                                   static_cast<long>(i), instance.players[i].target));
        f.markers.push_back(marker(x, player_shapes[i % 4], player_style(i, true), "action",
                                   static_cast<long>(i), s.actions[i]));
        if (std::hypot(t.x - x.x, t.y - x.y) > 1e-12) {
            FigurePath arrow;
            arrow.points = {t, x};
            arrow.arrow = true;
            arrow.style = player_style(i, false);
            arrow.style.width = 0.8;
            arrow.role = "exaggeration";
            arrow.player = static_cast<long>(i);
            f.paths.push_back(arrow);
        }
        f.labels.push_back({x, 0, 0, instance.label(i)});
    }
    if (!individual) {
        std::vector<Vector> targets;
        for (const Player& p : instance.players) targets.push_back(p.target);
        add_aggregated(f, targets, {}, MarkerShape::circle, false, "target");
        add_aggregated(f, s.actions, {}, MarkerShape::square, true, "action");
        f.notes.push_back(std::to_string(n) + " players: equal points merged (×count), no arrows");
    }
    if (skipped)
        f.notes.push_back(std::to_string(skipped) +
                          " action sets without a vertex list (balls, finite) not drawn");
    for (const ReceiverMark& mark : receivers) b.add(point_of(mark.point));
    b.apply_to(f, 0.08);
    FigureStyle black;
    black.filled = true;
    for (const ReceiverMark& mark : receivers) {
        FigureMarker r = marker(point_of(mark.point), MarkerShape::star, black, "receiver", -1, mark.point);
        r.size = 5;
        f.markers.push_back(r);
        f.labels.push_back({r.at, 0, 0, mark.label});
    }
    add_common_legend(f, individual, receivers.size() > 1);
    FigureStyle arrow_style;
    f.legend.push_back({"t_i → x_i", MarkerShape::circle, arrow_style, true});
    if (s.count == EquilibriumCount::infinite) {
        FigureStyle face_style;
        face_style.width = 4;
        f.legend.push_back({"equilibrium faces", MarkerShape::circle, face_style, true});
    }
    return f;
}

// Marching squares on one cell: the segments where the bilinear interpolant crosses `level`.
void contour_cell(Figure& f, const std::array<FigurePoint, 4>& corner, const std::array<double, 4>& value,
                  double level, int series) {
    std::vector<FigurePoint> crossings;
    for (int e = 0; e < 4; ++e) {
        int a = e, c = (e + 1) % 4;
        if ((value[a] < level) != (value[c] < level)) {
            double t = (level - value[a]) / (value[c] - value[a]);
            crossings.push_back({corner[a].x + t * (corner[c].x - corner[a].x),
                                 corner[a].y + t * (corner[c].y - corner[a].y)});
        }
    }
    for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
        FigurePath segment;
        segment.points = {crossings[k], crossings[k + 1]};
        segment.style.series = series;
        segment.style.width = 0.7;
        segment.role = "contour";
        f.paths.push_back(segment);
    }
}

}  // namespace

Figure equilibrium_figure(const Instance& instance, const Solution& solution) {
    if (instance.loss != Loss::squared && instance.dimension > 2)
        throw UnsupportedError("", "plot of this instance");
    for (const ActionSet& set : instance.action_sets)
        if (set.is_finite()) throw UnsupportedError("action_set", "plot of finite action spaces");
    const std::vector<ReceiverMark> receiver{{"x̂", solution.receiver}};
    if (instance.dimension == 1) return number_line(instance, solution, receiver);
    if (instance.dimension == 2) return plane(instance, solution, receiver);
    throw UnsupportedError("dimension",
                           "plot in dimension " + std::to_string(instance.dimension) + " (only 1 and 2)");
}

Figure receivers_equilibrium_figure(const Instance& instance, const std::vector<Vector>& actions,
                                    const std::vector<Vector>& receivers, const std::string& note) {
    if (instance.dimension > 2)
        throw UnsupportedError("dimension",
                               "plot in dimension " + std::to_string(instance.dimension) + " (only 1 and 2)");
    for (const ActionSet& set : instance.action_sets)
        if (set.is_finite() || set.is_curved())
            throw UnsupportedError("action_set", "plot of several receivers on intervals and polytopes only");
    std::vector<ReceiverMark> marks;
    for (std::size_t j = 0; j < receivers.size(); ++j) {
        const std::string& name = instance.receivers[j].name;
        marks.push_back({"x̂ " + (name.empty() ? std::to_string(j) : name), receivers[j]});
    }
    Solution drawn;  // what the two layouts read: the actions (x̂ comes from `marks`)
    drawn.actions = actions;
    Figure f = instance.dimension == 1 ? number_line(instance, drawn, marks) : plane(instance, drawn, marks);
    if (!note.empty()) f.notes.push_back(note);
    return f;
}

Figure potential_contour_figure(const Instance& instance, const Solution& s, int levels) {
    if (instance.dimension != 1 || instance.players.size() != 2 || instance.loss != Loss::squared)
        throw UnsupportedError("", "contour plot (needs d = 1, two players, squared loss)");
    const Interval &a = instance.set_of(0).as_interval(), &b = instance.set_of(1).as_interval();
    Figure f;
    f.title = (instance.name.empty() ? std::string("instance") : instance.name) +
              ": potential Φ (contours, approximate)";
    f.x_label = "x_1 (" + instance.label(0) + ")", f.y_label = "x_2 (" + instance.label(1) + ")";
    double x0 = to_double(a.lo), x1 = to_double(a.hi), y0 = to_double(b.lo), y1 = to_double(b.hi);
    double w0x0 =
        instance.bias_point.empty() ? 0 : to_double(instance.bias_weight) * to_double(instance.bias_point[0]);
    double w1 = to_double(instance.players[0].weight), w2 = to_double(instance.players[1].weight);
    double t1 = to_double(instance.players[0].target[0]), t2 = to_double(instance.players[1].target[0]);
    // Phi(x) = |x̂|^2 - 2 sum_i w_i t_i x_i (Theorem 1), in double: this is a picture.
    auto phi = [&](double x, double y) {
        double r = w0x0 + w1 * x + w2 * y;
        return r * r - 2 * (w1 * t1 * x + w2 * t2 * y);
    };
    const int grid = 80;
    std::vector<double> value((grid + 1) * (grid + 1));
    double lo = INFINITY, hi = -INFINITY;
    auto at = [&](int i, int j) -> FigurePoint {
        return {x0 + (x1 - x0) * i / grid, y0 + (y1 - y0) * j / grid};
    };
    for (int i = 0; i <= grid; ++i)
        for (int j = 0; j <= grid; ++j) {
            FigurePoint p = at(i, j);
            double v = phi(p.x, p.y);
            value[i * (grid + 1) + j] = v, lo = std::min(lo, v), hi = std::max(hi, v);
        }
    for (int k = 1; k <= levels; ++k) {
        double level = lo + (hi - lo) * k / (levels + 1);
        for (int i = 0; i < grid; ++i)
            for (int j = 0; j < grid; ++j)
                contour_cell(f, {at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)},
                             {value[i * (grid + 1) + j], value[(i + 1) * (grid + 1) + j],
                              value[(i + 1) * (grid + 1) + j + 1], value[i * (grid + 1) + j + 1]},
                             level, k % 2 ? 0 : 5);
    }
    FigurePath box;
    box.points = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    box.closed = true;
    box.role = "set";
    f.paths.push_back(box);
    FigureStyle black;
    black.filled = true;
    Vector profile{s.actions[0][0], s.actions[1][0]};
    FigureMarker eq = marker({to_double(profile[0]), to_double(profile[1])}, MarkerShape::star, black,
                             "action", -1, profile);
    eq.size = 6;
    f.markers.push_back(eq);
    f.labels.push_back({eq.at, 0, 0, "equilibrium"});
    f.legend.push_back({"equilibrium (x_1, x_2)", MarkerShape::star, black});
    FigureStyle contour;
    contour.series = 0;
    f.legend.push_back({"level sets of Φ", MarkerShape::circle, contour, true});
    f.notes.push_back("contour levels computed in double precision; the equilibrium is exact");
    double px = (x1 - x0) * 0.04 + 1e-9, py = (y1 - y0) * 0.04 + 1e-9;
    f.x_min = x0 - px, f.x_max = x1 + px, f.y_min = y0 - py, f.y_max = y1 + py;
    return f;
}

}  // namespace bigcert
