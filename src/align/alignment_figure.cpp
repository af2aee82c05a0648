#include "bigcert/align/alignment_figure.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace bigcert {

namespace {

constexpr std::size_t max_players_drawn = 8;

std::string approx(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", v);
    return text;
}

// A horizontal guide across every round (a set bound or a target).
FigurePath level(double value, double last_round, FigureStyle style) {
    FigurePath path;
    path.points = {{0, value}, {last_round, value}};
    path.style = style;
    path.role = "guide";
    return path;
}

}  // namespace

Figure alignment_figure(const AlignConfig& config, const AlignRun& run) {
    Figure figure;
    figure.title = std::string("bigcert align: reports and learned receiver per round") +
                   (config.dimension > 1 ? ", coordinate 0" : "") + " (approximate)";
    figure.x_label = "round";
    figure.y_label = config.dimension > 1 ? "coordinate 0" : "report";
    const double last = std::max<double>(1, static_cast<double>(run.rounds.size()) - 1);
    double lo = config.box_lo[0], hi = config.box_hi[0];
    for (const AlignPlayer& p : config.players) lo = std::min(lo, p.ideal[0]), hi = std::max(hi, p.ideal[0]);
    for (const AlignRound& r : run.rounds) lo = std::min(lo, r.receiver[0]), hi = std::max(hi, r.receiver[0]);
    const double pad = 0.08 * (hi - lo > 0 ? hi - lo : 1);
    figure.x_min = 0, figure.x_max = last, figure.y_min = lo - pad, figure.y_max = hi + pad;

    FigureStyle bound{-1, true, false, 0.8};
    figure.paths.push_back(level(config.box_lo[0], last, bound));
    figure.paths.push_back(level(config.box_hi[0], last, bound));
    figure.legend.push_back({"set bounds " + approx(config.box_lo[0]) + ", " + approx(config.box_hi[0]),
                             MarkerShape::circle, bound, true});
    const std::size_t shown = std::min(config.players.size(), max_players_drawn);
    for (std::size_t i = 0; i < shown; ++i) {
        const int series = static_cast<int>(i);
        figure.paths.push_back(level(config.players[i].ideal[0], last, {series, true, false, 0.8}));
        FigurePath reports;
        reports.style = {series, false, false, 1.5};
        reports.role = "report";
        reports.player = static_cast<long>(i);
        for (const AlignRound& r : run.rounds) {
            FigurePoint at{static_cast<double>(r.round), r.reports[i][0]};
            reports.points.push_back(at);
            FigureMarker mark;
            mark.at = at, mark.style = reports.style, mark.role = "report", mark.player = reports.player;
            mark.size = 2.5;
            figure.markers.push_back(mark);
        }
        figure.paths.push_back(std::move(reports));
        figure.legend.push_back({"report of player " + std::to_string(i) + " (dashed: its target)",
                                 MarkerShape::circle,
                                 {series, false, false, 1.5},
                                 false});
    }
    FigurePath receiver;
    receiver.style = {-1, false, false, 3};
    receiver.role = "receiver";
    for (const AlignRound& r : run.rounds)
        receiver.points.push_back({static_cast<double>(r.round), r.receiver[0]});
    figure.paths.push_back(std::move(receiver));
    figure.legend.push_back({"learned receiver x\u0302", MarkerShape::circle, {-1, false, false, 3}, true});
    if (shown < config.players.size())
        figure.notes.push_back("players " + std::to_string(shown) + " to " +
                               std::to_string(config.players.size() - 1) + " are not drawn");
    figure.notes.push_back("approximate: the learned receiver is a numerical fit (docs/cli.md, align)");
    return figure;
}

}  // namespace bigcert
