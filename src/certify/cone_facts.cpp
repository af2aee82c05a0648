#include "certify/cone_facts.hpp"

#include "bigcert/certify/smt_query.hpp"

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

namespace {

// λ_k (k in P) as terms in the bound names u0, u1, ...: rows of the inverse of the active normals (Cramer),
// or numerals when that shape does not apply.
std::vector<std::string> lambda_terms(const Multipliers& m, const std::vector<std::size_t>& active,
                                      std::size_t d) {
    std::vector<std::string> out;
    auto term = [](const std::vector<std::pair<Rational, std::size_t>>& parts) {
        std::vector<std::string> terms;
        for (const auto& [c, j] : parts)
            if (sign(c) != 0) terms.push_back("(* " + smt_number(c) + " cone_u" + std::to_string(j) + ")");
        return smt_sum(terms);
    };
    const bool plain = m.equations.empty();
    if (plain && active.size() == 1) {
        const Vector& a = m.facets[active[0]].normal;
        for (std::size_t j = 0; j < d; ++j)
            if (sign(a[j]) != 0) return {term({{1 / a[j], j}})};
    }
    if (plain && active.size() == 2 && d == 2) {
        const Vector &a = m.facets[active[0]].normal, &b = m.facets[active[1]].normal;
        const Rational det = a[0] * b[1] - b[0] * a[1];
        if (sign(det) != 0)
            return {term({{b[1] / det, 0}, {-b[0] / det, 1}}), term({{-a[1] / det, 0}, {a[0] / det, 1}})};
    }
    for (std::size_t k : active) out.push_back(smt_number(m.lambda[k]));
    return out;
}

}  // namespace

std::string smt_cone_fact(const Multipliers& m, const Vector& x, const std::vector<std::string>& u) {
    const std::vector<std::string> at = numerals(x);
    const std::vector<std::size_t> active = active_facets(m);
    std::vector<std::string> parts;
    for (std::size_t k = 0; k < m.facets.size(); ++k)
        parts.push_back("(<= " + smt_dot(m.facets[k].normal, at) + " " + smt_number(m.facets[k].offset) +
                        ")");
    for (const Halfspace& e : m.equations)
        parts.push_back("(= " + smt_dot(e.normal, at) + " " + smt_number(e.offset) + ")");
    for (std::size_t p = 0; p < active.size(); ++p) {
        const Halfspace& f = m.facets[active[p]];
        parts.push_back("(= " + smt_dot(f.normal, at) + " " + smt_number(f.offset) + ")");
        parts.push_back("(< 0.0 cone_l" + std::to_string(p) + ")");
    }
    for (std::size_t j = 0; j < u.size(); ++j) {
        std::vector<std::string> terms;
        for (std::size_t p = 0; p < active.size(); ++p)
            if (sign(m.facets[active[p]].normal[j]) != 0)
                terms.push_back("(* " + smt_number(m.facets[active[p]].normal[j]) + " cone_l" +
                                std::to_string(p) + ")");
        for (std::size_t e = 0; e < m.equations.size(); ++e)
            if (sign(m.mu[e]) != 0 && sign(m.equations[e].normal[j]) != 0)
                terms.push_back("(* " + smt_number(m.mu[e]) + " " + smt_number(m.equations[e].normal[j]) +
                                ")");
        parts.push_back("(= cone_u" + std::to_string(j) + " " + smt_sum(terms) + ")");
    }
    std::string body = "(and";
    for (const std::string& p : parts) body += " " + p;
    body += ")";
    // (let ((cone_u0 U0) ...) (let ((cone_l0 L0) ...) body)): each coordinate and multiplier written once.
    std::string bind_u = "(let (", bind_l = "(let (";
    for (std::size_t j = 0; j < u.size(); ++j) bind_u += "(cone_u" + std::to_string(j) + " " + u[j] + ")";
    const std::vector<std::string> lambda = lambda_terms(m, active, u.size());
    for (std::size_t p = 0; p < lambda.size(); ++p)
        bind_l += "(cone_l" + std::to_string(p) + " " + lambda[p] + ")";
    if (lambda.empty()) return bind_u + ") " + body + ")";
    return bind_u + ") " + bind_l + ") " + body + "))";
}

namespace {

Integer common_denominator(const Vector& r) {
    Integer q = 1;
    for (const Rational& c : r) q = boost::multiprecision::lcm(q, Integer(denominator(c)));
    return q;
}

}  // namespace

ReceiverTerms define_receiver(SmtQuery& q, const Vector& receiver) {
    const Integer den = common_denominator(receiver);
    ReceiverTerms r{{}, "xden"};
    q.define_real(r.denominator, smt_number(Rational(den)));
    for (std::size_t j = 0; j < receiver.size(); ++j) {
        r.numerators.push_back("xnum" + std::to_string(j));
        q.define_real(r.numerators.back(), smt_number(receiver[j] * Rational(den)));
    }
    return r;
}

Vector scaled_offset(const Rational& c, const Vector& t, const Vector& receiver) {
    const Rational den(common_denominator(receiver));
    Vector u(t.size());
    for (std::size_t j = 0; j < t.size(); ++j) u[j] = c * (t[j] * den - receiver[j] * den);
    return u;
}

std::vector<std::string> smt_scaled_offset(const Rational& c, const Vector& t, const ReceiverTerms& r) {
    std::vector<std::string> out;
    for (std::size_t j = 0; j < t.size(); ++j)
        out.push_back("(* " + smt_number(c) + " (- (* " + smt_number(t[j]) + " " + r.denominator + ") " +
                      r.numerators[j] + "))");
    return out;
}

std::optional<std::string> smt_pins_point(const Multipliers& m, std::size_t dimension) {
    const std::vector<std::size_t> active = active_facets(m);
    if (!m.equations.empty()) return std::nullopt;
    if (dimension == 1 && !active.empty())
        return "(not (= " + smt_number(m.facets[active[0]].normal[0]) + " 0.0))";
    if (dimension != 2 || active.size() != 2) return std::nullopt;
    const Vector &a = m.facets[active[0]].normal, &b = m.facets[active[1]].normal;
    if (sign(a[0] * b[1] - b[0] * a[1]) == 0) return std::nullopt;
    return "(not (= (- (* " + smt_number(a[0]) + " " + smt_number(b[1]) + ") (* " + smt_number(b[0]) + " " +
           smt_number(a[1]) + ")) 0.0))";
}

bool is_short(const Vector& u) {
    for (const Rational& c : u)
        if (abs(Integer(numerator(c))) >= Integer("10000000000000000000000000000000000000000") ||
            Integer(denominator(c)) >= Integer("10000000000000000000000000000000000000000"))
            return false;
    return true;
}

std::vector<std::string> smt_numerals(const Vector& u) { return numerals(u); }

std::vector<std::string> smt_on_face(const Multipliers& m, const std::vector<std::string>& y) {
    std::vector<std::string> out;
    for (std::size_t k : active_facets(m))
        out.push_back("(>= " + smt_dot(m.facets[k].normal, y) + " " + smt_number(m.facets[k].offset) + ")");
    return out;
}

}  // namespace bigcert
