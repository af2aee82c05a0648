// `bigcert align`: the value-alignment experiment of the paper's §6. The learned receiver and the
// dynamics are numerical (printed as approximations); the affine surrogate's game is solved exactly and
// certified with Z3 — a statement about the surrogate, not about the learned receiver.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "bigcert/align/alignment.hpp"
#include "bigcert/align/alignment_external_receiver.hpp"
#include "bigcert/align/alignment_figure.hpp"
#include "bigcert/certify/certificate.hpp"
#include "bigcert/core/display_text.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/file_access.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/solver.hpp"
#include "cli/commands.hpp"
#include "cli/shared_options.hpp"

namespace bigcert::cli {
namespace {

std::string approx(double x) {
    char text[40];
    std::snprintf(text, sizeof text, "%.9g", std::abs(x) < 5e-16 ? 0.0 : x);
    return text;
}

Json approx_vector(const std::vector<double>& v) {
    Json out = Json::array();
    for (double x : v) out.push_back(approx(x));
    return out;
}

std::string point_text(const std::vector<double>& v) {
    char text[40];
    std::string out = v.size() == 1 ? "" : "(";
    for (std::size_t k = 0; k < v.size(); ++k) {
        std::snprintf(text, sizeof text, "%.4f", v[k]);
        out += (k ? ", " : "") + std::string(text);
    }
    return out + (v.size() == 1 ? "" : ")");
}

// Library failures of the numerical receiver, mapped to the tool's error vocabulary.
template <class Work>
auto guarded(const std::string& receiver_cmd, Work&& work) {
    try {
        return work();
    } catch (const ExternalReceiverTimeout& e) {
        throw LimitError(std::string("--receiver-cmd: ") + e.what());
    } catch (const ExternalReceiverError& e) {
        throw InputError("--receiver-cmd", e.what());
    } catch (const NoMaximumError& e) {
        throw InputError(receiver_cmd.empty() ? "players[*].pairs" : "--receiver-cmd", e.what());
    }
}

// Refused before anything is drawn (docs/cli.md "Exit codes": a resource limit is exit 5 naming the flag).
void require_memory_within(const AlignConfig& config, bool learned_receiver, std::size_t max_memory_mb) {
    const double megabytes = estimated_align_bytes(config, learned_receiver) / (1024.0 * 1024.0);
    if (megabytes <= static_cast<double>(max_memory_mb)) return;
    char needed[32];
    std::snprintf(needed, sizeof needed, "%.0f", megabytes);
    throw LimitError(
        std::string(learned_receiver ? "players[*].pairs, players and rounds" : "players and rounds") +
        ": the experiment needs about " + needed + " MB, more than --max-memory-mb " +
        std::to_string(max_memory_mb) + " (raise --max-memory-mb)");
}

}  // namespace

Runner add_align_command(CLI::App& app) {
    struct Options {
        std::string config, svg, receiver_cmd;
        double receiver_timeout = 60;
        bool json = false;
        CertifyOptions certify;
        unsigned threads = 0;
        std::size_t max_memory_mb = 2048;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand(
        "align",
        "value-alignment experiment (paper §6): strategic data providers against a learned receiver");
    command->add_option("CONFIG", options->config, "bigcert-align/1 config (FORMAT.md)")->required();
    add_json_flag(*command, options->json, "FORMAT.md's align object");
    command->add_option("--svg", options->svg, "write a Figure-8-style plot of the rounds to this file");
    command->add_option(
        "--receiver-cmd", options->receiver_cmd,
        "external receiver: reads a JSON report profile on stdin, prints x̂ (docs/cli.md, align)");
    command
        ->add_option("--receiver-timeout", options->receiver_timeout,
                     "seconds per external receiver call (then its process group is killed, exit 5)")
        ->capture_default_str()
        ->check(positive_seconds());
    add_threads_option(*command, options->threads, "for the MLE");
    command
        ->add_option("--max-memory-mb", options->max_memory_mb,
                     "refuse configs whose pairs, players and rounds need more memory (estimated up front)")
        ->capture_default_str()
        ->check(positive_count());
    add_query_timeout_option(*command, options->certify.timeout_seconds,
                             "seconds per Z3 query of the surrogate certification (its solving; --time-limit "
                             "bounds the whole run)");
    return [options] {
        if (!options->svg.empty()) require_writable("--svg", options->svg);
        const AlignConfig config = load_align_config_file(options->config);
        require_memory_within(config, options->receiver_cmd.empty(), options->max_memory_mb);
        ReceiverFunction receiver;
        if (options->receiver_cmd.empty()) {
            auto learned = std::make_shared<LearnedReceiver>(config, options->threads);
            receiver = [learned](const std::vector<std::vector<double>>& reports) {
                return (*learned)(reports);
            };
        } else {
            auto external = std::make_shared<ExternalReceiver>(options->receiver_cmd, config.dimension,
                                                               options->receiver_timeout);
            receiver = [external](const std::vector<std::vector<double>>& reports) {
                return (*external)(reports);
            };
        }
        const std::string& cmd = options->receiver_cmd;
        // The surrogate first: the "surrogate" dynamics use its exact best responses.
        AffineSurrogate surrogate = guarded(cmd, [&] { return fit_affine_surrogate(config, receiver); });
        AlignRun run = guarded(cmd, [&] { return run_alignment(config, receiver, &surrogate); });

        Solution solution = solve(surrogate.instance);
        ProofLog log("", "", surrogate.instance.name);
        CertifyOptions certify_options = options->certify;
        certify_options.threads = options->threads;
        Certificate certificate = certify_profile(surrogate.instance, solution.actions, log, certify_options);
        const std::string verdict = certificate.verdict == "certified" ? "certified" : certificate.verdict;

        const std::vector<std::vector<double>>& final_reports = run.rounds.back().reports;
        double report_gap = 0;
        for (std::size_t i = 0; i < config.players.size(); ++i)
            for (std::size_t k = 0; k < config.dimension; ++k)
                report_gap =
                    std::max(report_gap, std::abs(final_reports[i][k] - to_double(solution.actions[i][k])));

        if (!options->svg.empty()) {
            std::ofstream out = open_for_writing("--svg", options->svg);
            write_svg(out, alignment_figure(config, run));
            finish_writing(out, "--svg", options->svg);
        }
        if (options->json) {
            Json rounds = Json::array();
            for (const AlignRound& r : run.rounds) {
                Json reports = Json::array();
                for (const auto& x : r.reports) reports.push_back(approx_vector(x));
                rounds.push_back({{"round", r.round},
                                  {"player", r.player ? Json(*r.player) : Json(nullptr)},
                                  {"reports", reports},
                                  {"receiver", approx_vector(r.receiver)}});
            }
            Json weights = Json::array();
            for (const Player& p : surrogate.instance.players) weights.push_back(to_string(p.weight));
            Json fitted = Json::array();
            for (double w : surrogate.weights) fitted.push_back(approx(w));
            Json out = {
                {"format", "bigcert-align-result/1"},
                {"approximate",
                 "reports, receivers, fitted weights and residual are numerical approximations"},
                {"receiver", cmd.empty() ? "learned (Bradley-Terry MLE)" : "external: " + cmd},
                {"best_response", config.best_response},
                {"rounds", rounds},
                {"converged", run.converged},
                {"surrogate",
                 {{"note",
                   "an affine approximation of the receiver, fitted by least squares and rounded; its game "
                   "is exact"},
                  {"fitted_weights", fitted},
                  {"weights", weights},
                  {"bias", vector_json(surrogate.instance.bias_point)},
                  {"residual_rms", approx(surrogate.residual_rms)},
                  {"probes", surrogate.probes},
                  {"equilibrium", {{"actions", Json::array()}, {"receiver", vector_json(solution.receiver)}}},
                  {"verdict", verdict},
                  {"max_report_gap_to_dynamics", approx(report_gap)}}}};
            for (const Vector& a : solution.actions)
                out["surrogate"]["equilibrium"]["actions"].push_back(vector_json(a));
            std::cout << out.dump(2) << "\n";
            return static_cast<int>(exit_ok);
        }
        std::cout << "align  " << config.players.size() << " players, d = " << config.dimension
                  << ", receiver: " << (cmd.empty() ? "learned Bradley-Terry MLE" : "external `" + cmd + "`")
                  << ", best response: " << config.best_response
                  << "  (all numbers below except the surrogate's game are approximations)\n";
        std::cout << "round  player  reports -> receiver x̂\n";
        for (const AlignRound& r : run.rounds) {
            std::printf("%5zu  %6s  ", r.round, r.player ? std::to_string(*r.player).c_str() : "-");
            std::string reports;
            const std::size_t shown = std::min<std::size_t>(r.reports.size(), 6);
            for (std::size_t i = 0; i < shown; ++i) reports += (i ? " " : "") + point_text(r.reports[i]);
            if (shown < r.reports.size()) reports += " ...";
            std::cout << reports << "  ->  " << point_text(r.receiver) << "\n";
        }
        std::cout << (run.converged ? "converged: the last n best responses changed no report (within 1e-6)\n"
                                    : "not converged within the configured rounds\n");
        std::cout << "surrogate  x̂ ≈ b + Σ w_i x_i fitted on " << surrogate.probes << " probes, RMS residual "
                  << approx(surrogate.residual_rms) << "; rounded weights";
        for (std::size_t i = 0; i < std::min<std::size_t>(surrogate.instance.players.size(), 6); ++i)
            std::cout << " " << to_string(surrogate.instance.players[i].weight);
        if (surrogate.instance.players.size() > 6) std::cout << " ...";
        std::cout << ", bias " << to_string(surrogate.instance.bias_point[0])
                  << (config.dimension > 1 ? " ..." : "") << "\n";
        std::cout << "surrogate equilibrium (exact): ";
        for (std::size_t i = 0; i < std::min<std::size_t>(solution.actions.size(), 6); ++i) {
            std::cout << (i ? " " : "") << (config.dimension == 1 ? "" : "(");
            for (std::size_t k = 0; k < config.dimension; ++k)
                std::cout << (k ? ", " : "") << to_string(solution.actions[i][k]);
            std::cout << (config.dimension == 1 ? "" : ")");
        }
        std::cout << (solution.actions.size() > 6 ? " ..." : "") << "  receiver";
        for (const Rational& x : solution.receiver) std::cout << " " << to_string(x);
        std::cout << "\nsurrogate verdict (Z3): " << verdict << "\n";
        std::cout << "learned dynamics ended within " << approx(report_gap)
                  << " of the surrogate equilibrium (max report difference)\n";
        if (!options->svg.empty()) std::cout << "figure  " << display_text(options->svg) << "\n";
        return static_cast<int>(exit_ok);
    };
}

}  // namespace bigcert::cli
