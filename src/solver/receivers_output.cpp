#include "bigcert/solver/receivers_output.hpp"

#include <algorithm>

#include "bigcert/solver/solver.hpp"

namespace bigcert {

std::string potential_kind_name(PotentialKind::Kind kind) {
    switch (kind) {
        case PotentialKind::Kind::exact:
            return "exact";
        case PotentialKind::Kind::weighted:
            return "weighted";
        default:
            return "none";
    }
}

std::optional<Instance> single_receiver_instance(const Instance& instance) {
    if (instance.receivers.size() != 1) return std::nullopt;
    for (const Player& player : instance.players)
        for (const Rational& v : player.care)
            if (v != 1) return std::nullopt;
    Instance classic = instance;
    const Receiver& receiver = instance.receivers[0];
    for (std::size_t i = 0; i < classic.players.size(); ++i) {
        classic.players[i].weight = receiver.weights[i];
        classic.players[i].care.clear();
    }
    classic.bias_weight = receiver.bias_weight;
    classic.bias_point = receiver.bias_point;
    classic.receivers.clear();
    return classic;
}

namespace {

Json profile_json(const std::vector<Vector>& points) {
    Json list = Json::array();
    for (const Vector& v : points) list.push_back(vector_json(v));
    return list;
}

Json potential_json(const PotentialKind& potential) {
    Json result = {{"kind", potential_kind_name(potential.kind)}};
    if (potential.kind == PotentialKind::Kind::weighted) {
        Json weights = Json::array();
        for (const Rational& w : potential.weights) weights.push_back(to_string(w));
        result["weights"] = std::move(weights);
    }
    if (potential.kind == PotentialKind::Kind::none) result["reason"] = potential.reason;
    return result;
}

bool at_most_m_interior(const ReceiversSolution& s, std::size_t m) {
    return std::all_of(s.interior.begin(), s.interior.end(),
                       [m](const auto& list) { return list.size() <= m; });
}

}  // namespace

Json receivers_solution_json(const Instance& instance, const ReceiversSolution& s) {
    Json losses = Json::array();
    for (const Rational& l : s.losses[0]) losses.push_back(to_string(l));
    Json list = Json::array();
    for (std::size_t e = 0; e < s.equilibria.size(); ++e)
        list.push_back({{"actions", profile_json(s.equilibria[e])},
                        {"receivers", profile_json(s.receivers[e])},
                        {"interior", s.interior[e]}});
    std::string description =
        s.method == "lifted-potential"
            ? (s.count == "one"
                   ? "the only equilibrium, exact and re-checked (lifted potential method, docs/model.md "
                     "§8.3)"
                   : "one point, exact and re-checked, of a convex set of infinitely many equilibria; every "
                     "receiver some player cares about is the same at all of them (lifted potential method, "
                     "docs/model.md §8.3)")
        : s.count == "not decided"
            ? "the equilibria listed are exact and re-checked; whether others exist was not decided (a face "
              "system "
              "was singular, or the faces were too many to enumerate)"
            : "every equilibrium, each exact and re-checked (face enumeration, docs/model.md §8.3)";
    Json equilibria = {{"count", s.count}, {"found", s.equilibria.size()}, {"list", std::move(list)}};
    if (s.unique_by_monotonicity) equilibria["unique_by"] = "monotonicity";
    equilibria["description"] = description;
    return Json{{"format", "bigcert-solution/1"},
                {"instance", instance.name},
                {"status", "solved"},
                {"method", s.method},
                {"equilibrium",
                 {{"actions", profile_json(s.equilibria[0])},
                  {"receivers", profile_json(s.receivers[0])},
                  {"losses", std::move(losses)}}},
                {"potential", potential_json(s.potential)},
                {"equilibria", std::move(equilibria)},
                {"exaggeration",
                 {{"interior", s.interior[0]},
                  {"at_most_m_interior", at_most_m_interior(s, instance.receivers.size())}}}};
}

Json several_receivers_answer_json(const Instance& instance, const ReceiversOptions& options) {
    if (std::optional<Instance> classic = single_receiver_instance(instance)) {
        Json answer = solution_json(*classic, solve(*classic));
        Json receivers = Json::array();
        receivers.push_back(answer["equilibrium"]["receiver"]);
        answer["equilibrium"]["receivers"] = std::move(receivers);
        answer["potential"] = {{"kind", "exact"}};
        return answer;
    }
    return receivers_solution_json(instance, solve_receivers(instance, options));
}

void write_receivers_table(std::ostream& out, const Instance& instance, const ReceiversSolution& s) {
    out << "several receivers: " << instance.receivers.size()
        << ", potential: " << potential_kind_name(s.potential.kind) << ", equilibria: " << s.count << " ("
        << s.equilibria.size() << " found" << (s.unique_by_monotonicity ? ", unique by monotonicity" : "")
        << ")\n";
    for (std::size_t e = 0; e < s.equilibria.size(); ++e) {
        out << "equilibrium " << e << ":";
        for (std::size_t i = 0; i < s.equilibria[e].size(); ++i) {
            out << (i ? ", " : " ") << "x_" << i << " = (";
            for (std::size_t c = 0; c < s.equilibria[e][i].size(); ++c)
                out << (c ? ", " : "") << to_string(s.equilibria[e][i][c]);
            out << ")";
        }
        out << "; receivers:";
        for (std::size_t j = 0; j < s.receivers[e].size(); ++j) {
            out << (j ? ", " : " ")
                << (instance.receivers[j].name.empty() ? std::to_string(j) : instance.receivers[j].name)
                << " = (";
            for (std::size_t c = 0; c < s.receivers[e][j].size(); ++c)
                out << (c ? ", " : "") << to_string(s.receivers[e][j][c]);
            out << ")";
        }
        out << "\n";
    }
}

}  // namespace bigcert
