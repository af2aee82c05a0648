#include "certify/equilibrium_system.hpp"

#include "bigcert/certify/curved_certificate.hpp"
#include "bigcert/core/errors.hpp"

namespace bigcert {
namespace {

// The halfspaces a·y <= b of an interval or polytope (an interval is y <= hi, -y <= -lo) and its equations.
struct Description {
    std::vector<Halfspace> facets, equations;
};

Description describe(const ActionSet& set, std::size_t i) {
    if (set.kind() == ActionSet::Kind::interval)
        return {{{Vector{Rational(1)}, set.as_interval().hi}, {Vector{Rational(-1)}, -set.as_interval().lo}},
                {}};
    if (set.kind() == ActionSet::Kind::polytope)
        return {set.as_polytope().facets(), set.as_polytope().equations()};
    throw UnsupportedError("players[" + std::to_string(i) + "].action_set",
                           "this kind of set in the equilibrium description");
}

std::string var(const std::string& prefix, std::size_t i, std::size_t j) {
    return prefix + "_" + std::to_string(i) + "_" + std::to_string(j);
}

// KKT of max u·y over a polytope: multipliers per facet (complementary) and per equation (free).
void add_polytope_kkt(SmtQuery& q, const Description& s, const std::vector<std::string>& x,
                      const std::vector<std::string>& u, const std::string& tag) {
    const std::size_t d = x.size();
    std::vector<std::vector<std::string>> stationarity(d);
    for (std::size_t f = 0; f < s.facets.size(); ++f) {
        const std::string lambda = "l" + tag + "_" + std::to_string(f), row = smt_dot(s.facets[f].normal, x);
        const std::string bound = smt_number(s.facets[f].offset);
        q.declare_real(lambda);
        q.assert_named("in_set" + tag + "_f" + std::to_string(f), "(<= " + row + " " + bound + ")");
        q.assert_named("dual" + tag + "_f" + std::to_string(f), "(>= " + lambda + " 0.0)");
        q.assert_named("slack" + tag + "_f" + std::to_string(f),
                       "(or (= " + lambda + " 0.0) (= " + row + " " + bound + "))");
        for (std::size_t j = 0; j < d; ++j)
            if (sign(s.facets[f].normal[j]) != 0)
                stationarity[j].push_back("(* " + smt_number(s.facets[f].normal[j]) + " " + lambda + ")");
    }
    for (std::size_t k = 0; k < s.equations.size(); ++k) {
        const std::string mu = "m" + tag + "_" + std::to_string(k);
        q.declare_real(mu);
        q.assert_named(
            "in_set" + tag + "_e" + std::to_string(k),
            "(= " + smt_dot(s.equations[k].normal, x) + " " + smt_number(s.equations[k].offset) + ")");
        for (std::size_t j = 0; j < d; ++j)
            if (sign(s.equations[k].normal[j]) != 0)
                stationarity[j].push_back("(* " + smt_number(s.equations[k].normal[j]) + " " + mu + ")");
    }
    for (std::size_t j = 0; j < d; ++j)
        q.assert_named("stationary" + tag + "_" + std::to_string(j),
                       "(= " + u[j] + " " + smt_sum(stationarity[j]) + ")");
}

// KKT of max u·y over a ball or ellipsoid (curved_certificate.hpp: smt_curved_support).
void add_curved_kkt(SmtQuery& q, const CurvedSet& set, const std::vector<std::string>& x,
                    const std::vector<std::string>& u, const std::string& tag) {
    const std::string nu = "n" + tag;
    q.declare_real(nu);
    q.assert_named("in_set" + tag, smt_curved_membership(set, x));
    std::vector<std::string> kkt = smt_curved_support(set, x, u, nu);
    for (std::size_t k = 0; k < kkt.size(); ++k)
        q.assert_named("support" + tag + "_" + std::to_string(k), kkt[k]);
}

}  // namespace

std::string equilibrium_logic(const Instance& instance) {
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        if (instance.set_of(i).is_curved()) return "QF_NRA";
    return "QF_LRA";
}

EquilibriumCopy add_equilibrium(SmtQuery& q, const Instance& instance, const std::string& copy) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    EquilibriumCopy e{copy, {}, {}};
    for (std::size_t j = 0; j < d; ++j) {
        e.r.push_back("r" + copy + "_" + std::to_string(j));
        q.declare_real(e.r.back());
    }
    e.x.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) {
            e.x[i].push_back(var("x" + copy, i, j));
            q.declare_real(e.x[i].back());
        }
    const Vector bias = instance.bias();
    for (std::size_t j = 0; j < d; ++j) {
        std::vector<std::string> terms{smt_number(bias.empty() ? Rational(0) : bias[j])};
        for (std::size_t i = 0; i < n; ++i)
            terms.push_back("(* " + smt_number(instance.players[i].weight) + " " + e.x[i][j] + ")");
        q.assert_named("receiver" + copy + "_" + std::to_string(j),
                       "(= " + e.r[j] + " " + smt_sum(terms) + ")");
    }
    for (std::size_t i = 0; i < n; ++i) {
        const Player& p = instance.players[i];
        const std::string tag = copy + "_" + std::to_string(i);
        std::vector<std::string> u;  // w_i (t_i - r)
        for (std::size_t j = 0; j < d; ++j)
            u.push_back("(* " + smt_number(p.weight) + " (- " + smt_number(p.target[j]) + " " + e.r[j] +
                        "))");
        add_player_kkt(q, instance, i, e.x[i], u, tag);
    }
    return e;
}

void add_player_kkt(SmtQuery& q, const Instance& instance, std::size_t i, const std::vector<std::string>& x,
                    const std::vector<std::string>& u, const std::string& tag) {
    const ActionSet& set = instance.set_of(i);
    if (set.is_curved())
        add_curved_kkt(q, set.as_curved(), x, u, tag);
    else
        add_polytope_kkt(q, describe(set, i), x, u, tag);
}

std::string smt_interior(const Instance& instance, std::size_t i, const std::vector<std::string>& x) {
    const ActionSet& set = instance.set_of(i);
    if (set.is_curved()) return set.is_single_point() ? "false" : smt_curved_interior(set.as_curved(), x);
    const Description s = describe(set, i);
    if (!s.equations.empty()) return "false";
    std::vector<std::string> strict;
    for (const Halfspace& f : s.facets)
        strict.push_back("(< " + smt_dot(f.normal, x) + " " + smt_number(f.offset) + ")");
    if (strict.empty()) return "true";
    std::string out = "(and";
    for (const std::string& c : strict) out += " " + c;
    return out + ")";
}

std::string smt_differs(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::string out = "(or";
    for (std::size_t j = 0; j < a.size(); ++j) out += " (not (= " + a[j] + " " + b[j] + "))";
    return out + ")";
}

}  // namespace bigcert
