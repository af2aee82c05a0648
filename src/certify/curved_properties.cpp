#include "bigcert/certify/curved_properties.hpp"

namespace bigcert {
namespace {

std::vector<Enclosure> receiver_box(const Solution& s) {
    if (s.enclosed) return s.receiver_enclosure;
    std::vector<Enclosure> box;
    for (const Rational& x : s.receiver) box.push_back(Enclosure::point(x));
    return box;
}

std::string index_list(const std::vector<std::size_t>& players) {
    std::string out;
    for (std::size_t i : players) out += (out.empty() ? "" : ", ") + std::to_string(i);
    return out;
}

}  // namespace

std::vector<std::size_t> players_away_from_target(const Instance& instance, const Solution& solution) {
    const std::vector<Enclosure> box = receiver_box(solution);
    std::vector<std::size_t> away;
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        if (sign(instance.players[i].weight) == 0) continue;
        for (std::size_t j = 0; j < box.size(); ++j)
            if (!box[j].contains(instance.players[i].target[j])) {
                away.push_back(i);
                break;
            }
    }
    return away;
}

PropertyVerdict curved_property_from_enclosure(const Instance& instance, const Solution& solution,
                                               const std::string& property) {
    PropertyVerdict v{property};
    v.method = "enclosure";
    v.verdict = "unknown";
    const std::string basis = solution.enclosed ? "the certified receiver enclosure (width <= 2^-" +
                                                      std::to_string(solution.precision) + ")"
                                                : "the exact rational equilibrium";
    if (property == "receiver-unique") {
        v.verdict = "holds";
        v.reason =
            "MODEL.md 3a: the potential is strictly convex in the receiver, so every equilibrium has the "
            "same receiver";
    } else if (property == "count") {
        if (solution.count == EquilibriumCount::one) {
            v.verdict = "holds", v.value = "one";
            v.reason =
                "exact enclosure argument: x̂* is unique (MODEL.md 3a) and every player's action is "
                "determined by it "
                "(strictly convex sets with u_i != 0, stable polytope vertices, at most one player by the "
                "receiver equation)";
        } else {
            v.reason =
                "a player with weight 0 may take any point of its set; no two exactly checked equilibria are "
                "printed";
        }
    } else if (property == "exaggeration") {
        const std::size_t n = instance.players.size();
        const std::vector<std::size_t> away = players_away_from_target(instance, solution);
        std::vector<std::size_t> rest;
        for (std::size_t i = 0, k = 0; i < n; ++i) {
            if (k < away.size() && away[k] == i)
                ++k;
            else if (!instance.set_of(i).is_single_point())
                rest.push_back(i);
        }
        for (std::size_t i : away)
            if (instance.set_of(i).is_curved() && !instance.set_of(i).is_single_point())
                v.at_unique_support_point.push_back(i);
        const bool rest_weighted = rest.empty() || sign(instance.players[rest.front()].weight) != 0;
        if (rest.size() <= 1 && rest_weighted) {
            v.verdict = "holds";
            v.reason = "exact enclosure argument on " + basis + ": players {" + index_list(away) +
                       "} have their target outside it, hence u_i != 0 and they are on the boundary (curved "
                       "ones at the "
                       "unique support point)" +
                       (rest.empty() ? ""
                                     : "; only player " + std::to_string(rest.front()) +
                                           " may be interior, and then x̂* = its target");
        } else {
            v.reason = "the enclosure cannot separate players {" + index_list(rest) + "} from their targets";
        }
    }
    return v;
}

}  // namespace bigcert
