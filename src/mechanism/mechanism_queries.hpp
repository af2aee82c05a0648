// The Z3 queries of `bigcert mechanism` (docs/model.md §6.3): each asks for a report that lowers a player's
// loss, so "unsat" proves the claim. Internal to the mechanism layer.
#pragma once

#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/instance.hpp"
#include "bigcert/mechanism/rule_outcome.hpp"

namespace bigcert {

// Names of the own-report variables in the queries: y0, y1, ...
std::vector<std::string> own_report_names(std::size_t dimension);
// Names of player j's report variables in the strategyproofness query: r<j>_0, r<j>_1, ...
std::vector<std::string> report_names(std::size_t player, std::size_t dimension);

// Is there y in X_i with |rule(y, others) - t_i|^2 < |rule(current) - t_i|^2, the others fixed? The rule is
// written through `map` (exact piecewise-linear form, ite chains per coordinate). `current_outcome` is the
// receiver's point at the player's current report.
SmtQuery fixed_others_query(const Instance& instance, std::size_t player, const OwnReportMap& map,
                            const Vector& current_outcome, const std::string& what);

// Is there a profile of the others' reports in their sets and y in X_i such that y beats the truthful report
// t'_i (truthful_report) for player i? The rule is written on all reports (order statistics by counting,
// the threshold by ite on each report's distance).
SmtQuery all_profiles_query(const Instance& instance, const ReceiverRule& rule, std::size_t player,
                            const Vector& truthful);

}  // namespace bigcert
