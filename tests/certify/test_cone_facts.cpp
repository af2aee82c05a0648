// Cone facts (docs/model.md §3i, §3a′): polytope claims asked as variable-free facts from exact multipliers.
// The new form must agree with the earlier one (disjunctions over y, faces by the direction of g_i) and with
// the per-player path on random games, degenerate ones included (a player indifferent along an edge, zero and
// negative weights, duplicate targets, a bias, segments and points), and a false fact must be refused.
#include <z3++.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>

#include "bigcert/certify/certificate.hpp"
#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/properties.hpp"
#include "bigcert/certify/replay.hpp"
#include "bigcert/certify/smt_query.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"
#include "certify/cone_facts.hpp"
#include "text_file.hpp"

using namespace bigcert;

namespace {

Vector v(std::initializer_list<const char*> xs) {
    Vector out;
    for (const char* x : xs) out.push_back(*parse_rational(x));
    return out;
}

std::string fraction(std::mt19937& rng, int lo, int hi, int den) {
    return "\"" + std::to_string(std::uniform_int_distribution<int>(lo * den, hi * den)(rng)) + "/" +
           std::to_string(den) + "\"";
}

std::string point(std::mt19937& rng, int lo, int hi) {
    return "[" + fraction(rng, lo, hi, 4) + ", " + fraction(rng, lo, hi, 4) + "]";
}

// A box, a polygon by random vertices (their hull), a halfspace-cut box, a segment or a point.
std::string random_set(std::mt19937& rng) {
    switch (std::uniform_int_distribution<int>(0, 5)(rng)) {
        case 0:
        case 1: {
            int x = std::uniform_int_distribution<int>(-3, 1)(rng),
                y = std::uniform_int_distribution<int>(-3, 1)(rng);
            return R"({"box": {"lo": [)" + std::to_string(x) + ", " + std::to_string(y) + "], \"hi\": [" +
                   std::to_string(x + 2) + ", " + std::to_string(y + 1) + "]}}";
        }
        case 2: {
            std::string vertices;
            for (int k = 0; k < 6; ++k) vertices += std::string(k ? ", " : "") + point(rng, -3, 3);
            return R"({"vertices": [)" + vertices + "]}";
        }
        case 3:
            return R"({"halfspaces": [{"a": [1, 0], "b": 2}, {"a": [-1, 0], "b": 2}, {"a": [0, 1], "b": 2},
                  {"a": [0, -1], "b": 2}, {"a": [1, 1], "b": 1}]})";
        case 4:
            return R"({"vertices": [)" + point(rng, -2, 2) + ", " + point(rng, -2, 2) + "]}";
        default:
            return R"({"vertices": [)" + point(rng, -2, 2) + "]}";
    }
}

std::string random_game(std::mt19937& rng) {
    const int n = std::uniform_int_distribution<int>(1, 5)(rng);
    const char* weights[] = {"1", "1/2", "1/3", "0", "-1/2", "2", "-1/7"};
    std::vector<std::string> targets;
    std::string players;
    for (int i = 0; i < n; ++i) {
        const bool duplicate = i > 0 && std::uniform_int_distribution<int>(0, 3)(rng) == 0;
        targets.push_back(duplicate ? targets[std::uniform_int_distribution<int>(0, i - 1)(rng)]
                                    : point(rng, -4, 4));
        players += std::string(i ? ", " : "") + R"({"target": )" + targets.back() + R"(, "weight": ")" +
                   weights[std::uniform_int_distribution<int>(0, 6)(rng)] + R"(", "action_set": )" +
                   random_set(rng) + "}";
    }
    std::string bias = std::uniform_int_distribution<int>(0, 2)(rng) == 0
                           ? R"("bias": {"weight": "1/2", "point": )" + point(rng, -2, 2) + "}, "
                           : "";
    return R"({"format": "bigcert/1", "dimension": 2, )" + bias + R"("players": [)" + players + "]}";
}

// Players on the x-axis, boxes symmetric about it, a bias at the origin: the outcome has y = 0, so every g_i
// is horizontal, parallel to the boxes' side normals (each player is indifferent along a vertical edge).
Instance indifferent_along_edges() {
    return load_instance_text(
        R"({"format": "bigcert/1", "dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
        "players": [{"target": ["5", "0"], "weight": "1/3"}, {"target": ["-7", "0"], "weight": "1/4"},
                    {"target": ["9", "0"], "weight": "-1/5"}]})");
}

CertifyOptions grouped(bool cone) {
    CertifyOptions o;
    o.per_player_max = 0;  // every claim grouped
    o.group_size = 3;
    o.cone_facts = cone;
    return o;
}

void same_certificates(const Instance& game, const std::vector<Vector>& profile) {
    ProofLog no_log("", "", game.name);
    Certificate alone = certify_profile(game, profile, no_log);
    Certificate cones = certify_profile(game, profile, no_log, grouped(true));
    Certificate disjunctions = certify_profile(game, profile, no_log, grouped(false));
    CHECK(cones.verdict == alone.verdict);
    CHECK(disjunctions.verdict == alone.verdict);
    for (std::size_t i = 0; i < profile.size(); ++i) {
        CHECK(cones.players[i].verdict == alone.players[i].verdict);
        CHECK(disjunctions.players[i].verdict == alone.players[i].verdict);
    }
}

void same_check(const Instance& game) {
    const std::vector<std::string> properties{"exaggeration", "receiver-unique", "count"};
    ProofLog no_log("", "", game.name);
    CheckOptions cone, direction;
    cone.method = direction.method = "structure";
    direction.cone_facts = false;
    std::vector<PropertyVerdict> a = check_properties(game, properties, no_log, cone);
    std::vector<PropertyVerdict> b = check_properties(game, properties, no_log, direction);
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
        INFO(a[k].property << ": " << a[k].reason << " / " << b[k].reason);
        CHECK(a[k].verdict == b[k].verdict);
        CHECK(a[k].value == b[k].value);
        CHECK(a[k].verdict != "unknown");
    }
}

std::string answer(const std::string& formula) {
    SmtQuery q("QF_LRA", {"test"});
    q.assert_named("fact_fails", "(not " + formula + ")");
    z3::context ctx;
    return run_query(ctx, q, QueryLimits{}, {}).answer;
}

std::vector<std::string> terms(const Vector& u) {
    std::vector<std::string> out;
    for (const Rational& c : u) out.push_back(smt_number(c));
    return out;
}

}  // namespace

TEST_CASE("cone facts: the fact holds exactly when the multipliers certify the claim") {
    const ActionSet set = load_instance_text(
                              R"({"format": "bigcert/1", "dimension": 2,
        "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}}, "players": [{"target": [0, 0], "weight": "1"}]})")
                              .set_of(0);
    // (1, 1) maximises (3, 5): λ = 3 on x <= 1, 5 on y <= 1 (written by Cramer's rule in u).
    std::optional<Multipliers> m = cone_multipliers(set, v({"1", "1"}), v({"3", "5"}));
    REQUIRE(m);
    CHECK(active_facets(*m).size() == 2);
    CHECK(answer(smt_cone_fact(*m, v({"1", "1"}), terms(v({"3", "5"})))) == "unsat");
    // u over the receiver's defined terms, as the bundles write it: 2 (t xden - xnum) with xhat = (3/2, 1).
    {
        SmtQuery q("QF_LRA", {"test"});
        const ReceiverTerms r = define_receiver(q, v({"3/2", "1"}));
        CHECK(scaled_offset(Rational(2), v({"3", "7/2"}), v({"3/2", "1"})) == v({"6", "10"}));  // xden = 2
        q.assert_named(
            "fact_fails",
            "(not " + smt_cone_fact(*m, v({"1", "1"}), smt_scaled_offset(Rational(2), v({"3", "7/2"}), r)) +
                ")");
        z3::context ctx;
        CHECK(run_query(ctx, q, QueryLimits{}, {}).answer == "unsat");
    }
    // On a cone boundary: (0, 1) is maximised along the whole top edge; one active facet.
    std::optional<Multipliers> edge = cone_multipliers(set, v({"1/3", "1"}), v({"0", "2"}));
    REQUIRE(edge);
    CHECK(active_facets(*edge).size() == 1);
    CHECK(answer(smt_cone_fact(*edge, v({"1/3", "1"}), terms(v({"0", "2"})))) == "unsat");
    // Wrong claims: no multipliers exist, and a fact about another direction or point is refused by Z3.
    CHECK_FALSE(cone_multipliers(set, v({"1", "-1"}), v({"3", "5"})));
    CHECK_FALSE(cone_multipliers(set, v({"1/3", "1"}), v({"1", "2"})));
    CHECK(answer(smt_cone_fact(*m, v({"1", "1"}), terms(v({"-3", "5"})))) == "sat");  // outside the cone
    CHECK(answer(smt_cone_fact(*edge, v({"1/3", "1"}), terms(v({"1", "2"})))) ==
          "sat");                                                                    // off the edge's normal
    CHECK(answer(smt_cone_fact(*m, v({"1", "2"}), terms(v({"3", "5"})))) == "sat");  // not in the set
    // With an equation (a segment) the multipliers are numerals: a tampered one is refused.
    const ActionSet segment = load_instance_text(
                                  R"({"format": "bigcert/1", "dimension": 2,
        "action_set": {"vertices": [[0, 0], [1, 1]]}, "players": [{"target": [0, 0], "weight": "1"}]})")
                                  .set_of(0);
    std::optional<Multipliers> s = cone_multipliers(segment, v({"1", "1"}), v({"1", "2"}));
    REQUIRE(s);
    REQUIRE_FALSE(active_facets(*s).empty());
    CHECK(answer(smt_cone_fact(*s, v({"1", "1"}), terms(v({"1", "2"})))) == "unsat");
    Multipliers tampered = *s;
    tampered.lambda[active_facets(*s)[0]] += 1;
    CHECK(answer(smt_cone_fact(tampered, v({"1", "1"}), terms(v({"1", "2"})))) == "sat");
}

TEST_CASE("cone facts: certify agrees with the disjunctive groups and the per-player path on random games") {
    std::mt19937 rng(20261202);
    for (int round = 0; round < 40; ++round) {
        const std::string text = random_game(rng);
        INFO(text);
        Instance game = load_instance_text(text);
        std::vector<Vector> profile = solve(game).actions;
        same_certificates(game, profile);
        // A wrong claim: one player moved to another vertex of its set (refuted unless indifferent).
        for (std::size_t i = 0; i < profile.size(); ++i)
            for (const Vector& vertex : game.set_of(i).vertices())
                if (vertex != profile[i]) {
                    std::vector<Vector> moved = profile;
                    moved[i] = vertex;
                    same_certificates(game, moved);
                    i = profile.size();
                    break;
                }
    }
}

TEST_CASE("cone facts: a player indifferent along an edge, certified anywhere on it, refused off it") {
    Instance game = indifferent_along_edges();
    std::vector<Vector> profile = solve(game).actions;
    same_certificates(game, profile);
    ProofLog no_log("", "", game.name);
    CHECK(certify_profile(game, profile, no_log, grouped(true)).verdict == "certified");
    same_check(game);
    std::vector<Vector> inside = profile;
    inside[0] = v({"0", profile[0][1] == 1 ? "-1" : "1"});  // off the maximising edge
    Certificate c = certify_profile(game, inside, no_log, grouped(true));
    CHECK(c.verdict == "refuted");
    CHECK(c.players[0].verdict == "refuted");
}

TEST_CASE("cone facts: check by structure agrees with the direction form on random games") {
    std::mt19937 rng(777);
    for (int round = 0; round < 30; ++round) {
        const std::string text = random_game(rng);
        INFO(text);
        same_check(load_instance_text(text));
    }
}

TEST_CASE("cone facts: the bundle replays with stock z3, and an edited numeral fails replay") {
    namespace fs = std::filesystem;
    const std::string dir = (fs::temp_directory_path() / "bigcert-cone-facts-log").string();
    fs::remove_all(dir);
    Instance game = indifferent_along_edges();
    std::vector<Vector> profile = solve(game).actions;
    {
        ProofLog log(dir, "{}", game.name);
        REQUIRE(certify_profile(game, profile, log, grouped(true)).verdict == "certified");
    }
    CHECK(replay_proof_log(dir, 30, true).ok());
    // A multiplier's positivity turned around, with the file's digest updated: Z3 now answers sat.
    nlohmann::json manifest = nlohmann::json::parse(read_text(dir + "/manifest.json"));
    bool edited = false;
    for (auto& entry : manifest["queries"]) {
        const std::string file = dir + "/" + entry["file"].get<std::string>();
        std::string text = read_text(file);
        const std::size_t at = text.find("(< 0.0 cone_l");
        if (edited || text.find("cone facts") == std::string::npos || at == std::string::npos) continue;
        text.replace(at, 7, "(> 0.0 ");  // the multiplier negative: the fact is false
        write_text(file, text);
        entry["sha256"] = sha256_hex(text);
        edited = true;
    }
    REQUIRE(edited);
    write_text(dir + "/manifest.json", manifest.dump(2));
    CHECK_FALSE(replay_proof_log(dir, 30, false).ok());
    fs::remove_all(dir);
}
