// The first-order data of the several-receivers game and its potential classification (docs/model.md
// §8.1-8.2).
#include <deque>

#include "bigcert/core/instance.hpp"
#include "bigcert/solver/receivers.hpp"

namespace bigcert {

Rational care_of(const Instance& instance, std::size_t player, std::size_t receiver) {
    const std::vector<Rational>& care = instance.players[player].care;
    return care.empty() ? Rational(1) : care[receiver];
}

Vector receiver_bias(const Instance& instance, std::size_t receiver) {
    const Receiver& r = instance.receivers[receiver];
    if (r.bias_point.empty()) return Vector(instance.dimension, Rational(0));
    return r.bias_weight * r.bias_point;
}

Vector receiver_point(const Instance& instance, std::size_t receiver, const std::vector<Vector>& actions) {
    Vector point = receiver_bias(instance, receiver);
    const Receiver& r = instance.receivers[receiver];
    for (std::size_t i = 0; i < actions.size(); ++i)
        if (sign(r.weights[i]) != 0) add_scaled(point, r.weights[i], actions[i]);
    return point;
}

ReceiverGame receiver_game_of(const Instance& instance) {
    ReceiverGame game;
    game.players = instance.players.size();
    game.receivers = instance.receivers.size();
    game.dimension = instance.dimension;
    game.cross.assign(game.players, std::vector<Rational>(game.players, Rational(0)));
    game.offset.assign(game.players, Vector(game.dimension, Rational(0)));
    for (std::size_t j = 0; j < game.receivers; ++j) {
        const std::vector<Rational>& w = instance.receivers[j].weights;
        const Vector bias = receiver_bias(instance, j);
        for (std::size_t i = 0; i < game.players; ++i) {
            const Rational vw = care_of(instance, i, j) * w[i];  // v_ij w_ji
            if (sign(vw) == 0) continue;
            for (std::size_t k = 0; k < game.players; ++k)
                if (sign(w[k]) != 0) game.cross[i][k] += vw * w[k];
            add_scaled(game.offset[i], vw, bias - instance.players[i].target);
        }
    }
    return game;
}

Vector gradient_of(const ReceiverGame& game, std::size_t player, const std::vector<Vector>& actions) {
    Vector g = game.offset[player];
    for (std::size_t k = 0; k < game.players; ++k)
        if (sign(game.cross[player][k]) != 0) add_scaled(g, game.cross[player][k], actions[k]);
    return g;
}

std::vector<Vector> receivers_gradients(const Instance& instance, const std::vector<Vector>& actions) {
    std::vector<Vector> receivers;
    for (std::size_t j = 0; j < instance.receivers.size(); ++j)
        receivers.push_back(receiver_point(instance, j, actions));
    std::vector<Vector> gradients(actions.size(), Vector(instance.dimension, Rational(0)));
    for (std::size_t i = 0; i < actions.size(); ++i)
        for (std::size_t j = 0; j < receivers.size(); ++j) {
            const Rational a = care_of(instance, i, j) * instance.receivers[j].weights[i];  // a_ij
            if (sign(a) != 0) add_scaled(gradients[i], a, receivers[j] - instance.players[i].target);
        }
    return gradients;
}

Rational receivers_loss(const Instance& instance, std::size_t player, const std::vector<Vector>& receivers) {
    Rational loss = 0;
    for (std::size_t j = 0; j < receivers.size(); ++j)
        loss += care_of(instance, player, j) * squared_norm(receivers[j] - instance.players[player].target);
    return loss;
}

namespace {

std::string pair_text(std::size_t i, std::size_t k) {
    return "players " + std::to_string(i) + " and " + std::to_string(k);
}

// lambda_i C_ik = lambda_k C_ki fixes lambda_k / lambda_i on every pair with C_ik != 0; propagated along a
// spanning forest of that pattern (breadth first), then verified on every pair (docs/model.md §8.2).
PotentialKind weighted_potential(const ReceiverGame& game) {
    const std::size_t n = game.players;
    PotentialKind result;
    std::vector<Rational> lambda(n, Rational(0));
    for (std::size_t root = 0; root < n; ++root) {
        if (sign(lambda[root]) != 0) continue;
        lambda[root] = 1;
        std::deque<std::size_t> queue{root};
        while (!queue.empty()) {
            const std::size_t i = queue.front();
            queue.pop_front();
            for (std::size_t k = 0; k < n; ++k) {
                if (k == i || sign(lambda[k]) != 0) continue;
                const Rational &cik = game.cross[i][k], &cki = game.cross[k][i];
                if (sign(cik) == 0 && sign(cki) == 0) continue;
                if (sign(cik) == 0 || sign(cki) == 0 || sign(cik) != sign(cki)) {
                    result.reason = "the cross terms of " + pair_text(i, k) + " are " + to_string(cik) +
                                    " and " + to_string(cki) + ": no positive weights balance them";
                    return result;
                }
                lambda[k] = lambda[i] * cik / cki;
                queue.push_back(k);
            }
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = i + 1; k < n; ++k)
            if (lambda[i] * game.cross[i][k] != lambda[k] * game.cross[k][i]) {
                result.reason = "the weights forced along a spanning forest fail on " + pair_text(i, k);
                return result;
            }
    result.kind = PotentialKind::Kind::weighted;
    result.weights = std::move(lambda);
    return result;
}

}  // namespace

PotentialKind classify_potential(const ReceiverGame& game) {
    bool symmetric = true;
    for (std::size_t i = 0; i < game.players && symmetric; ++i)
        for (std::size_t k = i + 1; k < game.players && symmetric; ++k)
            symmetric = game.cross[i][k] == game.cross[k][i];
    if (symmetric) {
        PotentialKind result;
        result.kind = PotentialKind::Kind::exact;
        result.weights.assign(game.players, Rational(1));
        return result;
    }
    return weighted_potential(game);
}

bool is_positive_definite(std::vector<std::vector<Rational>> s) {
    const std::size_t n = s.size();
    for (std::size_t p = 0; p < n; ++p) {
        if (sign(s[p][p]) <= 0) return false;
        for (std::size_t r = p + 1; r < n; ++r) {
            if (sign(s[r][p]) == 0) continue;
            const Rational factor = s[r][p] / s[p][p];
            for (std::size_t c = p; c < n; ++c) s[r][c] -= factor * s[p][c];
        }
    }
    return true;
}

}  // namespace bigcert
