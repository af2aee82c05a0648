#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "bigcert/certificate.hpp"
#include "bigcert/curved_certificate.hpp"
#include "bigcert/display_text.hpp"
#include "bigcert/dominant_strategy_certificate.hpp"
#include "bigcert/errors.hpp"
#include "bigcert/file_access.hpp"
#include "bigcert/finite_game.hpp"
#include "bigcert/finite_game_certificate.hpp"
#include "bigcert/latex.hpp"
#include "bigcert/profile_loader.hpp"
#include "bigcert/solver.hpp"
#include "cli/commands.hpp"

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
            for (std::size_t j = 0; j < v.deviation->size(); ++j) std::cout << (j ? ", " : "") << to_string((*v.deviation)[j]);
            std::cout << ") lowers its loss by " << to_string(v.improvement);
        }
        if (!v.reason.empty()) std::cout << "  reason: " << display_text(v.reason);
        std::cout << "\n";
    }
    if (shown < c.players.size()) std::cout << "  ... " << (c.players.size() - shown) << " more players certified\n";
    if (!c.proof_log.empty())
        std::cout << "proof log  " << display_text(c.proof_log) << "  (manifest sha256 " << c.manifest_sha256
                  << "; replay: bigcert replay " << display_text(c.proof_log) << ")\n";
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
    if (!c.proof_log.empty()) std::cout << "proof log  " << display_text(c.proof_log) << "\n";
}

// Finite action spaces (paper §5.2): every deviation compared exactly.
void print_finite(const Instance& instance, const FiniteCertificate& c) {
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
}

}  // namespace

Runner add_certify_command(CLI::App& app) {
    struct Options {
        InputOptions input;
        std::string profile, proof_log, latex;
        bool json = false;
        CertifyOptions certify;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand("certify", "prove with Z3 that a profile is an equilibrium, or exhibit an improving deviation");
    options->input.add_to(*command);
    command->add_option("--profile", options->profile, "a solution object (FORMAT.md) whose equilibrium.actions to certify; default: solve first");
    command->add_flag("--json", options->json, "print FORMAT.md's certificate object");
    command->add_option(
        "--proof-log", options->proof_log,
        "write every query as SMT-LIB2 plus manifest.json to this directory (new, empty, or an "
        "earlier bundle, which is replaced whole)");
    command->add_option("--timeout", options->certify.timeout_seconds, per_query_timeout_help)
        ->capture_default_str()
        ->check(positive_seconds());
    command->add_option("--rlimit", options->certify.rlimit, "Z3 resource limit per query (deterministic; 0: none)")->capture_default_str();
    command->add_option("--threads", options->certify.threads, "worker threads (0: all cores)");
    command->add_option("--latex", options->latex, "also write a LaTeX paragraph naming the proof bundle (needs --proof-log)");
    return [options, command] {
        if (!options->latex.empty() && options->proof_log.empty())
            throw InputError("--latex", "needs --proof-log DIR: the paragraph names the proof bundle and its SHA-256");
        if (!options->latex.empty()) require_writable("--latex", options->latex);
        Instance instance = options->input.load();
        SolveOptions solve_options;
        solve_options.threads = options->certify.threads;
        if (instance.loss == Loss::inner) {
            if (!options->latex.empty())
                throw InputError("--latex",
                                 "the paragraph names a Z3 proof bundle with a manifest; the inner loss's "
                                 "weak-dominance certificate writes none");
            std::vector<Vector> actions =
                options->profile.empty()
                    ? solve(instance, solve_options).actions
                    : load_profile_file(options->profile, instance, options->input.limits);
            DominanceCertifyOptions dominance;
            dominance.proof_log = options->proof_log;
            dominance.timeout_seconds = options->certify.timeout_seconds;
            if (options->certify.rlimit) dominance.rlimit = options->certify.rlimit;
            DominanceCertificate c = certify_weak_dominance(instance, actions, dominance);
            if (options->json)
                std::cout << dominance_certificate_json(c).dump(1) << "\n";
            else
                print_dominance(instance, c);
            return exit_code_for(c.verdict);
        }
        if (is_finite_game(instance)) {
            // Finite sets (paper §5.2): every deviation is compared exactly; that comparison is the proof, so
            // the options of Z3 and its proof bundle do not apply.
            for (const char* flag : {"--timeout", "--rlimit", "--proof-log", "--latex"})
                if (command->count(flag) > 0)
                    throw InputError(
                        flag,
                        "does not apply to finite action spaces: they are certified by comparing "
                        "every deviation exactly, without Z3");
            std::vector<std::vector<Vector>> chosen =
                options->profile.empty()
                    ? solve(instance, solve_options).chosen_items
                    : load_item_profile_file(options->profile, instance, options->input.limits);
            FiniteCertificate c = certify_finite_profile(instance, chosen);
            if (options->json)
                std::cout << finite_certificate_json(instance, c).dump(1) << "\n";
            else
                print_finite(instance, c);
            return exit_code_for(c.verdict);
        }
        // Before solving: a directory that may not be replaced is refused before any work.
        ProofLog log(options->proof_log, options->proof_log.empty() ? std::string() : options->input.text(),
                     instance.name);
        std::vector<Vector> actions;
        std::optional<Solution> enclosed;  // curved sets: the solver's boxes are what gets certified
        if (options->profile.empty()) {
            Solution solution = solve(instance, solve_options);
            if (solution.enclosed)
                enclosed = std::move(solution);
            else
                actions = std::move(solution.actions);
        } else {
            actions = load_profile_file(options->profile, instance, options->input.limits);
        }
        Certificate certificate = enclosed ? certify_enclosure(instance, *enclosed, log, options->certify)
                                           : certify_profile(instance, actions, log, options->certify);
        if (!options->latex.empty()) {
            std::ofstream latex = open_for_writing("--latex", options->latex);
            write_certificate_paragraph(latex, {instance.name, certificate.verdict, certificate.proof_log,
                                                certificate.manifest_sha256, "Z3"});
            finish_writing(latex, "--latex", options->latex);
        }
        if (options->json)
            std::cout << certificate_json(instance, certificate).dump(1) << "\n";
        else
            print_readable(instance, certificate);
        return exit_code_for(certificate.verdict);
    };
}

}  // namespace bigcert::cli
