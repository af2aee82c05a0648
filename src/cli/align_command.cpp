// `bigcert align`: the value-alignment experiment of the paper's §6. The learned receiver and the
// dynamics are numerical (printed as approximations); the affine surrogate's game is solved exactly and
// certified with Z3 — a statement about the surrogate, not about the learned receiver.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "bigcert/alignment.hpp"
#include "bigcert/alignment_external_receiver.hpp"
#include "bigcert/certificate.hpp"
#include "bigcert/display_text.hpp"
#include "bigcert/errors.hpp"
#include "bigcert/file_access.hpp"
#include "bigcert/solution_writer.hpp"
#include "bigcert/solver.hpp"
#include "cli/commands.hpp"

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

// Figure 8 of the paper: per round, each player's report, x̂, the targets and the set's bounds (coordinate 0).
std::string figure_svg(const AlignConfig& config, const AlignRun& run) {
    const double width = 720, height = 420, left = 60, right = 150, top = 40, bottom = 50;
    double lo = config.box_lo[0], hi = config.box_hi[0];
    for (const AlignPlayer& p : config.players) lo = std::min(lo, p.ideal[0]), hi = std::max(hi, p.ideal[0]);
    for (const AlignRound& r : run.rounds) lo = std::min(lo, r.receiver[0]), hi = std::max(hi, r.receiver[0]);
    const double pad = 0.08 * (hi - lo > 0 ? hi - lo : 1);
    lo -= pad, hi += pad;
    const double last = std::max<double>(1, static_cast<double>(run.rounds.size() - 1));
    auto X = [&](double round) { return left + (width - left - right) * round / last; };
    auto Y = [&](double v) { return top + (height - top - bottom) * (hi - v) / (hi - lo); };
    const char* colors[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                            "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};
    char buf[512];
    std::string svg;
    std::snprintf(
        buf, sizeof buf,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\" "
        "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" "
        "fill=\"white\"/>\n",
        width, height, width, height);
    svg += buf;
    std::snprintf(buf, sizeof buf,
                  "<text x=\"%g\" y=\"22\" font-size=\"14\">bigcert align: reports and learned receiver per "
                  "round%s (approximate)</text>\n",
                  left, config.dimension > 1 ? ", coordinate 0" : "");
    svg += buf;
    auto hline = [&](double v, const char* color, const char* dash, const std::string& label) {
        std::snprintf(
            buf, sizeof buf,
            "<line x1=\"%g\" y1=\"%.2f\" x2=\"%g\" y2=\"%.2f\" stroke=\"%s\" stroke-dasharray=\"%s\"/>"
            "<text x=\"%g\" y=\"%.2f\" fill=\"%s\">%s</text>\n",
            left, Y(v), width - right, Y(v), color, dash, width - right + 6, Y(v) + 4, color, label.c_str());
        svg += buf;
    };
    hline(config.box_lo[0], "#777", "2,3", "set bound " + approx(config.box_lo[0]));
    hline(config.box_hi[0], "#777", "2,3", "set bound " + approx(config.box_hi[0]));
    const std::size_t shown = std::min<std::size_t>(config.players.size(), 8);
    for (std::size_t i = 0; i < shown; ++i)
        hline(config.players[i].ideal[0], colors[i], "6,4", "target " + std::to_string(i));
    // Axes and round ticks.
    std::snprintf(buf, sizeof buf, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"black\"/>\n", left,
                  height - bottom, width - right, height - bottom);
    svg += buf;
    std::snprintf(buf, sizeof buf, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"black\"/>\n", left,
                  top, left, height - bottom);
    svg += buf;
    for (const AlignRound& r : run.rounds) {
        std::snprintf(buf, sizeof buf, "<text x=\"%.2f\" y=\"%g\" text-anchor=\"middle\">%zu</text>\n",
                      X(static_cast<double>(r.round)), height - bottom + 16, r.round);
        svg += buf;
    }
    std::snprintf(buf, sizeof buf, "<text x=\"%g\" y=\"%g\" text-anchor=\"middle\">round</text>\n",
                  (left + width - right) / 2, height - 12);
    svg += buf;
    for (int t = 0; t <= 4; ++t) {
        double v = lo + (hi - lo) * t / 4;
        std::snprintf(buf, sizeof buf, "<text x=\"%g\" y=\"%.2f\" text-anchor=\"end\">%.2f</text>\n",
                      left - 6, Y(v) + 4, v);
        svg += buf;
    }
    auto series = [&](auto value, const char* color, double stroke, const std::string& label,
                      double label_y) {
        std::string points;
        for (const AlignRound& r : run.rounds) {
            std::snprintf(buf, sizeof buf, "%.2f,%.2f ", X(static_cast<double>(r.round)), Y(value(r)));
            points += buf;
        }
        svg += "<polyline fill=\"none\" stroke=\"" + std::string(color) + "\" stroke-width=\"" +
               approx(stroke) + "\" points=\"" + points + "\"/>\n";
        for (const AlignRound& r : run.rounds) {
            std::snprintf(buf, sizeof buf, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"%s\"/>\n",
                          X(static_cast<double>(r.round)), Y(value(r)), color);
            svg += buf;
        }
        std::snprintf(buf, sizeof buf, "<text x=\"%g\" y=\"%g\" fill=\"%s\">%s</text>\n", left + 8, label_y,
                      color, label.c_str());
        svg += buf;
    };
    for (std::size_t i = 0; i < shown; ++i)
        series([i](const AlignRound& r) { return r.reports[i][0]; }, colors[i], 1.5,
               "report of player " + std::to_string(i), top + 14 + 14.0 * static_cast<double>(i));
    series([](const AlignRound& r) { return r.receiver[0]; }, "black", 3, "learned receiver x\u0302",
           top + 14 + 14.0 * static_cast<double>(shown));
    return svg + "</svg>\n";
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
    command->add_flag("--json", options->json, "print FORMAT.md's align object");
    command->add_option("--svg", options->svg, "write a Figure-8-style plot of the rounds to this file");
    command->add_option(
        "--receiver-cmd", options->receiver_cmd,
        "external receiver: reads a JSON report profile on stdin, prints x̂ (docs/cli.md, align)");
    command
        ->add_option("--receiver-timeout", options->receiver_timeout,
                     "seconds per external receiver call (then its process group is killed, exit 5)")
        ->capture_default_str()
        ->check(positive_seconds());
    command->add_option("--threads", options->threads, "worker threads for the MLE (0: all cores)");
    command
        ->add_option("--max-memory-mb", options->max_memory_mb,
                     "refuse configs whose pairs, players and rounds need more memory (estimated up front)")
        ->capture_default_str()
        ->check(positive_count());
    command
        ->add_option("--timeout", options->certify.timeout_seconds,
                     "seconds per Z3 query of the surrogate certification (its solving; --time-limit bounds "
                     "the whole run)")
        ->capture_default_str()
        ->check(positive_seconds());
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
            out << figure_svg(config, run);
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
