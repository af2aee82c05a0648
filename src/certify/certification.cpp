#include "bigcert/certify/certification.hpp"

#include "bigcert/certify/curved_certificate.hpp"
#include "bigcert/certify/receivers_check.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/game_kind.hpp"
#include "bigcert/io/profile_loader.hpp"
#include "bigcert/io/receiver_rule_loader.hpp"
#include "bigcert/solver/solver.hpp"
#include "certify/finite_deviations.hpp"

namespace bigcert {
namespace {

std::string spelled(const std::string& option, OptionSpelling spelling) {
    if (spelling == OptionSpelling::cli) return "--" + option;
    std::string keyword = option + "=";
    for (char& c : keyword) c = c == '-' ? '_' : c;
    return keyword;
}

// An option set for a kind it does not apply to is an error naming it, never silently dropped.
void refuse(const CertifyRequest& request, std::initializer_list<const char*> options,
            const std::string& why) {
    for (const char* option : options)
        if (request.given.count(option)) throw InputError(spelled(option, request.spelling), why);
}

SolveOptions solve_options(const CertifyRequest& request) {
    SolveOptions options;
    options.threads = request.options.threads;
    return options;
}

// The finite game's bundle holds its artifacts (finite_deviations.hpp); more deviations than the limit is
// exit 5 naming --max-deviations, with or without a bundle, rather than a verdict that proves nothing.
CertifyResult certify_finite(const Instance& instance, const CertifyRequest& request, ProofLog& log) {
    refuse(request, {"timeout", "rlimit", "z3-query", "replay-online"},
           "does not apply to finite action spaces: they are certified by comparing every deviation exactly, "
           "without Z3 (`bigcert replay --timeout` bounds z3 on the bundle)");
    std::vector<std::vector<Vector>> chosen =
        !request.profile_text.empty() ? load_item_profile_text(request.profile_text, instance, request.limits)
        : request.solution            ? request.solution->chosen_items
                                      : solve(instance, solve_options(request)).chosen_items;
    const std::string flag = spelled("max-deviations", request.spelling);
    const std::vector<std::vector<Vector>> sums = deviation_sums(instance, request.max_deviations, flag);
    FiniteCertificate c = certify_finite_profile(instance, chosen, request.max_deviations);
    for (const FinitePlayerVerdict& v : c.players)
        if (v.verdict == "not certified")
            throw LimitError("player " + instance.numbered_label(v.index) + ": " + v.reason + " (raise " +
                             flag + ")");
    if (log.enabled()) log_finite_certificate(instance, chosen, c, sums, log);
    CertifyResult result;
    result.kind = GameKind::finite;
    result.verdict = c.verdict;
    result.json = finite_certificate_json(instance, c);
    result.proof_log = log.directory();
    result.manifest_sha256 = log.finish({{"max_deviations", request.max_deviations}});
    if (!result.proof_log.empty()) {
        result.json["proof_log"] = result.proof_log;
        result.json["manifest_sha256"] = result.manifest_sha256;
    }
    result.detail = std::move(c);
    return result;
}

CertifyResult certify_inner(const Instance& instance, const CertifyRequest& request, ProofLog& log) {
    std::vector<Vector> actions = !request.profile_text.empty()
                                      ? load_profile_text(request.profile_text, instance, request.limits)
                                  : request.solution ? request.solution->actions
                                                     : solve(instance, solve_options(request)).actions;
    DominanceCertifyOptions options;
    options.timeout_seconds = request.options.timeout_seconds;
    if (request.given.count("rlimit")) options.rlimit = request.options.rlimit;  // else its own default
    options.threads = request.options.threads;
    DominanceCertificate c = certify_weak_dominance(instance, actions, log, options);
    CertifyResult result;
    result.kind = GameKind::inner_loss;
    result.verdict = c.verdict;
    result.json = dominance_certificate_json(instance, c);
    result.proof_log = c.proof_log;
    result.manifest_sha256 = c.manifest_sha256;
    result.actions = std::move(actions);
    result.detail = std::move(c);
    return result;
}

// Squared loss: a profile, or, on curved sets without one, the solver's boxes.
CertifyResult certify_squared(const Instance& instance, const CertifyRequest& request, ProofLog& log,
                              GameKind kind) {
    std::vector<Vector> actions;
    std::optional<Solution> solved;
    const Solution* enclosed = nullptr;
    if (!request.profile_text.empty()) {
        actions = load_profile_text(request.profile_text, instance, request.limits);
    } else {
        const Solution* solution = request.solution;
        if (!solution) solution = &solved.emplace(solve(instance, solve_options(request)));
        if (solution->enclosed)
            enclosed = solution;
        else
            actions = solution->actions;
    }
    Certificate c = enclosed ? certify_enclosure(instance, *enclosed, log, request.options)
                             : certify_profile(instance, actions, log, request.options);
    CertifyResult result;
    result.kind = kind;
    result.verdict = c.verdict;
    result.json = certificate_json(instance, c);
    result.proof_log = c.proof_log;
    result.manifest_sha256 = c.manifest_sha256;
    result.actions = std::move(actions);
    result.detail = std::move(c);
    return result;
}

// Several receivers (docs/model.md §8.5): the solver's first equilibrium, per player two Z3 queries.
CertifyResult certify_several_receivers(const Instance& instance, const CertifyRequest& request) {
    if (!request.profile_text.empty())
        throw UnsupportedError(spelled("profile", request.spelling),
                               "certify --profile with several receivers");
    if (request.given.count("latex"))
        throw UnsupportedError(spelled("latex", request.spelling), "certify --latex with several receivers");
    ReceiversCertificate c =
        certify_receivers(instance, request.proof_log, request.instance_text, request.options);
    CertifyResult result;
    result.kind = GameKind::several_receivers;
    result.verdict = c.verdict;
    result.json = c.json;
    result.proof_log = request.proof_log;
    result.actions = c.actions;
    result.detail = std::move(c);
    return result;
}

}  // namespace

CertifyResult certify(const Instance& instance, const CertifyRequest& request) {
    const GameKind kind = classify_game(instance);
    if (kind != GameKind::finite) refuse(request, {"max-deviations"}, "applies to finite action spaces only");
    switch (kind) {
        case GameKind::receiver_rule:  // `bigcert mechanism` (docs/model.md §6)
            require_mean_rule(instance);
            break;
        case GameKind::several_receivers:
            return certify_several_receivers(instance, request);
        case GameKind::finite:
        case GameKind::inner_loss:
        case GameKind::curved:
        case GameKind::polytope:
            break;
    }
    // Before solving: a directory that may not be replaced is refused before any work.
    ProofLog log(request.proof_log, request.proof_log.empty() ? std::string() : request.instance_text,
                 instance.name);
    for (ProofObserver* observer : request.observers) log.attach(*observer);
    if (kind == GameKind::finite) return certify_finite(instance, request, log);
    if (kind == GameKind::inner_loss) return certify_inner(instance, request, log);
    return certify_squared(instance, request, log, kind);
}

CheckResult check(const Instance& instance, const CheckRequest& request) {
    CheckResult result;
    switch (classify_game(instance)) {
        // No property over every equilibrium is proven for these kinds (their certify covers one profile).
        case GameKind::inner_loss:
            throw UnsupportedError("loss", "bigcert check for this loss");
        case GameKind::finite:
            throw UnsupportedError("players[0].action_set", "bigcert check on finite action spaces");
        case GameKind::receiver_rule:  // `bigcert mechanism` (docs/model.md §6)
            require_mean_rule(instance);
            break;
        case GameKind::several_receivers:  // exact face enumeration, no queries (docs/model.md §8.6)
            if (!request.proof_log.empty())
                throw UnsupportedError("--proof-log",
                                       "check --proof-log with several receivers (no queries)");
            result.verdicts = check_receivers(instance, request.properties);
            result.json = receivers_check_json(instance, result.verdicts);
            return result;
        case GameKind::curved:
        case GameKind::polytope:
            break;
    }
    ProofLog log(request.proof_log, request.proof_log.empty() ? std::string() : request.instance_text,
                 instance.name);
    for (ProofObserver* observer : request.observers) log.attach(*observer);
    result.verdicts = check_properties(instance, request.properties, log, request.options);
    result.json = check_json(instance, result.verdicts, request.proof_log);
    return result;
}

}  // namespace bigcert
