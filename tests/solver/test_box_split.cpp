// Boxes solved coordinate by coordinate (box_split.hpp) against the general path (simplicial decomposition,
// SolveOptions::force_general) on random small games: the same solution JSON byte for byte, up to the method
// name, whenever the equilibrium is unique; when it is not, the same receiver, losses, potential, faces,
// count and Theorem 4 report, and a printed profile that the exact re-check accepts inside the same faces.
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

std::string fraction_text(int num, int den) {
    return "\"" + std::to_string(num) + "/" + std::to_string(den) + "\"";
}

// d = 2 or 3; per-player or common boxes, degenerate coordinates, zero and negative weights, a bias,
// duplicate targets, targets inside and outside the boxes, names, one player.
std::string random_box_game(std::mt19937& rng, int d, int n) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    bool own_sets = pick(0, 1), bias = pick(0, 1), names = pick(0, 3) == 0;
    auto box = [&] {
        std::string lo = "[", hi = "[";
        for (int c = 0; c < d; ++c) {
            int den = pick(1, 3), low = pick(-4, 2), width = pick(0, 3) == 0 ? 0 : pick(1, 6);
            lo += (c ? ", " : "") + fraction_text(low, den);
            hi += (c ? ", " : "") + fraction_text(low + width, den);
        }
        return "{\"box\": {\"lo\": " + lo + "], \"hi\": " + hi + "]}}";
    };
    std::vector<std::string> pool;
    for (int k = 0; k < std::max(1, n / pick(1, 3)); ++k) {
        std::string t = "[";
        for (int c = 0; c < d; ++c) t += (c ? ", " : "") + fraction_text(pick(-8, 8), pick(1, 3));
        pool.push_back(t + "]");
    }
    std::string text = "{\"format\": \"bigcert/1\", \"dimension\": " + std::to_string(d) + ", ";
    if (bias) {
        text += "\"bias\": {\"weight\": " + fraction_text(pick(-2, 3), pick(1, 3)) + ", \"point\": [";
        for (int c = 0; c < d; ++c) text += (c ? ", " : "") + fraction_text(pick(-2, 2), 2);
        text += "]}, ";
    }
    if (!own_sets) text += "\"action_set\": " + box() + ", ";
    text += "\"players\": [";
    for (int i = 0; i < n; ++i) {
        text += i ? ", {" : "{";
        text += "\"target\": " + pool[static_cast<std::size_t>(pick(0, static_cast<int>(pool.size()) - 1))];
        int kind = pick(0, 9);
        text += ", \"weight\": " + (kind == 0   ? std::string("0")
                                    : kind == 1 ? "-0.5"
                                                : fraction_text(pick(1, 3), pick(1, 4)));
        if (names && pick(0, 1)) text += ", \"name\": \"p" + std::to_string(i) + "\"";
        if (own_sets) text += ", \"action_set\": " + box();
        text += "}";
    }
    return text + "]}";
}

std::string json_of(const Instance& instance, Solution solution) {
    solution.method = "";
    std::ostringstream out;
    write_solution_json(out, instance, solution);
    return out.str();
}

void require_same_set(const Instance& instance, const Solution& split, const Solution& general) {
    REQUIRE(split.receiver == general.receiver);
    REQUIRE(split.losses == general.losses);
    REQUIRE(split.potential == general.potential);
    REQUIRE(split.face_vertices == general.face_vertices);
    REQUIRE(split.count == general.count);
    const ExaggerationReport &a = split.exaggeration, &b = general.exaggeration;
    REQUIRE(a.ever_interior == b.ever_interior);
    REQUIRE(a.premise_met == b.premise_met);
    REQUIRE(a.premise_detail == b.premise_detail);
    REQUIRE(a.at_most_one_interior == b.at_most_one_interior);
    REQUIRE(a.interior_player_at_target == b.interior_player_at_target);
    REQUIRE(check_equilibrium(instance, split.actions, split.receiver).ok);
    for (std::size_t i = 0; i < split.actions.size(); ++i)
        if (general.face_vertices[i].empty()) REQUIRE(split.actions[i] == general.actions[i]);
}

}  // namespace

TEST_CASE("boxes per coordinate: the general path's answer on random games", "[box]") {
    std::mt19937 rng(20261202);
    int unique = 0, several = 0;
    for (int round = 0; round < 600; ++round) {
        int d = 2 + round % 2, n = 1 + static_cast<int>(rng() % 9);
        std::string text = random_box_game(rng, d, n);
        INFO(text);
        Instance instance = load_instance_text(text);
        Solution split = solve(instance);
        REQUIRE(split.method == "interval-sweep per coordinate");
        SolveOptions general_options;
        general_options.force_general = true;
        Solution general = solve(instance, general_options);
        require_same_set(instance, split, general);
        if (general.count == EquilibriumCount::one) {
            ++unique;
            REQUIRE(json_of(instance, split) == json_of(instance, general));
        } else {
            ++several;
        }
    }
    REQUIRE(unique > 100);
    REQUIRE(several > 100);
}

TEST_CASE("boxes per coordinate: not taken for other polytopes or without machine integers", "[box]") {
    Instance vertices = load_instance_text(
        R"({"dimension": 2, "players": [{"target": [1, 2], "action_set": {"vertices": [[0,0],[1,0],[0,1],[1,1]]}}]})");
    REQUIRE(solve(vertices).method == "simplicial-decomposition");
    Instance huge = load_instance_text(
        R"({"dimension": 2, "players": [{"target": ["123456789012345678901234567890", 2], "action_set": {"box": {"lo": [0, 0], "hi": [1, 1]}}}]})");
    REQUIRE(solve(huge).method == "simplicial-decomposition");
}

TEST_CASE("boxes per coordinate: the paper's box examples print what the general path prints", "[box]") {
    for (std::string name : {"paper-ex2", "paper-fig3-right"}) {
        INFO(name);
        Instance instance =
            load_instance_file(std::string(BIGCERT_SOURCE_DIR) + "/examples/" + name + ".json");
        SolveOptions general_options;
        general_options.force_general = true;
        REQUIRE(json_of(instance, solve(instance)) == json_of(instance, solve(instance, general_options)));
    }
}
