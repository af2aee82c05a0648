#include <iostream>
#include <memory>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/game_kind.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/enumeration.hpp"
#include "cli/commands.hpp"
#include "cli/shared_options.hpp"

namespace bigcert::cli {
namespace {

Json items_json(const FiniteChoice& choice, const Selection& selection) {
    Json items = Json::array();
    for (const Vector& item : selection_items(choice, selection)) items.push_back(vector_json(item));
    return items;
}

Json equilibrium_json(const Instance& instance, const PureEquilibrium& e) {
    Json actions = Json::array();
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        actions.push_back(items_json(instance.set_of(i).as_finite(), e.selections[i]));
    return Json{{"actions", actions}, {"receiver", vector_json(e.receiver)}};
}

std::string items_text(const FiniteChoice& choice, const Selection& selection) {
    std::string text = "{";
    for (std::size_t k = 0; k < selection.size(); ++k) {
        const Vector& item = choice.items[selection[k]];
        std::string coordinates;
        for (std::size_t j = 0; j < item.size(); ++j) coordinates += (j ? ", " : "") + to_string(item[j]);
        text += (k ? ", " : "") + (item.size() == 1 ? coordinates : "(" + coordinates + ")");
    }
    return text + "}";
}

EnumerateOptions::Method parse_method(const std::string& name) {
    if (name == "auto") return EnumerateOptions::Method::automatic;
    if (name == "sweep") return EnumerateOptions::Method::sweep;
    if (name == "receivers") return EnumerateOptions::Method::receivers;
    if (name == "walk") return EnumerateOptions::Method::walk;
    if (name == "exhaustive") return EnumerateOptions::Method::exhaustive;
    throw InputError("--method", "expected auto, sweep, receivers, walk or exhaustive, got \"" + name + "\"");
}

}  // namespace

// Counts all pure equilibria of a finite game exactly (paper §5.2) and lists some; every listed one passed
// check_finite_equilibrium. With --json: FORMAT.md's solution object (the first listed equilibrium,
// equilibria.count the exact count) plus "listed".
Runner add_enumerate_command(CLI::App& app) {
    struct Options {
        InputOptions input;
        bool count_only = false, json = false, quiet = false;
        std::size_t list = 10;
        std::string method = "auto";
        EnumerateOptions enumerate;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command =
        app.add_subcommand("enumerate", "count (exactly) and list the pure equilibria of a finite game");
    options->input.add_to(*command);
    command->add_flag("--count", options->count_only, "print only the exact number of pure equilibria");
    command->add_option("--list", options->list, "list up to N equilibria")->capture_default_str();
    add_json_flag(*command, options->json, "FORMAT.md's solution object with \"listed\"");
    command->add_option("--method", options->method, "auto, sweep (d = 1), receivers, walk, exhaustive")
        ->capture_default_str();
    command->add_option("--max-states", options->enumerate.max_states, "sums a dynamic programme may keep")
        ->capture_default_str();
    command
        ->add_option("--max-profiles", options->enumerate.max_profiles,
                     "profiles the exhaustive walk may visit")
        ->capture_default_str();
    command
        ->add_option("--max-work", options->enumerate.max_work,
                     "estimated comparisons of sums the walk or receiver DP may do (refused up front)")
        ->capture_default_str();
    add_threads_option(*command, options->enumerate.threads);
    command->add_flag("--quiet", options->quiet, "no progress bar");
    return [options] {
        Instance instance = options->input.load();
        if (classify_game(instance) != GameKind::finite)
            throw UnsupportedError("action_set", "enumerate needs finite action spaces (items)");
        EnumerateOptions enumerate = options->enumerate;
        enumerate.method = parse_method(options->method);
        enumerate.list = options->count_only && !options->json
                             ? 0
                             : std::max<std::size_t>(options->list, options->json ? 1 : 0);
        if (!options->quiet) enumerate.progress = &std::cerr;
        EnumerationResult result = enumerate_pure_equilibria(instance, enumerate);
        if (options->json) {
            Json out = solution_json(instance, finite_solution(instance, result));
            out["equilibria"]["count"] = result.count.str();
            out["equilibria"]["method"] = result.method;
            Json listed = Json::array();
            for (std::size_t k = 0; k < std::min(result.listed.size(), options->list); ++k)
                listed.push_back(equilibrium_json(instance, result.listed[k]));
            out["listed"] = listed;
            std::cout << out.dump() << '\n';
            return exit_ok;
        }
        if (options->count_only) {
            std::cout << result.count.str() << '\n';
            return exit_ok;
        }
        std::cout << "pure equilibria: " << result.count.str() << " (exact; method " << result.method
                  << ")\n";
        for (std::size_t k = 0; k < result.listed.size(); ++k) {
            const PureEquilibrium& e = result.listed[k];
            std::cout << "#" << (k + 1) << "  receiver (";
            for (std::size_t j = 0; j < e.receiver.size(); ++j)
                std::cout << (j ? ", " : "") << to_string(e.receiver[j]);
            std::cout << ") ";
            for (std::size_t i = 0; i < instance.players.size(); ++i)
                std::cout << "  " << instance.numbered_label(i) << " = "
                          << items_text(instance.set_of(i).as_finite(), e.selections[i]);
            std::cout << '\n';
        }
        if (result.count > result.listed.size())
            std::cout << "(" << result.listed.size() << " listed; use --list N for more)\n";
        return exit_ok;
    };
}

}  // namespace bigcert::cli
