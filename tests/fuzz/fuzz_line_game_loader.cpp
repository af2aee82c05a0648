// Differential fuzzing of the d = 1 fast path (docs/internals.md): the machine-integer loader
// (line_game_loader.hpp), solver (line_solver.hpp) and writer (write_line_solution_json) against the general
// loader, the GMP solver and write_solution_json.
//
// For every input the fast loader accepts, the general loader must accept it too and read the same game
// (every number equal exactly, the same sets, set indices and names); and whenever the fast solver answers
// (the 64-bit route, or the wide route when only x̂* outgrew 64 bits), its JSON must be byte-identical to
// the GMP path's (solve() with machine_integers = false), as must that of solve() with its defaults. Any
// difference traps. Input errors are expected answers of the general loader
// only when the fast loader declined; an InternalError (a failed exact re-check) escapes and is a finding.
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
#include "bigcert/io/line_game_loader.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/line_solver.hpp"
#include "bigcert/solver/solver.hpp"
#include "fast_path_fuzzing.hpp"

namespace {

using namespace bigcert;

using fuzzing::same;

const fuzzing::Differences differences("fuzz_line_game_loader");

void expect(bool ok, const char* what) { differences.expect(ok, what); }

// The fast game against the general loader's Instance itself (not against line_game_of(), which could share
// a mistake with the fast loader).
void compare_games(const LineGame& fast, const Instance& instance) {
    expect(instance.dimension == 1, "dimension");
    expect(instance.loss == Loss::squared, "loss");
    expect(fast.name == instance.name, "name");
    expect(same(fast.bias, instance.bias()[0]), "bias w0*x0");
    expect(fast.size() == instance.players.size(), "player count");
    expect(
        fast.lows.size() == instance.action_sets.size() && fast.highs.size() == instance.action_sets.size(),
        "number of action sets");
    for (std::size_t k = 0; k < instance.action_sets.size(); ++k) {
        const ActionSet& set = instance.action_sets[k];
        expect(set.kind() == ActionSet::Kind::interval, "action set kind");
        expect(same(fast.lows[k], set.as_interval().lo), "interval low end");
        expect(same(fast.highs[k], set.as_interval().hi), "interval high end");
    }
    expect(fast.set_of_player.size() == fast.size(), "set_of_player size");
    expect(fast.weights.size() == fast.size(), "weights size");
    expect(fast.names.empty() || fast.names.size() == fast.size(), "names size");
    for (std::size_t i = 0; i < fast.size(); ++i) {
        const Player& p = instance.players[i];
        expect(p.target.size() == 1 && same(fast.targets[i], p.target[0]), "target");
        expect(same(fast.weights[i], p.weight), "weight");
        expect(fast.set_of_player[i] == p.action_set, "set of player");
        expect((fast.names.empty() ? std::string() : fast.names[i]) == p.name, "player name");
        expect(fast.label(i) == instance.label(i), "player label");
    }
}

fuzzing::StageCounts stats("fuzz_line_game_loader");

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const LoadLimits limits = fuzzing::fast_path_limits(64);

    ++stats.inputs;
    std::optional<LineGame> fast = load_line_game_text(text, limits);
    if (!fast) return 0;  // declined: the general loader's business (fuzz_instance_loader)

    const Instance instance = differences.general_reading(text, limits);
    compare_games(*fast, instance);
    ++stats.read;

    // The 64-bit route, or the wide one when only x̂* outgrew 64 bits (line_solution.hpp).
    LineAnswer answer = solve_line_game_any_receiver(*fast, 1);
    if (!answer.line && !answer.wide) return 0;  // another number left the range: nothing to compare
    std::ostringstream fast_json;
    if (answer.line)
        write_line_solution_json(fast_json, *fast, *answer.line);
    else
        write_wide_line_solution_json(fast_json, *fast, *answer.wide);

    SolveOptions options;
    options.threads = 1;
    options.machine_integers = false;
    std::ostringstream general_json;
    write_solution_json(general_json, instance, solve(instance, options));
    if (fast_json.str() != general_json.str()) {
        std::fprintf(stderr, "fast:    %s\ngeneral: %s\n", fast_json.str().c_str(),
                     general_json.str().c_str());
        differences.differ("solution JSON");
    }
    // solve() with its defaults goes through line_game_of() and to_solution(): the same bytes again.
    options.machine_integers = true;
    std::ostringstream default_json;
    write_solution_json(default_json, instance, solve(instance, options));
    expect(default_json.str() == fast_json.str(), "solution JSON of solve() with machine integers");
    ++stats.compared;
    return 0;
}
