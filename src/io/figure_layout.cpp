#include "figure_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bigcert::figure_layout {

Frame frame_of(const Figure& f, const FigureCanvas& c) {
    Frame frame{
        c.margin, c.width - legend_width, c.margin * 0.75, c.height - c.margin, f.x_min, f.x_max, f.y_min,
        f.y_max};
    if (f.equal_aspect) {  // shrink the drawing area so one data unit has the same length on both axes
        double sx = (frame.right - frame.left) / (f.x_max - f.x_min),
               sy = (frame.bottom - frame.top) / (f.y_max - f.y_min);
        double s = std::min(sx, sy);
        double w = s * (f.x_max - f.x_min), h = s * (f.y_max - f.y_min);
        frame.left += (frame.right - frame.left - w) / 2;
        frame.right = frame.left + w;
        frame.top += (frame.bottom - frame.top - h) / 2;
        frame.bottom = frame.top + h;
    }
    return frame;
}

Rgb colour_of(int series) {
    // Okabe-Ito-like hues ordered so that neighbours differ in lightness too (greyscale printing).
    static const std::array<Rgb, 10> palette{{{0, 90, 160},
                                              {230, 159, 0},
                                              {0, 120, 80},
                                              {204, 121, 167},
                                              {170, 60, 0},
                                              {86, 180, 233},
                                              {100, 40, 120},
                                              {150, 150, 50},
                                              {136, 34, 85},
                                              {68, 170, 153}}};
    if (series < 0) return {0, 0, 0};
    return palette[static_cast<std::size_t>(series) % palette.size()];
}

std::string hex(Rgb c) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
    return text;
}

bool series_dashed(const FigureStyle& style) {
    return style.dashed != (style.series >= 10 && (style.series / 10) % 2 == 1);
}

std::vector<FigurePoint> marker_outline(MarkerShape shape, FigurePoint c, double s) {
    switch (shape) {
        case MarkerShape::square:
            return {{c.x - s, c.y - s}, {c.x + s, c.y - s}, {c.x + s, c.y + s}, {c.x - s, c.y + s}};
        case MarkerShape::triangle:
            return {{c.x, c.y - 1.2 * s}, {c.x + 1.1 * s, c.y + 0.8 * s}, {c.x - 1.1 * s, c.y + 0.8 * s}};
        case MarkerShape::diamond:
            return {{c.x, c.y - 1.3 * s}, {c.x + 1.1 * s, c.y}, {c.x, c.y + 1.3 * s}, {c.x - 1.1 * s, c.y}};
        case MarkerShape::star: {
            std::vector<FigurePoint> points;
            for (int k = 0; k < 10; ++k) {
                double r = (k % 2 ? 0.45 : 1.4) * s, a = M_PI / 2 + k * M_PI / 5;
                points.push_back({c.x + r * std::cos(a), c.y - r * std::sin(a)});
            }
            return points;
        }
        case MarkerShape::circle:
            break;
    }
    return {};
}

double text_width(const std::string& text) {
    std::size_t glyphs = 0;
    for (unsigned char ch : text)
        if ((ch & 0xC0) != 0x80) ++glyphs;  // count UTF-8 code points, not bytes
    return 5.4 * static_cast<double>(glyphs);
}

namespace {

struct Box {
    double x0, y0, x1, y1;
    double overlap(const Box& o) const {
        double w = std::min(x1, o.x1) - std::max(x0, o.x0), h = std::min(y1, o.y1) - std::max(y0, o.y0);
        return w > 0 && h > 0 ? w * h : 0;
    }
};

// The text box of a label placed at offset (dx, dy): text starts at anchor + offset, baseline there.
Box label_box(FigurePoint anchor, double dx, double dy, const std::string& text) {
    double x = anchor.x + dx, y = anchor.y + dy;
    if (dx < 0) x -= text_width(text);
    return {x, y - text_height, x + text_width(text), y};
}

}  // namespace

std::vector<FigurePoint> place_labels(const Figure& figure, const Frame& frame) {
    std::vector<Box> taken;
    for (const FigureMarker& m : figure.markers) {
        FigurePoint c = frame.to_canvas(m.at);
        taken.push_back({c.x - m.size, c.y - m.size, c.x + m.size, c.y + m.size});
    }
    static const std::array<FigurePoint, 8> candidates{
        {{6, -6}, {6, 14}, {-6, -6}, {-6, 14}, {0, -10}, {0, 20}, {10, 4}, {-10, 4}}};
    std::vector<FigurePoint> offsets;
    for (const FigureLabel& label : figure.labels) {
        if (label.dx != 0 || label.dy != 0) {  // fixed by the scene
            offsets.push_back({label.dx, label.dy});
            taken.push_back(label_box(frame.to_canvas(label.at), label.dx, label.dy, label.text));
            continue;
        }
        FigurePoint anchor = frame.to_canvas(label.at);
        double best_cost = -1;
        FigurePoint best{};
        for (FigurePoint c : candidates) {
            Box box = label_box(anchor, c.x, c.y, label.text);
            double cost = 0;
            for (const Box& t : taken) cost += t.overlap(box);
            if (box.x0 < 0 || box.x1 > frame.right + legend_width - 4) cost += 1e6;  // off the canvas
            if (best_cost < 0 || cost < best_cost) best_cost = cost, best = c;
            if (cost == 0) break;
        }
        offsets.push_back(best);
        taken.push_back(label_box(anchor, best.x, best.y, label.text));
    }
    return offsets;
}

std::vector<double> nice_ticks(double lo, double hi, int count) {
    double span = hi - lo;
    if (!(span > 0)) return {lo};
    double raw = span / count, magnitude = std::pow(10, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    std::vector<double> ticks;
    for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
        ticks.push_back(std::abs(t) < step * 1e-9 ? 0 : t);
    return ticks;
}

std::string tick_text(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

}  // namespace bigcert::figure_layout
