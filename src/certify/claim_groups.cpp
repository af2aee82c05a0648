#include "certify/claim_groups.hpp"

#include <map>

#include "bigcert/core/errors.hpp"

namespace bigcert {

Ray ray_of(const Vector& g) {
    Integer common = 1;
    for (const Rational& r : g) common = boost::multiprecision::lcm(common, Integer(denominator(r)));
    Integer content = 0;
    for (const Rational& r : g)
        content =
            boost::multiprecision::gcd(content, Integer(numerator(r)) * (common / Integer(denominator(r))));
    Ray ray;
    ray.direction.assign(g.size(), Rational(0));
    if (content == 0) return ray;  // g = 0
    if (content < 0) content = -content;
    for (std::size_t j = 0; j < g.size(); ++j)
        ray.direction[j] =
            Rational(Integer(numerator(g[j])) * (common / Integer(denominator(g[j]))) / content);
    ray.scale = Rational(content) / Rational(common);
    // The fact the grouping rests on, re-checked exactly: g = c d with c > 0.
    bool exact = sign(ray.scale) > 0;
    for (std::size_t j = 0; j < g.size(); ++j) exact = exact && ray.scale * ray.direction[j] == g[j];
    if (!exact) throw InternalError("certify: a gradient is not a positive multiple of its ray");
    return ray;
}

std::vector<ClaimClass> claim_classes(const Instance& instance, const std::vector<std::size_t>& players,
                                      const std::vector<Vector>& actions,
                                      const std::vector<Vector>& gradients) {
    std::vector<ClaimClass> classes;
    std::map<std::string, std::size_t> index;
    for (std::size_t i : players) {
        Ray ray = ray_of(gradients[i]);
        std::string key = std::to_string(instance.players[i].action_set);
        for (const Rational& a : actions[i]) key += " " + to_string(a);
        for (const Rational& d : ray.direction) key += " " + to_string(d);
        auto [it, added] = index.emplace(std::move(key), classes.size());
        if (added) classes.push_back({instance.players[i].action_set, actions[i], ray.direction, {}});
        classes[it->second].players.push_back(i);
    }
    return classes;
}

SmtQuery claim_group_query(const Instance& instance, const std::vector<const ClaimClass*>& members,
                           std::size_t group) {
    SmtQuery q("QF_LRA",
               {"bigcert certify: claim group " + std::to_string(group) +
                    " (claims.json lists its members' players, 0-based)",
                "method: variational inequality, claims grouped: one disjunct per claim class over its "
                "own variables, so unsat iff every member claim is",
                "claim of member m: exists y in X with d·y < d·x, d the ray of g = 2 w (x̂ - t)",
                "expected: unsat (no member has an improving deviation)"});
    std::vector<std::string> disjuncts;
    for (std::size_t m = 0; m < members.size(); ++m) {
        const ClaimClass& c = *members[m];
        std::vector<std::string> y;
        for (std::size_t j = 0; j < c.action.size(); ++j) {
            y.push_back("y" + std::to_string(m) + "_" + std::to_string(j));
            q.declare_real(y.back());
        }
        std::string conjunction = "(and";
        for (const std::string& f : smt_membership(instance.action_sets[c.set], y, "in_set"))
            conjunction += " " + f;
        conjunction += " (< " + smt_dot(c.direction, y) + " " + smt_number(dot(c.direction, c.action)) + "))";
        disjuncts.push_back(conjunction);
    }
    // cvc5 wants at least two arguments to `or`.
    std::string disjunction = disjuncts.size() == 1 ? disjuncts[0] : "(or";
    if (disjuncts.size() != 1) {
        for (const std::string& d : disjuncts) disjunction += " " + d;
        disjunction += ")";
    }
    q.assert_named("some_member_improves", disjunction);
    return q;
}

ReceiverTerms receiver_terms(std::size_t dimension) {
    ReceiverTerms r{{}, "xden"};
    for (std::size_t j = 0; j < dimension; ++j) r.numerators.push_back("xnum" + std::to_string(j));
    return r;
}

SmtQuery claim_cone_query(const std::vector<std::string>& facts, const Vector& receiver, std::size_t group) {
    SmtQuery q(
        "QF_LRA",
        {"bigcert certify: claim group " + std::to_string(group) +
             " (claims.json lists its members' players, 0-based)",
         "method: variational inequality as cone facts (docs/model.md, Certifying at scale): member m's "
         "fact says x in X, a_k.x = b_k and lambda_k > 0 for k in P, -d = sum_P lambda_k a_k + sum mu_e e",
         "then for y in X, d.(y - x) = sum_P lambda_k (b_k - a_k.y) >= 0: no y in X has d.y < d.x, d the "
         "ray of g = 2 w (x̂ - t)",
         "expected: unsat (every member's fact holds; the facts have no variables)"});
    define_receiver(q, receiver);  // the names receiver_terms gives
    std::string all = facts.size() == 1 ? facts[0] : "(and";
    if (facts.size() != 1) {
        for (const std::string& f : facts) all += " " + f;
        all += ")";
    }
    q.assert_named("some_member_fact_fails", "(not " + all + ")");
    return q;
}

}  // namespace bigcert
