// SVG backend of bigcert::Figure. Each mark carries its exact coordinates (data-exact) and the figure its
// data-to-canvas map (data-frame), so a test or a reader can check what is drawn against the numbers.
#include <cstdio>
#include <ostream>

#include "figure_layout.hpp"

namespace bigcert {

namespace {

using namespace figure_layout;

std::string num(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", v);
    return text;
}

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '&')
            out += "&amp;";
        else if (c == '"')
            out += "&quot;";
        else
            out += c;
    }
    return out;
}

std::string stroke(const FigureStyle& s) {
    std::string text = "stroke=\"" + hex(colour_of(s.series)) + "\" stroke-width=\"" + num(s.width) + "\"";
    if (series_dashed(s)) text += " stroke-dasharray=\"5 3\"";
    return text;
}

std::string points_text(const std::vector<FigurePoint>& points) {
    std::string text;
    for (FigurePoint p : points) text += (text.empty() ? "" : " ") + num(p.x) + "," + num(p.y);
    return text;
}

std::string join(const std::vector<std::string>& parts) {
    std::string text;
    for (const std::string& p : parts) text += (text.empty() ? "" : " ") + p;
    return text;
}

void write_marker(std::ostream& out, const FigureMarker& m, FigurePoint c, const std::string& attributes) {
    std::string fill = m.style.filled ? hex(colour_of(m.style.series)) : "white";
    std::string common =
        "fill=\"" + fill + "\" " + stroke(FigureStyle{m.style.series, false, false, 1.2}) + attributes;
    if (m.shape == MarkerShape::circle)
        out << "<circle cx=\"" << num(c.x) << "\" cy=\"" << num(c.y) << "\" r=\"" << num(m.size) << "\" "
            << common << "/>\n";
    else
        out << "<polygon points=\"" << points_text(marker_outline(m.shape, c, m.size)) << "\" " << common
            << "/>\n";
}

void write_axes(std::ostream& out, const Figure& f, const Frame& fr) {
    out << "<g class=\"axes\" font-family=\"sans-serif\" font-size=\"9\" fill=\"#333\">\n";
    out << "<line x1=\"" << num(fr.left) << "\" y1=\"" << num(fr.bottom) << "\" x2=\"" << num(fr.right)
        << "\" y2=\"" << num(fr.bottom) << "\" stroke=\"#999\" stroke-width=\"0.6\"/>\n";
    for (double t : f.x_categories.empty() ? nice_ticks(f.x_min, f.x_max) : std::vector<double>{}) {
        double x = fr.to_canvas({t, f.y_min}).x;
        out << "<line x1=\"" << num(x) << "\" y1=\"" << num(fr.bottom) << "\" x2=\"" << num(x) << "\" y2=\""
            << num(fr.bottom + 3) << "\" stroke=\"#999\" stroke-width=\"0.6\"/><text x=\"" << num(x)
            << "\" y=\"" << num(fr.bottom + 13) << "\" text-anchor=\"middle\">" << tick_text(t)
            << "</text>\n";
    }
    for (const FigureCategory& category : f.x_categories) {
        double x = fr.to_canvas({category.at, f.y_min}).x;
        for (std::size_t k = 0; k < category.lines.size(); ++k)
            out << "<text class=\"category\" x=\"" << num(x) << "\" y=\""
                << num(fr.bottom + 13 + category_line_height * static_cast<double>(k))
                << "\" text-anchor=\"middle\">" << escape(category.lines[k]) << "</text>\n";
    }
    out << "<text x=\"" << num((fr.left + fr.right) / 2) << "\" y=\"" << num(fr.bottom + 27)
        << "\" text-anchor=\"middle\">" << escape(f.x_label) << "</text>\n";
    if (f.y_axis) {
        out << "<line x1=\"" << num(fr.left) << "\" y1=\"" << num(fr.top) << "\" x2=\"" << num(fr.left)
            << "\" y2=\"" << num(fr.bottom) << "\" stroke=\"#999\" stroke-width=\"0.6\"/>\n";
        for (double t : nice_ticks(f.y_min, f.y_max)) {
            double y = fr.to_canvas({f.x_min, t}).y;
            out << "<text x=\"" << num(fr.left - 4) << "\" y=\"" << num(y + 3) << "\" text-anchor=\"end\">"
                << tick_text(t) << "</text>\n";
        }
        out << "<text x=\"" << num(fr.left - 30) << "\" y=\"" << num((fr.top + fr.bottom) / 2)
            << "\" text-anchor=\"middle\">" << escape(f.y_label) << "</text>\n";
    }
    out << "</g>\n";
}

void write_legend(std::ostream& out, const Figure& f, const Frame& fr) {
    double x = fr.right + 18, y = fr.top + 10;
    out << "<g class=\"legend\" font-family=\"sans-serif\" font-size=\"9\">\n";
    for (const FigureLegendEntry& e : f.legend) {
        if (e.line) {
            FigureStyle s = e.style;
            out << "<line x1=\"" << num(x - 8) << "\" y1=\"" << num(y) << "\" x2=\"" << num(x + 8)
                << "\" y2=\"" << num(y) << "\" " << stroke(s) << "/>\n";
        } else {
            FigureMarker m;
            m.shape = e.shape, m.style = e.style;
            write_marker(out, m, {x, y}, "");
        }
        out << "<text x=\"" << num(x + 12) << "\" y=\"" << num(y + 3) << "\">" << escape(e.text)
            << "</text>\n";
        y += 16;
    }
    out << "</g>\n";
}

}  // namespace

void write_svg(std::ostream& out, const Figure& f, const FigureCanvas& canvas) {
    Frame fr = frame_of(f, canvas);
    double height = canvas.height + 12.0 * f.notes.size();
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(canvas.width) << "\" height=\""
        << num(height) << "\" viewBox=\"0 0 " << num(canvas.width) << " " << num(height) << "\" data-frame=\""
        << num(fr.left) << " " << num(fr.right) << " " << num(fr.top) << " " << num(fr.bottom) << " "
        << f.x_min << " " << f.x_max << " " << f.y_min << " " << f.y_max << "\">\n";
    out << "<title>" << escape(f.title)
        << "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    out << "<text x=\"" << num(canvas.width / 2)
        << "\" y=\"16\" text-anchor=\"middle\" font-family=\"sans-serif\" "
           "font-size=\"11\">"
        << escape(f.title) << "</text>\n";
    write_axes(out, f, fr);
    out << "<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" "
           "markerHeight=\"6\" "
           "orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" "
           "fill=\"context-stroke\"/></marker></defs>\n";
    for (const FigurePath& p : f.paths) {
        std::vector<FigurePoint> points;
        for (FigurePoint q : p.points) points.push_back(fr.to_canvas(q));
        std::string fill =
            p.closed && p.style.filled ? hex(colour_of(p.style.series)) + "\" fill-opacity=\"0.35" : "none";
        out << "<" << (p.closed ? "polygon" : "polyline") << " class=\"" << p.role << "\" points=\""
            << points_text(points) << "\" fill=\"" << fill << "\" " << stroke(p.style);
        if (p.player >= 0) out << " data-player=\"" << p.player << "\"";
        if (p.arrow) out << " marker-end=\"url(#head)\"";
        out << "/>\n";
    }
    for (const FigureMarker& m : f.markers) {
        std::string attributes = " class=\"" + m.role + "\" data-exact=\"" + join(m.exact) + "\" data-x=\"" +
                                 std::to_string(m.at.x) + "\" data-y=\"" + std::to_string(m.at.y) + "\"";
        if (m.player >= 0) attributes += " data-player=\"" + std::to_string(m.player) + "\"";
        write_marker(out, m, fr.to_canvas(m.at), attributes);
    }
    std::vector<FigurePoint> offsets = place_labels(f, fr);
    out << "<g class=\"labels\" font-family=\"sans-serif\" font-size=\"9\">\n";
    for (std::size_t k = 0; k < f.labels.size(); ++k) {
        FigurePoint c = fr.to_canvas(f.labels[k].at);
        out << "<text x=\"" << num(c.x + offsets[k].x) << "\" y=\"" << num(c.y + offsets[k].y) << "\""
            << (offsets[k].x < 0 ? " text-anchor=\"end\"" : "") << ">" << escape(f.labels[k].text)
            << "</text>\n";
    }
    out << "</g>\n";
    write_legend(out, f, fr);
    for (std::size_t k = 0; k < f.notes.size(); ++k)
        out << "<text class=\"note\" x=\"" << num(canvas.margin) << "\" y=\""
            << num(canvas.height - 4 + 12.0 * k)
            << "\" font-family=\"sans-serif\" font-size=\"8\" fill=\"#555\">" << escape(f.notes[k])
            << "</text>\n";
    out << "</svg>\n";
}

}  // namespace bigcert
