// What both figure backends share so that they draw the same picture: the data-to-canvas map, the palette,
// marker outlines and the greedy label placement.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "bigcert/io/figure.hpp"

namespace bigcert::figure_layout {

// Canvas coordinates in points, y downwards (SVG's convention; TikZ flips it).
struct Frame {
    double left, right, top, bottom;
    double x_min, x_max, y_min, y_max;
    FigurePoint to_canvas(FigurePoint p) const {
        return {left + (p.x - x_min) / (x_max - x_min) * (right - left),
                bottom - (p.y - y_min) / (y_max - y_min) * (bottom - top)};
    }
};
constexpr double legend_width = 130;
Frame frame_of(const Figure& figure, const FigureCanvas& canvas);

struct Rgb {
    int r, g, b;
};
Rgb colour_of(int series);
std::string hex(Rgb c);
// Every 10 series the dash pattern changes, so series 0 and 10 differ in more than their label.
bool series_dashed(const FigureStyle& style);

// The outline of a non-circular marker around its centre (canvas points).
std::vector<FigurePoint> marker_outline(MarkerShape shape, FigurePoint centre, double size);

// Offsets (points) for each label: the first of eight positions around its anchor that overlaps neither an
// earlier label nor a marker, else the least-overlapping one.
std::vector<FigurePoint> place_labels(const Figure& figure, const Frame& frame);
// Estimated text box of a label in points (the backends use a 9 pt sans-serif font).
double text_width(const std::string& text);
constexpr double text_height = 10;
// The distance between the text lines of an x-axis category (FigureCategory).
constexpr double category_line_height = 11;

// Ticks for an axis: about `count` round numbers in [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int count = 6);
std::string tick_text(double value);

}  // namespace bigcert::figure_layout
