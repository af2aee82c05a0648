// Output of `bigcert solve` for several receivers (docs/format.md "Several receivers"), and the reduction of
// a one-receiver list to the paper's format, so that both spellings give the same answer.
#pragma once

#include <optional>
#include <ostream>

#include "bigcert/core/instance.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/receivers.hpp"

namespace bigcert {

// The same game in the paper's format when there is one receiver and every care is 1; nothing otherwise.
std::optional<Instance> single_receiver_instance(const Instance& instance);

Json receivers_solution_json(const Instance& instance, const ReceiversSolution& solution);
// `solve --json`'s whole answer for a several-receivers instance, which `batch` and Python give too: with one
// receiver and every care 1 the paper-format answer plus `equilibrium.receivers` and the potential's kind,
// otherwise receivers_solution_json of solve_receivers.
Json several_receivers_answer_json(const Instance& instance, const ReceiversOptions& options = {});
void write_receivers_table(std::ostream& out, const Instance& instance, const ReceiversSolution& solution);

}  // namespace bigcert
