#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "bigcert/core/display_text.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/game_kind.hpp"
#include "bigcert/io/exact_json.hpp"
#include "bigcert/io/solution_keys.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/dynamics.hpp"
#include "bigcert/solver/receivers_dynamics.hpp"
#include "cli/commands.hpp"
#include "cli/shared_options.hpp"

namespace bigcert::cli {
namespace {

// Numbers of a start file: strings ("1/3", "0.1") or JSON integers; JSON decimals arrive as their text
// (parse_exact_json), so they are read exactly too.
Rational start_number(const Json& value, const std::string& path) {
    if (value.is_number_integer()) return *parse_rational(value.dump());
    if (value.is_string()) {
        std::optional<Rational> parsed = parse_rational(value.get<std::string>());
        if (parsed) return *parsed;
    }
    throw InputError(path, "not a number: " + value.dump());
}

constexpr std::string_view start_keys[] = {"actions", "description"};

Vector start_vector(const Json& value, const std::string& path) {
    if (!value.is_array()) return {start_number(value, path)};
    Vector v;
    for (std::size_t j = 0; j < value.size(); ++j)
        v.push_back(start_number(value[j], path + "[" + std::to_string(j) + "]"));
    return v;
}

// {"actions": [...]} or a solution object ({"equilibrium": {"actions": [...]}}).
DynamicsProfile read_start_file(const Instance& instance, const std::string& file) {
    std::ifstream in(file);
    if (!in) throw InputError("--start", "cannot read " + file + " (expected first, last or a JSON file)");
    std::ostringstream text;
    text << in.rdbuf();
    Json doc = parse_exact_json(text.str());
    // Either form, with its keys only (FORMAT.md: an unknown or repeated key is an error naming its path).
    const JsonPath root;
    const bool receivers = !instance.receivers.empty();  // `solve --json`'s receivers object (format.md)
    if (doc.is_object() && doc.contains("actions")) {
        require_known_keys(doc, root, start_keys);
    } else if (doc.is_object()) {
        require_known_keys(doc, root,
                           receivers ? std::span<const std::string_view>(receivers_solution_keys)
                                     : std::span<const std::string_view>(solution_keys));
        if (doc.contains("equilibrium") && doc["equilibrium"].is_object())
            require_known_keys(doc["equilibrium"], root.field("equilibrium"),
                               receivers ? std::span<const std::string_view>(receivers_equilibrium_keys)
                                         : std::span<const std::string_view>(equilibrium_keys));
    }
    const Json* actions = nullptr;
    if (doc.is_object() && doc.contains("actions"))
        actions = &doc["actions"];
    else if (doc.is_object() && doc.contains("equilibrium") && doc["equilibrium"].contains("actions"))
        actions = &doc["equilibrium"]["actions"];
    if (!actions || !actions->is_array())
        throw InputError("actions", "the start file needs an \"actions\" array");
    const bool finite = classify_game(instance) == GameKind::finite;  // items per player, not a point
    std::vector<std::vector<Vector>> profile;
    for (std::size_t i = 0; i < actions->size(); ++i) {
        const std::string path = "actions[" + std::to_string(i) + "]";
        const Json& a = (*actions)[i];
        if (!finite) {
            profile.push_back({start_vector(a, path)});
            continue;
        }
        if (!a.is_array()) throw InputError(path, "expected the list of chosen items");
        std::vector<Vector> items;
        for (std::size_t k = 0; k < a.size(); ++k)
            items.push_back(start_vector(a[k], path + "[" + std::to_string(k) + "]"));
        profile.push_back(std::move(items));
    }
    return profile_from_actions(instance, profile);
}

std::string vector_text(const Vector& v) {
    if (v.size() == 1) return to_string(v[0]);
    std::string text = "(";
    for (std::size_t j = 0; j < v.size(); ++j) text += (j ? ", " : "") + to_string(v[j]);
    return text + ")";
}

std::string action_text(const Instance& instance, const DynamicsProfile& profile, std::size_t i) {
    if (profile.selections.empty()) return vector_text(profile.actions[i]);
    std::string text = "{";
    const FiniteChoice& choice = instance.set_of(i).as_finite();
    for (std::size_t k = 0; k < profile.selections[i].size(); ++k)
        text += (k ? ", " : "") + vector_text(choice.items[profile.selections[i][k]]);
    return text + "}";
}

Json action_json(const Instance& instance, const DynamicsProfile& profile, std::size_t i) {
    if (profile.selections.empty()) return vector_json(profile.actions[i]);
    Json items = Json::array();
    for (std::size_t position : profile.selections[i])
        items.push_back(vector_json(instance.set_of(i).as_finite().items[position]));
    return items;
}

Json profile_json(const Instance& instance, const DynamicsProfile& profile) {
    Json actions = Json::array();
    for (std::size_t i = 0; i < instance.players.size(); ++i)
        actions.push_back(action_json(instance, profile, i));
    return actions;
}

const char* outcome_name(DynamicsResult::Outcome outcome) {
    switch (outcome) {
        case DynamicsResult::Outcome::equilibrium:
            return "equilibrium";
        case DynamicsResult::Outcome::cycle:
            return "cycle";
        default:
            return "step cap";
    }
}

std::string receivers_text(const Instance& instance, const std::vector<Vector>& points) {
    std::string text;
    for (std::size_t j = 0; j < points.size(); ++j)
        text += (j ? ", " : "") + receiver_label(instance, j) + " = " + vector_text(points[j]);
    return text;
}

Json points_json(const std::vector<Vector>& points) {
    Json list = Json::array();
    for (const Vector& v : points) list.push_back(vector_json(v));
    return list;
}

Json optional_number(const std::optional<Rational>& value) {
    return value ? Json(to_string(*value)) : Json(nullptr);
}

std::string potential_text(const std::optional<Rational>& value) {
    return value ? "   Φ = " + to_string(*value) : std::string();
}

// The sets the receivers' best responses are exact on, checked before `first`/`last` picks a vertex.
void require_receivers_dynamics_sets(const Instance& instance) {
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        const ActionSet::Kind kind = instance.set_of(i).kind();
        if (kind != ActionSet::Kind::interval && kind != ActionSet::Kind::polytope)
            throw UnsupportedError("players[" + std::to_string(i) + "].action_set",
                                   "dynamics with several receivers on intervals and polytopes only");
    }
}

// Several receivers (docs/model.md §8.7): the same trajectory and outcome, with every receiver's x̂_j and
// the potential only when the game has one; round-robin may cycle too.
ExitCode several_receivers_dynamics(const Instance& instance, const DynamicsProfile& start,
                                    const DynamicsOptions& dynamics, bool json, bool quiet) {
    Json trajectory = Json::array();
    auto observe = [&](const ReceiversDynamicsStep& step) {
        if (quiet) return;
        if (json) {
            Json entry{{"step", step.step}};
            if (step.player) {
                entry["player"] = *step.player;
                entry["action"] = vector_json((*step.actions)[*step.player]);
            } else {
                entry["player"] = nullptr;
                entry["actions"] = points_json(*step.actions);
            }
            entry["receivers"] = points_json(step.receivers);
            entry["potential"] = optional_number(step.potential);
            trajectory.push_back(std::move(entry));
            return;
        }
        std::cout << "step " << std::setw(6) << step.step << "  ";
        if (step.player)
            std::cout << "player " << instance.numbered_label(*step.player) << " -> "
                      << vector_text((*step.actions)[*step.player]);
        else if (step.step == 0)
            std::cout << "start";
        else
            std::cout << "all players moved";
        std::cout << "   x̂: " << receivers_text(instance, step.receivers) << potential_text(step.potential)
                  << '\n';
    };
    ReceiversDynamicsResult result = run_receivers_dynamics(instance, start.actions, dynamics, observe);
    if (json) {
        Json out{{"format", "bigcert-dynamics/1"},
                 {"instance", instance.name},
                 {"mode", dynamics.simultaneous ? "simultaneous" : "round-robin"},
                 {"outcome", outcome_name(result.outcome)},
                 {"message", result.message},
                 {"potential_kind", potential_kind_name(result.potential_kind.kind)},
                 {"steps", result.steps},
                 {"moves", result.moves},
                 {"trajectory", trajectory},
                 {"final",
                  {{"actions", points_json(result.actions)},
                   {"receivers", points_json(result.receivers)},
                   {"potential", optional_number(result.potential)}}}};
        if (result.outcome == DynamicsResult::Outcome::cycle)
            out["cycle"] = {{"start_round", result.cycle_start}, {"length", result.cycle_length}};
        if (result.last_round_movement)
            out["approximate"] = {{"last_round_movement", *result.last_round_movement}};
        std::cout << out.dump() << '\n';
    } else {
        std::cout << display_text(result.message) << '\n';
        std::cout << "final x̂: " << receivers_text(instance, result.receivers)
                  << potential_text(result.potential) << '\n';
        if (result.last_round_movement)
            std::cout << "the last round moved the profile by about " << *result.last_round_movement << '\n';
    }
    if (result.outcome == DynamicsResult::Outcome::equilibrium) return exit_ok;
    return result.outcome == DynamicsResult::Outcome::cycle ? exit_refuted : exit_limit;
}

}  // namespace

// Exact best-response dynamics (Definition 3). Exit codes: 0 at an (exactly verified) equilibrium, 1 when
// simultaneous updates cycle, 5 at the step cap.
Runner add_dynamics_command(CLI::App& app) {
    struct Options {
        InputOptions input;
        std::string start = "first";
        DynamicsOptions dynamics;
        bool json = false, quiet = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command =
        app.add_subcommand("dynamics", "exact best-response dynamics (round-robin or simultaneous)");
    options->input.add_to(*command);
    command
        ->add_option("--start", options->start,
                     "first, last, or a JSON file with \"actions\" (e.g. a solution)")
        ->capture_default_str();
    command->add_option("--max-steps", options->dynamics.max_steps, "cap on best responses")
        ->capture_default_str();
    command->add_flag("--simultaneous", options->dynamics.simultaneous,
                      "everybody moves at once (may cycle)");
    add_json_flag(*command, options->json, "the trajectory and the outcome as JSON");
    command->add_flag("--quiet", options->quiet, "print only the outcome");
    options->input.limits.several_receivers = true;
    return [options] {
        Instance instance = options->input.load();
        const bool receivers = classify_game(instance) == GameKind::several_receivers;
        if (receivers) require_receivers_dynamics_sets(instance);  // before a start profile is built
        DynamicsProfile start = options->start == "first"  ? starting_profile(instance, DynamicsStart::first)
                                : options->start == "last" ? starting_profile(instance, DynamicsStart::last)
                                                           : read_start_file(instance, options->start);
        if (receivers)
            return several_receivers_dynamics(instance, start, options->dynamics, options->json,
                                              options->quiet);
        Json trajectory = Json::array();
        auto observe = [&](const DynamicsStep& step) {
            if (options->quiet) return;
            if (options->json) {
                Json entry{{"step", step.step}};
                if (step.player) {
                    entry["player"] = *step.player;
                    entry["action"] = action_json(instance, *step.profile, *step.player);
                } else {
                    entry["player"] = nullptr;
                    entry["actions"] = profile_json(instance, *step.profile);
                }
                entry["receiver"] = vector_json(step.receiver);
                entry["potential"] = to_string(step.potential);
                trajectory.push_back(std::move(entry));
                return;
            }
            std::cout << "step " << std::setw(6) << step.step << "  ";
            if (step.player)
                std::cout << "player " << instance.numbered_label(*step.player) << " -> "
                          << action_text(instance, *step.profile, *step.player);
            else if (step.step == 0)
                std::cout << "start";
            else
                std::cout << "all players moved";
            std::cout << "   x̂ = " << vector_text(step.receiver) << "   Φ = " << to_string(step.potential)
                      << '\n';
        };
        DynamicsResult result =
            run_best_response_dynamics(instance, std::move(start), options->dynamics, observe);
        if (options->json) {
            Json out{{"format", "bigcert-dynamics/1"},
                     {"instance", instance.name},
                     {"mode", options->dynamics.simultaneous ? "simultaneous" : "round-robin"},
                     {"outcome", outcome_name(result.outcome)},
                     {"message", result.message},
                     {"steps", result.steps},
                     {"moves", result.moves},
                     {"trajectory", trajectory},
                     {"final",
                      {{"actions", profile_json(instance, result.profile)},
                       {"receiver", vector_json(result.receiver)},
                       {"potential", to_string(result.potential)}}}};
            if (result.outcome == DynamicsResult::Outcome::cycle)
                out["cycle"] = {{"start_round", result.cycle_start}, {"length", result.cycle_length}};
            if (result.distance_to_equilibrium_receiver)
                out["approximate"] = {
                    {"distance_to_equilibrium_receiver", *result.distance_to_equilibrium_receiver},
                    {"last_round_movement", result.last_round_movement.value_or(0.0)}};
            std::cout << out.dump() << '\n';
        } else {
            std::cout << display_text(result.message) << '\n';
            std::cout << "final x̂ = " << vector_text(result.receiver)
                      << "   Φ = " << to_string(result.potential) << '\n';
            if (result.distance_to_equilibrium_receiver)
                std::cout << "approximately " << *result.distance_to_equilibrium_receiver
                          << " away from the equilibrium receiver x̂* (exact solver); the last round moved "
                             "the profile by about "
                          << result.last_round_movement.value_or(0.0) << '\n';
        }
        if (result.outcome == DynamicsResult::Outcome::equilibrium) return exit_ok;
        return result.outcome == DynamicsResult::Outcome::cycle ? exit_refuted : exit_limit;
    };
}

}  // namespace bigcert::cli
