// Differential fuzzing of the vertex route (docs/internals.md "The vertex route"): the machine-integer
// loader (vertex_game_loader.hpp), its hulls, solver (vertex_solver.hpp) and writer
// (write_vertex_answer_json) against the general loader, the GMP solver and write_solution_json, on polygons
// (d = 2) and polyhedra (d = 3).
//
// For every input the fast loader accepts, the general loader must accept it too and read the same game
// (every number equal exactly, the same sets with the same vertices in the same order, set indices and
// names), and the route's JSON must be byte-identical to the general path's (solve() with force_general),
// as must that of solve() with its defaults. Any difference traps; an InternalError (a failed exact
// re-check) escapes and is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/small_fraction.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/io/vertex_game_loader.hpp"
#include "bigcert/solver/solver.hpp"
#include "bigcert/solver/vertex_solver.hpp"
#include "fast_path_fuzzing.hpp"

namespace {

using namespace bigcert;

using fuzzing::same;

const fuzzing::Differences differences("fuzz_vertex_game_loader");

void expect(bool ok, const char* what) { differences.expect(ok, what); }

// The fast game against the general loader's Instance itself (not against vertex_game_of(), which could
// share a mistake with the fast loader).
void compare_games(const VertexGame& fast, const Instance& instance) {
    const std::size_t d = instance.dimension;
    expect(fast.dimension == d, "dimension");
    expect(instance.loss == Loss::squared, "loss");
    expect(fast.name == instance.name, "name");
    for (std::size_t j = 0; j < d; ++j) expect(same(fast.bias[j], instance.bias()[j]), "bias w0*x0");
    expect(fast.size() == instance.players.size(), "player count");
    expect(fast.first_vertex.size() == instance.action_sets.size() + 1, "number of action sets");
    for (std::size_t k = 0; k < instance.action_sets.size(); ++k) {
        const ActionSet& set = instance.action_sets[k];
        expect(set.kind() == ActionSet::Kind::polytope, "action set kind");
        const std::vector<Vector>& vertices = set.as_polytope().vertices();
        expect(fast.first_vertex[k + 1] - fast.first_vertex[k] == vertices.size(), "vertex count");
        for (std::size_t v = 0; v < vertices.size(); ++v)
            for (std::size_t j = 0; j < d; ++j)
                expect(same(fast.vertices[d * (fast.first_vertex[k] + v) + j], vertices[v][j]), "vertex");
    }
    expect(fast.names.empty() || fast.names.size() == fast.size(), "names size");
    for (std::size_t i = 0; i < fast.size(); ++i) {
        const Player& p = instance.players[i];
        for (std::size_t j = 0; j < d; ++j) expect(same(fast.targets[d * i + j], p.target[j]), "target");
        expect(same(fast.weights[i], p.weight), "weight");
        expect(fast.set_of_player[i] == p.action_set, "set of player");
        expect((fast.names.empty() ? std::string() : fast.names[i]) == p.name, "player name");
        expect(fast.numbered_label(i) == instance.numbered_label(i), "player label");
    }
}

fuzzing::StageCounts stats("fuzz_vertex_game_loader");

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const LoadLimits limits = fuzzing::fast_path_limits(16);

    ++stats.inputs;
    std::optional<VertexGame> fast = load_vertex_game_text(text, limits);
    if (!fast) return 0;  // declined: the general loader's business (fuzz_instance_loader)

    const Instance instance = differences.general_reading(text, limits);
    compare_games(*fast, instance);
    ++stats.read;

    std::ostringstream fast_json;
    write_vertex_answer_json(fast_json, *fast, solve_vertex_game(*fast, 1));
    SolveOptions options;
    options.threads = 1;
    options.force_general = true;
    std::ostringstream general_json;
    write_solution_json(general_json, instance, solve(instance, options));
    if (fast_json.str() != general_json.str()) {
        std::fprintf(stderr, "fast:    %s\ngeneral: %s\n", fast_json.str().c_str(),
                     general_json.str().c_str());
        differences.differ("solution JSON");
    }
    // solve() with its defaults goes through vertex_game_of() and vertex_solution(): the same bytes again.
    options.force_general = false;
    std::ostringstream default_json;
    write_solution_json(default_json, instance, solve(instance, options));
    expect(default_json.str() == fast_json.str(), "solution JSON of solve() with machine integers");
    ++stats.compared;
    return 0;
}
