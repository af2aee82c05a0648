#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "bigcert/certify/certification.hpp"
#include "bigcert/certify/receivers_certificate.hpp"
#include "bigcert/core/display_text.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/file_access.hpp"
#include "bigcert/io/latex.hpp"
#include "cli/commands.hpp"
#include "cli/query_observer_options.hpp"
#include "cli/shared_options.hpp"

namespace bigcert::cli {
namespace {

int exit_code_for(const std::string& verdict) {
    if (verdict == "certified") return exit_ok;
    if (verdict == "refuted") return exit_refuted;
    return exit_not_certified;
}

void print_readable(const Instance& instance, const Certificate& c) {
    std::cout << "certify    " << (instance.name.empty() ? "(unnamed)" : display_text(instance.name)) << ": "
              << c.verdict << "\n";
    if (!c.claim.empty()) std::cout << "  claim: " << display_text(c.claim) << " (--json prints the boxes)\n";
    std::size_t shown = 0;
    for (const PlayerVerdict& v : c.players) {
        if (v.verdict == "certified" && c.players.size() > 20 && shown >= 20) continue;
        ++shown;
        std::cout << "  player " << instance.numbered_label(v.index) << ": " << v.verdict << "  (variational "
                  << v.variational << ", definition " << v.definition << ", multipliers " << v.multipliers
                  << ")";
        if (v.deviation) {
            std::cout << "  deviation (";
            for (std::size_t j = 0; j < v.deviation->size(); ++j)
                std::cout << (j ? ", " : "") << to_string((*v.deviation)[j]);
            std::cout << ") lowers its loss by " << to_string(v.improvement);
        }
        if (!v.reason.empty()) std::cout << "  reason: " << display_text(v.reason);
        std::cout << "\n";
    }
    if (shown < c.players.size())
        std::cout << "  ... " << (c.players.size() - shown) << " more players certified\n";
    if (!c.proof_log.empty())
        std::cout << "proof log  " << display_text(c.proof_log) << "  (manifest sha256 " << c.manifest_sha256
                  << "; replay: bigcert replay " << display_text(c.proof_log) << ")\n";
}

void print_bundle(const std::string& proof_log, const std::string& manifest_sha256) {
    if (proof_log.empty()) return;
    std::cout << "proof log  " << display_text(proof_log);
    if (!manifest_sha256.empty()) std::cout << "  (manifest sha256 " << manifest_sha256 << ")";
    std::cout << "  (replay: bigcert replay " << display_text(proof_log) << ")\n";
}

void print_vector(const Vector& v) {
    std::cout << "(";
    for (std::size_t j = 0; j < v.size(); ++j) std::cout << (j ? ", " : "") << to_string(v[j]);
    std::cout << ")";
}

// Inner loss (paper §5.1, Theorem 5): each player's action weakly dominates, proven per player by Z3.
void print_dominance(const Instance& instance, const DominanceCertificate& c) {
    std::cout << "certify    " << (instance.name.empty() ? "(unnamed)" : display_text(instance.name)) << ": "
              << c.verdict << "  (weak dominance, Theorem 5; reduction lemma "
              << (c.lemma_proved ? "proved" : "not proved") << ")\n";
    for (const PlayerDominanceVerdict& v : c.players) {
        std::cout << "  player " << instance.numbered_label(v.index) << ": " << v.verdict
                  << "  (definition query " << v.definition << ")";
        if (!v.deviation.empty()) std::cout << "  deviation ", print_vector(v.deviation);
        if (!v.reason.empty()) std::cout << "  reason: " << v.reason;
        std::cout << "\n";
    }
    print_bundle(c.proof_log, c.manifest_sha256);
}

// Finite action spaces (paper §5.2): every deviation compared exactly.
void print_finite(const Instance& instance, const FiniteCertificate& c, const std::string& proof_log) {
    std::cout << "certify    " << (instance.name.empty() ? "(unnamed)" : display_text(instance.name)) << ": "
              << c.verdict << "  (finite action spaces: every deviation compared in exact arithmetic)\n";
    std::cout << "  receiver ", print_vector(c.receiver), std::cout << "\n";
    for (const FinitePlayerVerdict& v : c.players) {
        std::cout << "  player " << instance.numbered_label(v.index) << ": " << v.verdict << "  (" << v.method
                  << ")";
        if (v.verdict == "refuted") {
            std::cout << "  deviation items";
            for (const Vector& item : v.deviation) std::cout << " ", print_vector(item);
            std::cout << " lowers its loss by " << to_string(v.improvement);
        }
        if (!v.reason.empty()) std::cout << "  reason: " << v.reason;
        std::cout << "\n";
    }
    print_bundle(proof_log, "");
}

// The profile's text, its size checked against the input limit before it is read.
std::string read_profile(const std::string& path, const LoadLimits& limits) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > limits.max_input_bytes)
        throw LimitError("--profile: " + path + " exceeds the input limit (raise --max-input-bytes)");
    return read_whole_file("--profile", path);
}

// Several receivers (docs/model.md §8.5): the solver's first equilibrium, per player two Z3 queries.
void print_several_receivers(const Instance& instance, const ReceiversCertificate& c,
                             const std::string& proof_log) {
    std::cout << "certify    " << (instance.name.empty() ? "(unnamed)" : display_text(instance.name)) << ": "
              << c.verdict << " (several receivers)\n";
    for (std::size_t i = 0; i < c.player_verdicts.size(); ++i)
        std::cout << "  player " << instance.numbered_label(i) << ": " << c.player_verdicts[i] << "\n";
    if (!proof_log.empty()) std::cout << "  proof log: " << proof_log << "\n";
}

}  // namespace

Runner add_certify_command(CLI::App& app) {
    struct Options {
        InputOptions input;
        std::string profile, latex;
        bool json = false;
        CertifyRequest request;
        QueryObserverOptions observers;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand(
        "certify", "prove with Z3 that a profile is an equilibrium, or exhibit an improving deviation");
    options->input.add_to(*command);
    command->add_option(
        "--profile", options->profile,
        "a solution object (FORMAT.md) whose equilibrium.actions to certify; default: solve first");
    add_json_flag(*command, options->json, "FORMAT.md's certificate object");
    add_proof_log_option(*command, options->request.proof_log);
    add_query_timeout_option(*command, options->request.options.timeout_seconds);
    add_rlimit_option(*command, options->request.options.rlimit);
    add_threads_option(*command, options->request.options.threads);
    command->add_option("--latex", options->latex,
                        "also write a LaTeX paragraph naming the proof bundle (needs --proof-log)");
    command
        ->add_option("--max-deviations", options->request.max_deviations,
                     "finite action spaces: distinct item sums compared over all players (exit 5 above)")
        ->capture_default_str()
        ->check(positive_count());
    options->observers.add_to(*command);
    options->input.limits.several_receivers = true;
    return [options, command] {
        if (!options->latex.empty() && options->request.proof_log.empty())
            throw InputError("--latex",
                             "needs --proof-log DIR: the paragraph names the proof bundle and its SHA-256");
        if (!options->latex.empty()) require_writable("--latex", options->latex);
        Instance instance = options->input.load();
        CertifyRequest request = options->request;
        if (!instance.receivers.empty())
            options->observers.refuse("certify with several receivers (their queries are not observed)");
        for (const char* flag : {"--timeout", "--rlimit", "--threads", "--max-deviations", "--latex"})
            if (command->count(flag) > 0) request.given.insert(flag + 2);
        if (!options->profile.empty())
            request.profile_text = read_profile(options->profile, options->input.limits);
        if (!request.proof_log.empty()) request.instance_text = options->input.text();
        // --z3-query, --replay-online: observers of every query (query_observer_options.hpp)
        for (const char* flag : {"--z3-query", "--replay-online"})
            if (command->count(flag) > 0) request.given.insert(flag + 2);
        request.observers = options->observers.start(request.options.timeout_seconds);
        CertifyResult result = certify(instance, request);
        options->observers.finish();
        if (!options->latex.empty()) {
            std::ofstream latex = open_for_writing("--latex", options->latex);
            write_certificate_paragraph(
                latex, {instance.name, result.verdict, result.proof_log, result.manifest_sha256,
                        result.kind == GameKind::finite ? "" : "Z3"});
            finish_writing(latex, "--latex", options->latex);
        }
        if (options->json)
            std::cout << result.json.dump(1) << "\n";
        else if (const auto* c = std::get_if<DominanceCertificate>(&result.detail))
            print_dominance(instance, *c);
        else if (const auto* f = std::get_if<FiniteCertificate>(&result.detail))
            print_finite(instance, *f, result.proof_log);
        else if (const auto* r = std::get_if<ReceiversCertificate>(&result.detail))
            print_several_receivers(instance, *r, result.proof_log);
        else
            print_readable(instance, std::get<Certificate>(result.detail));
        return exit_code_for(result.verdict);
    };
}

}  // namespace bigcert::cli
