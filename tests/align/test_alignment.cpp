// The value-alignment experiment (paper §6, docs/model.md §4): reproduction over 20 seeds, MLE recovery
// of a known θ, the affine surrogate's weights, the random stream and the external-receiver protocol.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "bigcert/align/alignment.hpp"
#include "bigcert/align/alignment_external_receiver.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/random.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

AlignConfig paper_config(std::uint64_t seed, std::size_t rounds, std::size_t pairs = 10000,
                         const std::string& sampling = "iid") {
    return load_align_config_text(
        R"({"format": "bigcert-align/1", "dimension": 1, "action_set": {"interval": [-1, 1]},
        "players": [{"ideal": -0.1, "pairs": )" +
        std::to_string(pairs) + R"(}, {"ideal": 0.3, "pairs": )" + std::to_string(pairs) + R"(}],
        "responses": {"uniform": {"lo": [-10], "hi": [10]}, "sampling": ")" +
        sampling + R"("}, "seed": )" + std::to_string(seed) + R"(, "rounds": )" + std::to_string(rounds) +
        "}");
}

ReceiverFunction as_function(const LearnedReceiver& learned) {
    return [&learned](const std::vector<std::vector<double>>& r) { return learned(r); };
}

}  // namespace

TEST_CASE("random stream: xoshiro256** seeded by splitmix64 gives the reference values") {
    // splitmix64 from state 0: the published first output.
    std::uint64_t state = 0;
    CHECK(splitmix64_next(state) == 0xe220a8397b1dcdafULL);
    RandomStream a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) {
        std::uint64_t x = a.next();
        CHECK(x == b.next());
        CHECK(x != c.next());
    }
    RandomStream u(7);
    double sum = 0;
    for (int i = 0; i < 100000; ++i) {
        double v = u.uniform();
        REQUIRE(v >= 0);
        REQUIRE(v < 1);
        sum += v;
    }
    CHECK(std::abs(sum / 100000 - 0.5) < 0.01);
}

TEST_CASE("section 6 reproduction: the shipped seed within 0.03 of the paper, every step") {
    AlignConfig config = load_align_config_file(BIGCERT_SOURCE_DIR "/examples/align-paper-section6.json");
    config.rounds = 3;
    LearnedReceiver learned(config);
    AlignRun run = run_alignment(config, as_function(learned), nullptr);
    REQUIRE(run.rounds.size() == 4);
    CHECK(run.rounds[0].receiver[0] == Approx(0.103).margin(0.03));
    CHECK(run.rounds[1].reports[0][0] == Approx(-0.536).margin(0.03));
    CHECK(run.rounds[1].receiver[0] == Approx(-0.101).margin(0.03));
    CHECK(run.rounds[2].reports[1][0] == Approx(1).margin(1e-12));
    CHECK(run.rounds[2].receiver[0] == Approx(0.209).margin(0.03));
    CHECK(run.rounds[3].reports[0][0] == Approx(-1).margin(1e-12));
    CHECK(run.rounds[3].receiver[0] == Approx(0.024).margin(0.03));
}

TEST_CASE(
    "section 6 reproduction: 20 seeds within 0.05 (noisy steps: see below), ending at the equilibrium (-1, "
    "1)") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        INFO("seed " << seed);
        AlignConfig config = paper_config(seed, 3);
        LearnedReceiver learned(config);
        AlignRun run = run_alignment(config, as_function(learned), nullptr);
        REQUIRE(run.rounds.size() == 4);
        CHECK(run.rounds[0].receiver[0] == Approx(0.103).margin(0.05));
        CHECK(run.rounds[1].receiver[0] == Approx(-0.101).margin(0.05));
        CHECK(run.rounds[2].reports[1][0] == 1.0);
        CHECK(run.rounds[2].receiver[0] == Approx(0.209).margin(0.05));
        CHECK(run.rounds[3].reports[0][0] == -1.0);
        // The paper's -0.536 and 0.024 are single noisy draws around the affine values -0.5 and 0 (x̂ ≈ ½x_1 +
        // ½x_2); over these 20 seeds they spread to -0.571..-0.445 and -0.045..0.039: within 0.1 of the
        // paper's draw and within 0.075 of the noise-free values, not within 0.05 of the paper for every
        // seed.
        CHECK(run.rounds[1].reports[0][0] == Approx(-0.536).margin(0.1));
        CHECK(run.rounds[1].reports[0][0] == Approx(-0.5).margin(0.075));
        CHECK(run.rounds[3].receiver[0] == Approx(0.024).margin(0.075));
        CHECK(run.rounds[3].receiver[0] == Approx(0.0).margin(0.05));
        WARN("seed " << seed << ": " << run.rounds[0].receiver[0] << " " << run.rounds[1].reports[0][0] << " "
                     << run.rounds[1].receiver[0] << " " << run.rounds[2].receiver[0] << " "
                     << run.rounds[3].receiver[0]);
    }
}

// Why iid sampling cannot meet ±0.05 of the paper's single draw for every seed: at (-1, 1) the pooled MLE's
// spread comes mostly from where the random pairs fall (the two players' data disagree), sd ≈ 0.027 over
// seeds, so |x̂ - 0.024| > 0.05 for about one seed in eight. Stratified pairs (one per cell of a 100 x 100
// grid on the pair space, each still uniform) remove that part: sd ≈ 0.005 at (-1, 1), and every receiver
// lands within 0.05 of the paper. What is left is label noise; it moves player 1's first best response (mean
// -0.516, sd 0.017 over these seeds; the paper's draw -0.536) to -0.483 and -0.482 on seeds 5 and 17,
// 0.053-0.054 from the paper.
TEST_CASE(
    "section 6 reproduction, stratified pairs: 20 seeds within 0.05 of the paper (first best response "
    "0.06)") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        INFO("seed " << seed);
        AlignConfig config = paper_config(seed, 3, 10000, "stratified");
        LearnedReceiver learned(config);
        AlignRun run = run_alignment(config, as_function(learned), nullptr);
        REQUIRE(run.rounds.size() == 4);
        CHECK(run.rounds[0].receiver[0] == Approx(0.103).margin(0.05));
        CHECK(run.rounds[1].reports[0][0] == Approx(-0.536).margin(0.06));
        CHECK(run.rounds[1].reports[0][0] == Approx(-0.5).margin(0.05));
        CHECK(run.rounds[1].receiver[0] == Approx(-0.101).margin(0.05));
        CHECK(run.rounds[2].reports[1][0] == 1.0);
        CHECK(run.rounds[2].receiver[0] == Approx(0.209).margin(0.05));
        CHECK(run.rounds[3].reports[0][0] == -1.0);
        CHECK(run.rounds[3].receiver[0] == Approx(0.024).margin(0.05));
        // The noise-free values (x̂ ≈ ½x_1 + ½x_2) are met far more tightly than with iid pairs.
        CHECK(run.rounds[3].receiver[0] == Approx(0.0).margin(0.02));
    }
}

TEST_CASE("stratified sampling: the same receiver on every run of a seed, and not the iid draw") {
    AlignConfig config = paper_config(5, 0, 10000, "stratified");
    LearnedReceiver a(config), b(config);
    const std::vector<std::vector<double>> reports{{-0.1}, {0.3}};
    CHECK(a(reports) == b(reports));
    AlignConfig iid = paper_config(5, 0, 10000, "iid");
    CHECK(LearnedReceiver(iid)(reports) != a(reports));
}

TEST_CASE("section 6: the dynamics converge (a full pass without moves) at (-1, 1)") {
    AlignConfig config = paper_config(3, 10);
    LearnedReceiver learned(config);
    AlignRun run = run_alignment(config, as_function(learned), nullptr);
    CHECK(run.converged);
    CHECK(run.rounds.size() == 6);  // rounds 4 and 5 change nothing
    CHECK(run.rounds.back().reports[0][0] == -1.0);
    CHECK(run.rounds.back().reports[1][0] == 1.0);
}

TEST_CASE("MLE recovers a known theta when every player reports it") {
    for (std::size_t d : {1, 2, 3}) {
        std::string lo = "[", hi = "[", box_lo = "[", box_hi = "[", theta = "[";
        const double truth[] = {0.7, -2.5, 4.0};
        for (std::size_t k = 0; k < d; ++k) {
            lo += std::string(k ? "," : "") + "-10";
            hi += std::string(k ? "," : "") + "10";
            box_lo += std::string(k ? "," : "") + "-5";
            box_hi += std::string(k ? "," : "") + "5";
            theta += std::string(k ? "," : "") + std::to_string(truth[k]);
        }
        lo += "]", hi += "]", box_lo += "]", box_hi += "]", theta += "]";
        std::string player = R"({"ideal": )" + theta + R"(, "pairs": 20000})";
        AlignConfig config = load_align_config_text(
            R"({"format": "bigcert-align/1", "dimension": )" + std::to_string(d) +
            R"(, "action_set": {"box": {"lo": )" + box_lo + R"(, "hi": )" + box_hi + R"(}}, "players": [)" +
            player + "," + player + "," + player + R"(], "responses": {"uniform": {"lo": )" + lo +
            R"(, "hi": )" + hi + R"(}}, "seed": 11})");
        LearnedReceiver learned(config);
        std::vector<std::vector<double>> reports(3, std::vector<double>(truth, truth + d));
        std::vector<double> estimate = learned(reports);
        for (std::size_t k = 0; k < d; ++k) CHECK(estimate[k] == Approx(truth[k]).margin(0.02));
    }
}

TEST_CASE("MLE: separable labels (one pair) are reported as having no maximiser") {
    // One labelled pair: the likelihood keeps increasing as θ runs off to infinity along its direction.
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        AlignConfig config = load_align_config_text(R"({"format": "bigcert-align/1", "dimension": 1,
            "action_set": {"interval": [-1, 1]}, "players": [{"ideal": 0.2, "pairs": 1}],
            "responses": {"uniform": {"lo": [-10], "hi": [10]}}, "seed": )" +
                                                    std::to_string(seed) + "}");
        LearnedReceiver learned(config);
        CHECK_THROWS_AS(learned({{0.2}}), NoMaximumError);
    }
}

TEST_CASE("affine surrogate of the section 6 receiver: weights close to 1/2, game solved at (-1, 1)") {
    AlignConfig config = paper_config(1, 3);
    LearnedReceiver learned(config);
    AffineSurrogate fit = fit_affine_surrogate(config, as_function(learned));
    REQUIRE(fit.weights.size() == 2);
    CHECK(fit.weights[0] == Approx(0.5).margin(0.05));
    CHECK(fit.weights[1] == Approx(0.5).margin(0.05));
    CHECK(std::abs(fit.bias[0]) < 0.05);
    CHECK(fit.residual_rms < 0.05);
    Solution solution = solve(fit.instance);
    CHECK(solution.actions[0][0] == -1);
    CHECK(solution.actions[1][0] == 1);
    // Its exact best responses reproduce the paper's path: player 0 from truthful plays -1 after player 1
    // moved.
    Vector br = surrogate_best_response(fit.instance, {Vector{Rational(-1)}, Vector{Rational(1)}}, 0);
    CHECK(br[0] == -1);
}

TEST_CASE("affine surrogate recovers a known affine receiver exactly up to rounding") {
    AlignConfig config = paper_config(1, 3, 10);
    ReceiverFunction affine = [](const std::vector<std::vector<double>>& r) {
        return std::vector<double>{0.125 + 0.25 * r[0][0] + 0.75 * r[1][0]};
    };
    AffineSurrogate fit = fit_affine_surrogate(config, affine);
    CHECK(fit.instance.players[0].weight == Rational(1) / 4);
    CHECK(fit.instance.players[1].weight == Rational(3) / 4);
    CHECK(fit.instance.bias_point[0] == Rational(1) / 8);
    CHECK(fit.residual_rms < 1e-12);
}

TEST_CASE("external receiver protocol: outcome, failure, non-number, timeout") {
    ExternalReceiver echo_mean(
        "python3 -c 'import json,sys; r=json.load(sys.stdin)[\"reports\"]; "
        "print(json.dumps([sum(x[0] for x in r)/len(r)]))'",
        1, 20);
    std::vector<double> out = echo_mean({{-0.5}, {1.0}});
    REQUIRE(out.size() == 1);
    CHECK(out[0] == Approx(0.25));
    CHECK_THROWS_WITH(ExternalReceiver("exit 3", 1, 10)({{0.0}}), Catch::Contains("exited with status 3"));
    CHECK_THROWS_WITH(ExternalReceiver("echo hello", 1, 10)({{0.0}}),
                      Catch::Contains("expected a JSON array of 1 numbers"));
    CHECK_THROWS_WITH(ExternalReceiver("echo '[1, 2]'", 1, 10)({{0.0}}),
                      Catch::Contains("expected a JSON array"));
    CHECK_THROWS_WITH(ExternalReceiver("echo '[\"x\"]'", 1, 10)({{0.0}}), Catch::Contains("non-number"));
    CHECK_THROWS_AS(ExternalReceiver("sleep 30", 1, 0.3)({{0.0}}), ExternalReceiverTimeout);
}

TEST_CASE("align config: bad inputs name their JSON path") {
    CHECK_THROWS_WITH(
        load_align_config_text(
            R"({"format": "bigcert-align/1", "dimension": 1, "action_set": {"interval": [-1, 1]},
        "players": [{"ideal": "abc", "pairs": 10}], "responses": {"uniform": {"lo": [-10], "hi": [10]}}})"),
        Catch::StartsWith("players[0].ideal: not a number"));
    CHECK_THROWS_WITH(
        load_align_config_text(
            R"({"format": "bigcert-align/1", "dimension": 1, "action_set": {"interval": [-1, 1]},
        "players": [{"ideal": 0, "pairs": 1.5}], "responses": {"uniform": {"lo": [-10], "hi": [10]}}})"),
        Catch::StartsWith("players[0].pairs: expected an integer"));
    CHECK_THROWS_WITH(
        load_align_config_text(
            R"({"format": "bigcert-align/1", "dimension": 1, "action_set": {"interval": [-1, 1]},
        "players": [{"ideal": 0, "pairs": 5}], "responses": {"uniform": {"lo": [10], "hi": [-10]}}})"),
        Catch::StartsWith("responses.uniform: needs lo < hi"));
    CHECK_THROWS_WITH(
        load_align_config_text(
            R"({"format": "bigcert-align/1", "dimension": 1, "action_set": {"interval": [-1, 1]},
        "players": [{"ideal": 0, "pairs": 5}], "responses": {"uniform": {"lo": [-10], "hi": [10]}, "sampling": "sobol"}})"),
        Catch::StartsWith("responses.sampling: expected"));
    CHECK_THROWS_AS(load_align_config_text("{"), InputError);
}
