// Receiver rules evaluated exactly (docs/model.md §6.1), and the one-player view of §6.2 against a direct
// evaluation of the rule on the whole profile.
#include <catch2/catch.hpp>
#include <random>

#include "bigcert/io/instance_loader.hpp"
#include "bigcert/mechanism/rule_outcome.hpp"
#include "mechanism/order_statistics.hpp"
#include "mechanism/rule_best_response.hpp"

using namespace bigcert;

namespace {

Rational q(long long a, long long b = 1) { return make_rational(a, b); }

std::vector<Vector> line(std::initializer_list<Rational> values) {
    std::vector<Vector> out;
    for (const Rational& v : values) out.push_back({v});
    return out;
}

Instance line_instance(std::size_t n, const std::string& rule = R"({"kind": "median"})") {
    std::string players;
    for (std::size_t i = 0; i < n; ++i)
        players += std::string(i ? ", " : "") + "{\"target\": " + std::to_string(i) + "}";
    return load_instance_text(R"({"action_set": {"interval": [-10, 10]}, "rule": )" + rule +
                              ", \"players\": [" + players + "]}");
}

ReceiverRule rule_of(ReceiverRule::Kind kind) {
    ReceiverRule r;
    r.kind = kind;
    return r;
}

}  // namespace

TEST_CASE("each rule's value on small profiles, ties and even counts included") {
    Instance g = line_instance(4);
    ReceiverRule median = rule_of(ReceiverRule::Kind::median);
    CHECK(rule_outcome(g, median, line({q(1), q(7), q(3), q(3)})) == Vector{q(3)});
    CHECK(rule_outcome(g, median, line({q(1), q(7), q(3), q(4)})) ==
          Vector{q(7, 2)});  // even: mean of 3 and 4
    ReceiverRule general = rule_of(ReceiverRule::Kind::generalized_median);
    general.phantoms = line({q(0)});
    CHECK(rule_outcome(g, general, line({q(1), q(7), q(3), q(4)})) == Vector{q(3)});  // {0,1,3,4,7}
    ReceiverRule trimmed = rule_of(ReceiverRule::Kind::trimmed_mean);
    trimmed.trim = 1;
    CHECK(rule_outcome(g, trimmed, line({q(1), q(7), q(3), q(4)})) == Vector{q(7, 2)});
    ReceiverRule threshold = rule_of(ReceiverRule::Kind::threshold);
    threshold.prior = {q(2)};
    threshold.radius = q(1);
    CHECK(rule_outcome(g, threshold, line({q(1), q(7), q(3), q(4)})) ==
          Vector{q(2)});  // 1 and 3 (boundary counts)
    CHECK(rule_outcome(g, threshold, line({q(9), q(7), q(-3), q(4)})) == Vector{q(2)});  // none: the prior
    CHECK(rule_outcome(g, threshold, line({q(9), q(7), q(5, 2), q(4)})) == Vector{q(5, 2)});
}

TEST_CASE("the own-report map equals the rule evaluated on the whole modified profile") {
    std::mt19937 rng(16);
    std::uniform_int_distribution<int> value(-12, 12);
    for (int trial = 0; trial < 300; ++trial) {
        const std::size_t n = 1 + trial % 7;
        Instance g = line_instance(n);
        std::vector<ReceiverRule> rules{
            rule_of(ReceiverRule::Kind::median), rule_of(ReceiverRule::Kind::mean),
            rule_of(ReceiverRule::Kind::generalized_median), rule_of(ReceiverRule::Kind::trimmed_mean),
            rule_of(ReceiverRule::Kind::threshold)};
        rules[2].phantoms = line({q(value(rng)), q(value(rng), 3)});
        rules[3].trim = (n - 1) / 2;
        rules[4].prior = {q(value(rng), 2)};
        rules[4].radius = q(trial % 5, 2);
        std::vector<Vector> profile;
        for (std::size_t i = 0; i < n; ++i) profile.push_back({q(value(rng), 2)});
        for (const ReceiverRule& rule : rules) {
            const ProfileOrder order(g, rule, profile);
            for (std::size_t i = 0; i < n; ++i) {
                OwnReportMap map = order.own_report_map(i);
                for (int k = 0; k < 4; ++k) {
                    Vector y{q(value(rng), 4)};
                    std::vector<Vector> moved = profile;
                    moved[i] = y;
                    INFO(rule_kind_name(rule.kind) << " n=" << n << " player " << i);
                    CHECK(map.apply(y) == rule_outcome(g, rule, moved));
                }
            }
        }
    }
}

TEST_CASE("exact best responses are no worse than any report on a fine grid") {
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> value(-10, 10);
    for (int trial = 0; trial < 120; ++trial) {
        const std::size_t n = 2 + trial % 5;
        Instance g = line_instance(n);
        for (std::size_t i = 0; i < n; ++i) g.players[i].target = {q(value(rng) * 3, 2)};
        std::vector<ReceiverRule> rules{
            rule_of(ReceiverRule::Kind::median), rule_of(ReceiverRule::Kind::mean),
            rule_of(ReceiverRule::Kind::trimmed_mean), rule_of(ReceiverRule::Kind::threshold)};
        rules[2].trim = (n - 1) / 2;
        rules[3].prior = {q(value(rng), 2)};
        rules[3].radius = q(1 + trial % 6);
        std::vector<Vector> profile;
        for (std::size_t i = 0; i < n; ++i) profile.push_back({q(value(rng))});
        for (const ReceiverRule& rule : rules) {
            const ProfileOrder order(g, rule, profile);
            for (std::size_t i = 0; i < n; ++i) {
                OwnReportMap map = order.own_report_map(i);
                Vector best = *rule_best_response(g, rule, i, map, profile[i]);
                REQUIRE(g.set_of(i).contains(best));
                const Rational loss = rule_loss(g, i, map.apply(best));
                for (int k = -80; k <= 80; ++k) {
                    INFO(rule_kind_name(rule.kind) << " player " << i << " grid " << k);
                    CHECK(loss <= rule_loss(g, i, map.apply({q(k, 8)})));
                }
            }
        }
    }
}

TEST_CASE("exact best responses on polygons are no worse than any report of the polygon on a fine grid") {
    // docs/model.md §6.5: the cell search against a brute-force scan of the polygon's grid points, for the
    // coordinate-wise rules, on triangles, quadrilaterals, segments and points.
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> small(-4, 4), extent(0, 4);
    for (int trial = 0; trial < 60; ++trial) {
        const std::size_t n = 2 + trial % 4;
        std::string players;
        for (std::size_t i = 0; i < n; ++i) {
            const int x = small(rng), y = small(rng);
            std::string vertices = "[[" + std::to_string(x) + ", " + std::to_string(y) + "]";
            const int corners =
                trial % 5 == 0 ? 1 : 1 + trial % 3;  // a segment, a triangle or a quadrilateral
            for (int k = 0; k < corners; ++k)
                vertices +=
                    ", [" + std::to_string(x + extent(rng)) + ", " + std::to_string(y + extent(rng)) + "]";
            players += std::string(i ? ", " : "") + "{\"target\": [" + std::to_string(small(rng)) + ", " +
                       std::to_string(small(rng)) + "], \"action_set\": {\"vertices\": " + vertices + "]}}";
        }
        Instance g = load_instance_text(R"({"dimension": 2, "rule": {"kind": "median"}, "players": [)" +
                                        players + "]}");
        std::vector<ReceiverRule> rules{rule_of(ReceiverRule::Kind::median),
                                        rule_of(ReceiverRule::Kind::generalized_median),
                                        rule_of(ReceiverRule::Kind::trimmed_mean)};
        rules[1].phantoms = {{q(small(rng)), q(small(rng), 2)}, {q(small(rng), 3), q(small(rng))}};
        rules[2].trim = (n - 1) / 2;
        std::vector<Vector> profile;
        for (std::size_t i = 0; i < n; ++i) profile.push_back(g.set_of(i).vertices()[0]);
        for (const ReceiverRule& rule : rules) {
            const ProfileOrder order(g, rule, profile);
            for (std::size_t i = 0; i < n; ++i) {
                OwnReportMap map = order.own_report_map(i);
                Vector best = *rule_best_response(g, rule, i, map, profile[i]);
                REQUIRE(g.set_of(i).contains(best));
                const Rational loss = rule_loss(g, i, map.apply(best));
                const Vector corner = g.set_of(i).vertices()[0];  // the set lies within corner + [0, 4]^2
                for (int a = 0; a <= 32; ++a)
                    for (int b = 0; b <= 32; ++b) {
                        const Vector y{corner[0] + q(a, 8), corner[1] + q(b, 8)};
                        if (!g.set_of(i).contains(y)) continue;
                        INFO(rule_kind_name(rule.kind) << " trial " << trial << " player " << i);
                        CHECK(loss <= rule_loss(g, i, map.apply(y)));
                    }
            }
        }
    }
}

TEST_CASE("a polygon's best response under the median: the documented triangle") {
    // docs/model.md §6.6: the others pin the first coordinate at 0, so (0, 1) reaches the target's second
    // coordinate; nothing else in the triangle does as well.
    Instance g = load_instance_text(R"({"dimension": 2, "rule": {"kind": "median"}, "players": [
        {"target": [1, 1], "action_set": {"vertices": [[0, 0], [1, 0], [0, 1]]}},
        {"target": [0, 1], "action_set": {"box": {"lo": [0, -1], "hi": [0, 2]}}},
        {"target": [0, 2], "action_set": {"box": {"lo": [0, -1], "hi": [0, 2]}}}]})");
    const std::vector<Vector> profile{{q(1, 2), q(1, 2)}, {q(0), q(-1)}, {q(0), q(2)}};
    const ProfileOrder order(g, g.rule, profile);
    OwnReportMap map = order.own_report_map(0);
    CHECK(*rule_best_response(g, g.rule, 0, map, profile[0]) == Vector{q(0), q(1)});
    // From an optimal report the player does not move (ties keep the current report).
    CHECK(*rule_best_response(g, g.rule, 0, map, Vector{q(0), q(1)}) == Vector{q(0), q(1)});
}
