#include "bigcert/mechanism/mechanism_figure.hpp"

#include <algorithm>
#include <cstdio>

namespace bigcert {
namespace {

constexpr double group_points = 190;  // canvas width per rule: room for its text lines

// A value for a label, marked approximate: the figure's numbers are doubles.
std::string approximately(const Rational& q) {
    if (boost::multiprecision::denominator(q) == 1) return to_string(q);
    char text[32];
    std::snprintf(text, sizeof text, "≈%.4g", to_double(q));
    return text;
}

struct BarSeries {
    const char* legend;
    int series;
};
constexpr BarSeries bars[] = {
    {"loss at equilibrium", 0}, {"loss, all truthful", 5}, {"outcome shift²", 1}, {"share at boundary", 2}};

FigurePath bar(double left, double width, double height, int series) {
    FigurePath p;
    p.points = {{left, 0}, {left + width, 0}, {left + width, height}, {left, height}};
    p.closed = true;
    p.role = "bar";
    p.style.series = series;
    p.style.filled = true;
    p.style.width = 0.8;
    return p;
}

// The scale of each bar: both losses share one (so the pair compares), the shift its own, the boundary n.
struct Scales {
    double loss = 0, shift = 0;
};

Scales scales_of(const std::vector<MechanismReport>& reports) {
    Scales s;
    for (const MechanismReport& r : reports) {
        const EquilibriumReport& e = r.equilibrium;
        if (e.status != "found") continue;
        s.loss = std::max({s.loss, to_double(e.total_loss), to_double(e.total_loss_truthful)});
        s.shift = std::max(s.shift, to_double(e.outcome_shift_squared));
    }
    return s;
}

double share(double value, double scale) { return scale > 0 ? value / scale : 0; }

std::vector<std::string> category_lines(const MechanismReport& r) {
    const EquilibriumReport& e = r.equilibrium;
    std::vector<std::string> lines{rule_summary(r.rule),
                                   "truthful: " + r.truthful.verdict + ", SP: " + r.strategyproof.verdict};
    if (e.status != "found") {
        lines.push_back("equilibrium: " + e.status);
        return lines;
    }
    lines.push_back("loss " + approximately(e.total_loss) + " (truthful " +
                    approximately(e.total_loss_truthful) + ")");
    lines.push_back("shift² " + approximately(e.outcome_shift_squared) + ", boundary " +
                    std::to_string(e.at_boundary) + "/" + std::to_string(e.players.size()));
    return lines;
}

}  // namespace

Figure mechanism_comparison_figure(const Instance& instance, const std::vector<MechanismReport>& reports) {
    Figure f;
    f.title = (instance.name.empty() ? std::string("instance") : instance.name) +
              ": receiver rules at their equilibria";
    // No y label: the heights are relative per bar kind, which the notes under the plot say.
    f.x_min = 0, f.x_max = static_cast<double>(reports.size()), f.y_min = 0, f.y_max = 1.1;
    const Scales scales = scales_of(reports);
    for (std::size_t k = 0; k < reports.size(); ++k) {
        const EquilibriumReport& e = reports[k].equilibrium;
        const double left = static_cast<double>(k) + 0.15, width = 0.7 / 4;
        f.x_categories.push_back({static_cast<double>(k) + 0.5, category_lines(reports[k])});
        if (e.status != "found") continue;
        const double heights[] = {
            share(to_double(e.total_loss), scales.loss), share(to_double(e.total_loss_truthful), scales.loss),
            share(to_double(e.outcome_shift_squared), scales.shift),
            share(static_cast<double>(e.at_boundary), static_cast<double>(e.players.size()))};
        for (std::size_t b = 0; b < 4; ++b)
            f.paths.push_back(bar(left + width * static_cast<double>(b), width, heights[b], bars[b].series));
    }
    for (const BarSeries& b : bars) {
        FigureStyle style;
        style.series = b.series;
        style.filled = true;
        f.legend.push_back({b.legend, MarkerShape::square, style});
    }
    char scale[160];
    std::snprintf(scale, sizeof scale,
                  "bar heights: losses / %.4g (the largest), shift² / %.4g (the largest), boundary / n",
                  scales.loss, scales.shift);
    f.notes.push_back(scale);
    f.notes.push_back(
        "values approximate (double precision); the exact ones: bigcert mechanism --compare --json");
    return f;
}

FigureCanvas mechanism_comparison_canvas(std::size_t rules) {
    FigureCanvas canvas;
    canvas.margin = 84;  // below the axis: four text lines per rule
    canvas.width = std::max(520.0, canvas.margin + group_points * static_cast<double>(rules) + 140);
    canvas.height = 380;
    return canvas;
}

}  // namespace bigcert
