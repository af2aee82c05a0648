// The sweep's exact walk (receiver_walk.hpp) against the root of G(x) = x − F(x) found by testing every
// target and every gap (docs/model.md §3e), from every possible starting group: a poor guess may cost
// steps, never the answer.
#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <random>
#include <set>
#include <vector>

#include "solver/receiver_walk.hpp"

using namespace bigcert;

namespace {

// Sorted distinct targets with positive jumps; F right of every target is `base`.
struct SortedGroups {
    using Group = std::size_t;
    std::vector<Rational> targets, jumps;
    Rational base;

    bool exists(Group g) const { return g < targets.size(); }
    Rational target(Group g) const { return targets[g]; }
    Rational jump(Group g) const { return jumps[g]; }
    Group right_of(Group g) const { return g + 1; }
    std::optional<Group> left_of(Group g) const { return g > 0 ? std::optional<Group>(g - 1) : std::nullopt; }

    Rational value_left_of(Group g) const {  // F on the gap just left of t_g (g = size: right of all)
        Rational value = base;
        for (std::size_t h = g; h < targets.size(); ++h) value += jumps[h];
        return value;
    }
};

// The x with x = F(x) on a gap, or t_g with F(t_g+) <= t_g <= F(t_g−): exactly one exists.
Rational root_by_testing_everything(const SortedGroups& groups) {
    std::vector<Rational> found;
    const std::size_t count = groups.targets.size();
    for (std::size_t g = 0; g < count; ++g)
        if (groups.value_left_of(g + 1) <= groups.targets[g] && groups.targets[g] <= groups.value_left_of(g))
            found.push_back(groups.targets[g]);
    for (std::size_t gap = 0; gap <= count; ++gap) {  // gap k lies between t_{k−1} and t_k
        Rational value = groups.value_left_of(gap);
        bool right_of_previous = gap == 0 || value > groups.targets[gap - 1];
        bool left_of_next = gap == count || value < groups.targets[gap];
        if (right_of_previous && left_of_next) found.push_back(value);
    }
    REQUIRE(found.size() == 1);
    return found.front();
}

SortedGroups random_groups(std::mt19937& rng) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    SortedGroups groups;
    std::set<Rational> targets;
    const int count = pick(0, 8);
    while (static_cast<int>(targets.size()) < count) targets.insert(Rational(pick(-30, 30), pick(1, 4)));
    groups.targets.assign(targets.begin(), targets.end());
    for (int g = 0; g < count; ++g) groups.jumps.push_back(Rational(pick(1, 20), pick(1, 3)));
    groups.base = Rational(pick(-60, 30), pick(1, 5));
    return groups;
}

}  // namespace

TEST_CASE("receiver walk: the root from every starting group", "[line]") {
    std::mt19937 rng(20261202);
    int at_target = 0, on_gap = 0;
    for (int round = 0; round < 2000; ++round) {
        SortedGroups groups = random_groups(rng);
        const Rational expected = root_by_testing_everything(groups);
        const bool is_target =
            std::find(groups.targets.begin(), groups.targets.end(), expected) != groups.targets.end();
        ++(is_target ? at_target : on_gap);
        for (std::size_t start = 0; start <= groups.targets.size(); ++start) {
            std::optional<Rational> got =
                walk_to_receiver(groups, start, groups.value_left_of(start), groups.targets.size() + 1);
            REQUIRE(got);
            CHECK(*got == expected);
        }
    }
    CHECK(at_target > 200);  // both kinds of answer occur
    CHECK(on_gap > 200);
}

TEST_CASE("receiver walk: gives up after max_steps from a far guess", "[line]") {
    SortedGroups groups;
    for (int k = 0; k < 10; ++k) groups.targets.push_back(Rational(k)), groups.jumps.push_back(Rational(1));
    groups.base = Rational(-100);  // the root lies left of every target, ten groups from the right end
    CHECK_FALSE(walk_to_receiver(groups, 10, groups.value_left_of(10), 3).has_value());
    CHECK(walk_to_receiver(groups, 10, groups.value_left_of(10), 11) ==
          std::optional<Rational>(Rational(-90)));
}

TEST_CASE("receiver walk: the floating-point location walks the groups in order", "[line]") {
    std::vector<double> targets{0, 1, 2, 3}, jumps{1, 1, 1, 1};
    auto at = [&](double start) {
        return locate_group_in_floating_point(
            start, targets.size(), [&](std::size_t g) { return targets[g]; },
            [&](std::size_t g) { return jumps[g]; });
    };
    CHECK(at(-5) == 0);  // left of every target
    CHECK(at(3.5) == 2);  // F = 3.5 left of t_0, 2.5 left of t_1 … crosses at t_2 (x − F changes sign there)
    CHECK(at(20) == 4);  // right of every target
}
