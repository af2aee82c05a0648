// The exact stage of the interval sweep (docs/model.md §3e), written once for its three users: the GMP
// sweep (interval_sweep.cpp), the machine-integer sweep over sorted targets (line_sweep.cpp) and the
// selection that finds neighbouring targets by scans (line_selection.cpp).
//
// F(x) = bias + Σ w_i s_i(x) is constant on each open gap between consecutive targets and drops by the
// group's jump Σ |w_i| (hi_i − lo_i) where x passes a target, so G(x) = x − F(x) is increasing and x̂* is
// its unique root. Starting from a guessed group g (x̂* at or left of t_g, right of the group before) and
// the exact F on the gap left of t_g, each step moves one group towards the root; the answer is a target
// (F jumps across x there) or the gap's value F. Floating point only picks the start: every decision here
// is exact, so a poor guess costs steps, never correctness.
#pragma once

#include <cstddef>
#include <optional>

#include "bigcert/core/rational.hpp"

namespace bigcert {

// Groups: the targets in order, one group per distinct target.
//   Group                       an index type with a value meaning "right of every target";
//   bool exists(Group)          false for that value;
//   Rational target(Group)      t_g, exactly;
//   Rational jump(Group)        the drop of F at t_g, exactly (> 0);
//   Group right_of(Group)       the next group (or "right of all");
//   std::optional<Group> left_of(Group)   the previous group, nothing left of the first.
// Returns x̂*, or nothing after max_steps steps (the caller then starts afresh from a better guess).
template <class Groups>
std::optional<Rational> walk_to_receiver(const Groups& groups, typename Groups::Group group, Rational value,
                                         std::size_t max_steps) {
    for (std::size_t step = 0; step < max_steps; ++step) {
        if (groups.exists(group)) {
            Rational t = groups.target(group);
            if (value >= t) {  // G < 0 just left of t_g: x̂* is t_g or right of it
                Rational after = value - groups.jump(group);
                if (after <= t) return t;
                value = std::move(after);
                group = groups.right_of(group);
                continue;
            }
        }
        std::optional<typename Groups::Group> previous = groups.left_of(group);
        if (!previous) return value;  // left of every target: F is constant there
        Rational t = groups.target(*previous);
        if (value > t) return value;  // on the gap between t_previous and t_group
        group = *previous;
        value += groups.jump(group);
        if (value >= t) return t;
    }
    return std::nullopt;
}

// A first group from doubles: walk the groups in order, F starting at its value left of every target.
// `target_of(g)` and `jump_of(g)` are the doubles of the group's target and jump.
template <class TargetOf, class JumpOf>
std::size_t locate_group_in_floating_point(double value_left_of_all, std::size_t groups, TargetOf&& target_of,
                                           JumpOf&& jump_of) {
    double value = value_left_of_all;
    for (std::size_t g = 0; g < groups; ++g) {
        const double t = target_of(g);
        if (value < t) return g;
        value -= jump_of(g);
        if (value <= t) return g;
    }
    return groups;
}

}  // namespace bigcert
