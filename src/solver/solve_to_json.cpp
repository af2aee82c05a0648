#include "bigcert/solver/solve_to_json.hpp"

#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/box_solver.hpp"
#include "bigcert/solver/line_solver.hpp"
#include "bigcert/solver/vertex_solver.hpp"

namespace bigcert {

namespace {

// The machine-integer route's outcome: the answer written; a number left the range (the GMP path answers);
// or a box game whose targets repeat (solve() answers, by the same coordinate games, and names the pair).
enum class FastRoute { written, overflow, general };

FastRoute write_fast_solution(const BoxGame& game, std::ostream& out, unsigned threads) {
    if (game.dimension() == 1) {
        // x̂* may outgrow 64-bit fractions while every input fits: the wide route (line_solution.hpp).
        LineAnswer answer = solve_line_game_any_receiver(game.coordinates[0], threads);
        if (answer.line)
            write_line_solution_json(out, game.coordinates[0], *answer.line);
        else if (answer.wide)
            write_wide_line_solution_json(out, game.coordinates[0], *answer.wide);
        else
            return FastRoute::overflow;
        return FastRoute::written;
    }
    std::optional<std::vector<LineSolution>> lines =
        solve_box_coordinates(game, threads, LineOffsets::in_writer);
    if (!lines) return FastRoute::overflow;
    std::optional<BoxAnswer> answer = describe_box_answer(game, std::move(*lines), threads);
    if (!answer) return FastRoute::general;
    write_box_answer_json(out, game, *answer);
    return FastRoute::written;
}

}  // namespace

bool solve_to_json_in_machine_integers(const InstanceSource& source, std::ostream& out,
                                       SolveOptions& options) {
    if (!options.machine_integers || options.force_general) return false;
    std::optional<BoxGame> game = source.load_box_game();
    if (!game) {
        // Polygons and polyhedra (d = 2, 3): the vertex route, the general path's answer in machine integers.
        std::optional<VertexGame> polygons = source.load_vertex_game();
        if (!polygons) return false;
        write_vertex_answer_json(out, *polygons, solve_vertex_game(*polygons, options.threads));
        return true;
    }
    FastRoute route = write_fast_solution(*game, out, options.threads);
    if (route == FastRoute::written) return true;
    options.machine_integers = route == FastRoute::general;
    return false;
}

}  // namespace bigcert
