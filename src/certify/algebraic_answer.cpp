#include "bigcert/certify/algebraic_answer.hpp"

#include <z3++.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "bigcert/certify/curved_certificate.hpp"
#include "bigcert/certify/curved_properties.hpp"
#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/cancellation.hpp"
#include "bigcert/core/integer_relation.hpp"
#include "bigcert/core/polynomial.hpp"
#include "bigcert/core/root_form.hpp"
#include "bigcert/core/support_elimination.hpp"
#include "certify/algebraic_claim.hpp"
#include "certify/algebraic_substitution.hpp"
#include "certify/equilibrium_system.hpp"
#include "certify/subprocess.hpp"

namespace bigcert {
namespace {

// The system S of algebraic_answer.hpp, with the names of its coordinate variables (receiver first).
struct System {
    std::vector<std::string> declarations, assertions;  // named assertion formulas
    std::vector<std::pair<std::string, std::string>>
        definitions;                     // the receiver r_j as a macro of the actions
    std::vector<std::string> variables;  // r_0.., then x_i_j
    std::vector<Enclosure> boxes;        // each variable's certified enclosure
    std::string unsupported;             // why S could not be written, if so

    SmtQuery query(const std::string& claim) const {
        SmtQuery q("QF_NRA", {"bigcert solve --algebraic: " + claim,
                              "S: curved players whose target lies outside the certified receiver enclosure "
                              "are on the boundary,",
                              "u_i parallel to M(x_i - c) with positive product (KKT with nu_i > 0); "
                              "point-enclosed polytope players fixed"});
        for (const std::string& d : declarations) q.declare_real(d);
        for (const auto& [name, term] : definitions) q.define_real(name, term);
        for (std::size_t k = 0; k < assertions.size(); ++k)
            q.assert_named("s" + std::to_string(k), assertions[k]);
        return q;
    }
};

std::string product(const std::string& a, const std::string& b) { return "(* " + a + " " + b + ")"; }

// (M (x - c))_r as an SMT term (x - c for a ball).
std::string shape_row(const CurvedSet& set, const std::vector<std::string>& x, std::size_t r) {
    auto offset = [&](std::size_t c) { return "(- " + x[c] + " " + smt_number(set.center()[c]) + ")"; };
    if (set.is_ball()) return offset(r);
    std::vector<std::string> terms;
    for (std::size_t c = 0; c < set.dimension(); ++c)
        terms.push_back(product(smt_number(set.shape().at(r, c)), offset(c)));
    return smt_sum(terms);
}

System build_system(const Instance& instance, const Solution& s) {
    const std::size_t n = instance.players.size(), d = instance.dimension;
    System sys;
    const std::vector<std::size_t> away = players_away_from_target(instance, s);
    std::vector<bool> is_away(n, false);
    for (std::size_t i : away) is_away[i] = true;
    std::vector<std::vector<std::string>> x(n);
    for (std::size_t j = 0; j < d; ++j)
        sys.variables.push_back("r_" + std::to_string(j)), sys.boxes.push_back(s.receiver_enclosure[j]);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) {
            x[i].push_back("x_" + std::to_string(i) + "_" + std::to_string(j));
            sys.variables.push_back(x[i].back());
            sys.boxes.push_back(s.action_enclosures[i][j]);
        }
    sys.declarations.assign(sys.variables.begin() + d, sys.variables.end());  // the actions; r_j are macros
    const Vector bias = instance.bias();
    for (std::size_t j = 0; j < d; ++j) {
        std::vector<std::string> terms{smt_number(bias.empty() ? Rational(0) : bias[j])};
        for (std::size_t i = 0; i < n; ++i)
            terms.push_back(product(smt_number(instance.players[i].weight), x[i][j]));
        // The receiver box itself is not asserted: S without it still holds at every equilibrium, and nlsat
        // slowed from under a second to over a minute with a 2^-20 box (measured on two discs).
        sys.definitions.emplace_back(sys.variables[j], smt_sum(terms));
    }
    for (std::size_t i = 0; i < n; ++i) {
        const ActionSet& set = instance.set_of(i);
        const Player& p = instance.players[i];
        bool point = true;
        for (const Enclosure& e : s.action_enclosures[i]) point = point && e.is_exact();
        if (point) {  // a single-point set or a stable polytope vertex: the enclosure pins the action
            for (std::size_t j = 0; j < d; ++j)
                sys.assertions.push_back("(= " + x[i][j] + " " + smt_number(s.action_enclosures[i][j].lo) +
                                         ")");
            continue;
        }
        if (!set.is_curved() || !is_away[i]) {
            sys.unsupported = "player " + instance.numbered_label(i) +
                              " is neither a curved player away from its target nor pinned to a point";
            return sys;
        }
        const CurvedSet& curved = set.as_curved();
        std::vector<std::string> u, m;
        for (std::size_t j = 0; j < d; ++j) {
            u.push_back(product(smt_number(p.weight),
                                "(- " + smt_number(p.target[j]) + " " + sys.variables[j] + ")"));
            m.push_back(shape_row(curved, x[i], j));
        }
        sys.assertions.push_back(smt_curved_boundary(curved, x[i]));
        for (std::size_t a = 0; a < d; ++a)
            for (std::size_t b = a + 1; b < d; ++b)
                sys.assertions.push_back("(= " + product(u[a], m[b]) + " " + product(u[b], m[a]) + ")");
        std::vector<std::string> inner;
        for (std::size_t j = 0; j < d; ++j) inner.push_back(product(u[j], m[j]));
        sys.assertions.push_back("(> " + smt_sum(inner) + " 0.0)");
    }
    return sys;
}

std::string power(const std::string& v, std::size_t k) {
    if (k == 1) return v;
    std::string out = "(*";
    for (std::size_t e = 0; e < k; ++e) out += " " + v;
    return out + ")";
}

std::string polynomial_at(const IntegerPolynomial& p, const std::string& v) {
    std::vector<std::string> terms;
    for (std::size_t k = 0; k < p.coefficients().size(); ++k) {
        if (p.coefficients()[k] == 0) continue;
        const std::string c = smt_number(Rational(p.coefficients()[k]));
        terms.push_back(k == 0 ? c : product(c, power(v, k)));
    }
    return smt_sum(terms);
}

// The proof queries run in the stock `z3` binary through the common runner (QueryLimits::separate_process):
// its -T timeout is enforced, whereas Z3 4.8.12's in-process timeout and rlimit did not stop nlsat on these
// queries (measured: > 100 s).
QueryLimits binary_limits(double seconds) {
    QueryLimits limits;
    limits.timeout_ms = static_cast<unsigned>(std::clamp(std::ceil(seconds * 1000), 1000.0, 4.0e9));
    limits.produce_proof = false;
    limits.separate_process = true;
    return limits;
}

void record(ProofLog& log, const std::string& name, const std::string& subject, const std::string& method,
            const SmtQuery& q, const QueryOutcome& outcome, const std::string& expected) {
    log.record(logged_query(name, "solve:algebraic", subject, method, q, outcome, expected));
}

// Step 2: the candidate polynomial of every variable from Z3's model (a rational value a gives x - a).
std::optional<std::vector<IntegerPolynomial>> candidates(z3::context& ctx, const Instance& instance,
                                                         const System& sys, ProofLog& log,
                                                         const AlgebraicOptions& options, std::string& why) {
    // The model comes from the KKT description (equilibrium_system.hpp), which nlsat solved in under a second
    // where S itself ran past 30 s (measured on two discs); the model is only a source of candidates.
    SmtQuery q("QF_NRA", {"bigcert solve --algebraic: a model of the equilibrium set (candidates "
                          "for the defining polynomials)"});
    add_equilibrium(q, instance, "");
    const QueryOutcome outcome =
        run_query(ctx, q, limits_for_timeout(options.timeout_seconds, options.rlimit, false), sys.variables);
    record(log, "algebraic-model", "every coordinate", "model of S", q, outcome, "sat");
    if (outcome.answer != "sat") return why = "Z3 found no model of S (" + outcome.answer + ")", std::nullopt;
    std::vector<IntegerPolynomial> out;
    for (const std::string& name : sys.variables) {
        std::vector<Rational> coefficients;
        if (auto value = outcome.model.find(name); value != outcome.model.end())
            coefficients = {-value->second, Rational(1)};
        else if (auto poly = outcome.algebraic_polynomials.find(name);
                 poly != outcome.algebraic_polynomials.end())
            coefficients = poly->second;
        out.push_back(IntegerPolynomial::from_rationals(coefficients));
    }
    return out;
}

// Step 3 for one coordinate: Z3 proves S ∧ p(v) ≠ 0 unsat, so every equilibrium's v is a root of p.
bool prove_root_with_z3(z3::context& ctx, const System& sys, const std::string& v, const IntegerPolynomial& p,
                        ProofLog& log, const AlgebraicOptions& options, std::string& why) {
    SmtQuery q = sys.query("every equilibrium's " + v + " is a root of " + p.text());
    q.assert_named("not_a_root", "(not (= " + polynomial_at(p, v) + " 0.0))");
    const QueryOutcome outcome = run_query(ctx, q, binary_limits(options.timeout_seconds), {});
    record(log, "algebraic-" + v, v, "S and p(v) != 0", q, outcome, "unsat");
    if (outcome.answer != "unsat") why = "Z3 answered " + outcome.answer + " to 'p(v) != 0'";
    return outcome.answer == "unsat";
}

// Where one coordinate's answer goes: its enclosure (a rational value makes it a point) and its root text.
struct Slot {
    Enclosure* box;
    Rational* midpoint;
    std::string* root;
};

// Writes a proven coordinate (FORMAT.md): the rational itself, else the root form. Returns the polynomial
// that has the coordinate as its only root in the enclosure (x - a for a rational a).
IntegerPolynomial write_root(const RootForm& form, const Slot& slot) {
    if (!form.value) return *slot.root = form.polynomial.text(), form.polynomial;
    *slot.box = Enclosure{*form.value, *form.value};
    *slot.midpoint = *form.value;
    slot.root->clear();
    return IntegerPolynomial::from_rationals({-*form.value, Rational(1)});
}

IntegerPolynomial exact_polynomial(const Rational& a) {
    return IntegerPolynomial::from_rationals({-a, Rational(1)});
}

// A guess for a coordinate in `box`: the first lattice-reduction polynomial (degree 1, 2, ..., 8) with
// exactly one root in the box; the zero polynomial when none has.
IntegerPolynomial guess_isolating(const Enclosure& box, unsigned precision) {
    if (box.is_exact()) return exact_polynomial(box.lo);
    for (std::size_t degree = 1; degree <= 8; ++degree) {
        IntegerPolynomial p = guess_minimal_polynomial(box.midpoint(), degree, std::max(16u, precision) - 4);
        if (p.degree() >= 1 && count_real_roots(p, box.lo, box.hi) == 1) return p;
    }
    return {};
}

// The printed answer as proof-log artifacts that `bigcert replay` re-checks without this file's route
// (algebraic_claim.hpp): the claim (JSON) and its query for the stock z3 binary.
void log_claim(const Instance& instance, const std::vector<Enclosure>& boxes,
               const std::vector<IntegerPolynomial>& polynomials, ProofLog& log) {
    const std::vector<std::string> names = claim_variables(instance);
    std::vector<ClaimedCoordinate> claim;
    for (std::size_t k = 0; k < names.size(); ++k) {
        ClaimedCoordinate c{names[k], std::nullopt, polynomials[k].coefficients(), boxes[k].lo, boxes[k].hi};
        if (boxes[k].is_exact()) c.value = boxes[k].lo, c.polynomial.clear();
        claim.push_back(std::move(c));
    }
    log.add_artifact("algebraic-claim.json", algebraic_claim_json(claim).dump(2) + "\n",
                     "the exact coordinates solve --algebraic printed (receiver r_j, actions x_i_j)",
                     "algebraic-claim", "one root per interval");
    log.add_artifact("algebraic-claim.smt2", algebraic_claim_query(instance, claim),
                     "the claimed coordinates pinned and not an equilibrium (QF_NRA)", "smt2", "unsat");
}

}  // namespace

void add_algebraic_answers(const Instance& instance, Solution& s, ProofLog& log,
                           const AlgebraicOptions& options) {
    if (!s.enclosed) {
        s.algebraic_note = "the equilibrium is rational and printed exactly";
        std::vector<Enclosure> boxes;
        for (const Rational& v : s.receiver) boxes.push_back({v, v});
        for (const Vector& action : s.actions)
            for (const Rational& v : action) boxes.push_back({v, v});
        log_claim(instance, boxes, std::vector<IntegerPolynomial>(boxes.size()), log);
        return;
    }
    if (instance.players.size() > options.max_players) {
        s.algebraic_note = "not attempted: " + std::to_string(instance.players.size()) +
                           " players (at most " + std::to_string(options.max_players) + ")";
        return;
    }
    System sys = build_system(instance, s);
    if (!sys.unsupported.empty()) {
        s.algebraic_note = "not attempted: " + sys.unsupported;
        return;
    }
    z3::context ctx;
    // Candidates, first by lattice reduction from the enclosures' midpoints (integer_relation.hpp); Z3's
    // model only when the exact in-house route below does not go through.
    std::optional<std::vector<IntegerPolynomial>> polynomials(std::in_place);
    for (const Enclosure& box : sys.boxes) polynomials->push_back(guess_isolating(box, s.precision));
    std::string model_failure;
    const std::size_t n = instance.players.size(), d = instance.dimension;
    const Solution unchanged = s;  // restored if the substitution check below fails
    s.receiver_roots.assign(d, "");
    s.action_roots.assign(n, std::vector<std::string>(d));
    std::vector<Slot> slots;
    for (std::size_t j = 0; j < d; ++j)
        slots.push_back({&s.receiver_enclosure[j], &s.receiver[j], &s.receiver_roots[j]});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j)
            slots.push_back({&s.action_enclosures[i][j], &s.actions[i][j], &s.action_roots[i][j]});
    std::size_t by_z3 = 0, by_receiver_check = 0, by_elimination = 0, rational = 0;
    std::vector<std::string> failures;
    // The receiver first: each coordinate by a Z3 proof (step 3). Its proven polynomials, when all are known,
    // give the actions by exact elimination (support_elimination.hpp) without further Z3 queries.
    std::vector<IntegerPolynomial> receiver(d), written(slots.size());
    bool receiver_proven = true;
    auto finish = [&](std::size_t k, const IntegerPolynomial& proven, const IntegerPolynomial& candidate) {
        std::optional<RootForm> form = isolate_root(proven, *slots[k].box, candidate);
        if (!form) {
            failures.push_back(sys.variables[k] + ": the proven polynomial " + proven.text() +
                               " does not have exactly one root in the enclosure");
            return std::optional<IntegerPolynomial>();
        }
        rational += form->value ? 1 : 0;
        return written[k] = write_root(*form, slots[k]), std::optional<IntegerPolynomial>(written[k]);
    };
    auto by_query = [&](std::size_t k) -> std::optional<IntegerPolynomial> {
        const IntegerPolynomial& p = (*polynomials)[k];
        const Enclosure& box = *slots[k].box;
        // Cheap exact test first: the candidate must isolate one root in the certified enclosure.
        if (p.degree() < 1 || count_real_roots(p, box.lo, box.hi) != 1) {
            failures.push_back(sys.variables[k] +
                               ": the candidate polynomial does not isolate one root in the enclosure");
            return std::nullopt;
        }
        std::string reason;
        if (!prove_root_with_z3(ctx, sys, sys.variables[k], p, log, options, reason)) {
            failures.push_back(sys.variables[k] + ": " + reason);
            return std::nullopt;
        }
        std::optional<IntegerPolynomial> written = finish(k, p, p);
        by_z3 += written ? 1 : 0;
        return written;
    };
    // First the exact in-house proof (support_elimination.hpp), from one candidate per receiver coordinate
    // that isolates one root in its enclosure: Z3's model's, else a lattice-reduction guess from the
    // midpoint.
    std::vector<IntegerPolynomial> guesses(d);
    bool guessed = true;
    for (std::size_t j = 0; j < d; ++j) {
        guesses[j] = slots[j].box->is_exact() ? exact_polynomial(slots[j].box->lo) : (*polynomials)[j];
        guessed = guessed && guesses[j].degree() >= 1;
    }
    std::string in_house_failure = "no candidate isolates one root in the receiver enclosure";
    std::vector<Enclosure> receiver_boxes;
    for (std::size_t j = 0; j < d; ++j) receiver_boxes.push_back(*slots[j].box);
    if (guessed && proves_equilibrium_receiver(instance, guesses, receiver_boxes, in_house_failure)) {
        for (std::size_t j = 0; j < d; ++j) {
            if (slots[j].box->is_exact()) {
                receiver[j] = guesses[j];
                continue;
            }
            std::optional<IntegerPolynomial> p = finish(j, guesses[j], (*polynomials)[j]);
            by_receiver_check += p ? 1 : 0;
            receiver_proven = receiver_proven && p.has_value();
            if (p) receiver[j] = *p;
        }
    } else {
        std::string why;  // the fallback: candidates from Z3's model, a Z3 proof per coordinate
        polynomials = candidates(ctx, instance, sys, log, options, why);
        if (!polynomials) model_failure = why, polynomials.emplace(sys.variables.size());
        for (std::size_t j = 0; j < d; ++j) {
            std::optional<IntegerPolynomial> p =
                slots[j].box->is_exact() ? std::optional(exact_polynomial(slots[j].box->lo)) : by_query(j);
            receiver_proven = receiver_proven && p.has_value();
            if (p) receiver[j] = *p;
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < d; ++j) {
            const std::size_t k = d + i * d + j;
            if (slots[k].box->is_exact()) continue;  // a pinned player (build_system): already exact
            std::optional<IntegerPolynomial> eliminated;
            if (receiver_proven && instance.set_of(i).is_curved())
                eliminated = support_coordinate_polynomial(instance.set_of(i).as_curved(),
                                                           instance.players[i].target, receiver, j);
            if (eliminated && eliminated->degree() >= 1) {
                if (finish(k, *eliminated, (*polynomials)[k])) ++by_elimination;
                continue;
            }
            by_query(k);
        }
    const std::size_t total = by_z3 + by_receiver_check + by_elimination;
    s.algebraic_note =
        std::to_string(total) + " coordinate(s) proven exact (" + std::to_string(rational) +
        " rational, printed as such; the others in root form): " + std::to_string(by_receiver_check) +
        " receiver coordinate(s) by the exact fixed-point check (support_elimination.hpp: the "
        "candidate receiver's support points reproduce it exactly, so it is the equilibrium's), " +
        std::to_string(by_z3) +
        " by Z3 (every equilibrium's value is a root of the polynomial: QF_NRA, unsat), " +
        std::to_string(by_elimination) +
        " by exact elimination from the proven receiver polynomials (support point of a "
        "curved set, support_elimination.hpp); Sturm's theorem (exact) counts exactly one root "
        "in the certified enclosure, which is the isolating interval";
    if (by_receiver_check == 0 && !receiver_proven)
        failures.insert(failures.begin(), "exact receiver check: " + in_house_failure);
    if (!model_failure.empty()) s.algebraic_note += "; no Z3 model (" + model_failure + ")";
    for (const std::string& f : failures) s.algebraic_note += "; " + f;
    if (failures.empty()) {
        std::vector<PrintedCoordinate> printed;
        for (std::size_t k = 0; k < slots.size(); ++k) printed.push_back({*slots[k].box, written[k]});
        std::vector<std::vector<PrintedCoordinate>> actions;
        for (std::size_t i = 0; i < n; ++i)
            actions.emplace_back(printed.begin() + d + i * d, printed.begin() + d + (i + 1) * d);
        printed.resize(d);
        const SubstitutionCheck check = verify_by_substitution(instance, printed, actions);
        if (check.verdict == SubstitutionCheck::Verdict::fails) {
            // A contradiction with what was proven (a bug to report): print nothing exact.
            const std::string note = s.algebraic_note;
            s = unchanged;
            s.algebraic_note =
                "no root form: the substitution check failed (" + check.detail + ") after: " + note;
            return;
        }
        std::vector<Enclosure> boxes;
        for (const Slot& slot : slots) boxes.push_back(*slot.box);
        log_claim(instance, boxes, written, log);
        if (check.verdict == SubstitutionCheck::Verdict::not_checked)
            s.algebraic_note += "; not verified by substitution: " + check.detail;
        else
            s.algebraic_note +=
                "; verified by substitution in exact arithmetic (Z3's algebraic numbers): every "
                "curved player plays the support point towards its target from the printed "
                "receiver, pinned players maximise over their vertices, and the receiver is "
                "w0 x0 + sum_i w_i x_i";
    } else {
        s.algebraic_note += "; not verified by substitution (not every coordinate is exact)";
    }
    log.add_note(
        "solve --algebraic: S (algebraic_answer.hpp) holds at every equilibrium because the receiver "
        "enclosure is certified and a curved player whose target lies outside it has u_i != 0, hence "
        "nu_i > 0 (boundary, parallel); each algebraic-<v> query proves p(v) = 0 on S; action coordinates "
        "without a query were eliminated exactly from the proven receiver polynomials "
        "(support_elimination.hpp); every root count is checked by Sturm's theorem. algebraic-claim.json "
        "states "
        "the printed answer when every coordinate is exact; replay re-derives it (Sturm, and "
        "algebraic-claim.smt2: the pinned coordinates are not an equilibrium, unsat).");
}

}  // namespace bigcert
