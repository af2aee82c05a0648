// certify without a profile on curved sets (issue 6): the solver's boxes, proven by Z3 to hold every
// equilibrium.
#include <z3++.h>

#include "bigcert/curved_certificate.hpp"
#include "bigcert/errors.hpp"
#include "bigcert/solution_writer.hpp"
#include "certify/equilibrium_system.hpp"
#include "certify/smt_query.hpp"

namespace bigcert {
namespace {

nlohmann::ordered_json interval_json(const Enclosure& e) {
    return {{"interval", {to_string(e.lo), to_string(e.hi)}}};
}

nlohmann::ordered_json boxes_json(const Solution& s) {
    nlohmann::ordered_json receiver = nlohmann::ordered_json::array(),
                           actions = nlohmann::ordered_json::array();
    for (const Enclosure& e : s.receiver_enclosure) receiver.push_back(interval_json(e));
    for (const auto& action : s.action_enclosures) {
        nlohmann::ordered_json a = nlohmann::ordered_json::array();
        for (const Enclosure& e : action) a.push_back(interval_json(e));
        actions.push_back(std::move(a));
    }
    return {{"receiver", receiver}, {"actions", actions}, {"precision", s.precision}};
}

// (or (< v lo) (> v hi)) for every enclosed coordinate: some equilibrium value outside its box.
std::string outside(const Solution& s, const EquilibriumCopy& e) {
    std::string any = "(or";
    auto add = [&](const std::string& v, const Enclosure& box) {
        any += " (< " + v + " " + smt_number(box.lo) + ") (> " + v + " " + smt_number(box.hi) + ")";
    };
    for (std::size_t j = 0; j < e.r.size(); ++j) add(e.r[j], s.receiver_enclosure[j]);
    for (std::size_t i = 0; i < e.x.size(); ++i)
        for (std::size_t j = 0; j < e.x[i].size(); ++j) add(e.x[i][j], s.action_enclosures[i][j]);
    return any + ")";
}

}  // namespace

Certificate certify_enclosure(const Instance& instance, const Solution& solution, ProofLog& log,
                              const CertifyOptions& options) {
    if (!solution.enclosed) throw UnsupportedError("", "certify_enclosure without an enclosure");
    SmtQuery q(equilibrium_logic(instance),
               {"bigcert certify (issue 6): every equilibrium of instance \"" + instance.name +
                    "\" lies in the solver's boxes",
                "equilibria described by MODEL.md 3b-c (KKT of every player; balls and ellipsoids: u_i = "
                "nu_i M (x_i - c))",
                "negation: an equilibrium with the receiver or some action coordinate outside its box",
                "expected: unsat"});
    EquilibriumCopy e = add_equilibrium(q, instance, "");
    q.assert_named("outside_boxes", outside(solution, e));
    z3::config config;
    config.set("proof", log.enabled());
    z3::context ctx(config);
    QueryOutcome outcome =
        run_query(ctx, q, limits_for_timeout(options.timeout_seconds, options.rlimit, log.enabled()), {});
    log.record(logged_query("certify-enclosure", "certify", "every equilibrium",
                            "equilibrium description (KKT) with the boxes negated", q, outcome));

    Certificate c;
    c.claim = "every equilibrium lies in these boxes (receiver and every action)";
    c.enclosure = boxes_json(solution);
    c.receiver = solution.receiver;  // midpoints (approximate); the boxes are the claim
    c.verdict = outcome.answer == "unsat" ? "certified" : "not certified";
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        PlayerVerdict v;
        v.index = i;
        v.verdict = c.verdict;
        v.definition = outcome.answer;  // the one query covers every player's KKT conditions
        v.variational = "not asked";
        v.multipliers = "not applicable";
        if (outcome.answer != "unsat")
            v.reason = outcome.answer == "unknown"
                           ? "Z3 answered unknown (" + outcome.reason + ")"
                           : "Z3 found an equilibrium outside the boxes (the enclosure would be wrong)";
        c.players.push_back(std::move(v));
    }
    log.add_note(
        "certify (curved sets, no profile): the solver's enclosure is certified as one query: the exact KKT "
        "description of the equilibrium set (MODEL.md 3b-c) together with 'some coordinate of the receiver "
        "or of "
        "an action lies outside its box' must be unsat. The boxes are in the certificate (enclosure).");
    c.proof_log = log.directory();
    c.manifest_sha256 =
        log.finish({{"timeout_seconds", options.timeout_seconds}, {"rlimit", options.rlimit}});
    return c;
}

}  // namespace bigcert
