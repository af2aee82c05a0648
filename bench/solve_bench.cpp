// Side-by-side timing of the exact solver against the paper's floating-point method (bench/REPORT.md).
//
//   bigcert_solve_bench INSTANCE.json [--tolerance 1e-9] [--max-sweeps 1000] [--solution OUT.json] [--general
//   yes]
// (--solution keeps the exact solution JSON, to compare outputs bit for bit before and after an
// optimisation.) Prints one JSON line: the exact path's phases (parse, solve, write the solution JSON), the
// baseline's phases (parse the same file into doubles with simdjson, round-robin best-response dynamics until
// the receiver is within the tolerance of the exact x̂*), and the ratio baseline / exact.
#include <simdjson.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>

#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/line_game_loader.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/io/vertex_game_loader.hpp"
#include "bigcert/solver/box_solver.hpp"
#include "bigcert/solver/float_dynamics.hpp"
#include "bigcert/solver/line_solver.hpp"
#include "bigcert/solver/solver.hpp"
#include "bigcert/solver/vertex_solver.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using simdjson::ondemand::json_type;
using simdjson::ondemand::value;

// Wall clock and process CPU time (all threads): on a shared, loaded machine the CPU time is the stable
// figure, and it over-counts (never flatters) the exact path's two-thread phases.
struct Stamp {
    Clock::time_point wall = Clock::now();
    std::clock_t cpu = std::clock();
};

struct Phase {
    double wall = 0, cpu = 0;
};

Phase since(const Stamp& start) {
    return {std::chrono::duration<double>(Clock::now() - start.wall).count(),
            double(std::clock() - start.cpu) / CLOCKS_PER_SEC};
}

double parse_double(std::string_view text) {
    double result = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (error != std::errc()) throw std::runtime_error("baseline: not a number: " + std::string(text));
    return result;
}

// A FORMAT.md number as the nearest-ish double: JSON numbers directly, strings "p/q" as p / q.
double number(value v) {
    if (v.type() != json_type::string) return double(v.get_double());
    std::string_view text = v.get_string();
    std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) return parse_double(text);
    return parse_double(text.substr(0, slash)) / parse_double(text.substr(slash + 1));
}

std::vector<double> numbers(value v) {
    std::vector<double> result;
    if (v.type() != json_type::array) return {number(v)};
    for (value element : v.get_array()) result.push_back(number(element));
    return result;
}

struct ActionSet {
    bool present = false;
    double lower = 0, upper = 0;
    std::vector<double> points;          // vertex lists (d = 2 or 3), coordinates point after point
    std::vector<double> box_lo, box_hi;  // a box in d >= 2
};

// Intervals (d = 1), vertex lists (d = 2 and 3) and boxes (any d): what the generator writes.
ActionSet action_set(value v) {
    ActionSet set;
    set.present = true;
    for (auto field : v.get_object()) {
        std::string_view key = field.unescaped_key();
        if (key == "interval") {
            std::vector<double> ends = numbers(field.value());
            set.lower = ends.at(0), set.upper = ends.at(1);
        } else if (key == "vertices") {
            for (value vertex : field.value().get_array())
                for (double c : numbers(vertex)) set.points.push_back(c);
        } else if (key == "box") {
            std::vector<double> lo, hi;
            for (auto bound : field.value().get_object()) {
                std::string_view name = bound.unescaped_key();
                if (name == "lo") lo = numbers(bound.value());
                if (name == "hi") hi = numbers(bound.value());
            }
            if (lo.size() == 1) set.lower = lo.at(0), set.upper = hi.at(0);
            if (lo.size() >= 2) set.box_lo = lo, set.box_hi = hi;  // projected by clamping each coordinate
        } else {
            throw std::runtime_error("baseline: unsupported action set " + std::string(key));
        }
    }
    return set;
}

void add_action_set(bigcert::FloatGame& game, const ActionSet& set) {
    if (!set.box_lo.empty()) {
        bigcert::add_float_box(game, set.box_lo, set.box_hi);
    } else if (game.dimension == 1) {
        game.lower.push_back(set.lower);
        game.upper.push_back(set.upper);
    } else if (game.dimension == 2) {
        bigcert::add_float_polygon(game, set.points);
    } else if (game.dimension == 3) {
        bigcert::add_float_polytope(game, set.points);
    } else {
        throw std::runtime_error("baseline: unsupported vertices in d = " + std::to_string(game.dimension));
    }
}

bigcert::FloatGame load_float_game(const std::string& path) {
    simdjson::ondemand::parser parser;
    simdjson::padded_string json = simdjson::padded_string::load(path);
    simdjson::ondemand::document document = parser.iterate(json);
    bigcert::FloatGame game;
    ActionSet common;
    double bias_weight = 0;
    std::vector<double> bias_point;
    // First pass: everything but the players (the common set may come after them in the file).
    for (auto field : document.get_object()) {
        std::string_view key = field.unescaped_key();
        if (key == "dimension") game.dimension = std::size_t(uint64_t(field.value().get_uint64()));
        if (key == "action_set") common = action_set(field.value());
        if (key == "bias")
            for (auto part : field.value().get_object()) {
                std::string_view name = part.unescaped_key();
                if (name == "weight") bias_weight = number(part.value());
                if (name == "point") bias_point = numbers(part.value());
            }
    }
    game.bias.assign(game.dimension, 0.0);
    for (std::size_t c = 0; c < bias_point.size() && c < game.dimension; ++c)
        game.bias[c] = bias_weight * bias_point[c];
    document.rewind();
    for (value player : document["players"].get_array()) {
        double weight = 1;
        std::vector<double> target;
        ActionSet own;
        for (auto field : player.get_object()) {
            std::string_view key = field.unescaped_key();
            if (key == "weight") weight = number(field.value());
            if (key == "target") target = numbers(field.value());
            if (key == "action_set") own = action_set(field.value());
        }
        game.weights.push_back(weight);
        game.targets.insert(game.targets.end(), target.begin(), target.end());
        add_action_set(game, own.present ? own : common);
    }
    if (!game.box_lo.empty() && game.box_lo.size() != game.players() * game.dimension)
        throw std::runtime_error("baseline: boxes mixed with other sets");
    return game;
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::cerr << "usage: bigcert_solve_bench INSTANCE.json [--tolerance T] [--max-sweeps K]\n";
        return 2;
    }
    std::string path = argv[1];
    bigcert::FloatDynamicsOptions options;
    std::string solution_path = "/dev/null";
    bool general = false;  // --general yes: the GMP path only (load_instance + solve with force_general)
    for (int a = 2; a + 1 < argc; a += 2) {
        std::string flag = argv[a];
        if (flag == "--tolerance") options.tolerance = std::atof(argv[a + 1]);
        if (flag == "--max-sweeps") options.max_sweeps = std::strtoull(argv[a + 1], nullptr, 10);
        if (flag == "--solution") solution_path = argv[a + 1];
        if (flag == "--general") general = std::string(argv[a + 1]) == "yes";
    }

    // The library path `bigcert solve --json` takes: the machine-integer fast path when the instance fits it
    // (d = 1: line_solver.hpp; boxes: box_solver.hpp), else load_instance + solve + write. A declined or
    // overflowing fast-path attempt is charged to the phase it happened in.
    Stamp start;
    std::optional<bigcert::BoxGame> game;
    if (!general) game = bigcert::load_box_game_file(path);
    std::optional<bigcert::VertexGame> polytopes;  // the vertex route (vertex_solver.hpp)
    if (!game && !general) polytopes = bigcert::load_vertex_game_file(path);
    std::optional<bigcert::Instance> instance;
    if (!game && !polytopes) instance = bigcert::load_instance_file(path);
    Phase exact_parse = since(start);
    start = Stamp();
    std::optional<std::vector<bigcert::LineSolution>> lines;
    std::optional<bigcert::WideLineSolution> wide;  // x̂* outgrew 64-bit fractions (line_solution.hpp)
    if (game && game->dimension() == 1) {
        bigcert::LineAnswer line = bigcert::solve_line_game_any_receiver(game->coordinates[0]);
        if (line.line) lines = std::vector<bigcert::LineSolution>{std::move(*line.line)};
        wide = std::move(line.wide);
    } else if (game) {
        lines = bigcert::solve_box_coordinates(*game);
    }
    const bool overflowed = game && !lines && !wide;
    std::optional<bigcert::BoxAnswer> answer;
    if (lines && game->dimension() > 1) {
        answer = bigcert::describe_box_answer(*game, std::move(*lines));
        lines.reset();
    }
    std::optional<bigcert::VertexAnswer> vertex_answer;
    if (polytopes) vertex_answer = bigcert::solve_vertex_game(*polytopes);
    std::optional<bigcert::Solution> solution;
    if (!lines && !wide && !answer && !vertex_answer) {
        bigcert::SolveOptions solve_options;
        solve_options.force_general = general;
        solve_options.machine_integers = !overflowed;  // a game that overflowed would overflow again
        solve_options.losses_in_writer = true;         // as `bigcert solve --json` does
        if (!instance) instance = bigcert::load_instance_file(path);
        solution = bigcert::solve(*instance, solve_options);
    }
    Phase exact_solve = since(start);
    start = Stamp();
    {
        std::ofstream output(solution_path);
        if (lines && lines->size() == 1)
            bigcert::write_line_solution_json(output, game->coordinates[0], lines->front());
        else if (wide)
            bigcert::write_wide_line_solution_json(output, game->coordinates[0], *wide);
        else if (answer)
            bigcert::write_box_answer_json(output, *game, *answer);
        else if (vertex_answer)
            bigcert::write_vertex_answer_json(output, *polytopes, *vertex_answer);
        else
            bigcert::write_solution_json(output, *instance, *solution);
    }
    Phase exact_write = since(start);

    if (lines || answer)
        for (const bigcert::LineSolution& line : answer ? answer->lines : *lines)
            options.reference.push_back(bigcert::to_double(line.receiver));
    else if (wide)
        options.reference.push_back(bigcert::to_double(wide->receiver));
    else if (vertex_answer)
        for (const bigcert::Rational& c : vertex_answer->receiver)
            options.reference.push_back(bigcert::to_double(c));
    else
        for (const bigcert::Rational& c : solution->receiver)
            options.reference.push_back(bigcert::to_double(c));
    Phase float_parse, float_dynamics;
    bigcert::FloatDynamicsResult dynamics;
    try {
        start = Stamp();
        bigcert::FloatGame game = load_float_game(path);
        float_parse = since(start);
        start = Stamp();
        dynamics = bigcert::run_float_best_response(game, options);
        float_dynamics = since(start);
    } catch (const std::exception& error) {  // the exact result above still stands; the line says so
        std::cerr << "bigcert_solve_bench: no baseline: " << error.what() << "\n";
        dynamics.error = -1;
    }

    Phase exact{exact_parse.wall + exact_solve.wall + exact_write.wall,
                exact_parse.cpu + exact_solve.cpu + exact_write.cpu};
    Phase baseline{float_parse.wall + float_dynamics.wall, float_parse.cpu + float_dynamics.cpu};
    auto phase = [](const Phase& p) {
        return "{\"wall\":" + std::to_string(p.wall) + ",\"cpu\":" + std::to_string(p.cpu) + "}";
    };
    std::printf(
        "{\"instance\":\"%s\",\"players\":%zu,\"dimension\":%zu,\"exact\":{\"parse\":%s,\"solve\":%s,"
        "\"write\":%s,"
        "\"total\":%s,\"count\":\"%s\"},\"baseline\":{\"parse\":%s,\"dynamics\":%s,\"total\":%s,\"sweeps\":%"
        "zu,"
        "\"error\":%.3g,\"converged\":%s},\"ratio_baseline_over_exact\":{\"wall\":%.3f,\"cpu\":%.3f}}\n",
        path.c_str(),
        game        ? game->size()
        : polytopes ? polytopes->size()
                    : instance->players.size(),
        game        ? game->dimension()
        : polytopes ? polytopes->dimension
                    : instance->dimension,
        phase(exact_parse).c_str(), phase(exact_solve).c_str(), phase(exact_write).c_str(),
        phase(exact).c_str(),
        bigcert::count_name(vertex_answer ? vertex_answer->count
                            : answer      ? answer->count
                            : lines       ? lines->front().count
                                          : solution->count)
            .c_str(),
        phase(float_parse).c_str(), phase(float_dynamics).c_str(), phase(baseline).c_str(), dynamics.sweeps,
        dynamics.error, dynamics.converged ? "true" : "false", baseline.wall / exact.wall,
        baseline.cpu / exact.cpu);
    return 0;
} catch (const std::exception& error) {
    std::cerr << "bigcert_solve_bench: " << error.what() << "\n";
    return 3;
}
