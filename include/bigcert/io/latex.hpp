// LaTeX for papers: the equilibrium as a booktabs table with exact fractions (`solve --latex`) and a
// certificate paragraph naming the proof bundle (`certify --latex`). Needs \usepackage{booktabs} (and amsmath
// for \tfrac).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "bigcert/core/instance.hpp"
#include "bigcert/core/rational.hpp"
#include "bigcert/core/solution.hpp"

namespace bigcert {

struct LatexOptions {
    std::size_t max_digits = 12;  // a numerator or denominator longer than this is shortened (…) with a note
    std::size_t max_rows = 50;    // players beyond this are summarised in one row
};

// $\tfrac{7}{3}$-style math for an exact number: "-\tfrac{7}{3}", "4". Shortened numbers keep their first and
// last digits and are marked; `shortened` is set when that happened.
std::string latex_number(const Rational& value, const LatexOptions& options, bool& shortened);

void write_latex_table(std::ostream& out, const Instance& instance, const Solution& solution,
                       const LatexOptions& options = {});

struct CertificateFacts {
    std::string instance_name;
    std::string verdict;          // "certified", "refuted", "not certified"
    std::string bundle_path;      // the proof bundle's directory or manifest
    std::string manifest_sha256;  // hex
    std::string solver_version;   // e.g. "Z3 4.8.12"; empty when unknown
};
// A short paragraph: what was certified, by what, and how a reader replays it (`bigcert replay BUNDLE`).
void write_certificate_paragraph(std::ostream& out, const CertificateFacts& facts);

}  // namespace bigcert
