#include "certify/algebraic_claim.hpp"

#include "bigcert/certify/curved_certificate.hpp"
#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/curved_set.hpp"

namespace bigcert {
namespace {

// Univariate polynomials over Q, constant first, without trailing zeros (the zero polynomial is empty).
using Coefficients = std::vector<Rational>;

Coefficients trimmed(Coefficients p) {
    while (!p.empty() && sign(p.back()) == 0) p.pop_back();
    return p;
}

Coefficients derivative(const Coefficients& p) {
    Coefficients out;
    for (std::size_t k = 1; k < p.size(); ++k) out.push_back(Rational(static_cast<long>(k)) * p[k]);
    return trimmed(out);
}

Coefficients remainder(Coefficients a, const Coefficients& b) {  // b != 0
    while (a.size() >= b.size()) {
        const Rational factor = a.back() / b.back();
        const std::size_t shift = a.size() - b.size();
        for (std::size_t k = 0; k < b.size(); ++k) a[shift + k] -= factor * b[k];
        a.pop_back();  // its coefficient is now exactly 0
        a = trimmed(a);
    }
    return a;
}

Rational evaluate(const Coefficients& p, const Rational& x) {
    Rational sum = 0;
    for (std::size_t k = p.size(); k-- > 0;) sum = sum * x + p[k];
    return sum;
}

std::size_t sign_changes(const std::vector<Coefficients>& sequence, const Rational& x) {
    std::size_t changes = 0;
    int last = 0;
    for (const Coefficients& p : sequence) {
        const int s = sign(evaluate(p, x));
        if (s == 0) continue;
        if (last != 0 && s != last) ++changes;
        last = s;
    }
    return changes;
}

// Distinct real roots in the open interval (lo, hi), lo < hi not roots (Sturm's theorem: p, p', then the
// negated remainders; valid whether or not p is square-free).
std::size_t roots_between(const Coefficients& p, const Rational& lo, const Rational& hi) {
    std::vector<Coefficients> sequence{p, derivative(p)};
    while (!sequence.back().empty()) {
        Coefficients next = remainder(sequence[sequence.size() - 2], sequence.back());
        for (Rational& c : next) c = -c;
        sequence.push_back(std::move(next));
    }
    sequence.pop_back();
    return sign_changes(sequence, lo) - sign_changes(sequence, hi);
}

std::string product(const std::string& a, const std::string& b) { return "(* " + a + " " + b + ")"; }

std::string power(const std::string& v, std::size_t k) {
    std::string out = v;
    for (std::size_t e = 1; e < k; ++e) out = product(v, out);
    return out;
}

// The assertions that pin one coordinate to its claimed value.
std::vector<std::string> pin(const ClaimedCoordinate& c) {
    if (c.value) return {"(= " + c.variable + " " + smt_number(*c.value) + ")"};
    std::vector<std::string> terms;
    for (std::size_t k = 0; k < c.polynomial.size(); ++k)
        if (c.polynomial[k] != 0)
            terms.push_back(k == 0 ? smt_number(Rational(c.polynomial[k]))
                                   : product(smt_number(Rational(c.polynomial[k])), power(c.variable, k)));
    return {"(= " + smt_sum(terms) + " 0.0)", "(<= " + smt_number(c.lo) + " " + c.variable + ")",
            "(<= " + c.variable + " " + smt_number(c.hi) + ")"};
}

std::string conjunction(const std::vector<std::string>& formulas) {
    if (formulas.size() == 1) return formulas[0];
    std::string out = "(and";
    for (const std::string& f : formulas) out += " " + f;
    return out + ")";
}

std::string index_name(const std::string& prefix, std::size_t i, std::size_t j) {
    return prefix + "_" + std::to_string(i) + "_" + std::to_string(j);
}

}  // namespace

std::vector<std::string> claim_variables(const Instance& instance) {
    std::vector<std::string> names;
    for (std::size_t j = 0; j < instance.dimension; ++j) names.push_back("r_" + std::to_string(j));
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        for (std::size_t j = 0; j < instance.dimension; ++j) names.push_back(index_name("x", i, j));
    return names;
}

nlohmann::ordered_json algebraic_claim_json(const std::vector<ClaimedCoordinate>& coordinates) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ClaimedCoordinate& c : coordinates) {
        nlohmann::ordered_json entry{{"variable", c.variable}};
        if (c.value) {
            entry["value"] = to_string(*c.value);
        } else {
            nlohmann::ordered_json coefficients = nlohmann::ordered_json::array();
            for (const Integer& k : c.polynomial) coefficients.push_back(k.str());
            entry["polynomial"] = std::move(coefficients);
            entry["interval"] = {to_string(c.lo), to_string(c.hi)};
        }
        list.push_back(std::move(entry));
    }
    return {
        {"format", algebraic_claim_format},
        {"claim", "these exact numbers are an equilibrium: receiver r_j, actions x_i_j (player i by index)"},
        {"polynomial",
         "integer coefficients of x^0, x^1, ...; the value is its only real root in the interval"},
        {"rechecked_by",
         "bigcert replay: Sturm's theorem (exactly one root per interval) and the z3 query "
         "algebraic-claim.smt2 (pinned coordinates and not an equilibrium: unsat)"},
        {"coordinates", std::move(list)}};
}

std::optional<std::vector<ClaimedCoordinate>> parse_algebraic_claim(const Instance& instance,
                                                                    const nlohmann::json& claim,
                                                                    std::string& problem) {
    auto fail = [&](const std::string& why) {
        problem = why;
        return std::optional<std::vector<ClaimedCoordinate>>();
    };
    if (!claim.is_object() || claim.value("format", "") != algebraic_claim_format)
        return fail("not a " + std::string(algebraic_claim_format) + " object");
    const nlohmann::json& list = claim.contains("coordinates") ? claim["coordinates"] : nlohmann::json();
    const std::vector<std::string> names = claim_variables(instance);
    if (!list.is_array() || list.size() != names.size())
        return fail("coordinates: expected " + std::to_string(names.size()) + " entries");
    auto number = [](const nlohmann::json& j) -> std::optional<Rational> {
        return j.is_string() ? parse_rational(j.get<std::string>()) : std::nullopt;
    };
    std::vector<ClaimedCoordinate> out;
    for (std::size_t k = 0; k < names.size(); ++k) {
        const nlohmann::json& entry = list[k];
        const std::string where = "coordinates[" + std::to_string(k) + "]";
        if (!entry.is_object() || entry.value("variable", "") != names[k])
            return fail(where + ".variable: expected " + names[k]);
        ClaimedCoordinate c{names[k], std::nullopt, {}, 0, 0};
        if (entry.contains("value")) {
            if (!(c.value = number(entry["value"]))) return fail(where + ".value: not a rational");
            out.push_back(std::move(c));
            continue;
        }
        const nlohmann::json& p = entry.contains("polynomial") ? entry["polynomial"] : nlohmann::json();
        const nlohmann::json& box = entry.contains("interval") ? entry["interval"] : nlohmann::json();
        if (!p.is_array() || p.size() < 2 || p.size() > 1000)
            return fail(where + ".polynomial: degree 1..999");
        for (const nlohmann::json& coefficient : p) {
            std::optional<Rational> v = number(coefficient);
            if (!v || denominator(*v) != 1) return fail(where + ".polynomial: not an integer");
            c.polynomial.push_back(Integer(numerator(*v)));
        }
        if (c.polynomial.back() == 0) return fail(where + ".polynomial: leading coefficient 0");
        std::optional<Rational> lo = box.is_array() && box.size() == 2 ? number(box[0]) : std::nullopt;
        std::optional<Rational> hi = box.is_array() && box.size() == 2 ? number(box[1]) : std::nullopt;
        if (!lo || !hi || *hi <= *lo) return fail(where + ".interval: two rationals lo < hi");
        c.lo = *lo, c.hi = *hi;
        out.push_back(std::move(c));
    }
    return out;
}

std::string check_isolation(const std::vector<ClaimedCoordinate>& coordinates) {
    for (const ClaimedCoordinate& c : coordinates) {
        if (c.value) continue;
        Coefficients p;
        for (const Integer& k : c.polynomial) p.emplace_back(k);
        p = trimmed(p);
        if (p.size() < 2) return c.variable + ": the polynomial is constant";
        if (sign(evaluate(p, c.lo)) == 0 || sign(evaluate(p, c.hi)) == 0)
            return c.variable + ": an interval end is a root (a rational coordinate is written as a value)";
        const std::size_t roots = roots_between(p, c.lo, c.hi);
        if (roots != 1)
            return c.variable + ": the polynomial has " + std::to_string(roots) +
                   " real roots in the interval (Sturm), not exactly one";
    }
    return "";
}

std::string algebraic_claim_query(const Instance& instance,
                                  const std::vector<ClaimedCoordinate>& coordinates) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    std::vector<std::string> declarations, assertions, failures;
    for (const ClaimedCoordinate& c : coordinates) {
        declarations.push_back(c.variable);
        for (std::string& f : pin(c)) assertions.push_back(std::move(f));
    }
    std::vector<std::string> r(d);
    for (std::size_t j = 0; j < r.size(); ++j) r[j] = "r_" + std::to_string(j);
    const Vector bias = instance.bias();
    for (std::size_t j = 0; j < d; ++j) {  // the receiver is w0 x0 + Σ w_i x_i
        std::vector<std::string> terms{smt_number(bias.empty() ? Rational(0) : bias[j])};
        for (std::size_t i = 0; i < n; ++i)
            terms.push_back(product(smt_number(instance.players[i].weight), index_name("x", i, j)));
        failures.push_back("(not (= " + r[j] + " " + smt_sum(terms) + "))");
    }
    for (std::size_t i = 0; i < n; ++i) {
        const Player& player = instance.players[i];
        const ActionSet& set = instance.set_of(i);
        std::vector<std::string> x, g;  // g = w_i (t_i - r)
        for (std::size_t j = 0; j < d; ++j) {
            x.push_back(index_name("x", i, j));
            g.push_back(
                product(smt_number(player.weight), "(- " + smt_number(player.target[j]) + " " + r[j] + ")"));
        }
        if (set.is_curved() && set.as_curved().is_single_point()) {
            for (std::size_t j = 0; j < d; ++j)
                failures.push_back("(not (= " + x[j] + " " + smt_number(set.as_curved().center()[j]) + "))");
        } else if (set.is_curved()) {  // x_i = c + M⁻¹g / s, s = sqrt(gᵀM⁻¹g) > 0
            const CurvedSet& curved = set.as_curved();
            std::vector<std::string> scaled, quadratic;
            for (std::size_t a = 0; a < d; ++a) {
                std::vector<std::string> row;
                for (std::size_t b = 0; b < d; ++b)
                    if (sign(curved.inverse().at(a, b)) != 0)
                        row.push_back(product(smt_number(curved.inverse().at(a, b)), g[b]));
                scaled.push_back(smt_sum(row));
                quadratic.push_back(product(g[a], scaled[a]));
            }
            const std::string q = smt_sum(quadratic), s = "s_" + std::to_string(i);
            declarations.push_back(s);
            assertions.push_back("(=> (> " + q + " 0.0) (and (> " + s + " 0.0) (= " + product(s, s) + " " +
                                 q + ")))");
            // g = 0 (the receiver at player i's target) makes every point of the set a best response.
            failures.push_back("(not " + smt_curved_membership(curved, x) + ")");
            for (std::size_t j = 0; j < d; ++j)
                failures.push_back("(and (> " + q + " 0.0) (not (= " +
                                   product("(- " + x[j] + " " + smt_number(curved.center()[j]) + ")", s) +
                                   " " + scaled[j] + ")))");
        } else {  // a polytope: x_i in it and no y in it with g·(y - x_i) > 0
            std::vector<std::string> y, gain;
            for (std::size_t j = 0; j < d; ++j) {
                y.push_back(index_name("y", i, j));
                declarations.push_back(y.back());
                gain.push_back(product(g[j], "(- " + y[j] + " " + x[j] + ")"));
            }
            failures.push_back("(not " + conjunction(smt_membership(set, x, "")) + ")");
            std::vector<std::string> better = smt_membership(set, y, "");
            better.push_back("(> " + smt_sum(gain) + " 0.0)");
            failures.push_back(conjunction(better));
        }
    }
    std::string text =
        "; bigcert solve --algebraic: the claimed exact coordinates (algebraic-claim.json) are an "
        "equilibrium.\n"
        "; Each coordinate is pinned to its rational, or to a root of its polynomial in its interval "
        "(exactly\n"
        "; one root there: Sturm's theorem, checked by bigcert replay). The disjunction says the pinned "
        "profile\n"
        "; is not an equilibrium (MODEL.md 3b, 3g: receiver = w0 x0 + sum_i w_i x_i; curved player i in its\n"
        "; set, and at the support point c + M^-1 g / s, s = sqrt(g^T M^-1 g), when g = w_i (t_i - r) != 0;\n"
        "; polytope player i in its set with no y there having g.(y - x_i) > 0). Players by index.\n"
        "; expected: unsat\n"
        "(set-logic QF_NRA)\n";
    for (const std::string& v : declarations) text += "(declare-fun " + v + " () Real)\n";
    for (const std::string& a : assertions) text += "(assert " + a + ")\n";
    text += "(assert (or";
    for (const std::string& f : failures) text += "\n  " + f;
    text += "))\n(check-sat)\n";
    return text;
}

}  // namespace bigcert
