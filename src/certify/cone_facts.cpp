#include "certify/cone_facts.hpp"

#include "certify/smt_query.hpp"

namespace bigcert {
namespace {

std::vector<std::string> numerals(const Vector& x) {
    std::vector<std::string> out;
    for (const Rational& c : x) out.push_back(smt_number(c));
    return out;
}

}  // namespace

std::optional<Multipliers> cone_multipliers(const ActionSet& set, const Vector& x, const Vector& u) {
    if (set.is_curved() || set.is_finite()) return std::nullopt;
    // find_multipliers certifies a minimiser of g·y; maximising u is minimising -u.
    const Vector g = Rational(-1) * u;
    std::optional<Multipliers> m = find_multipliers(set, x, g);
    if (!m || !check_multipliers(*m, x, g)) return std::nullopt;
    return m;
}

std::vector<std::size_t> active_facets(const Multipliers& m) {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < m.lambda.size(); ++k)
        if (sign(m.lambda[k]) > 0) out.push_back(k);
    return out;
}

std::string smt_cone_fact(const Multipliers& m, const Vector& x, const Vector& u) {
    const std::vector<std::string> at = numerals(x);
    const std::vector<std::size_t> active = active_facets(m);
    std::vector<std::string> parts;
    for (std::size_t k = 0; k < m.facets.size(); ++k)
        parts.push_back("(<= " + smt_dot(m.facets[k].normal, at) + " " + smt_number(m.facets[k].offset) +
                        ")");
    for (const Halfspace& e : m.equations)
        parts.push_back("(= " + smt_dot(e.normal, at) + " " + smt_number(e.offset) + ")");
    for (std::size_t k : active) {
        parts.push_back("(= " + smt_dot(m.facets[k].normal, at) + " " + smt_number(m.facets[k].offset) + ")");
        parts.push_back("(< 0.0 " + smt_number(m.lambda[k]) + ")");
    }
    for (std::size_t j = 0; j < u.size(); ++j) {
        std::vector<std::string> terms;
        for (std::size_t k : active)
            if (sign(m.facets[k].normal[j]) != 0)
                terms.push_back("(* " + smt_number(m.lambda[k]) + " " + smt_number(m.facets[k].normal[j]) +
                                ")");
        for (std::size_t e = 0; e < m.equations.size(); ++e)
            if (sign(m.mu[e]) != 0 && sign(m.equations[e].normal[j]) != 0)
                terms.push_back("(* " + smt_number(m.mu[e]) + " " + smt_number(m.equations[e].normal[j]) +
                                ")");
        parts.push_back("(= " + smt_number(u[j]) + " " + smt_sum(terms) + ")");
    }
    std::string out = "(and";
    for (const std::string& p : parts) out += " " + p;
    return out + ")";
}

std::vector<std::string> smt_on_face(const Multipliers& m, const std::vector<std::string>& y) {
    std::vector<std::string> out;
    for (std::size_t k : active_facets(m))
        out.push_back("(>= " + smt_dot(m.facets[k].normal, y) + " " + smt_number(m.facets[k].offset) + ")");
    return out;
}

}  // namespace bigcert
