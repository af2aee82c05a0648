// The inner-product loss (paper §5.1, Theorem 5): weakly dominant strategy equilibria, exactly.
#include <catch2/catch.hpp>

#include "bigcert/solver/dominant_strategy.hpp"
#include "bigcert/solver/solver.hpp"
#include "variant_helpers.hpp"

using namespace bigcert;
using namespace variant_test;

namespace {

Instance square_inner(const char* t1, const char* t2) {
    return load_instance_text(
        std::string(
            R"({"loss": "inner", "dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
        "players": [{"target": )") +
        t1 + R"(, "weight": 0.5}, {"target": )" + t2 + R"(, "weight": 0.5}]})");
}

std::set<Vector> as_set(const std::vector<Vector>& points) { return {points.begin(), points.end()}; }

}  // namespace

TEST_CASE("Example 4: infinitely many wDSE, player 1 on the right edge, player 2 on the top edge",
          "[inner][paper]") {
    Instance g = square_inner("[1, 0]", "[0, 1]");
    Solution s = solve(g);
    CHECK(s.count == EquilibriumCount::infinite);
    CHECK(as_set(s.face_vertices[0]) == std::set<Vector>{v({"1", "-1"}), v({"1", "1"})});
    CHECK(as_set(s.face_vertices[1]) == std::set<Vector>{v({"-1", "1"}), v({"1", "1"})});
    CHECK(s.actions[0][0] == 1);
    CHECK(s.actions[1][1] == 1);
    CHECK(s.receiver == g.receiver(s.actions));
    CHECK(s.losses[0] == -s.receiver[0]);
    CHECK(check_weak_dominance(g, s.actions).empty());
}

TEST_CASE("a unique wDSE when every w_i t_i points into a vertex", "[inner]") {
    Solution s = solve(square_inner("[1, 1]", "[-1, \"1/2\"]"));
    CHECK(s.count == EquilibriumCount::one);
    CHECK(s.actions == std::vector<Vector>{v({"1", "1"}), v({"-1", "1"})});
    CHECK(s.potential == q("-7/4"));  // -(1/2)(1 + 1) - (1/2)(1 + 1/2)
}

TEST_CASE("negative weights flip the dominant side; w_i t_i = 0 makes every action dominant", "[inner]") {
    Instance g = load_instance_text(R"({"loss": "inner", "action_set": {"interval": [-2, 3]},
        "players": [{"target": 1, "weight": -1}, {"target": 0, "weight": 1}, {"target": 5, "weight": 0}]})");
    Solution s = solve(g);
    CHECK(s.actions[0] == v({"-2"}));  // -1 * 1 * y is largest at y = -2
    CHECK(s.count == EquilibriumCount::infinite);
    CHECK(s.face_vertices[0].empty());
    CHECK(as_set(s.face_vertices[1]) == std::set<Vector>{v({"-2"}), v({"3"})});
    CHECK(s.exaggeration.ever_interior == std::vector<std::size_t>{1, 2});
    CHECK_FALSE(s.exaggeration.at_most_one_interior);
}

TEST_CASE("the dominance check rejects a dominated action and accepts the whole face", "[inner]") {
    Instance g = square_inner("[1, 0]", "[0, 1]");
    CHECK_FALSE(check_weak_dominance(g, {v({"0", "0"}), v({"0", "1"})}).empty());
    CHECK(check_weak_dominance(g, {v({"1", "1/3"}), v({"-1/7", "1"})})
              .empty());  // interior points of the faces
}

TEST_CASE("randomized: the wDSE is a best response against random profiles of the others",
          "[inner][random]") {
    std::mt19937 rng(11);
    auto r = [&](int lo, int hi) { return std::to_string(std::uniform_int_distribution<int>(lo, hi)(rng)); };
    for (int round = 0; round < 50; ++round) {
        std::string json =
            R"({"loss": "inner", "dimension": 2, "action_set": {"vertices": [[0, 0], [3, 1], [1, 3], [-2, 2]]}, "players": [)";
        for (int i = 0; i < 3; ++i)
            json += (i ? ", " : "") + std::string("{\"target\": [") + r(-3, 3) + ", " + r(-3, 3) +
                    "], \"weight\": " + r(-2, 2) + "}";
        Instance g = load_instance_text(json + "]}");
        Solution s = solve(g);
        std::vector<Vector> vertices = g.set_of(0).vertices();
        for (int trial = 0; trial < 20; ++trial) {
            std::vector<Vector> others(3);
            for (Vector& x : others)
                x = vertices[std::uniform_int_distribution<std::size_t>(0, vertices.size() - 1)(rng)];
            for (std::size_t i = 0; i < 3; ++i) {
                std::vector<Vector> profile = others;
                profile[i] = s.actions[i];
                Rational dominant_loss = g.loss_of(i, g.receiver(profile));
                for (const Vector& y : vertices) {
                    profile[i] = y;
                    CHECK(g.loss_of(i, g.receiver(profile)) >= dominant_loss);
                }
            }
        }
    }
}

#include <filesystem>

#include "bigcert/certify/dominant_strategy_certificate.hpp"

TEST_CASE("Z3 certifies weak dominance of Example 4's wDSE via the logged reduction lemma",
          "[inner][certify]") {
    Instance g = square_inner("[1, 0]", "[0, 1]");
    Solution s = solve(g);
    const std::string directory =
        (std::filesystem::temp_directory_path() / "bigcert-variants-ex4-bundle").string();
    std::filesystem::remove_all(directory);
    ProofLog log(directory, "{}", "ex4");
    DominanceCertificate c = certify_weak_dominance(g, s.actions, log);
    CHECK(c.lemma_proved);
    CHECK(c.verdict == "certified");
    for (const PlayerDominanceVerdict& p : c.players) {
        CHECK(p.verdict == "certified");
        CHECK(p.definition == "unsat");
    }
    CHECK(std::filesystem::exists(std::filesystem::path(directory) / "manifest.json"));
    CHECK(std::filesystem::exists(std::filesystem::path(directory) / "dominance-lemma-d2.smt2"));
    CHECK(
        std::filesystem::exists(std::filesystem::path(directory) / "dominance-player-0000001-reduced.smt2"));
    Json j = dominance_certificate_json(g, c);
    CHECK(j["verdict"] == "certified");
    CHECK(j["players"].size() == 2);
}

TEST_CASE("Z3 refutes a dominated profile with an exact, exactly checked deviation", "[inner][certify]") {
    Instance g = square_inner("[1, 0]", "[0, 1]");
    ProofLog log("", "", "");
    DominanceCertificate c = certify_weak_dominance(g, {v({"0", "0"}), v({"1/2", "1"})}, log);
    CHECK(c.verdict == "refuted");
    REQUIRE(c.players[0].verdict == "refuted");
    CHECK(c.players[0].deviation[0] > 0);  // moving right helps player 1 whatever player 2 does
    CHECK(c.players[0].definition == "sat");
    CHECK(c.players[1].verdict == "certified");
}

TEST_CASE("randomized: Z3's verdicts agree with the exact vertex check", "[inner][certify][random]") {
    std::mt19937 rng(77);
    auto r = [&](int lo, int hi) { return std::to_string(std::uniform_int_distribution<int>(lo, hi)(rng)); };
    for (int round = 0; round < 25; ++round) {
        Instance g = load_instance_text(
            R"({"loss": "inner", "dimension": 2, "action_set": {"halfspaces": [{"a": [1, 0], "b": 2},
            {"a": [0, 1], "b": 2}, {"a": [-1, -1], "b": 1}]}, "players": [{"target": [)" +
            r(-2, 2) + ", " + r(-2, 2) + R"(], "weight": )" + r(-2, 2) + R"(}, {"target": [)" + r(-2, 2) +
            ", " + r(-2, 2) + "]}]}");
        std::vector<Vector> vertices = g.set_of(0).vertices();
        std::vector<Vector> profile{
            vertices[std::uniform_int_distribution<std::size_t>(0, vertices.size() - 1)(rng)],
            vertices[std::uniform_int_distribution<std::size_t>(0, vertices.size() - 1)(rng)]};
        ProofLog log("", "", "");
        DominanceCertificate c = certify_weak_dominance(g, profile, log);
        CHECK((c.verdict == "certified") == check_weak_dominance(g, profile).empty());
    }
}
