#include <fstream>
#include <memory>
#include <sstream>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/game_kind.hpp"
#include "bigcert/io/exact_json.hpp"
#include "bigcert/io/figure.hpp"
#include "bigcert/io/file_access.hpp"
#include "bigcert/io/solution_keys.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/mechanism/mechanism_figure.hpp"
#include "bigcert/mechanism/mechanism_run.hpp"
#include "bigcert/solver/receivers.hpp"
#include "bigcert/solver/receivers_output.hpp"
#include "bigcert/solver/solver.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

namespace {

Vector exact_vector(const Json& value, const std::string& path, std::size_t dimension) {
    if (!value.is_array() || value.size() != dimension)
        throw InputError(path, "expected " + std::to_string(dimension) + " numbers");
    Vector v;
    for (std::size_t k = 0; k < value.size(); ++k) {
        std::optional<Rational> x =
            value[k].is_string() ? parse_rational(value[k].get<std::string>()) : std::nullopt;
        if (!x)
            throw InputError(path + "[" + std::to_string(k) + "]",
                             "expected an exact number as a string: " + value[k].dump());
        v.push_back(*x);
    }
    return v;
}

// A solution object written by `solve --json` (only the fields a figure needs), re-checked exactly:
// a figure must not show as an equilibrium what is none.
Solution read_solution(const std::string& path, const Instance& instance) {
    std::ifstream in(path);
    if (!in) throw InputError(path, "cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    Json json = parse_exact_json(text.str());
    if (!json.is_object() || !json.contains("equilibrium"))
        throw InputError(path, "not a solution object (no \"equilibrium\")");
    // FORMAT.md: an unknown or repeated key is an error naming its path (repeats: parse_exact_json).
    const JsonPath root;
    require_known_keys(json, root, solution_keys);
    require_known_keys(json["equilibrium"], root.field("equilibrium"), equilibrium_keys);
    const Json& eq = json["equilibrium"];
    if (!eq.contains("actions") || !eq["actions"].is_array() ||
        eq["actions"].size() != instance.players.size())
        throw InputError("equilibrium.actions", "expected one action per player");
    Solution s;
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        s.actions.push_back(exact_vector(eq["actions"][i], "equilibrium.actions[" + std::to_string(i) + "]",
                                         instance.dimension));
    s.receiver = instance.receiver(s.actions);
    s.face_vertices.assign(instance.players.size(), {});
    if (json.contains("equilibria") && json["equilibria"].contains("faces")) {
        s.count = json["equilibria"].value("count", std::string("one")) == "infinite"
                      ? EquilibriumCount::infinite
                      : EquilibriumCount::one;
        const Json& faces = json["equilibria"]["faces"];
        for (std::size_t k = 0; k < faces.size(); ++k) {
            std::string where = "equilibria.faces[" + std::to_string(k) + "]";
            std::size_t player = faces[k].value("player", instance.players.size());
            if (player >= instance.players.size()) throw InputError(where + ".player", "no such player");
            for (std::size_t v = 0; v < faces[k]["vertices"].size(); ++v)
                s.face_vertices[player].push_back(exact_vector(faces[k]["vertices"][v],
                                                               where + ".vertices[" + std::to_string(v) + "]",
                                                               instance.dimension));
        }
    }
    CheckReport report = check_equilibrium(instance, s.actions, s.receiver);
    if (!report.ok) throw InputError(path, "not an equilibrium of this instance: " + report.failure);
    return s;
}

// Several receivers (docs/model.md §8): the first equilibrium of a `solve --json` answer (the solver's, or
// the --solution file's), re-checked exactly, with every receiver's x̂_j.
Figure several_receivers_figure(const Instance& instance, const std::string& solution_path) {
    Json answer;
    std::string where = "the solver's answer";
    if (solution_path.empty()) {
        answer = several_receivers_answer_json(instance);
    } else {
        std::ifstream in(solution_path);
        if (!in) throw InputError(solution_path, "cannot open");
        std::ostringstream text;
        text << in.rdbuf();
        answer = parse_exact_json(text.str());
        where = solution_path;
        if (!answer.is_object() || !answer.contains("equilibrium") || !answer["equilibrium"].is_object())
            throw InputError(solution_path, "not a solution object (no \"equilibrium\")");
        const JsonPath root;
        require_known_keys(answer, root, receivers_solution_keys);
        require_known_keys(answer["equilibrium"], root.field("equilibrium"), receivers_equilibrium_keys);
    }
    const Json& eq = answer["equilibrium"];
    if (!eq.contains("actions") || !eq["actions"].is_array() ||
        eq["actions"].size() != instance.players.size())
        throw InputError("equilibrium.actions", "expected one action per player");
    std::vector<Vector> actions;
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        actions.push_back(exact_vector(eq["actions"][i], "equilibrium.actions[" + std::to_string(i) + "]",
                                       instance.dimension));
    for (std::size_t i = 0; i < actions.size(); ++i)
        if (!instance.set_of(i).contains(actions[i]))
            throw InputError("equilibrium.actions[" + std::to_string(i) + "]",
                             "not in the player's action set");
    const std::string failure = receivers_equilibrium_failure(instance, receiver_game_of(instance), actions);
    if (!failure.empty()) throw InputError(where, "not an equilibrium of this instance: " + failure);
    std::vector<Vector> receivers;
    for (std::size_t j = 0; j < instance.receivers.size(); ++j)
        receivers.push_back(receiver_point(instance, j, actions));
    std::string note = "x̂_j at the equilibrium of " + where;
    if (answer.contains("equilibria") && answer["equilibria"].is_object() &&
        answer["equilibria"].contains("found"))
        note = answer["equilibria"]["found"] == 1
                   ? "x̂_j at the only equilibrium found"
                   : "x̂_j at the first of " + answer["equilibria"]["found"].dump() + " equilibria found";
    note += ", re-checked exactly; drawn in double precision (exact: data-exact)";
    return receivers_equilibrium_figure(instance, actions, receivers, note);
}

// `plot --compare`: the receiver rules' bar chart of `bigcert mechanism --compare ... --svg` (docs/cli.md),
// from the same run with mechanism's defaults and no proof files; `undecided` as mechanism's exit 4.
struct RulesFigure {
    Figure figure;
    FigureCanvas canvas;
    bool undecided = false;
};

RulesFigure rules_figure(const Instance& instance, const std::vector<std::string>& rules,
                         const LoadLimits& limits) {
    MechanismRequest request;
    request.compare = rules;
    request.limits = limits;
    const MechanismRun run = run_mechanism(instance, request);
    return {mechanism_comparison_figure(instance, run.reports),
            mechanism_comparison_canvas(run.reports.size()), run.undecided()};
}

}  // namespace

Runner add_plot_command(CLI::App& app) {
    struct Options {
        InputOptions input;
        std::string solution, svg, tikz;
        std::vector<std::string> compare;
        bool contour = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand("plot", "figures of an equilibrium (SVG, TikZ)");
    options->input.add_to(*command);
    command->add_option("--solution", options->solution,
                        "draw this solution (solve --json output) instead of solving");
    command->add_option("--svg", options->svg, "write an SVG file");
    command->add_option("--tikz", options->tikz,
                        "write a TikZ picture (\\input it; needs \\usepackage{tikz})");
    command->add_flag("--contour", options->contour,
                      "d = 1, two players: contour plot of the potential instead");
    command
        ->add_option("--compare", options->compare,
                     "receiver rule objects: their bar chart at the equilibria (as mechanism --compare)")
        ->expected(1, -1);
    options->input.limits.several_receivers = true;
    return [options] {
        if (options->svg.empty() && options->tikz.empty())
            throw InputError("", "give --svg FILE and/or --tikz FILE");
        if (!options->svg.empty()) require_writable("--svg", options->svg);
        if (!options->tikz.empty()) require_writable("--tikz", options->tikz);
        const bool rules = !options->compare.empty();
        if (rules && (options->contour || !options->solution.empty()))
            throw InputError("--compare", std::string("does not combine with ") +
                                              (options->contour ? "--contour" : "--solution"));
        options->input.any_rule = rules;  // the instance's own rule does not matter to --compare
        Instance instance = options->input.load();
        Figure figure;
        FigureCanvas canvas;
        bool undecided = false;
        if (classify_game(instance) == GameKind::several_receivers) {
            if (rules || options->contour)
                throw UnsupportedError(
                    rules ? "--compare" : "--contour",
                    std::string("plot ") + (rules ? "--compare" : "--contour") + " with several receivers");
            figure = several_receivers_figure(instance, options->solution);
        } else if (rules) {
            RulesFigure drawn = rules_figure(instance, options->compare, options->input.limits);
            figure = std::move(drawn.figure), canvas = drawn.canvas, undecided = drawn.undecided;
        } else {
            Solution solution =
                options->solution.empty() ? solve(instance) : read_solution(options->solution, instance);
            figure = options->contour ? potential_contour_figure(instance, solution)
                                      : equilibrium_figure(instance, solution);
        }
        if (!options->svg.empty()) {
            std::ofstream out = open_for_writing("--svg", options->svg);
            write_svg(out, figure, canvas);
            finish_writing(out, "--svg", options->svg);
        }
        if (!options->tikz.empty()) {
            std::ofstream out = open_for_writing("--tikz", options->tikz);
            write_tikz(out, figure, canvas);
            finish_writing(out, "--tikz", options->tikz);
        }
        return undecided ? exit_not_certified : exit_ok;
    };
}

}  // namespace bigcert::cli
