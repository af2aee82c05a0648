// Figures for papers (`bigcert plot`): a small scene description built from an instance and one of its
// equilibria, rendered by two backends (SVG, TikZ) so both draw the same marks. Coordinates are doubles:
// a figure is a picture; the exact values travel along as text (SVG data-* attributes, TikZ comments).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/core/solution.hpp"

namespace bigcert {

struct FigurePoint {
    double x = 0, y = 0;
};

enum class MarkerShape { circle, square, triangle, diamond, star };

// Series s is drawn with colour s % 10 of a palette whose lightness also varies (readable in greyscale)
// and a dash pattern that changes every 10; series -1 is black.
struct FigureStyle {
    int series = -1;
    bool dashed = false;
    bool filled = false;
    double width = 1.5;  // line width in points
};

struct FigureMarker {
    FigurePoint at;
    MarkerShape shape = MarkerShape::circle;
    FigureStyle style;
    std::string role;                // "target", "action", "receiver", "bias"
    long player = -1;                // -1 when not a player's mark
    std::vector<std::string> exact;  // the exact coordinates ("p/q")
    double size = 4;                 // radius in points
};

struct FigurePath {
    std::vector<FigurePoint> points;
    bool closed = false;
    bool arrow = false;  // an arrowhead at the last point
    FigureStyle style;
    std::string role;  // "set", "face", "axis", "exaggeration", "contour", "guide"
    long player = -1;
};

struct FigureLabel {
    FigurePoint at;  // the anchor (a mark); the text is offset by (dx, dy) points
    double dx = 0, dy = 0;
    std::string text;
};

struct FigureLegendEntry {
    std::string text;
    MarkerShape shape = MarkerShape::circle;
    FigureStyle style;
    bool line = false;  // a line sample instead of a marker
};

// A named position on the x axis (a bar chart's group): drawn below the axis instead of numeric ticks, one
// text line under the other.
struct FigureCategory {
    double at = 0;
    std::vector<std::string> lines;
};

struct Figure {
    std::string title;
    double x_min = 0, x_max = 1, y_min = 0, y_max = 1;  // data window
    bool equal_aspect = false;
    bool y_axis = true;  // false for the number line (rows are players, not numbers)
    std::string x_label, y_label;
    std::vector<FigureCategory> x_categories;  // when given, they replace the numeric x ticks
    std::vector<FigurePath> paths;
    std::vector<FigureMarker> markers;
    std::vector<FigureLabel> labels;
    std::vector<FigureLegendEntry> legend;
    std::vector<std::string> notes;  // shown under the plot (skipped sets, aggregation)
};

// d = 1: the number line (one row per player); d = 2: the plane. Throws UnsupportedError for d >= 3.
Figure equilibrium_figure(const Instance& instance, const Solution& solution);
// Several receivers (docs/model.md §8), d = 1 or 2: the sets, targets and actions of the profile `actions`
// as above, and every receiver's point x̂_j (one per receiver, exact in the marks), labelled "x̂ NAME"
// (the receiver's name, else its 0-based position); `note` is shown under the plot.
Figure receivers_equilibrium_figure(const Instance& instance, const std::vector<Vector>& actions,
                                    const std::vector<Vector>& receivers, const std::string& note);
// d = 1, n = 2: contour lines of the potential Phi over X_1 x X_2 (double precision), equilibrium marked.
Figure potential_contour_figure(const Instance& instance, const Solution& solution, int levels = 12);

// Canvas size in points for both backends.
struct FigureCanvas {
    double width = 520, height = 360, margin = 48;
};
void write_svg(std::ostream& out, const Figure& figure, const FigureCanvas& canvas = {});
void write_tikz(std::ostream& out, const Figure& figure, const FigureCanvas& canvas = {});

}  // namespace bigcert
