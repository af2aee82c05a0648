#include "bigcert/certify/curved_certificate.hpp"

#include <fstream>

#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/errors.hpp"

namespace bigcert {
namespace {

std::string product(const std::string& a, const std::string& b) { return "(* " + a + " " + b + ")"; }

// (M (x - c))_r as an SMT term (x - c for a ball).
std::string shape_row(const CurvedSet& set, const std::vector<std::string>& point, std::size_t r) {
    if (set.is_ball()) return "(- " + point[r] + " " + smt_number(set.center()[r]) + ")";
    std::vector<std::string> terms;
    for (std::size_t c = 0; c < set.dimension(); ++c)
        terms.push_back(product(smt_number(set.shape().at(r, c)),
                                "(- " + point[c] + " " + smt_number(set.center()[c]) + ")"));
    return smt_sum(terms);
}

std::string quadratic(const CurvedSet& set, const std::vector<std::string>& point) {
    std::vector<std::string> terms;
    for (std::size_t r = 0; r < set.dimension(); ++r)
        terms.push_back(
            product("(- " + point[r] + " " + smt_number(set.center()[r]) + ")", shape_row(set, point, r)));
    return smt_sum(terms);
}

std::string bound(const CurvedSet& set) {
    return set.is_ball() ? smt_number(set.radius() * set.radius()) : smt_number(Rational(1));
}

}  // namespace

std::string smt_curved_membership(const CurvedSet& set, const std::vector<std::string>& point) {
    return "(<= " + quadratic(set, point) + " " + bound(set) + ")";
}

std::string smt_curved_interior(const CurvedSet& set, const std::vector<std::string>& point) {
    return "(< " + quadratic(set, point) + " " + bound(set) + ")";
}

std::string smt_curved_boundary(const CurvedSet& set, const std::vector<std::string>& point) {
    return "(= " + quadratic(set, point) + " " + bound(set) + ")";
}

std::vector<std::string> smt_curved_support(const CurvedSet& set, const std::vector<std::string>& point,
                                            const std::vector<std::string>& direction,
                                            const std::string& multiplier) {
    std::vector<std::string> out;
    for (std::size_t r = 0; r < set.dimension(); ++r)
        out.push_back("(= " + direction[r] + " " + product(multiplier, shape_row(set, point, r)) + ")");
    out.push_back("(>= " + multiplier + " 0.0)");
    out.push_back("(or (= " + multiplier + " 0.0) (= " + quadratic(set, point) + " " + bound(set) + "))");
    return out;
}

EnclosureZ3Result certify_enclosure_with_z3(const Instance& instance, const Solution& solution,
                                            unsigned timeout_ms) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    for (std::size_t i = 0; i < n; ++i)
        if (!instance.set_of(i).is_curved())
            throw UnsupportedError("", "the Z3 enclosure query with polytope players");
    if (!solution.enclosed) throw UnsupportedError("", "the Z3 enclosure query without an enclosure");
    SmtQuery query(
        "QF_NRA",
        {"bigcert curved enclosure: an equilibrium whose receiver lies outside the",
         "enclosure; unsat proves that every equilibrium's receiver is inside it (MODEL.md 3b KKT)"});
    std::vector<std::string> receiver;
    for (std::size_t j = 0; j < d; ++j)
        receiver.push_back("xh_" + std::to_string(j)), query.declare_real(receiver.back());
    Vector bias = instance.bias();
    if (bias.empty()) bias.assign(d, Rational(0));
    std::vector<std::vector<std::string>> terms(d);
    for (std::size_t j = 0; j < d; ++j) terms[j].push_back(smt_number(bias[j]));
    for (std::size_t i = 0; i < n; ++i) {
        const CurvedSet& set = instance.set_of(i).as_curved();
        const Player& p = instance.players[i];
        std::vector<std::string> point, direction;
        for (std::size_t j = 0; j < d; ++j) {
            point.push_back("x_" + std::to_string(i) + "_" + std::to_string(j));
            query.declare_real(point.back());
            terms[j].push_back(product(smt_number(p.weight), point.back()));
            direction.push_back(
                product(smt_number(p.weight), "(- " + smt_number(p.target[j]) + " " + receiver[j] + ")"));
        }
        const std::string multiplier = "nu_" + std::to_string(i);
        query.declare_real(multiplier);
        const std::string label = "p" + std::to_string(i);
        query.assert_named(label + "_in", smt_curved_membership(set, point));
        std::vector<std::string> kkt = smt_curved_support(set, point, direction, multiplier);
        for (std::size_t k = 0; k < kkt.size(); ++k)
            query.assert_named(label + "_kkt" + std::to_string(k), kkt[k]);
    }
    std::vector<std::string> outside;
    for (std::size_t j = 0; j < d; ++j) {
        query.assert_named("receiver_" + std::to_string(j),
                           "(= " + receiver[j] + " " + smt_sum(terms[j]) + ")");
        outside.push_back("(< " + receiver[j] + " " + smt_number(solution.receiver_enclosure[j].lo) + ")");
        outside.push_back("(> " + receiver[j] + " " + smt_number(solution.receiver_enclosure[j].hi) + ")");
    }
    query.assert_named(
        "outside_box", "(or " + [&] {
            std::string all;
            for (const std::string& o : outside) all += o + " ";
            return all;
        }() + ")");
    z3::context ctx;
    QueryLimits limits;
    limits.timeout_ms = timeout_ms;
    limits.produce_proof = false;
    QueryOutcome outcome = run_query(ctx, query, limits, {});
    return {outcome.answer, outcome.reason, query.text()};
}

void confirm_enclosure_with_z3(const Instance& instance, Solution& solution, const std::string& query_path,
                               std::size_t max_players) {
    if (!solution.enclosed || instance.players.size() > max_players) return;
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        if (!instance.set_of(i).is_curved()) return;
    EnclosureZ3Result result = certify_enclosure_with_z3(instance, solution, 10000);
    if (!query_path.empty()) {
        std::ofstream out(query_path);
        if (!out) throw InputError("--z3-query", "cannot write " + query_path);
        out << result.query;
    }
    solution.enclosure_proof +=
        result.answer == "unsat"
            ? "; Z3 (QF_NRA, KKT of every player) confirms: no equilibrium outside the receiver box (unsat)"
            : "; Z3 query 'no equilibrium outside the receiver box': " + result.answer +
                  " (not certified by Z3; the exact argument above stands)";
}

}  // namespace bigcert
