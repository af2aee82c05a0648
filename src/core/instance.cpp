#include "bigcert/core/instance.hpp"

#include "bigcert/core/display_text.hpp"
#include "bigcert/core/exact_sum.hpp"

namespace bigcert {

Vector Instance::bias() const {
    if (bias_point.empty()) return Vector(dimension, Rational(0));
    return bias_weight * bias_point;
}

Vector Instance::receiver(const std::vector<Vector>& actions) const {
    std::vector<ExactSum> sums(dimension);
    for (std::size_t i = 0; i < players.size(); ++i)
        for (std::size_t j = 0; j < dimension; ++j) sums[j].add_product(players[i].weight, actions[i][j]);
    Vector result = bias();
    for (std::size_t j = 0; j < dimension; ++j) result[j] += sums[j].value();
    return result;
}

Rational Instance::loss_of(std::size_t player, const Vector& receiver) const {
    if (loss == Loss::inner) return -dot(players[player].target, receiver);
    return squared_norm(receiver - players[player].target);
}

Rational Instance::potential(const std::vector<Vector>& actions, const Vector& receiver) const {
    ExactSum linear;
    for (std::size_t i = 0; i < players.size(); ++i)
        for (std::size_t j = 0; j < dimension; ++j)
            linear.add_product(players[i].weight * players[i].target[j], actions[i][j]);
    return squared_norm(receiver) - 2 * linear.value();
}

std::string Instance::label(std::size_t player) const {
    return players[player].name.empty() ? std::to_string(player) : players[player].name;
}

std::string Instance::numbered_label(std::size_t player) const {
    const std::string& name = players[player].name;
    return std::to_string(player) + (name.empty() ? "" : " (" + display_text(name) + ")");
}

}  // namespace bigcert
