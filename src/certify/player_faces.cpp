#include "certify/player_faces.hpp"

#include <z3++.h>

#include <map>
#include <tuple>

#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/parallel.hpp"
#include "certify/claim_groups.hpp"
#include "certify/cone_facts.hpp"
#include "certify/equilibrium_system.hpp"

namespace bigcert {
namespace {

enum class Ask { optimal, cone, single_point, interior };

// One block of a batched query: a claim, what is asked about it and the answer the exact prediction expects.
struct Block {
    std::size_t claim;
    Ask ask;
    bool expect_sat;
};

// g scaled by 1 / |first non-zero coordinate|: a positive factor, so argmax and every sign fact are
// unchanged.
Vector direction_of(const Vector& g) {
    for (const Rational& c : g)
        if (sign(c) != 0) {
            Rational scale = sign(c) > 0 ? c : Rational(-c);
            Vector out = g;
            for (Rational& v : out) v /= scale;
            return out;
        }
    return Vector(g.size(), Rational(0));
}

std::string conjunction(const std::vector<std::string>& parts) {
    if (parts.empty()) return "true";
    if (parts.size() == 1) return parts[0];
    std::string out = "(and";
    for (const std::string& p : parts) out += " " + p;
    return out + ")";
}

std::vector<std::string> constants(const Vector& x) {
    std::vector<std::string> out;
    for (const Rational& c : x) out.push_back(smt_number(c));
    return out;
}

// The block's formula over its own variables y<k>_j (and z<k>_j), declared in q.
std::string block_formula(SmtQuery& q, const Instance& instance, const FaceClaim& c, Ask ask, std::size_t k) {
    const std::size_t d = instance.dimension;
    const ActionSet& set = instance.set_of(c.representative);
    auto names = [&](const char* prefix) {
        std::vector<std::string> v;
        for (std::size_t j = 0; j < d; ++j) {
            v.push_back(std::string(prefix) + std::to_string(k) + "_" + std::to_string(j));
            q.declare_real(v.back());
        }
        return v;
    };
    if (ask ==
        Ask::cone) {  // no variables: u = xden g of the representative, xhat* = xnum / xden defined by q
        const Player& p = instance.players[c.representative];
        const std::string fact =
            smt_cone_fact(*c.cone, c.point,
                          is_short(c.direction) ? smt_numerals(c.direction)
                                                : smt_scaled_offset(p.weight, p.target, receiver_terms(d)));
        return "(not " + (c.pins_point ? "(and " + fact + " " + *c.pins_point + ")" : fact) + ")";
    }
    std::vector<std::string> y = names("y");
    std::vector<std::string> parts = smt_membership(set, y, "in_set");
    const bool zero = is_zero(c.direction);
    std::vector<std::string> face = smt_face(c, y);
    if (ask == Ask::optimal) {
        parts.push_back("(> " + smt_dot(c.direction, y) + " " + smt_number(dot(c.direction, c.point)) + ")");
    } else if (ask == Ask::single_point && !zero) {
        parts.insert(parts.end(), face.begin(), face.end());
        parts.push_back(smt_differs(y, constants(c.point)));
    } else if (ask == Ask::single_point) {  // F_i = X_i: two different points of the set
        std::vector<std::string> z = names("z"), in_z = smt_membership(set, z, "in_set");
        parts.insert(parts.end(), in_z.begin(), in_z.end());
        parts.push_back(smt_differs(y, z));
    } else {
        parts.insert(parts.end(), face.begin(), face.end());
        parts.push_back(smt_interior(instance, c.representative, y));
    }
    return conjunction(parts);
}

const char* ask_text(Ask ask) {
    return ask == Ask::optimal        ? "optimal"
           : ask == Ask::cone         ? "cone"
           : ask == Ask::single_point ? "single-point"
                                      : "interior";
}

struct BatchRunner {
    const Instance& instance;
    std::vector<FaceClaim>& claims;
    ProofLog& log;
    const CheckOptions& options;
    const Vector& receiver;

    // Z3 proof objects only for small games, as in certify at scale: with thousands of claims they cost far
    // more than the queries (measured: > 1 GB at 10^4 players); the logged SMT-LIB text is what replay
    // checks.
    bool proofs() const { return log.enabled() && instance.players.size() <= 256; }

    SmtQuery query(const std::vector<Block>& blocks, bool expect_sat) const {
        SmtQuery q(
            "QF_LRA",
            {"bigcert check (structure): per-player face claims, docs/model.md \"Checking every "
             "equilibrium from the certified structure\"",
             "each block: a claim about one group of players (same set, same direction of g_i = w_i "
             "(t_i - xhat*) up to a positive factor, same action when g_i != 0), over its own "
             "variables",
             "optimal: y in X with g.y > g.x* (unsat: x* maximises g); cone: the negated cone fact "
             "(no variables; u = w (t xden - xnum) = xden g of the group's representative, xhat = xnum / "
             "xden "
             "defined below, xden > 0; unsat: x* in X, u = sum_P lambda_k a_k + sum mu_e e, lambda_k > 0 and "
             "a_k.x* = b_k on P, so x* maximises g and F = {y in X : a_k.y >= b_k, k in P}, which lies in a "
             "facet and so misses the interior; with the determinant of the active normals non-zero also "
             "asserted, F = {x*}; docs/model.md)",
             "single-point: y in F and y != x* (or, for g = 0, two different points of X); interior: y in F "
             "in the interior of X; F written as a_k.y >= b_k on P when the claim has a cone fact, else as "
             "g.y >= g.x*",
             expect_sat ? "blocks joined by and, expected: sat (every block has a point)"
                        : "blocks joined by or, expected: unsat (no block has a point)"});
        std::vector<std::string> formulas;
        if (!blocks.empty() && blocks[0].ask == Ask::cone)  // cone facts come in batches of their own
            define_receiver(q, receiver);                   // the names receiver_terms gives
        for (std::size_t k = 0; k < blocks.size(); ++k) {
            const Block& b = blocks[k];
            formulas.push_back(block_formula(q, instance, claims[b.claim], b.ask, k));
        }
        if (formulas.size() == 1)
            q.assert_named("claims", formulas[0]);
        else if (expect_sat)
            for (std::size_t k = 0; k < formulas.size(); ++k)
                q.assert_named("block_" + std::to_string(k), formulas[k]);
        else {
            std::string any = "(or";
            for (const std::string& f : formulas) any += " " + f;
            q.assert_named("claims", any + ")");
        }
        return q;
    }

    // Asks the blocks together; true when Z3 gave the expected answer.
    bool ask(SolverPool& pool, const std::vector<Block>& blocks, bool expect_sat, const std::string& name) {
        SmtQuery q = query(blocks, expect_sat);
        QueryLimits limits = limits_for_timeout(options.timeout_seconds, options.rlimit, proofs());
        QueryOutcome o = pool.run(q, limits, {});
        const char* expected = expect_sat ? "sat" : "unsat";
        std::string what = std::to_string(blocks.size()) + " face claim(s): ";
        for (std::size_t k = 0; k < blocks.size() && k < 3; ++k)
            what += (k ? ", " : "") + std::string(ask_text(blocks[k].ask)) + " of player " +
                    std::to_string(claims[blocks[k].claim].representative);
        if (blocks.size() > 3) what += ", ...";
        log.record(logged_query(name, "check:structure", "player faces", what, q, o, expected));
        return o.answer == expected;
    }

    void settle(const Block& b, bool shown) {
        FaceClaim& c = claims[b.claim];
        if (!shown) {
            if (c.problem.empty())
                c.problem = std::string("the ") + ask_text(b.ask) + " claim of player " +
                            std::to_string(c.representative) + " was not shown (Z3 answered otherwise)";
            return;
        }
        if (b.ask == Ask::optimal || b.ask == Ask::cone) c.optimal = true;
        if (b.ask == Ask::cone) {
            // F_i = {y in X_i : a_k.y = b_k, k in P} with P non-empty: inside a facet, so it misses the
            // interior (a_k.y < b_k there); and a single point when the active normals span R^d.
            if (!active_facets(*c.cone).empty()) c.meets_interior = false;
            if (c.pins_point) c.single_point = true;
        }
        if (b.ask == Ask::single_point) {
            c.single_point = !b.expect_sat;
            // Without a cone: no y != x* with g.y >= g.x*, in particular none above. With one, the face is
            // written by its active facets, which says nothing about optimality (the cone fact does).
            if (!b.expect_sat && !c.cone) c.optimal = true;
        }
        if (b.ask == Ask::interior) c.meets_interior = b.expect_sat;
    }
};

// The exact predictions of a claim: which blocks to ask and what they should answer.
void plan_claim(const Instance& instance, std::size_t index, FaceClaim& c, std::vector<Block>& blocks,
                const Vector& receiver, bool cone_facts) {
    const ActionSet& set = instance.set_of(c.representative);
    const bool zero = is_zero(c.direction);
    c.face = zero ? set.vertices() : set.support_face(c.direction);
    const bool single = zero ? set.is_single_point() : c.face.size() == 1;
    if (!zero && cone_facts) {  // for g = w (t - xhat*) of the representative, the fact's u
        const Player& p = instance.players[c.representative];
        c.cone = cone_multipliers(
            set, c.point, is_short(c.direction) ? c.direction : scaled_offset(p.weight, p.target, receiver));
    }
    if (c.cone && single) c.pins_point = smt_pins_point(*c.cone, instance.dimension);
    if (zero)
        c.optimal = true;  // g_i = 0: every point of X_i maximises 0·y
    else if (c.cone)
        blocks.push_back({index, Ask::cone, false});
    else if (!single)
        blocks.push_back({index, Ask::optimal, false});
    if (!c.pins_point) blocks.push_back({index, Ask::single_point, !single});
    if (set.kind() == ActionSet::Kind::polytope && !set.as_polytope().equations().empty()) {
        c.meets_interior = false;  // exact: a set with an equation has an empty interior
        return;
    }
    // With a cone fact over a non-empty P the face lies in a facet: settled with the cone block.
    if (c.cone && !active_facets(*c.cone).empty()) return;
    const bool full = set.affine_dimension() == instance.dimension;
    blocks.push_back({index, Ask::interior, zero && full});
    if (zero && full) {
        Vector mean(instance.dimension, Rational(0));
        for (const Vector& v : c.face)
            add_scaled(mean, make_rational(1, static_cast<long long>(c.face.size())), v);
        c.interior_point = mean;  // the vertices span R^d, so their mean is interior (re-checked on use)
    }
}

}  // namespace

PlayerFaces establish_player_faces(const Instance& instance, const std::vector<Vector>& actions,
                                   const Vector& receiver, ProofLog& log, const CheckOptions& options) {
    const std::size_t n = instance.players.size();
    PlayerFaces out;
    out.claim_of.resize(n);
    std::map<std::tuple<std::size_t, Vector, Vector>, std::size_t> index;
    for (std::size_t i = 0; i < n; ++i) {
        const Player& p = instance.players[i];
        Vector direction = direction_of(p.weight * (p.target - receiver));
        Vector point = is_zero(direction) ? Vector{} : actions[i];
        auto [it, fresh] = index.emplace(std::make_tuple(p.action_set, direction, point), out.claims.size());
        if (fresh) {
            FaceClaim claim;
            claim.representative = i, claim.direction = std::move(direction), claim.point = actions[i];
            out.claims.push_back(std::move(claim));
        }
        out.claim_of[i] = it->second;
    }
    std::vector<Block> blocks;
    for (std::size_t c = 0; c < out.claims.size(); ++c)
        plan_claim(instance, c, out.claims[c], blocks, receiver, options.cone_facts);

    // Batches: blocks of one expected answer, at most options.face_batch_blocks each; the variable-free cone
    // facts in batches of their own (a conjunction of numeral facts, no case split over blocks with
    // variables).
    std::vector<std::pair<std::vector<Block>, bool>> batches;
    for (auto [expect_sat, ground] : {std::pair{false, true}, {false, false}, {true, false}}) {
        std::vector<Block> current;
        for (const Block& b : blocks) {
            if (b.expect_sat != expect_sat || (b.ask == Ask::cone) != ground) continue;
            current.push_back(b);
            if (current.size() < options.face_batch_blocks) continue;
            batches.emplace_back(std::move(current), expect_sat);
            current = {};
        }
        if (!current.empty()) batches.emplace_back(std::move(current), expect_sat);
    }
    std::vector<std::vector<std::pair<Block, bool>>> settled(batches.size());
    std::vector<std::size_t> asked(batches.size(), 0);
    BatchRunner runner{instance, out.claims, log, options, receiver};
    parallel_chunks(
        batches.size(), worker_count(options.threads, batches.size(), 1),
        [&](unsigned, std::size_t begin, std::size_t end) {
            z3::config config;
            config.set("proof", runner.proofs());
            z3::context ctx(config);
            SolverPool pool(ctx);
            for (std::size_t b = begin; b < end; ++b) {
                const auto& [batch, expect_sat] = batches[b];
                std::string number = std::to_string(b);
                std::string name =
                    "check-face-" + std::string(number.size() < 6 ? 6 - number.size() : 0, '0') + number;
                ++asked[b];
                if (runner.ask(pool, batch, expect_sat, name)) {
                    for (const Block& block : batch) settled[b].emplace_back(block, true);
                    continue;
                }
                // Asked again one block at a time, to learn which claim differs.
                for (std::size_t k = 0; k < batch.size(); ++k) {
                    ++asked[b];
                    bool shown = batch.size() > 1 &&
                                 runner.ask(pool, {batch[k]}, expect_sat, name + "-" + std::to_string(k));
                    settled[b].emplace_back(batch[k], shown);
                }
            }
        });
    for (std::size_t b = 0; b < batches.size(); ++b) {
        for (const auto& [block, shown] : settled[b]) runner.settle(block, shown);
        out.queries += asked[b];
    }
    out.files = out.queries;
    return out;
}

std::vector<std::string> smt_face(const FaceClaim& claim, const std::vector<std::string>& y) {
    if (claim.cone) return smt_on_face(*claim.cone, y);
    if (is_zero(claim.direction)) return {};
    return {"(>= " + smt_dot(claim.direction, y) + " " + smt_number(dot(claim.direction, claim.point)) + ")"};
}

std::optional<Vector> other_face_point(const FaceClaim& claim, const Vector& x) {
    for (const Vector& v : claim.face)
        if (v != x) return v;
    return std::nullopt;
}

}  // namespace bigcert
