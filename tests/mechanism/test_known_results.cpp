// docs/model.md §6.6: the classical results found by bigcert itself on random games, each verdict from the
// Z3 queries (the structural argument is switched off, then compared with them).
#include <catch2/catch.hpp>
#include <random>

#include "bigcert/io/instance_loader.hpp"
#include "bigcert/mechanism/mechanism.hpp"
#include "bigcert/mechanism/rule_outcome.hpp"

using namespace bigcert;

namespace {

std::string number(std::mt19937& rng, int lo, int hi) {
    return "\"" + std::to_string(std::uniform_int_distribution<int>(lo, hi)(rng)) + "/" +
           std::to_string(std::uniform_int_distribution<int>(1, 3)(rng)) + "\"";
}

// n players on random intervals within [-6, 6], random targets (some outside their sets).
Instance random_line_game(std::mt19937& rng, std::size_t n, const std::string& rule) {
    std::string players;
    for (std::size_t i = 0; i < n; ++i) {
        int a = std::uniform_int_distribution<int>(-6, 2)(rng),
            b = a + std::uniform_int_distribution<int>(1, 6)(rng);
        players += std::string(i ? ", " : "") + "{\"target\": " + number(rng, -8, 8) +
                   ", \"action_set\": {\"interval\": [" + std::to_string(a) + ", " + std::to_string(b) +
                   "]}}";
    }
    return load_instance_text("{\"rule\": " + rule + ", \"players\": [" + players + "]}");
}

Instance random_box_game(std::mt19937& rng, std::size_t n, const std::string& rule) {
    std::string players;
    for (std::size_t i = 0; i < n; ++i) {
        int a = std::uniform_int_distribution<int>(-4, 1)(rng),
            b = std::uniform_int_distribution<int>(-4, 1)(rng);
        players += std::string(i ? ", " : "") + "{\"target\": [" + number(rng, -6, 6) + ", " +
                   number(rng, -6, 6) + "], \"action_set\": {\"box\": {\"lo\": [" + std::to_string(a) + ", " +
                   std::to_string(b) + "], \"hi\": [" + std::to_string(a + 3) + ", " + std::to_string(b + 2) +
                   "]}}}";
    }
    return load_instance_text("{\"dimension\": 2, \"rule\": " + rule + ", \"players\": [" + players + "]}");
}

MechanismReport analyze(const Instance& g, bool structural = false) {
    ProofLog log("", "", "");
    MechanismOptions options;
    options.structural = structural;
    options.timeout_seconds = 60;
    return analyze_mechanism(g, g.rule, log, options);
}

// A printed counterexample must hold up when re-evaluated here.
void check_counterexample(const Instance& g, const Manipulation& m) {
    std::vector<Vector> moved = m.reports;
    moved[m.player] = m.report;
    CHECK(m.reports[m.player] == truthful_report(g, m.player));
    CHECK(rule_loss(g, m.player, rule_outcome(g, g.rule, m.reports)) -
              rule_loss(g, m.player, rule_outcome(g, g.rule, moved)) ==
          m.improvement);
    CHECK(m.improvement > 0);
}

}  // namespace

TEST_CASE(
    "d = 1: the median of an odd number of reports and generalized medians are strategyproof (Moulin)") {
    std::mt19937 rng(1980);
    for (int trial = 0; trial < 12; ++trial) {
        Instance median = random_line_game(rng, 3 + 2 * (trial % 2), R"({"kind": "median"})");
        MechanismReport r = analyze(median);
        CHECK(r.truthful.verdict == "certified");
        CHECK(r.strategyproof.verdict == "holds");
        CHECK(!structural_strategyproofness(median, median.rule)
                   .empty());  // the argument agrees with the query
        Instance general =
            random_line_game(rng, 2 + trial % 3,
                             trial % 3 == 1 ? R"({"kind": "generalized-median", "phantoms": [-2, 3, "1/2"]})"
                                            : R"({"kind": "generalized-median", "phantoms": [[1]]})");
        if ((general.players.size() + general.rule.phantoms.size()) % 2 == 0) continue;
        MechanismReport s = analyze(general);
        CHECK(s.strategyproof.verdict == "holds");
        CHECK(s.equilibrium.status == "found");
    }
}

TEST_CASE("d = 1: the mean is not strategyproof; its equilibria exaggerate (Theorem 4)") {
    std::mt19937 rng(4);
    int refuted = 0;
    for (int trial = 0; trial < 10; ++trial) {
        Instance g = random_line_game(rng, 3, R"({"kind": "mean"})");
        MechanismReport r = analyze(g);
        REQUIRE(r.equilibrium.status == "found");
        CHECK(r.equilibrium.certified == "certified");
        if (r.truthful.verdict == "refuted") {
            ++refuted;
            CHECK(r.strategyproof.verdict == "fails");
            check_counterexample(g, *r.strategyproof.counterexample);
        }
        CHECK(r.equilibrium.players.size() - r.equilibrium.at_boundary <= 1);  // all but at most one
    }
    CHECK(refuted >= 5);
}

TEST_CASE("d = 1: trimmed means and the median of an even count are manipulable; bigcert exhibits it") {
    std::mt19937 rng(5);
    int trimmed_fails = 0, even_fails = 0;
    for (int trial = 0; trial < 12; ++trial) {
        Instance trimmed = random_line_game(rng, 5, R"({"kind": "trimmed-mean", "trim": 1})");
        MechanismReport r = analyze(trimmed);
        CHECK(r.strategyproof.verdict != "unknown");
        if (r.strategyproof.verdict == "fails")
            ++trimmed_fails, check_counterexample(trimmed, *r.strategyproof.counterexample);
        Instance even = random_line_game(rng, 4, R"({"kind": "median"})");
        MechanismReport e = analyze(even);
        CHECK(structural_strategyproofness(even, even.rule).empty());
        if (e.strategyproof.verdict == "fails")
            ++even_fails, check_counterexample(even, *e.strategyproof.counterexample);
    }
    CHECK(trimmed_fails >= 3);
    CHECK(even_fails >= 3);
}

TEST_CASE("d = 2 boxes: the coordinate-wise median is strategyproof (Border-Jordan)") {
    std::mt19937 rng(1983);
    for (int trial = 0; trial < 4; ++trial) {
        Instance g = random_box_game(rng, 3, R"({"kind": "median"})");
        MechanismReport r = analyze(g);
        CHECK(r.truthful.verdict == "certified");
        CHECK(r.strategyproof.verdict == "holds");
        CHECK(r.equilibrium.status == "found");
    }
}

TEST_CASE("d = 2 polygons: the coordinate-wise median is manipulable when the set couples the coordinates") {
    // The triangle (0,0), (1,0), (0,1) and target (1,1): the truthful report is (1/2, 1/2). If the others pin
    // the first coordinate, moving to (0, 1) pulls the second coordinate further up.
    Instance g = load_instance_text(R"({"dimension": 2, "rule": {"kind": "median"}, "players": [
        {"target": [1, 1], "action_set": {"vertices": [[0, 0], [1, 0], [0, 1]]}},
        {"target": [0, 1], "action_set": {"box": {"lo": [0, -1], "hi": [0, 2]}}},
        {"target": [0, 2], "action_set": {"box": {"lo": [0, -1], "hi": [0, 2]}}}]})");
    MechanismReport r = analyze(g);
    CHECK(r.strategyproof.verdict == "fails");
    if (r.strategyproof.counterexample) {
        CHECK(r.strategyproof.counterexample->player == 0);
        check_counterexample(g, *r.strategyproof.counterexample);
    }
    // The dynamics with the polygon's exact best responses (docs/model.md §6.5) reach an equilibrium: Z3
    // confirms every player, and no report on a fine grid of any player's set does better.
    REQUIRE(r.equilibrium.status == "found");
    CHECK(r.equilibrium.certified == "certified");
    const std::vector<Vector>& reports = r.equilibrium.reports;
    for (std::size_t i = 0; i < reports.size(); ++i) {
        REQUIRE(g.set_of(i).contains(reports[i]));
        const Rational loss = rule_loss(g, i, rule_outcome(g, g.rule, reports));
        for (int a = -8; a <= 8; ++a)
            for (int b = -8; b <= 16; ++b) {
                std::vector<Vector> moved = reports;
                moved[i] = {make_rational(a, 8), make_rational(b, 8)};
                if (!g.set_of(i).contains(moved[i])) continue;
                INFO("player " << i << " report (" << a << "/8, " << b << "/8)");
                CHECK(loss <= rule_loss(g, i, rule_outcome(g, g.rule, moved)));
            }
    }
}

TEST_CASE(
    "no exact best response (threshold in d = 2, median on a polytope in d = 3): verdicts decided, "
    "equilibrium honestly not computed") {
    // docs/model.md §6.5: the dynamics need an exact best response; without one nothing is guessed.
    Instance plane = load_instance_text(R"({"dimension": 2, "rule": {"kind": "threshold", "prior": [0, 0],
        "radius": 1}, "action_set": {"box": {"lo": [-2, -2], "hi": [2, 2]}},
        "players": [{"target": [0, 0]}, {"target": [1, 1]}, {"target": [-2, 1]}]})");
    MechanismReport r = analyze(plane);
    CHECK(r.truthful.verdict != "not certified");
    CHECK(r.equilibrium.status == "not computed");
    CHECK(r.equilibrium.note.find("§6.5") != std::string::npos);
    if (r.truthful.manipulation) check_counterexample(plane, *r.truthful.manipulation);
    Instance simplex = load_instance_text(R"({"dimension": 3, "rule": {"kind": "median"}, "players": [
        {"target": [1, 1, 1], "action_set": {"vertices": [[0, 0, 0], [2, 0, 0], [0, 1, 0], [0, 0, 1]]}},
        {"target": [0, 0, 0], "action_set": {"vertices": [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]}},
        {"target": [1, 0, 0], "action_set": {"vertices": [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]}}]})");
    MechanismReport p = analyze(simplex);
    CHECK(p.equilibrium.status == "not computed");
    CHECK(structural_strategyproofness(simplex, simplex.rule).empty());  // the box argument does not apply
}
