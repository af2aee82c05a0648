#include "bigcert/certify/receivers_check.hpp"

#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/receivers.hpp"

namespace bigcert {
namespace {

bool lifted(const ReceiversSolution& s) { return s.method == "lifted-potential"; }

std::string method_of(const ReceiversSolution& s) {
    return lifted(s) ? "lifted potential" : "face enumeration";
}

PropertyVerdict undecided(const std::string& property, const ReceiversSolution& s) {
    PropertyVerdict v;
    v.property = property;
    v.verdict = "unknown";
    v.method = method_of(s);
    v.reason = s.method == "lemke" ? "the faces were too many to enumerate: only one equilibrium is known"
               : lifted(s)         ? "a convex set of infinitely many equilibria: one point of it is listed"
                                   : "a face system was singular: the equilibria found may not be all";
    return v;
}

PropertyVerdict count_verdict(const ReceiversSolution& s, bool complete) {
    if (!complete && !s.unique_by_monotonicity) return undecided("count", s);
    PropertyVerdict v{"count", "holds", s.count};
    v.method = s.unique_by_monotonicity ? "monotonicity" : method_of(s);
    v.reason =
        s.count == "infinite"
            ? "a convex set of infinitely many equilibria (docs/model.md §8.3), one listed and re-checked"
            : std::to_string(s.equilibria.size()) + " equilibrium(s), each exact and re-checked";
    if (s.equilibria.size() > 1) v.counterexample = s.equilibria;
    return v;
}

// docs/model.md §8.4 on this instance: at most m players interior at every equilibrium.
PropertyVerdict interior_verdict(const Instance& instance, const ReceiversSolution& s, bool complete) {
    for (std::size_t e = 0; e < s.equilibria.size(); ++e)
        if (s.interior[e].size() > instance.receivers.size()) {
            PropertyVerdict v{"exaggeration", "fails"};
            v.method = method_of(s);
            v.reason = std::to_string(s.interior[e].size()) + " players interior with " +
                       std::to_string(instance.receivers.size()) + " receivers";
            v.counterexample = {s.equilibria[e]};
            return v;
        }
    if (!complete) return undecided("exaggeration", s);
    PropertyVerdict v{"exaggeration", "holds"};
    v.method = method_of(s);
    v.reason = "at most " + std::to_string(instance.receivers.size()) +
               " players (the number of receivers) are interior at every equilibrium";
    return v;
}

PropertyVerdict receiver_verdict(const ReceiversSolution& s, bool complete) {
    for (std::size_t e = 1; e < s.equilibria.size(); ++e)
        if (s.receivers[e] != s.receivers[0]) {
            PropertyVerdict v{"receiver-unique", "fails"};
            v.method = method_of(s);
            v.reason = "two equilibria with different receivers";
            v.counterexample = {s.equilibria[0], s.equilibria[e]};
            return v;
        }
    if (!complete) return undecided("receiver-unique", s);
    PropertyVerdict v{"receiver-unique", "holds"};
    v.method = method_of(s);
    v.reason = "every equilibrium has the same receivers";
    return v;
}

PropertyVerdict potential_verdict(const ReceiversSolution& s) {
    PropertyVerdict v{"potential", s.potential.kind == PotentialKind::Kind::none ? "fails" : "holds",
                      potential_kind_name(s.potential.kind)};
    v.method = "cross terms in exact rationals";
    v.reason = s.potential.kind == PotentialKind::Kind::none ? s.potential.reason
                                                             : "docs/model.md §8.2: the cross terms balance";
    return v;
}

}  // namespace

std::vector<PropertyVerdict> check_receivers(const Instance& instance,
                                             const std::vector<std::string>& properties) {
    const ReceiversSolution s = solve_receivers(instance);
    const bool complete = !s.degenerate;
    std::vector<PropertyVerdict> verdicts;
    for (const std::string& property : properties) {
        if (property == "count")
            // The lifted method decides the count even when it lists one point of a continuum.
            verdicts.push_back(count_verdict(s, complete || s.unique_by_monotonicity || lifted(s)));
        else if (property == "exaggeration")
            verdicts.push_back(interior_verdict(instance, s, complete || s.unique_by_monotonicity));
        else if (property == "receiver-unique")
            verdicts.push_back(receiver_verdict(s, complete || s.unique_by_monotonicity));
        else
            verdicts.push_back(potential_verdict(s));
    }
    return verdicts;
}

nlohmann::ordered_json receivers_check_json(const Instance& instance,
                                            const std::vector<PropertyVerdict>& verdicts) {
    nlohmann::ordered_json json = check_json(instance, verdicts, "");
    for (auto& [name, property] : json["properties"].items()) {
        for (const char* key : {"counterexample", "equilibria"}) {
            if (!property.contains(key) || !property[key].is_array()) continue;
            for (nlohmann::ordered_json& entry : property[key]) {
                if (!entry.contains("actions")) continue;
                std::vector<Vector> actions;
                for (const auto& x : entry["actions"]) {
                    Vector point;
                    for (const auto& c : x) point.push_back(*parse_rational(c.get<std::string>()));
                    actions.push_back(std::move(point));
                }
                entry.erase("receiver");
                nlohmann::ordered_json points = nlohmann::ordered_json::array();
                for (std::size_t j = 0; j < instance.receivers.size(); ++j)
                    points.push_back(vector_json(receiver_point(instance, j, actions)));
                entry["receivers"] = std::move(points);
            }
        }
        (void)name;
    }
    return json;
}

}  // namespace bigcert
