// The vertex route in machine integers end to end (load_vertex_game_text, solve_vertex_game,
// write_vertex_answer_json) against the general route (load_instance_text, solve with force_general,
// write_solution_json) on random games on polygons (d = 2) and polyhedra (d = 3): the same bytes, ties,
// faces, moved actions and weightless players included; and the route declines (so the general path
// answers) when a number is too large or a set is not full-dimensional.
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/instance_source.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/io/vertex_game_loader.hpp"
#include "bigcert/solver/solve_to_json.hpp"
#include "bigcert/solver/solver.hpp"
#include "bigcert/solver/vertex_solver.hpp"

using namespace bigcert;

namespace {

std::string fraction_text(long num, long den) {
    return "\"" + std::to_string(num) + "/" + std::to_string(den) + "\"";
}

// Per-player or common polytopes in dimension d = 2 or 3 on a small grid (so that ties are common: targets
// on vertices, edges and facets parallel to w(t - x̂)), with points repeated and points on edges (or inside),
// negative and zero weights, a bias, repeated targets and names. With `halfspaces`, two sets in three are
// written as "halfspaces" instead: a box with random cuts, in random order, some repeated or redundant.
std::string random_vertex_game(std::mt19937& rng, int n, int d = 2, bool halfspaces = false) {
    auto pick = [&](long lo, long hi) { return std::uniform_int_distribution<long>(lo, hi)(rng); };
    const bool own_sets = pick(0, 2) != 0, bias = pick(0, 1), names = pick(0, 3) == 0,
               repeats = pick(0, 4) == 0;
    const long grid = pick(1, 4);  // coordinates in 1/grid
    auto point_text = [&](const std::vector<long>& numerators, long den) {
        std::string text = "[";
        for (int j = 0; j < d; ++j) text += (j ? ", " : "") + fraction_text(numerators[j], den);
        return text + "]";
    };
    auto halfspace_polytope = [&] {
        // a·y <= b / grid: the faces of a box around a centre, then cuts that keep the centre (b >= a·c).
        std::vector<std::pair<std::vector<long>, long>> faces;
        std::vector<long> centre(d);
        for (long& c : centre) c = pick(-3, 3);
        for (int j = 0; j < d; ++j)
            for (long s : {1L, -1L}) {
                std::vector<long> a(d, 0);
                a[j] = s;
                faces.emplace_back(a, s * centre[j] + pick(1, 4));
            }
        for (long k = pick(0, 4); k > 0; --k) {
            std::vector<long> a(d);
            long at_centre = 0;
            for (int j = 0; j < d; ++j) a[j] = pick(-2, 2), at_centre += a[j] * centre[j];
            faces.emplace_back(a, at_centre + pick(0, 6));
        }
        if (pick(0, 2) == 0) faces.push_back(faces[static_cast<std::size_t>(pick(0, 2 * d - 1))]);
        std::shuffle(faces.begin(), faces.end(), rng);
        std::string text = "{\"halfspaces\": [";
        for (std::size_t k = 0; k < faces.size(); ++k) {
            const long half = pick(1, 2);  // written over 2 sometimes: the same halfspace
            std::string a = "[";
            for (int j = 0; j < d; ++j) a += (j ? ", " : "") + fraction_text(faces[k].first[j], half);
            text +=
                (k ? ", " : "") +
                std::string(
                    pick(0, 1)
                        ? "{\"a\": " + a + "], \"b\": " + fraction_text(faces[k].second, half * grid) + "}"
                        : "{\"b\": " + fraction_text(faces[k].second, half * grid) + ", \"a\": " + a + "]}");
        }
        return text + "]}";
    };
    auto polytope = [&] {
        if (halfspaces && pick(0, 2) != 0) return halfspace_polytope();
        // Corners of a random polytope (numerators over `grid`) plus, sometimes, a repeated corner and the
        // midpoint of two corners (on an edge, a facet or inside).
        std::vector<std::vector<long>> corners;
        std::vector<long> centre(d);
        for (long& c : centre) c = pick(-3, 3);
        const int count = static_cast<int>(pick(d + 1, d == 2 ? 8 : 9));
        for (int k = 0; k < count; ++k) {
            corners.emplace_back(d);
            for (int j = 0; j < d; ++j) corners.back()[j] = centre[j] + pick(-4, 4);
        }
        std::string text = "{\"vertices\": [";
        for (std::size_t k = 0; k < corners.size(); ++k)
            text += (k ? ", " : "") + point_text(corners[k], grid);
        if (pick(0, 2) == 0) text += ", " + point_text(corners[0], grid);
        if (pick(0, 2) == 0) {
            std::vector<long> sum(d);
            for (int j = 0; j < d; ++j) sum[j] = corners[0][j] + corners[1][j];
            text += ", " + point_text(sum, 2 * grid);
        }
        return text + "]}";
    };
    std::string text =
        "{\"format\": \"bigcert/1\", \"name\": \"polytopes\", \"dimension\": " + std::to_string(d) + ", ";
    if (bias) {
        text += "\"bias\": {\"weight\": " + fraction_text(pick(-2, 3), pick(1, 3)) + ", \"point\": [";
        for (int j = 0; j < d; ++j) text += (j ? ", " : "") + fraction_text(pick(-2, 2), 2);
        text += "]}, ";
    }
    if (!own_sets) text += "\"action_set\": " + polytope() + ", ";
    text += "\"players\": [";
    std::string previous_target;
    for (int i = 0; i < n; ++i) {
        std::string t = "[";
        for (int j = 0; j < d; ++j) t += (j ? ", " : "") + fraction_text(pick(-12, 12), grid * pick(1, 2));
        t += "]";
        if (repeats && i > 0 && pick(0, 2) == 0) t = previous_target;
        previous_target = t;
        text += i ? ", {" : "{";
        text += "\"target\": " + t;
        const long kind = pick(0, 29);
        text += ", \"weight\": " + (kind == 0   ? std::string("0")
                                    : kind <= 4 ? fraction_text(-pick(1, 3), pick(1, 4))
                                                : fraction_text(pick(1, 5), pick(1, 6) * n));
        if (names && pick(0, 1)) text += ", \"name\": \"p" + std::to_string(i) + "\"";
        if (own_sets) text += ", \"action_set\": " + polytope();
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
        if (set.affine_dimension() != instance.dimension) return false;
    return true;
}

struct RouteTally {
    int unique = 0, infinite = 0, moved = 0, faces = 0, premise_not_met = 0, declined = 0;
};

// One random game through the route and the general path: the same bytes on every entry point.
void require_general_bytes(const std::string& text, RouteTally& tally) {
    INFO(text);
    std::optional<VertexGame> game = load_vertex_game_text(text);
    if (!game) {  // a set of lower dimension among them: the general path describes those
        REQUIRE(!is_full_dimensional(load_instance_text(text)));
        ++tally.declined;
        return;
    }
    VertexAnswer answer = solve_vertex_game(*game, 1);
    ++(answer.count == EquilibriumCount::one ? tally.unique : tally.infinite);
    tally.moved += !answer.moved_actions.empty();
    tally.faces += !answer.faces.empty();
    tally.premise_not_met += !answer.exaggeration.premise_met;
    const std::string expected = general_json(text);
    REQUIRE(fast_json(*game, 1) == expected);
    REQUIRE(fast_json(*game, 2) == expected);
    // solve() takes the route through vertex_game_of and answers the same.
    {
        Instance instance = load_instance_text(text);
        REQUIRE(vertex_game_of(instance));
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

// The same game: numbers, sets (the hull's vertices in order) and names.
void require_same_game(const VertexGame& game, const Instance& instance) {
    const std::size_t d = instance.dimension;
    REQUIRE(game.dimension == d);
    REQUIRE(game.size() == instance.players.size());
    REQUIRE(game.name == instance.name);
    for (std::size_t j = 0; j < d; ++j) REQUIRE(to_rational(game.bias[j]) == instance.bias()[j]);
    for (std::size_t i = 0; i < game.size(); ++i) {
        const Player& p = instance.players[i];
        REQUIRE(to_rational(game.weights[i]) == p.weight);
        for (std::size_t j = 0; j < d; ++j) REQUIRE(to_rational(game.targets[d * i + j]) == p.target[j]);
        REQUIRE(game.set_of_player[i] == p.action_set);
        REQUIRE((game.names.empty() ? std::string() : game.names[i]) == p.name);
        const std::vector<Vector>& vertices = instance.set_of(i).as_polytope().vertices();
        REQUIRE(game.vertex_count(i) == vertices.size());
        for (std::uint32_t k = 0; k < game.vertex_count(i); ++k)
            for (std::size_t j = 0; j < d; ++j)
                REQUIRE(to_rational(game.vertices[d * game.vertex_index(i, k) + j]) == vertices[k][j]);
    }
}

}  // namespace

TEST_CASE("vertex route: the general route's bytes on random polygon games", "[polygon]") {
    std::mt19937 rng(20261202);
    RouteTally tally;
    for (int round = 0; round < 500; ++round)
        require_general_bytes(random_vertex_game(rng, 1 + static_cast<int>(rng() % 9)), tally);
    REQUIRE(tally.unique > 100);
    REQUIRE(tally.infinite > 20);
    REQUIRE(tally.moved > 5);
    REQUIRE(tally.faces > 50);
    REQUIRE(tally.premise_not_met > 50);
    REQUIRE(tally.declined < 100);
}

TEST_CASE("vertex route: the general route's bytes on random polyhedron games", "[polygon]") {
    std::mt19937 rng(20261203);
    RouteTally tally;
    for (int round = 0; round < 400; ++round)
        require_general_bytes(random_vertex_game(rng, 1 + static_cast<int>(rng() % 7), 3), tally);
    REQUIRE(tally.unique > 200);
    REQUIRE(tally.infinite > 30);
    REQUIRE(tally.moved > 100);
    REQUIRE(tally.faces > 150);
    REQUIRE(tally.premise_not_met > 50);
    REQUIRE(tally.declined < 40);
}

TEST_CASE("vertex route: the general route's bytes on random games with halfspace sets", "[polygon]") {
    std::mt19937 rng(20261204);
    for (int d : {2, 3}) {
        RouteTally tally;
        for (int round = 0; round < 300; ++round)
            require_general_bytes(random_vertex_game(rng, 1 + static_cast<int>(rng() % 8), d, true), tally);
        INFO("d = " << d);
        REQUIRE(tally.unique > 100);
        REQUIRE(tally.infinite > 10);
        REQUIRE(tally.faces > 30);
        REQUIRE(tally.declined < 30);
    }
}

TEST_CASE("vertex route: two threads write what one writes on a large game", "[polygon]") {
    std::mt19937 rng(5);
    for (int d : {2, 3}) {
        const std::string text = random_vertex_game(rng, 40000, d);
        std::optional<VertexGame> game = load_vertex_game_text(text);
        REQUIRE(game);
        REQUIRE(fast_json(*game, 1) == fast_json(*game, 2));
    }
}

TEST_CASE("vertex route: a receiver past 64-bit fractions is written from GMP, the same bytes", "[polygon]") {
    // Weights over four primes near 10^6 and every player at its vertex on the first axis: the receiver's
    // first coordinate has a denominator near 10^24 while every input fits, so the losses cannot come from
    // 64-bit offsets.
    const char* primes[] = {"1000003", "1000033", "1000037", "1000039"};
    for (int d : {2, 3}) {
        std::string text = "{\"dimension\": " + std::to_string(d) + ", \"players\": [";
        for (int i = 0; i < 4; ++i) {
            std::string target = "[" + std::to_string(20 + i), set = "{\"vertices\": [";
            for (int j = 1; j < d; ++j) target += ", " + std::to_string(-j - i);
            for (int k = 0; k <= d; ++k) {  // a simplex: the origin and the unit vectors, scaled by i + 1
                set += k ? ", [" : "[";
                for (int j = 0; j < d; ++j) set += (j ? ", " : "") + std::to_string(k == j + 1 ? i + 1 : 0);
                set += "]";
            }
            text += std::string(i ? ", " : "") + "{\"target\": " + target + "], \"weight\": \"1/" +
                    primes[i] + "\", \"action_set\": " + set + "]}}";
        }
        text += "]}";
        INFO(text);
        std::optional<VertexGame> game = load_vertex_game_text(text);
        REQUIRE(game);
        VertexAnswer answer = solve_vertex_game(*game, 1);
        REQUIRE(std::any_of(answer.receiver.begin(), answer.receiver.end(),
                            [](const Rational& y) { return !small_fraction_of(y); }));
        REQUIRE(fast_json(*game, 1) == general_json(text));
    }
}

TEST_CASE("vertex route: points of another length or an unsupported dimension are the general loader's",
          "[polygon]") {
    const std::string tetrahedron = "{\"vertices\": [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]}";
    const std::string good =
        "{\"dimension\": 3, \"players\": [{\"target\": [1, 2, 3], \"action_set\": " + tetrahedron + "}]}";
    REQUIRE(load_vertex_game_text(good));
    REQUIRE(load_vertex_game_text(good)->dimension == 3);
    const std::vector<std::string> wrong = {
        // a 2-D target among 3-D sets
        "{\"dimension\": 3, \"players\": [{\"target\": [1, 2], \"action_set\": " + tetrahedron + "}]}",
        // the dimension does not match the points
        "{\"dimension\": 2, \"players\": [{\"target\": [1, 2, 3], \"action_set\": " + tetrahedron + "}]}",
        // a bias point of another length
        "{\"dimension\": 3, \"bias\": {\"weight\": 1, \"point\": [0, 0]}, \"players\": [{\"target\": [1, 2, "
        "3], \"action_set\": " +
            tetrahedron + "}]}",
    };
    for (const std::string& text : wrong) {
        INFO(text);
        REQUIRE(!load_vertex_game_text(text));
        REQUIRE_THROWS_AS(load_instance_text(text), InputError);
    }
    // d = 4 is valid input, but not the route's: the general path answers.
    const std::string four =
        "{\"dimension\": 4, \"players\": [{\"target\": [1, 2, 3, 4], \"action_set\": {\"vertices\": [[0, 0, "
        "0, "
        "0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]}}]}";
    REQUIRE(!load_vertex_game_text(four));
    REQUIRE(!general_json(four).empty());
    // A flat set in 3-D (a square) is the general path's too.
    const std::string square =
        "{\"dimension\": 3, \"players\": [{\"target\": [1, 2, 3], \"action_set\": "
        "{\"vertices\": [[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0]]}}]}";
    REQUIRE(!load_vertex_game_text(square));
    REQUIRE(!general_json(square).empty());
    // Halfspace sets: a unit square is read; a flat one (0 <= x <= 0) is the general path's; an unbounded
    // one, a halfspace without "b", with another key or an "a" of another length are its errors.
    auto halfspace_game = [](const std::string& halfspaces) {
        return "{\"dimension\": 2, \"players\": [{\"target\": [1, 2], \"action_set\": {\"halfspaces\": [" +
               halfspaces + "]}}]}";
    };
    const std::string bounds =
        "{\"a\": [-1, 0], \"b\": 0}, {\"a\": [0, 1], \"b\": 1}, {\"a\": [0, -1], \"b\": 0}";
    REQUIRE(load_vertex_game_text(halfspace_game("{\"a\": [1, 0], \"b\": 1}, " + bounds)));
    const std::string flat = halfspace_game("{\"a\": [1, 0], \"b\": 0}, " + bounds);
    REQUIRE(!load_vertex_game_text(flat));
    REQUIRE(!general_json(flat).empty());
    for (const std::string& text :
         {halfspace_game(bounds), halfspace_game("{\"a\": [1, 0]}, " + bounds),
          halfspace_game("{\"a\": [1, 0], \"b\": 1, \"c\": 1}, " + bounds),
          halfspace_game("{\"a\": [1, 0, 0], \"b\": 1}, " + bounds), halfspace_game("")}) {
        INFO(text);
        REQUIRE(!load_vertex_game_text(text));
        REQUIRE_THROWS_AS(load_instance_text(text), InputError);
    }
}

TEST_CASE("vertex route: numbers out of the machine-integer range fall back to the general path",
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

TEST_CASE("vertex route: declines what load_instance rejects, reads what it accepts alike", "[polygon]") {
    std::mt19937 rng(77);
    const std::string alphabet = "[]{},:\"-0123456789./ abdhilnorstvx";
    for (int d : {2, 3, -2, -3}) {  // negative: the same with halfspace sets
        int accepted = 0, declined_errors = 0;
        for (int round = 0; round < 3000; ++round) {
            std::string text = random_vertex_game(rng, 1 + static_cast<int>(rng() % 3), std::abs(d), d < 0);
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
            require_same_game(*game, *instance);
        }
        REQUIRE(accepted > 50);
        REQUIRE(declined_errors > 1000);
    }
}
