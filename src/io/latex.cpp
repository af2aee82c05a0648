#include "bigcert/io/latex.hpp"

#include <cctype>
#include <set>
#include <sstream>

namespace bigcert {

namespace {

std::string shorten(const std::string& digits, const LatexOptions& options, bool& shortened) {
    if (digits.size() <= options.max_digits) return digits;
    shortened = true;
    std::size_t keep = options.max_digits / 2;
    return digits.substr(0, keep) + "\\ldots{}" + digits.substr(digits.size() - keep) + "_{(" +
           std::to_string(digits.size()) + ")}";
}

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (std::string_view("#$%&_{}").find(c) != std::string_view::npos)
            out += std::string("\\") + c;
        else if (c == '\\')
            out += "\\textbackslash{}";
        else if (c == '^')
            out += "\\^{}";
        else if (c == '~')
            out += "\\~{}";
        else
            out += c;
    }
    return out;
}

std::string latex_vector(const Vector& v, const LatexOptions& options, bool& shortened) {
    if (v.size() == 1) return "$" + latex_number(v[0], options, shortened) + "$";
    std::string text = "$(";
    for (std::size_t k = 0; k < v.size(); ++k)
        text += (k ? ",\\, " : "") + latex_number(v[k], options, shortened);
    return text + ")$";
}

}  // namespace

std::string latex_number(const Rational& value, const LatexOptions& options, bool& shortened) {
    std::string text = to_string(value);
    std::string sign = text[0] == '-' ? "-" : "";
    if (!sign.empty()) text.erase(0, 1);
    std::size_t slash = text.find('/');
    if (slash == std::string::npos) return sign + shorten(text, options, shortened);
    return sign + "\\tfrac{" + shorten(text.substr(0, slash), options, shortened) + "}{" +
           shorten(text.substr(slash + 1), options, shortened) + "}";
}

namespace {

// Digits after the decimal point of a printed enclosure: its ends are rounded outward to this grid, so the
// printed interval still contains the exact value.
constexpr int enclosure_decimals = 6;

// floor (or ceiling) of x on the grid 10^-digits, as a decimal.
std::string decimal_bound(const Rational& x, int digits, bool up) {
    Integer scale = 1;
    for (int k = 0; k < digits; ++k) scale *= 10;
    Rational scaled = x * scale;
    Integer num = boost::multiprecision::numerator(scaled), den = boost::multiprecision::denominator(scaled);
    Integer q = num / den;  // towards zero
    if (q * den != num) {
        if (up && sign(num) > 0) q += 1;
        if (!up && sign(num) < 0) q -= 1;
    }
    std::string sign_text = q < 0 ? "-" : "";
    std::string text = (q < 0 ? Integer(-q) : q).str();
    if (text.size() <= static_cast<std::size_t>(digits)) text.insert(0, digits + 1 - text.size(), '0');
    text.insert(text.size() - digits, ".");
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return (text == "0" ? "" : sign_text) + text;
}

// "3*x^12 - x + 1" (FORMAT.md's root form) as LaTeX math: "3x^{12} - x + 1".
std::string latex_polynomial(const std::string& text) {
    std::string out;
    for (std::size_t k = 0; k < text.size(); ++k) {
        if (text[k] == '*') continue;
        if (text[k] != '^') {
            out += text[k];
            continue;
        }
        std::size_t end = k + 1;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        out += "^{" + text.substr(k + 1, end - k - 1) + "}";
        k = end - 1;
    }
    return out;
}

// The numbers of a curved solution (Solution::enclosed) are of three kinds; the caption names those present.
struct CurvedCells {
    const LatexOptions& options;
    bool& shortened;
    bool enclosures = false;              // some number is an enclosure [a, b]
    std::vector<std::string> root_notes;  // "r_k is the root of p(x) in [a, b]", in order of first use

    // One coordinate: the exact rational, the symbol of its root form, or its enclosure rounded outward.
    std::string cell(const Enclosure& e, const std::string& root) {
        if (!root.empty()) {
            std::string symbol = "r_{" + std::to_string(root_notes.size() + 1) + "}";
            // The isolating interval is printed in full: a shortened or rounded one might hold another root.
            LatexOptions full = options;
            full.max_digits = std::string::npos;
            bool unused = false;
            root_notes.push_back("$" + symbol + " \\approx " + to_decimal_approximation(e.midpoint(), 8) +
                                 "$ is the root of $" + latex_polynomial(root) + "$ in $[" +
                                 latex_number(e.lo, full, unused) + ", " + latex_number(e.hi, full, unused) +
                                 "]$");
            return symbol;
        }
        if (e.is_exact()) return latex_number(e.lo, options, shortened);
        enclosures = true;
        return "[" + decimal_bound(e.lo, enclosure_decimals, false) + ", " +
               decimal_bound(e.hi, enclosure_decimals, true) + "]";
    }

    // A vector as a column: intervals side by side are wider than a table column.
    std::string vector(const std::vector<Enclosure>& v, const std::vector<std::string>* roots) {
        auto coordinate = [&](std::size_t j) {
            return cell(v[j], roots && j < roots->size() ? (*roots)[j] : "");
        };
        if (v.size() == 1) return "$" + coordinate(0) + "$";
        std::string text = "$\\left(\\begin{array}{@{}l@{}}";
        // "{}" after the line break: a following "[a, b]" would be read as \\[dimension].
        for (std::size_t j = 0; j < v.size(); ++j) text += (j ? " \\\\ {}" : "") + coordinate(j);
        return text + "\\end{array}\\right)$";
    }
};

std::string count_text(const Solution& s, const LatexOptions& options, bool& shortened) {
    // Finite games: the exact number of pure equilibria (Solution::exact_count, a decimal string).
    if (!s.exact_count.empty())
        return s.exact_count == "1"
                   ? "exactly one"
                   : "$" + shorten(s.exact_count, options, shortened) + "$ (exact count, one shown)";
    return s.count == EquilibriumCount::one ? "exactly one" : "infinitely many (one shown)";
}

// The rows of a curved solution, whose coordinates are irrational in general (curved_solver.hpp).
std::string curved_rows(const Instance& instance, const Solution& s, const std::set<std::size_t>& interior,
                        std::size_t rows, CurvedCells& cells) {
    std::ostringstream body;
    const bool roots = !s.action_roots.empty();
    for (std::size_t i = 0; i < rows; ++i)
        body << escape(instance.numbered_label(i)) << " & "
             << latex_vector(instance.players[i].target, cells.options, cells.shortened) << " & $"
             << latex_number(instance.players[i].weight, cells.options, cells.shortened) << "$ & "
             << cells.vector(s.action_enclosures[i], roots ? &s.action_roots[i] : nullptr) << " & $"
             << cells.cell(s.loss_enclosures[i], "") << "$ & "
             << (interior.count(i) ? "interior" : "boundary") << " \\\\\n";
    return body.str();
}

}  // namespace

void write_latex_table(std::ostream& out, const Instance& instance, const Solution& s,
                       const LatexOptions& options) {
    bool shortened = false;
    const std::size_t n = instance.players.size();
    std::set<std::size_t> interior(s.exaggeration.interior.begin(), s.exaggeration.interior.end());
    CurvedCells cells{options, shortened};
    // The rows first: whether a number had to be shortened decides the table's font size and spacing.
    std::ostringstream body;
    body << "Player & $t_i$ & $w_i$ & $x_i^*$ & $\\ell_i$ & position \\\\\n\\midrule\n";
    std::size_t rows = std::min(n, options.max_rows);
    if (s.enclosed) body << curved_rows(instance, s, interior, rows, cells);
    for (std::size_t i = 0; i < rows && !s.enclosed; ++i) {
        body << escape(instance.numbered_label(i)) << " & "
             << latex_vector(instance.players[i].target, options, shortened) << " & $"
             << latex_number(instance.players[i].weight, options, shortened) << "$ & "
             << latex_vector(s.actions[i], options, shortened) << " & $"
             << latex_number(s.losses[i], options, shortened) << "$ & "
             << (interior.count(i) ? "interior" : "boundary") << " \\\\\n";
    }
    if (rows < n) body << "\\multicolumn{6}{l}{\\ldots\\ " << (n - rows) << " more players} \\\\\n";
    if (s.enclosed) {
        body << "\\midrule\n\\multicolumn{6}{l}{$\\hat{x}^* = "
             << cells.vector(s.receiver_enclosure, s.receiver_roots.empty() ? nullptr : &s.receiver_roots)
                    .substr(1)
             << "} \\\\\n\\multicolumn{6}{l}{$\\Phi = " << cells.cell(s.potential_enclosure, "")
             << "$, \\quad equilibria: " << count_text(s, options, shortened) << "} \\\\\n";
    } else {
        body << "\\midrule\n\\multicolumn{6}{l}{$\\hat{x}^* = "
             << latex_vector(s.receiver, options, shortened).substr(1)
             << ", \\quad $\\Phi = " << latex_number(s.potential, options, shortened)
             << "$, \\quad equilibria: " << count_text(s, options, shortened) << "} \\\\\n";
    }
    body << "\\bottomrule\n\\end{tabular}\n";
    for (std::size_t k = 0; k < cells.root_notes.size(); ++k)
        body << (k ? "" : "\\par\\smallskip\n") << "{\\footnotesize\\raggedright " << cells.root_notes[k]
             << ".\\par}\n";
    const bool all_exact = !cells.enclosures;
    out << "% bigcert solve --latex: "
        << (all_exact ? "every number is exact"
                      : "[a, b] are enclosures of the exact values, the rest is exact")
        << "; needs \\usepackage{booktabs,amsmath}\n";
    // Stacked \tfrac rows touch at the default row height; shortened numbers (about 20 characters each) make
    // six columns wider than an article's text, hence a smaller font and tighter columns for them; so do
    // enclosures [a, b].
    out << "\\begin{table}[ht]\n\\centering\n\\renewcommand{\\arraystretch}{1.35}\n";
    if (shortened || !all_exact)
        out << "\\small\n\\setlength{\\tabcolsep}{" << (all_exact ? "3pt" : "2pt") << "}\n";
    out << "\\begin{tabular}{llllll}\n\\toprule\n" << body.str();
    std::string name =
        instance.name.empty() ? std::string("the instance") : "\\texttt{" + escape(instance.name) + "}";
    out << "\\caption{" << (all_exact ? "Exact Nash equilibrium" : "Nash equilibrium") << " of " << name
        << " computed by bigcert";
    // Say which kind each number is (MODEL.md §3g: curved sets have irrational equilibria).
    if (!all_exact)
        out << "; intervals $[a, b]$ are enclosures proven to contain the exact values (ends rounded outward "
               "to "
            << enclosure_decimals << " decimals), the other numbers are exact";
    if (!cells.root_notes.empty())
        out << "; each $r_k$ is an exact algebraic number, the unique root of the polynomial given below the "
               "table "
               "in the stated interval";
    if (shortened)
        out << "; long integers are shortened to their first and last digits, with the digit count as a "
               "subscript "
               "(the JSON output has them in full)";
    out << ".}\n\\end{table}\n";
}

// Typewriter text that may break across lines: a 64-digit SHA-256 or a long bundle path otherwise runs past
// the margin (TeX never breaks inside a word). Breaks are allowed after each '/' and every 16 characters of a
// run without one; copied from the PDF, an unbroken line still yields the text unchanged.
std::string breakable_texttt(const std::string& text) {
    std::string out = "\\texttt{";
    std::size_t run = 0;
    for (char c : text) {
        const bool continuation =
            (static_cast<unsigned char>(c) & 0xC0) == 0x80;  // never split a UTF-8 character
        if (run >= 16 && !continuation) out += "\\allowbreak{}", run = 0;
        out += escape(std::string(1, c));
        run = c == '/' ? 16 : run + (continuation ? 0 : 1);  // a break right after the slash
    }
    return out + "}";
}

void write_certificate_paragraph(std::ostream& out, const CertificateFacts& f) {
    std::string name =
        f.instance_name.empty() ? std::string("the instance") : "\\texttt{" + escape(f.instance_name) + "}";
    // Emergency stretch: a break inside the typewriter digest otherwise leaves a line too loose for TeX's
    // default tolerance, and TeX would rather run the digest into the margin.
    out << "% bigcert certify --latex\n{\\setlength{\\emergencystretch}{3em}%\n";
    if (f.verdict == "certified") {
        out << "The equilibrium of " << name
            << " was certified by bigcert: for every player, no deviation within its "
               "action set lowers its loss, proved exactly";
        if (!f.solver_version.empty()) out << " with " << escape(f.solver_version);
        out << ". ";
    } else {
        out << "bigcert's verdict on " << name << " is \\emph{" << escape(f.verdict) << "}. ";
    }
    out << "The proof bundle " << breakable_texttt(f.bundle_path) << " has the SHA-256 digest\n"
        << breakable_texttt(f.manifest_sha256) << "\n(of its manifest); anyone can replay it with "
        << "\\texttt{bigcert replay} " << breakable_texttt(f.bundle_path)
        << ", which re-runs every query and compares the answers.\\par}\n";
}

}  // namespace bigcert
