// TikZ backend of bigcert::Figure: the same layout as the SVG (figure_layout), 1 unit = 1 pt, y flipped.
// Needs only \usepackage{tikz}; labels are turned into LaTeX (x̂ -> $\hat{x}$) so pdflatex accepts them.
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
    static const std::array<std::pair<const char*, const char*>, 11> tokens{{{"x̂", "$\\hat{x}$"},
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
        if (std::string_view("#$%&_{}").find(text[k]) != std::string_view::npos) out += std::string("\\") + text[k];
        else if (text[k] == '\\') out += "\\textbackslash{}";
        else if (text[k] == '^') out += "\\^{}";
        else if (text[k] == '~') out += "\\~{}";
        else out += text[k];
        ++k;
    }
    return out;
}

struct Flip {
    double height;
    std::string operator()(FigurePoint p) const { return "(" + num(p.x) + "," + num(height - p.y) + ")"; }
};

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
    out << "\\filldraw[" << options << "] ";
    for (FigurePoint p : marker_outline(shape, c, size)) out << flip(p) << " -- ";
    out << "cycle;\n";
}

void write_text(std::ostream& out, FigurePoint at, const std::string& anchor, const std::string& text, const Flip& flip,
                const char* size = "\\scriptsize") {
    out << "\\node[anchor=" << anchor << ", inner sep=0pt, font=\\sffamily" << size << "] at " << flip(at) << " {"
        << latex_text(text) << "};\n";
}

}  // namespace

void write_tikz(std::ostream& out, const Figure& f, const FigureCanvas& canvas) {
    Frame fr = frame_of(f, canvas);
    double height = canvas.height + 12.0 * f.notes.size();
    Flip flip{height};
    out << "% " << latex_text(f.title) << " -- written by bigcert plot; needs \\usepackage{tikz}\n";
    out << "\\begin{tikzpicture}[x=1pt, y=1pt]\n";
    for (int s = 0; s < 10; ++s) out << "\\definecolor{bc" << s << "}{HTML}{" << hex(colour_of(s)).substr(1) << "}\n";
    out << "\\path (0,0) rectangle (" << num(canvas.width) << "," << num(height) << ");\n";
    write_text(out, {canvas.width / 2, 16}, "base", f.title, flip, "\\small");
    out << "\\draw[gray, line width=0.6pt] " << flip({fr.left, fr.bottom}) << " -- " << flip({fr.right, fr.bottom}) << ";\n";
    for (double t : nice_ticks(f.x_min, f.x_max)) {
        double x = fr.to_canvas({t, f.y_min}).x;
        out << "\\draw[gray, line width=0.6pt] " << flip({x, fr.bottom}) << " -- " << flip({x, fr.bottom + 3}) << ";\n";
        write_text(out, {x, fr.bottom + 5}, "north", tick_text(t), flip);
    }
    write_text(out, {(fr.left + fr.right) / 2, fr.bottom + 18}, "north", f.x_label, flip);
    if (f.y_axis) {
        out << "\\draw[gray, line width=0.6pt] " << flip({fr.left, fr.top}) << " -- " << flip({fr.left, fr.bottom}) << ";\n";
        for (double t : nice_ticks(f.y_min, f.y_max))
            write_text(out, {fr.left - 4, fr.to_canvas({f.x_min, t}).y}, "east", tick_text(t), flip);
        write_text(out, {fr.left - 30, (fr.top + fr.bottom) / 2}, "center", f.y_label, flip);
    }
    for (const FigurePath& p : f.paths) {
        std::string options = draw_options(p.style);
        if (p.closed && p.style.filled) options += ", fill=" + colour_name(p.style.series) + ", fill opacity=0.35";
        if (p.arrow) options += ", ->";
        out << "\\draw[" << options << "] ";
        for (std::size_t k = 0; k < p.points.size(); ++k) out << (k ? " -- " : "") << flip(fr.to_canvas(p.points[k]));
        out << (p.closed ? " -- cycle;" : ";") << "  % " << p.role << "\n";
    }
    for (const FigureMarker& m : f.markers) {
        out << "% " << m.role << (m.player >= 0 ? " of player " + std::to_string(m.player) : std::string()) << " at (";
        for (std::size_t k = 0; k < m.exact.size(); ++k) out << (k ? ", " : "") << m.exact[k];
        out << ")\n";
        write_marker(out, m.shape, m.style, m.size, fr.to_canvas(m.at), flip);
    }
    std::vector<FigurePoint> offsets = place_labels(f, fr);
    for (std::size_t k = 0; k < f.labels.size(); ++k) {
        FigurePoint c = fr.to_canvas(f.labels[k].at);
        write_text(out, {c.x + offsets[k].x, c.y + offsets[k].y}, offsets[k].x < 0 ? "base east" : "base west",
                   f.labels[k].text, flip);
    }
    double x = fr.right + 18, y = fr.top + 10;
    for (const FigureLegendEntry& e : f.legend) {
        if (e.line) out << "\\draw[" << draw_options(e.style) << "] " << flip({x - 8, y}) << " -- " << flip({x + 8, y}) << ";\n";
        else write_marker(out, e.shape, e.style, 4, {x, y}, flip);
        write_text(out, {x + 12, y}, "west", e.text, flip);
        y += 16;
    }
    for (std::size_t k = 0; k < f.notes.size(); ++k)
        write_text(out, {canvas.margin, canvas.height - 4 + 12.0 * k}, "base west", f.notes[k], flip, "\\tiny");
    out << "\\end{tikzpicture}\n";
}

}  // namespace bigcert
