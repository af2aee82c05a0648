// Certification layer: the exact multiplier checker, SHA-256, and certify_profile / check_properties
// on small games whose answers are known by hand.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "bigcert/certify/certificate.hpp"
#include "bigcert/certify/multiplier_certificate.hpp"
#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/properties.hpp"
#include "bigcert/certify/replay.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"

using namespace bigcert;

namespace {

Instance two_players_1d(const char* t0, const char* t1) {
    return load_instance_text(
        std::string(
            R"({"format": "bigcert/1", "name": "t", "dimension": 1, "action_set": {"interval": [-1, 1]},
        "players": [{"target": [")") +
        t0 + R"("], "weight": "1/2"}, {"target": [")" + t1 + R"("], "weight": "1/2"}]})");
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
    Instance box = load_instance_text(
        R"({"format": "bigcert/1", "dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
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
    CHECK(game.loss_of(0, game.receiver(profile)) - game.loss_of(0, game.receiver(moved)) ==
          bad.players[0].improvement);
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

// Certifying at scale (claim_groups.hpp, docs/model.md "Certifying at scale"): the grouped path must find
// what the per-player path finds, and never certify on an unknown.
#include <nlohmann/json.hpp>

#include "certify/claim_groups.hpp"
#include "text_file.hpp"

namespace {

// Three players on per-player intervals (one negative weight, a bias); (-1, 0, x2) is an equilibrium only for
// x2 = 2.
Instance three_players_1d() {
    return load_instance_text(
        R"({"format": "bigcert/1", "dimension": 1, "bias": {"weight": "1/3", "point": ["2/7"]},
        "players": [{"target": "-5", "weight": "1/3", "action_set": {"interval": [-1, 0]}},
                    {"target": "5", "weight": "-1/4", "action_set": {"interval": [0, 1]}},
                    {"target": "9", "weight": "1/5", "action_set": {"interval": [0, 2]}}]})");
}

}  // namespace

TEST_CASE("ray_of: g = c d with c > 0 and d a primitive integer vector") {
    Ray r = ray_of(v({"-4/6", "2/9"}));
    CHECK(r.direction == v({"-3", "1"}));
    CHECK(r.scale == *parse_rational("2/9"));
    CHECK(ray_of(v({"0", "0"})).direction == v({"0", "0"}));
    CHECK(ray_of(v({"7/3"})).direction == v({"1"}));
}

TEST_CASE("grouped certify agrees with the per-player path, finds a refuted player inside a group") {
    Instance game = three_players_1d();
    ProofLog no_log("", "", game.name);
    for (const char* x2 : {"2", "1"}) {
        std::vector<Vector> profile{v({"-1"}), v({"0"}), v({x2})};
        Certificate alone = certify_profile(game, profile, no_log);
        CertifyOptions grouped;
        grouped.per_player_max = 0;
        grouped.group_size = 3;  // all three claims in one disjunction
        Certificate together = certify_profile(game, profile, no_log, grouped);
        CHECK(together.verdict == alone.verdict);
        CHECK(alone.verdict == (std::string(x2) == "2" ? "certified" : "refuted"));
        for (std::size_t i = 0; i < 3; ++i) CHECK(together.players[i].verdict == alone.players[i].verdict);
    }
    std::vector<Vector> profile{v({"-1"}), v({"0"}), v({"1"})};
    CertifyOptions grouped;
    grouped.per_player_max = 0;
    grouped.group_size = 3;
    Certificate c = certify_profile(game, profile, no_log, grouped);
    REQUIRE(c.verdict == "refuted");
    CHECK(c.players[0].verdict == "certified");
    CHECK(c.players[1].verdict == "certified");
    REQUIRE(c.players[2].verdict == "refuted");
    REQUIRE(c.players[2].deviation);
    std::vector<Vector> moved = profile;
    moved[2] = *c.players[2].deviation;
    CHECK(game.set_of(2).contains(moved[2]));
    CHECK(game.loss_of(2, game.receiver(profile)) - game.loss_of(2, game.receiver(moved)) ==
          c.players[2].improvement);
    CHECK(sign(c.players[2].improvement) > 0);
}

TEST_CASE("grouped certify: an unknown group is never certified") {
    // (Z3 decides the 1-D group queries above in preprocessing, within any resource limit: a box needs
    // search. Cone facts have no variables and are decided by evaluation within any limit, so this test of
    // the unknown path asks the claims in the direction form.)
    Instance game = load_instance_text(
        R"({"format": "bigcert/1", "dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
        "players": [{"target": [5, 5], "weight": "1/2"}, {"target": [-5, 4], "weight": "1/2"}]})");
    ProofLog no_log("", "", game.name);
    CertifyOptions options;
    options.per_player_max = 0;
    options.cone_facts = false;
    REQUIRE(certify_profile(game, {v({"1", "1"}), v({"-1", "1"})}, no_log, options).verdict == "certified");
    options.rlimit = 1;
    Certificate c = certify_profile(game, {v({"1", "1"}), v({"-1", "1"})}, no_log, options);
    CHECK(c.verdict == "not certified");
    for (const PlayerVerdict& p : c.players) {
        CHECK(p.verdict == "not certified");
        CHECK_FALSE(p.reason.empty());
    }
}

TEST_CASE("grouped certify: claims equal up to a positive scale are asked once") {
    std::string players;
    for (int k = 0; k < 40; ++k)
        players += std::string(k ? "," : "") + R"({"target": ")" + std::to_string(k % 2 ? 5 + k : -5 - k) +
                   R"(", "weight": "1/)" + std::to_string(k + 2) + R"("})";
    Instance game = load_instance_text(
        R"({"format": "bigcert/1", "dimension": 1, "action_set": {"interval": [-1, 1]}, "players": [)" +
        players + "]}");
    std::vector<Vector> profile;
    for (int k = 0; k < 40; ++k) profile.push_back(v({k % 2 ? "1" : "-1"}));
    ProofLog log("", "", game.name);
    CertifyOptions options;
    options.per_player_max = 0;
    Certificate c = certify_profile(game, profile, log, options);
    CHECK(c.verdict == "certified");
    // Two claims (at -1 with g > 0, at 1 with g < 0): one group query, no per-player query.
    CHECK(log.recorded_queries().size() == 1);
}

TEST_CASE("packed bundle: several queries per file replay in z3, and tampering fails replay") {
    namespace fs = std::filesystem;
    const std::string dir = (fs::temp_directory_path() / "bigcert-certify-packed-log").string();
    fs::remove_all(dir);
    Instance game = two_players_1d("-1/2", "1/2");
    {
        ProofLog log(dir, "{}", game.name);
        log.set_max_query_files(1);
        CHECK(certify_profile(game, {v({"-1"}), v({"1"})}, log).verdict == "certified");
    }
    ReplayReport report = replay_proof_log(dir, 30, true);
    CHECK(report.ok());
    CHECK(report.lines.size() == 4);
    nlohmann::json manifest = nlohmann::json::parse(read_text(dir + "/manifest.json"));
    REQUIRE(manifest["queries"].size() == 2);  // one file per logic: QF_LRA and QF_NRA blocks
    REQUIRE(manifest["queries"][0]["expected"].is_array());
    const std::string manifest_text = read_text(dir + "/manifest.json");
    SECTION("an edited answer list") {
        nlohmann::json edited = manifest;
        edited["queries"][0]["z3_answer"][1] = "sat";
        write_text(dir + "/manifest.json", edited.dump(2));
        CHECK_FALSE(replay_proof_log(dir, 30, false).ok());
    }
    SECTION("a removed block, even with the digest updated") {
        const std::string file = dir + "/" + manifest["queries"][0]["file"].get<std::string>();
        std::string text = read_text(file);
        text = text.substr(text.find("(reset)\n") + 8);
        write_text(file, text);
        CHECK_FALSE(replay_proof_log(dir, 30, false).ok());
        nlohmann::json edited = manifest;
        edited["queries"][0]["sha256"] = sha256_hex(text);
        write_text(dir + "/manifest.json", edited.dump(2));
        CHECK_FALSE(replay_proof_log(dir, 30, false).ok());
    }
    SECTION("an extra file") {
        write_text(dir + "/extra.smt2", "(check-sat)\n");
        CHECK_FALSE(replay_proof_log(dir, 30, false).ok());
    }
    SECTION("a list where a string belongs is bad input") {
        nlohmann::json edited = manifest;
        edited["queries"][0]["z3_answer"] = "unsat";
        write_text(dir + "/manifest.json", edited.dump(2));
        CHECK_THROWS_AS(replay_proof_log(dir, 30, false), InputError);
    }
    fs::remove_all(dir);
}

TEST_CASE("observers: the bundle writer forwards queries, notes and conclusions; the online replay agrees") {
    Instance game = two_players_1d("-1/2", "1/2");
    ProofLog log("", "", game.name);
    OnlineReplayCheck online(30);
    log.attach(online);
    CHECK(certify_profile(game, {v({"-1"}), v({"1"})}, log).verdict == "certified");
    CHECK(online.checked() == 4);
    CHECK(online.disagreements().empty());
}
