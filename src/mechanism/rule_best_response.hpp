// Exact best responses under a receiver rule (docs/model.md §6.5), the others' reports fixed. Where the
// rule is coordinate-wise and the set a box or interval, the loss separates and each coordinate is a 1-D
// problem on a continuous monotone piecewise-linear map; on a polygon, a search over the cells where the map
// is affine (polygon_best_response.hpp); the mean on a polytope is the exact projection; the threshold rule
// in d = 1 compares the best report inside the ball with any report outside it.
#pragma once

#include <optional>

#include "bigcert/mechanism/rule_outcome.hpp"

namespace bigcert {

// A best response of `player` (the current report when it is one: ties keep it; else the optimal report
// nearest the truthful one), or nothing where no exact method is implemented (median-type rules on
// polytopes in d >= 3 that are not boxes, the threshold rule in d >= 2).
std::optional<Vector> rule_best_response(const Instance& instance, const ReceiverRule& rule,
                                         std::size_t player, const OwnReportMap& map, const Vector& current);

// Whether rule_best_response answers for this instance and rule.
bool best_response_supported(const Instance& instance, const ReceiverRule& rule);

}  // namespace bigcert
