// The polygon route in machine integers end to end (load_vertex_game_text, solve_vertex_game,
// write_vertex_answer_json) against the general route (load_instance_text, solve with force_general,
// write_solution_json) on random polygon games: the same bytes, ties, faces, moved actions and weightless
// players included; and the route declines (so the general path answers) when a number is too large.
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/instance_source.hpp"
#include "bigcert/io/vertex_game_loader.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/vertex_solver.hpp"
#include "bigcert/solver/solve_to_json.hpp"
#include "bigcert/solver/solver.hpp"

using namespace bigcert;

namespace {

std::string fraction_text(long num, long den) {
    return "\"" + std::to_string(num) + "/" + std::to_string(den) + "\"";
}

// Per-player or common polygons on a small grid (so that ties are common: targets on vertices, edges
// parallel to w(t - x̂)), with points repeated and points on edges, negative and zero weights, a bias,
// repeated targets and names.
std::string random_polygon_game(std::mt19937& rng, int n) {
    auto pick = [&](long lo, long hi) { return std::uniform_int_distribution<long>(lo, hi)(rng); };
    const bool own_sets = pick(0, 2) != 0, bias = pick(0, 1), names = pick(0, 3) == 0,
               repeats = pick(0, 4) == 0;
    const long grid = pick(1, 4);  // coordinates in 1/grid
    auto polygon = [&] {
        // Corners of a random polygon (numerators over `grid`) plus, sometimes, a repeated corner and an
        // edge midpoint (collinear with two corners).
        struct Point {
            long x, y, den;
        };
        std::vector<Point> points;
        const long cx = pick(-3, 3), cy = pick(-3, 3);
        const int corners = static_cast<int>(pick(3, 8));
        for (int k = 0; k < corners; ++k) points.push_back({cx + pick(-4, 4), cy + pick(-4, 4), grid});
        if (pick(0, 2) == 0) points.push_back(points[0]);
        if (pick(0, 2) == 0)
            points.push_back({points[0].x + points[1].x, points[0].y + points[1].y, 2 * grid});
        std::string text = "{\"vertices\": [";
        for (std::size_t k = 0; k < points.size(); ++k)
            text += (k ? ", [" : "[") + fraction_text(points[k].x, points[k].den) + ", " +
                    fraction_text(points[k].y, points[k].den) + "]";
        return text + "]}";
    };
    std::string text = "{\"format\": \"bigcert/1\", \"name\": \"polygons\", \"dimension\": 2, ";
    if (bias)
        text += "\"bias\": {\"weight\": " + fraction_text(pick(-2, 3), pick(1, 3)) + ", \"point\": [" +
                fraction_text(pick(-2, 2), 2) + ", " + fraction_text(pick(-2, 2), 2) + "]}, ";
    if (!own_sets) text += "\"action_set\": " + polygon() + ", ";
    text += "\"players\": [";
    std::string previous_target;
    for (int i = 0; i < n; ++i) {
        std::string t = "[" + fraction_text(pick(-12, 12), grid * pick(1, 2)) + ", " +
                        fraction_text(pick(-12, 12), grid * pick(1, 2)) + "]";
        if (repeats && i > 0 && pick(0, 2) == 0) t = previous_target;
        previous_target = t;
        text += i ? ", {" : "{";
        text += "\"target\": " + t;
        const long kind = pick(0, 29);
        text += ", \"weight\": " + (kind == 0   ? std::string("0")
                                    : kind <= 4 ? fraction_text(-pick(1, 3), pick(1, 4))
                                                : fraction_text(pick(1, 5), pick(1, 6) * n));
        if (names && pick(0, 1)) text += ", \"name\": \"p" + std::to_string(i) + "\"";
        if (own_sets) text += ", \"action_set\": " + polygon();
        text += "}";
    }
    return text + "]}";
}

std::string general_json(const std::string& text) {
    Instance instance = load_instance_text(text);
    SolveOptions options;
    options.force_general = true;
    std::ostringstream out;
    write_solution_json(out, instance, solve(instance, options));
    return out.str();
}

std::string fast_json(const VertexGame& game, unsigned threads) {
    std::ostringstream out;
    write_vertex_answer_json(out, game, solve_vertex_game(game, threads));
    return out.str();
}

bool is_full_dimensional(const Instance& instance) {
    for (const ActionSet& set : instance.action_sets)
        if (set.affine_dimension() != 2) return false;
    return true;
}

}  // namespace

TEST_CASE("polygon route: the general route's bytes on random games", "[polygon]") {
    std::mt19937 rng(20261202);
    int unique = 0, infinite = 0, moved = 0, faces = 0, premise_not_met = 0, declined = 0;
    for (int round = 0; round < 500; ++round) {
        const std::string text = random_polygon_game(rng, 1 + static_cast<int>(rng() % 9));
        INFO(text);
        std::optional<VertexGame> game = load_vertex_game_text(text);
        if (!game) {  // only a segment or a point among the sets: the general path describes those
            REQUIRE(!is_full_dimensional(load_instance_text(text)));
            ++declined;
            continue;
        }
        VertexAnswer answer = solve_vertex_game(*game, 1);
        ++(answer.count == EquilibriumCount::one ? unique : infinite);
        moved += !answer.moved_actions.empty();
        faces += !answer.faces.empty();
        premise_not_met += !answer.exaggeration.premise_met;
        const std::string expected = general_json(text);
        REQUIRE(fast_json(*game, 1) == expected);
        REQUIRE(fast_json(*game, 2) == expected);
        // solve() takes the route through vertex_game_of and answers the same.
        {
            Instance instance = load_instance_text(text);
            std::ostringstream out;
            write_solution_json(out, instance, solve(instance));
            REQUIRE(out.str() == expected);
        }
        // `solve --json` takes the route and writes the same.
        SolveOptions options;
        std::ostringstream routed;
        REQUIRE(solve_to_json_in_machine_integers(InstanceSource::text(text), routed, options));
        REQUIRE(routed.str() == expected);
    }
    REQUIRE(unique > 100);
    REQUIRE(infinite > 20);
    REQUIRE(moved > 5);
    REQUIRE(faces > 50);
    REQUIRE(premise_not_met > 50);
    REQUIRE(declined < 100);
}

TEST_CASE("polygon route: two threads write what one writes on a large game", "[polygon]") {
    std::mt19937 rng(5);
    const std::string text = random_polygon_game(rng, 40000);
    std::optional<VertexGame> game = load_vertex_game_text(text);
    REQUIRE(game);
    REQUIRE(fast_json(*game, 1) == fast_json(*game, 2));
}

TEST_CASE("polygon route: numbers out of the machine-integer range fall back to the general path",
          "[polygon]") {
    const std::string head =
        "{\"format\": \"bigcert/1\", \"dimension\": 2, \"players\": [{\"target\": [1, 2], ";
    const std::string square = "\"action_set\": {\"vertices\": [[0, 0], [1, 0], [1, 1], [0, 1]]}}";
    const std::vector<std::string> too_large = {
        // a vertex coordinate of 20 digits
        head + "\"action_set\": {\"vertices\": [[0, 0], [\"12345678901234567890\", 0], [1, 1]]}}]}",
        // coordinates whose common denominator exceeds the 128-bit orientation test's bound
        head +
            "\"action_set\": {\"vertices\": [[\"1/999999937\", 0], [\"1/999999929\", 0], [1, "
            "\"1/999999893\"]]}}]}",
        // a weight times a target beyond 2^62
        "{\"format\": \"bigcert/1\", \"dimension\": 2, \"players\": [{\"target\": [\"4000000000000000000\", "
        "1], "
        "\"weight\": \"4000000000\", " +
            square + "]}",
    };
    for (const std::string& text : too_large) {
        INFO(text);
        REQUIRE(!load_vertex_game_text(text));
        SolveOptions options;
        std::ostringstream routed;
        REQUIRE(!solve_to_json_in_machine_integers(InstanceSource::text(text), routed, options));
        REQUIRE(routed.str().empty());
        REQUIRE(!general_json(text).empty());  // the general path answers
    }
    // The same games with small numbers take the route.
    REQUIRE(load_vertex_game_text(head + square + "]}"));
}

TEST_CASE("polygon route: declines what load_instance rejects, reads what it accepts alike", "[polygon]") {
    std::mt19937 rng(77);
    const std::string alphabet = "[]{},:\"-0123456789./ abdhilnorstvx";
    int accepted = 0, declined_errors = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string text = random_polygon_game(rng, 1 + static_cast<int>(rng() % 3));
        for (int k = 0, edits = 1 + static_cast<int>(rng() % 3); k < edits; ++k) {
            std::size_t at = rng() % text.size();
            switch (rng() % 3) {
                case 0:
                    text[at] = alphabet[rng() % alphabet.size()];
                    break;
                case 1:
                    text.erase(at, 1 + rng() % 4);
                    break;
                default:
                    text.insert(at, 1, alphabet[rng() % alphabet.size()]);
            }
        }
        INFO(text);
        std::optional<VertexGame> game = load_vertex_game_text(text);
        std::optional<Instance> instance;
        try {
            instance = load_instance_text(text);
        } catch (const InputError&) {
        } catch (const LimitError&) {
        }
        if (!instance) {
            REQUIRE(!game);
            ++declined_errors;
            continue;
        }
        if (!game) continue;
        ++accepted;
        // The same game: numbers, sets (the hull's vertices in order) and names.
        REQUIRE(instance->dimension == 2);
        REQUIRE(game->size() == instance->players.size());
        REQUIRE(game->name == instance->name);
        for (std::size_t j = 0; j < 2; ++j) REQUIRE(to_rational(game->bias[j]) == instance->bias()[j]);
        for (std::size_t i = 0; i < game->size(); ++i) {
            const Player& p = instance->players[i];
            REQUIRE(to_rational(game->weights[i]) == p.weight);
            REQUIRE(to_rational(game->targets[2 * i]) == p.target[0]);
            REQUIRE(to_rational(game->targets[2 * i + 1]) == p.target[1]);
            REQUIRE(game->set_of_player[i] == p.action_set);
            REQUIRE((game->names.empty() ? std::string() : game->names[i]) == p.name);
            const std::vector<Vector>& vertices = instance->set_of(i).as_polytope().vertices();
            REQUIRE(game->vertex_count(i) == vertices.size());
            for (std::uint32_t k = 0; k < game->vertex_count(i); ++k)
                for (std::size_t j = 0; j < 2; ++j)
                    REQUIRE(to_rational(game->vertices[2 * game->vertex_index(i, k) + j]) == vertices[k][j]);
        }
    }
    REQUIRE(accepted > 50);
    REQUIRE(declined_errors > 1000);
}
