// The exact re-check on 1-D games reads each interval's ends in place (equilibrium_check.cpp); it must accept
// exactly the profiles where every player maximises w_i (t_i − x̂)·x over its interval, decided here
// independently by the sign of w_i (t_i − x̂): positive → the upper end, negative → the lower end, zero → any.
#include <catch2/catch.hpp>
#include <random>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

bool every_player_best_responds(const Instance& game, const std::vector<Vector>& actions, const Rational& y) {
    for (std::size_t i = 0; i < game.players.size(); ++i) {
        const Interval& set = game.set_of(i).as_interval();
        const Rational& x = actions[i][0];
        if (x < set.lo || x > set.hi) return false;
        const int direction = sign(game.players[i].weight * (game.players[i].target[0] - y));
        if ((direction > 0 && x != set.hi) || (direction < 0 && x != set.lo)) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("the 1-D re-check accepts exactly the best-response profiles", "[check]") {
    std::mt19937 rng(5);
    auto pick = [&](long lo, long hi) { return std::uniform_int_distribution<long>(lo, hi)(rng); };
    int rejected = 0, accepted = 0;
    for (int round = 0; round < 200; ++round) {
        const int n = static_cast<int>(pick(1, 8));
        std::string json = "{\"format\": \"bigcert/1\", \"dimension\": 1, \"players\": [";
        for (int i = 0; i < n; ++i) {
            long lo = pick(-4, 2), hi = pick(0, 3) == 0 ? lo : lo + pick(1, 5);  // some single points
            json += std::string(i ? ", " : "") + "{\"target\": \"" + std::to_string(pick(-9, 9)) + "/" +
                    std::to_string(pick(1, 4)) + "\", \"weight\": \"" + std::to_string(pick(-2, 4)) + "/" +
                    std::to_string(pick(n, 3 * n)) + "\", \"action_set\": {\"interval\": [" +
                    std::to_string(lo) + ", " + std::to_string(hi) + "]}}";
        }
        json += "]}";
        Instance game = load_instance_text(json);
        Solution s = solve(game);
        std::vector<Vector> profile = s.actions;
        // Move some players to an end, an inner point or their other end; the receiver follows the profile.
        for (int moves = static_cast<int>(pick(0, 2)); moves > 0; --moves) {
            const auto i = static_cast<std::size_t>(pick(0, n - 1));
            const Interval& set = game.set_of(i).as_interval();
            const long choice = pick(0, 2);
            profile[i][0] = choice == 0 ? set.lo : choice == 1 ? set.hi : (set.lo + set.hi) / 2;
        }
        const Vector y = game.receiver(profile);
        const bool expected = every_player_best_responds(game, profile, y[0]);
        INFO(json);
        CHECK(check_equilibrium(game, profile, y).ok == expected);
        (expected ? accepted : rejected) += 1;
    }
    CHECK(accepted > 20);  // both outcomes occur often enough to mean something
    CHECK(rejected > 20);
}
