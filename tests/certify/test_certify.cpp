// Certification layer: the exact multiplier checker, SHA-256, and certify_profile / check_properties
// on small games whose answers are known by hand.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "bigcert/certificate.hpp"
#include "bigcert/errors.hpp"
#include "bigcert/instance_loader.hpp"
#include "bigcert/multiplier_certificate.hpp"
#include "bigcert/proof_log.hpp"
#include "bigcert/properties.hpp"
#include "bigcert/replay.hpp"

using namespace bigcert;

namespace {

Instance two_players_1d(const char* t0, const char* t1) {
    return load_instance_text(std::string(R"({"format": "bigcert/1", "name": "t", "dimension": 1, "action_set": {"interval": [-1, 1]},
        "players": [{"target": [")") + t0 + R"("], "weight": "1/2"}, {"target": [")" + t1 + R"("], "weight": "1/2"}]})");
}

Vector v(std::initializer_list<const char*> xs) {
    Vector out;
    for (const char* x : xs) out.push_back(*parse_rational(x));
    return out;
}

}  // namespace

TEST_CASE("SHA-256 matches the FIPS 180-2 test vectors") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("multipliers: found and checked at a vertex of a box, rejected when a deviation helps") {
    Instance box = load_instance_text(R"({"format": "bigcert/1", "dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
        "players": [{"target": [3, 3], "weight": 1}]})");
    // At (1, 1) the gradient 2 (x̂ - t) = (-4, -4) points out of the set through both tight facets.
    Vector x = v({"1", "1"}), g = v({"-4", "-4"});
    auto m = find_multipliers(box.set_of(0), x, g);
    REQUIRE(m);
    CHECK(check_multipliers(*m, x, g));
    // The checker is independent: tampering with a multiplier breaks stationarity.
    Multipliers bad = *m;
    for (Rational& l : bad.lambda)
        if (l != 0) l += 1;
    CHECK_FALSE(check_multipliers(bad, x, g));
    // At (1, 0) the player would move up: no nonnegative multipliers exist.
    CHECK_FALSE(find_multipliers(box.set_of(0), v({"1", "0"}), v({"-4", "-6"})));
}

TEST_CASE("certify_profile: certified equilibrium, refuted perturbation with an exact improving deviation") {
    Instance game = two_players_1d("-1/2", "1/2");  // equilibrium: both at their ends, receiver 0
    ProofLog no_log("", "", game.name);
    Certificate ok = certify_profile(game, {v({"-1"}), v({"1"})}, no_log);
    CHECK(ok.verdict == "certified");
    for (const PlayerVerdict& p : ok.players) {
        CHECK(p.variational == "unsat");
        CHECK(p.definition == "unsat");
        CHECK(p.multipliers == "verified");
    }
    std::vector<Vector> profile{v({"0"}), v({"1"})};
    Certificate bad = certify_profile(game, profile, no_log);
    CHECK(bad.verdict == "refuted");
    REQUIRE(bad.players[0].verdict == "refuted");
    REQUIRE(bad.players[0].deviation);
    std::vector<Vector> moved = profile;
    moved[0] = *bad.players[0].deviation;
    CHECK(game.set_of(0).contains(moved[0]));
    CHECK(game.loss_of(0, game.receiver(moved)) < game.loss_of(0, game.receiver(profile)));
    CHECK(game.loss_of(0, game.receiver(profile)) - game.loss_of(0, game.receiver(moved)) == bad.players[0].improvement);
}

TEST_CASE("certify_profile: a resource limit of 1 gives not certified, never certified") {
    Instance game = two_players_1d("-1/2", "1/2");
    ProofLog no_log("", "", game.name);
    CertifyOptions options;
    options.rlimit = 1;
    Certificate c = certify_profile(game, {v({"-1"}), v({"1"})}, no_log, options);
    CHECK(c.verdict == "not certified");
    for (const PlayerVerdict& p : c.players) CHECK_FALSE(p.reason.empty());
}

TEST_CASE("check_properties: Theorem 4 fails with duplicate interior targets and holds with distinct ones") {
    ProofLog no_log("", "", "t");
    auto verdicts = check_properties(two_players_1d("0", "0"), property_names("all"), no_log);
    REQUIRE(verdicts.size() == 4);
    CHECK(verdicts[0].verdict == "fails");
    CHECK(verdicts[0].premise == "not met");
    REQUIRE(verdicts[0].counterexample.size() == 1);
    for (const Vector& x : verdicts[0].counterexample[0]) CHECK((x[0] > -1 && x[0] < 1));
    CHECK(verdicts[1].verdict == "holds");  // receiver-unique
    CHECK(verdicts[2].value == "infinite");
    CHECK(verdicts[3].verdict == "holds");  // potential
    auto distinct = check_properties(two_players_1d("-1/2", "1/2"), property_names("all"), no_log);
    CHECK(distinct[0].verdict == "holds");
    CHECK(distinct[0].premise == "met");
    CHECK(distinct[2].value == "one");
    CHECK_THROWS_AS(property_names("nonsense"), InputError);
}

TEST_CASE("proof log: written, replayed by stock z3, and an edit is detected") {
    namespace fs = std::filesystem;
    const std::string dir = (fs::temp_directory_path() / "bigcert-certify-unit-log").string();
    Instance game = two_players_1d("-1/2", "1/2");
    {
        ProofLog log(dir, "{}", game.name);
        CHECK(certify_profile(game, {v({"-1"}), v({"1"})}, log).verdict == "certified");
    }
    ReplayReport report = replay_proof_log(dir, 30, false);
    CHECK(report.ok());
    CHECK(report.lines.size() == 4);
    {
        std::ofstream out(dir + "/certify-player-0000000-variational.smt2", std::ios::app);
        out << "; edited\n";
    }
    CHECK_FALSE(replay_proof_log(dir, 30, false).ok());
    fs::remove_all(dir);
}
