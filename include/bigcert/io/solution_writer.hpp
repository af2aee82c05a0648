// Solution output: FORMAT.md's solution object (JSON) and the readable table of `bigcert solve`.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "bigcert/core/box_answer.hpp"
#include "bigcert/core/box_game.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/core/line_solution.hpp"
#include "bigcert/core/solution.hpp"
#include "bigcert/core/vertex_game.hpp"

namespace bigcert {

using Json = nlohmann::ordered_json;

// Streams the solution object (no intermediate tree: instances can have 10^6 players).
void write_solution_json(std::ostream& out, const Instance& instance, const Solution& solution);
// The same bytes for the d = 1 fast path's solution (line_solution.hpp), written from machine integers.
void write_line_solution_json(std::ostream& out, const LineGame& game, const LineSolution& solution);
// The same bytes for the wide route's answer (x̂* outgrew 64-bit fractions, line_solution.hpp), the losses
// written from x̂* and the targets (docs/internals.md "Writing losses of huge receivers").
void write_wide_line_solution_json(std::ostream& out, const LineGame& game, const WideLineSolution& solution);
// The same bytes as write_solution_json(instance, solve(instance)) for the box route's answer
// (box_answer.hpp).
void write_box_answer_json(std::ostream& out, const BoxGame& game, const BoxAnswer& answer);
// The same bytes as write_solution_json(instance, solve(instance)) for the vertex route's answer
// (vertex_solver.hpp).
void write_vertex_answer_json(std::ostream& out, const VertexGame& game, const VertexAnswer& answer);
// The same object as a tree, for embedding (batch lines, tests).
Json solution_json(const Instance& instance, const Solution& solution);

void write_solution_table(std::ostream& out, const Instance& instance, const Solution& solution);

Json vector_json(const Vector& v);
std::string count_name(EquilibriumCount count);

}  // namespace bigcert
