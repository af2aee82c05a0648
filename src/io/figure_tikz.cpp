// TikZ backend of bigcert::Figure: the same layout as the SVG (figure_layout), y flipped. The geometry is
// scaled so that the canvas is \bigcertfigurewidth wide (default \linewidth: a 520-unit canvas at 1 pt per
// unit overflowed a 345 pt article column), while text, markers and the legend keep their sizes in pt, as
// text in a paper should: they are placed at a scaled point and shifted by absolute lengths.
// Needs only \usepackage{tikz}; labels are turned into LaTeX (x̂ -> $\hat{x}$) so pdflatex accepts them.
#include <algorithm>
#include <array>
#include <cstdio>
#include <ostream>
#include <utility>

#include "figure_layout.hpp"

namespace bigcert {

namespace {

using namespace figure_layout;

std::string num(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", v);
    return text;
}

std::string latex_text(const std::string& text) {
    static const std::array<std::pair<const char*, const char*>, 13> tokens{{{"x̂", "$\\hat{x}$"},
                                                                             {"≈", "$\\approx$"},
                                                                             {"²", "$^2$"},
                                                                             {"×", "$\\times$"},
                                                                             {"→", "$\\to$"},
                                                                             {"Φ", "$\\Phi$"},
                                                                             {"x₁", "$x_1$"},
                                                                             {"x₂", "$x_2$"},
                                                                             {"t_i", "$t_i$"},
                                                                             {"x_i", "$x_i$"},
                                                                             {"x_1", "$x_1$"},
                                                                             {"x_2", "$x_2$"},
                                                                             {"—", "--"}}};
    std::string out;
    for (std::size_t k = 0; k < text.size();) {
        bool matched = false;
        for (const auto& [from, to] : tokens) {
            std::string_view f(from);
            if (text.compare(k, f.size(), f) == 0) {
                out += to, k += f.size(), matched = true;
                break;
            }
        }
        if (matched) continue;
        unsigned char c = static_cast<unsigned char>(text[k]);
        if (c >= 0x80) {  // other non-ASCII: one '?' per code point (pdflatex without inputenc setup)
            out += '?';
            ++k;
            while (k < text.size() && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) ++k;
            continue;
        }
        if (std::string_view("#$%&_{}").find(text[k]) != std::string_view::npos)
            out += std::string("\\") + text[k];
        else if (text[k] == '\\')
            out += "\\textbackslash{}";
        else if (text[k] == '^')
            out += "\\^{}";
        else if (text[k] == '~')
            out += "\\~{}";
        else
            out += text[k];
        ++k;
    }
    return out;
}

struct Flip {
    double height;
    std::string operator()(FigurePoint p) const { return "(" + num(p.x) + "," + num(height - p.y) + ")"; }
};

// An absolute offset from a (scaled) point, y up: "xshift=..pt, yshift=..pt".
std::string shift_pt(FigurePoint offset) {
    return "xshift=" + num(offset.x) + "pt, yshift=" + num(offset.y) + "pt";
}

std::string colour_name(int series) { return series < 0 ? "black" : "bc" + std::to_string(series % 10); }

std::string draw_options(const FigureStyle& s) {
    std::string text = "draw=" + colour_name(s.series) + ", line width=" + num(s.width) + "pt";
    if (series_dashed(s)) text += ", dashed";
    return text;
}

void write_marker(std::ostream& out, MarkerShape shape, const FigureStyle& style, double size, FigurePoint c,
                  const Flip& flip) {
    std::string options = "fill=" + (style.filled ? colour_name(style.series) : std::string("white")) + ", " +
                          draw_options(FigureStyle{style.series, false, false, 1.2});
    if (shape == MarkerShape::circle) {
        out << "\\filldraw[" << options << "] " << flip(c) << " circle (" << num(size) << "pt);\n";
        return;
    }
    // The outline around the origin in pt (y flipped), shifted to the scaled centre: markers keep their size.
    out << "\\filldraw[" << options << ", shift={" << flip(c) << "}] ";
    for (FigurePoint p : marker_outline(shape, {0, 0}, size))
        out << "(" << num(p.x) << "pt," << num(-p.y) << "pt) -- ";
    out << "cycle;\n";
}

// `offset_pt`: an absolute shift from `at` (y up), so that a label keeps its distance from its mark.
void write_text(std::ostream& out, FigurePoint at, const std::string& anchor, const std::string& text,
                const Flip& flip, const char* size = "\\scriptsize", FigurePoint offset_pt = {0, 0}) {
    out << "\\node[anchor=" << anchor << ", inner sep=0pt, font=\\sffamily" << size;
    if (offset_pt.x != 0 || offset_pt.y != 0) out << ", " << shift_pt(offset_pt);
    out << "] at " << flip(at) << " {" << latex_text(text) << "};\n";
}

// Canvas units [0, scaled_width] are mapped onto \bigcertfigurewidth minus reserve_pt, the legend's text.
struct Scaling {
    double scaled_width;
    double reserve_pt;
};

Scaling scaling_of(const Figure& f, const Frame& fr, const FigureCanvas& canvas) {
    if (f.legend.empty()) return {canvas.width, 0};
    std::size_t glyphs = 0;
    for (const FigureLegendEntry& e : f.legend) {
        std::size_t n = 0;
        for (unsigned char ch : e.text) n += (ch & 0xC0) != 0x80;  // UTF-8 code points
        glyphs = std::max(glyphs, n);
    }
    // \scriptsize sans serif averages under 4 pt per glyph: an overestimate leaves a little white space, an
    // underestimate would run into the margin.
    return {fr.right + 18, 12 + 4.2 * static_cast<double>(glyphs) + 2};
}

}  // namespace

void write_tikz(std::ostream& out, const Figure& f, const FigureCanvas& canvas) {
    Frame fr = frame_of(f, canvas);
    double height = canvas.height + 12.0 * f.notes.size();
    Flip flip{height};
    out << "% " << latex_text(f.title) << " -- written by bigcert plot; needs \\usepackage{tikz}\n";
    // The legend's text keeps its size in pt, so it cannot scale with the rest: the unit is chosen so that
    // the scaled part ends where the legend starts and the legend's text ends at \bigcertfigurewidth.
    const Scaling scaling = scaling_of(f, fr, canvas);
    const std::string unit = "\\bigcertfigurewidth/" + num(scaling.scaled_width) + "-" +
                             num(scaling.reserve_pt / scaling.scaled_width) + "pt";
    out << "\\providecommand{\\bigcertfigurewidth}{\\linewidth}  % \\newcommand it first to choose another "
           "width\n";
    out << "\\begin{tikzpicture}[x=" << unit << ", y=" << unit << "]\n";
    for (int s = 0; s < 10; ++s)
        out << "\\definecolor{bc" << s << "}{HTML}{" << hex(colour_of(s)).substr(1) << "}\n";
    out << "\\path (0,0) rectangle (" << num(scaling.scaled_width) << "," << num(height) << ");\n";
    write_text(out, {canvas.width / 2, 16}, "base", f.title, flip, "\\small");
    out << "\\draw[gray, line width=0.6pt] " << flip({fr.left, fr.bottom}) << " -- "
        << flip({fr.right, fr.bottom}) << ";\n";
    for (double t : f.x_categories.empty() ? nice_ticks(f.x_min, f.x_max) : std::vector<double>{}) {
        double x = fr.to_canvas({t, f.y_min}).x;
        out << "\\draw[gray, line width=0.6pt] " << flip({x, fr.bottom}) << " -- " << flip({x, fr.bottom + 3})
            << ";\n";
        write_text(out, {x, fr.bottom + 5}, "north", tick_text(t), flip);
    }
    for (const FigureCategory& category : f.x_categories)
        for (std::size_t k = 0; k < category.lines.size(); ++k)
            write_text(out, {fr.to_canvas({category.at, f.y_min}).x, fr.bottom + 13}, "base",
                       category.lines[k], flip, "\\scriptsize",
                       {0, -category_line_height * static_cast<double>(k)});
    write_text(out, {(fr.left + fr.right) / 2, fr.bottom + 18}, "north", f.x_label, flip);
    if (f.y_axis) {
        out << "\\draw[gray, line width=0.6pt] " << flip({fr.left, fr.top}) << " -- "
            << flip({fr.left, fr.bottom}) << ";\n";
        for (double t : nice_ticks(f.y_min, f.y_max))
            write_text(out, {fr.left - 4, fr.to_canvas({f.x_min, t}).y}, "east", tick_text(t), flip);
        write_text(out, {fr.left - 30, (fr.top + fr.bottom) / 2}, "center", f.y_label, flip);
    }
    for (const FigurePath& p : f.paths) {
        std::string options = draw_options(p.style);
        if (p.closed && p.style.filled)
            options += ", fill=" + colour_name(p.style.series) + ", fill opacity=0.35";
        if (p.arrow) options += ", ->";
        out << "\\draw[" << options << "] ";
        for (std::size_t k = 0; k < p.points.size(); ++k)
            out << (k ? " -- " : "") << flip(fr.to_canvas(p.points[k]));
        out << (p.closed ? " -- cycle;" : ";") << "  % " << p.role << "\n";
    }
    for (const FigureMarker& m : f.markers) {
        out << "% " << m.role << (m.player >= 0 ? " of player " + std::to_string(m.player) : std::string())
            << " at (";
        for (std::size_t k = 0; k < m.exact.size(); ++k) out << (k ? ", " : "") << m.exact[k];
        out << ")\n";
        write_marker(out, m.shape, m.style, m.size, fr.to_canvas(m.at), flip);
    }
    std::vector<FigurePoint> offsets = place_labels(f, fr);
    for (std::size_t k = 0; k < f.labels.size(); ++k) {
        FigurePoint c = fr.to_canvas(f.labels[k].at);
        write_text(out, c, offsets[k].x < 0 ? "base east" : "base west", f.labels[k].text, flip,
                   "\\scriptsize", {offsets[k].x, -offsets[k].y});
    }
    // The legend: its first entry at a scaled point, the others below it at fixed distances in pt.
    const FigurePoint legend{fr.right + 18, fr.top + 10};
    double y = 0;
    for (const FigureLegendEntry& e : f.legend) {
        out << "\\begin{scope}[" << shift_pt({0, -y}) << "]\n";
        if (e.line)
            out << "\\draw[" << draw_options(e.style) << "] " << flip(legend)
                << " ++(-8pt,0) -- ++(16pt,0);\n";
        else
            write_marker(out, e.shape, e.style, 4, legend, flip);
        out << "\\end{scope}\n";
        write_text(out, legend, "west", e.text, flip, "\\scriptsize", {12, -y});
        y += 16;
    }
    for (std::size_t k = 0; k < f.notes.size(); ++k)
        write_text(out, {canvas.margin, canvas.height - 4 + 12.0 * k}, "base west", f.notes[k], flip,
                   "\\tiny");
    out << "\\end{tikzpicture}\n";
}

}  // namespace bigcert
