#include "bigcert/latex.hpp"

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

void write_latex_table(std::ostream& out, const Instance& instance, const Solution& s,
                       const LatexOptions& options) {
    bool shortened = false;
    const std::size_t n = instance.players.size();
    std::set<std::size_t> interior(s.exaggeration.interior.begin(), s.exaggeration.interior.end());
    // The rows first: whether a number had to be shortened decides the table's font size and spacing.
    std::ostringstream body;
    body << "Player & $t_i$ & $w_i$ & $x_i^*$ & $\\ell_i$ & position \\\\\n\\midrule\n";
    std::size_t rows = std::min(n, options.max_rows);
    for (std::size_t i = 0; i < rows; ++i) {
        body << escape(instance.label(i)) << " & "
             << latex_vector(instance.players[i].target, options, shortened) << " & $"
             << latex_number(instance.players[i].weight, options, shortened) << "$ & "
             << latex_vector(s.actions[i], options, shortened) << " & $"
             << latex_number(s.losses[i], options, shortened) << "$ & "
             << (interior.count(i) ? "interior" : "boundary") << " \\\\\n";
    }
    if (rows < n) body << "\\multicolumn{6}{l}{\\ldots\\ " << (n - rows) << " more players} \\\\\n";
    body << "\\midrule\n\\multicolumn{6}{l}{$\\hat{x}^* = "
         << latex_vector(s.receiver, options, shortened).substr(1)
         << ", \\quad $\\Phi = " << latex_number(s.potential, options, shortened) << "$, \\quad equilibria: "
         << (s.count == EquilibriumCount::one ? "exactly one" : "infinitely many (one shown)") << "} \\\\\n";
    body << "\\bottomrule\n\\end{tabular}\n";
    out << "% bigcert solve --latex: every number is exact; needs \\usepackage{booktabs,amsmath}\n";
    // Stacked \tfrac rows touch at the default row height; shortened numbers (about 20 characters each) make
    // six columns wider than an article's text, hence a smaller font and tighter columns for them.
    out << "\\begin{table}[ht]\n\\centering\n\\renewcommand{\\arraystretch}{1.35}\n";
    if (shortened) out << "\\small\n\\setlength{\\tabcolsep}{3.5pt}\n";
    out << "\\begin{tabular}{llllll}\n\\toprule\n" << body.str();
    std::string name =
        instance.name.empty() ? std::string("the instance") : "\\texttt{" + escape(instance.name) + "}";
    out << "\\caption{Exact Nash equilibrium of " << name << " computed by bigcert";
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
