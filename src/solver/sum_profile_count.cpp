#include "solver/sum_profile_count.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <unordered_set>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/parallel.hpp"

namespace bigcert {
namespace {

Integer lcm_of(const Integer& a, const Integer& b) { return a / boost::multiprecision::gcd(a, b) * b; }

std::size_t hash_of(std::int64_t x) { return std::hash<std::int64_t>{}(x); }
std::size_t hash_of(const Integer& x) { return boost::multiprecision::hash_value(x); }

// The game multiplied through by common denominators (positions by P, sums by Q, weights by D, with
// P = Q D), so that receivers, targets, sums and weights are integers and every comparison of losses is
// an integer comparison (the losses scale by P^2 > 0). Num is std::int64_t when a bound on every
// intermediate value fits, else Integer; both are exact.
template <class Num>
struct ScaledGame {
    std::size_t d = 0, n = 0;
    std::vector<Num> bias;                       // P w0 x0
    std::vector<Num> weight;                     // D w_i
    std::vector<std::vector<Num>> target;        // P t_i
    std::vector<std::vector<Num>> sums;          // per player, flat: Q s for each achievable sum
    std::vector<std::vector<Num>> norm;          // per player: |Q s|^2
    std::vector<std::vector<std::size_t>> near;  // per player, flat: nearest other sums, tried first
    std::size_t near_count = 0;
    std::vector<std::size_t> moving;  // players with w_i != 0
    std::vector<std::size_t> size;    // number of sums per player
    Rational position_scale;

    const Num* sum(std::size_t i, std::size_t j) const { return &sums[i][j * d]; }

    // Is sum j of player i a best response at receiver r? (the derived test of the header comment)
    bool best_at(std::size_t i, std::size_t j, const Num* r) const {
        const Num* s = sum(i, j);
        auto violated = [&](std::size_t k) {
            const Num* o = sum(i, k);
            Num length = 0, along = 0;
            for (std::size_t c = 0; c < d; ++c) {
                Num delta = o[c] - s[c];
                length += delta * delta;
                along += (r[c] - target[i][c]) * delta;
            }
            return weight[i] * (weight[i] * length + 2 * along) < 0;
        };
        for (std::size_t q = 0; q < near_count && q < size[i]; ++q)
            if (violated(near[i][j * near_count + q])) return false;
        for (std::size_t k = 0; k < size[i]; ++k)
            if (k != j && violated(k)) return false;
        return true;
    }

    // Player i's best responses when the others put the receiver at z (one scan).
    void best_responses(std::size_t i, const Num* z, std::vector<std::size_t>& out) const {
        out.clear();
        std::vector<Num> a(d);
        for (std::size_t c = 0; c < d; ++c) a[c] = z[c] - target[i][c];
        Num best = 0;
        for (std::size_t j = 0; j < size[i]; ++j) {
            const Num* s = sum(i, j);
            Num value = 0;
            for (std::size_t c = 0; c < d; ++c) value += a[c] * s[c];
            value = weight[i] * (2 * value + weight[i] * norm[i][j]);
            if (out.empty() || value < best) {
                out.assign(1, j);
                best = value;
            } else if (value == best) {
                out.push_back(j);
            }
        }
    }

    Vector to_receiver(const Num* r) const {
        Vector x(d);
        for (std::size_t c = 0; c < d; ++c) x[c] = Rational(Integer(r[c])) / position_scale;
        return x;
    }
};

struct Scaling {
    Integer position, sum, weight;  // P, Q, D
};

Scaling find_scaling(const Instance& g, const SumsByPlayer& sums) {
    Scaling k{1, 1, 1};
    for (std::size_t i = 0; i < g.players.size(); ++i) {
        k.weight = lcm_of(k.weight, denominator(g.players[i].weight));
        for (const SumValue& v : *sums[i])
            for (const Rational& x : v.sum) k.sum = lcm_of(k.sum, denominator(x));
    }
    Integer f = 1;  // makes P w0 x0 and P t_i integers
    const Rational base = Rational(k.sum * k.weight);
    for (const Rational& x : g.bias()) f = lcm_of(f, denominator(Rational(base * x)));
    for (const Player& p : g.players)
        for (const Rational& x : p.target) f = lcm_of(f, denominator(Rational(base * x)));
    k.sum *= f;
    k.position = k.sum * k.weight;
    return k;
}

Integer to_integer(const Rational& x) { return numerator(x) / denominator(x); }

template <class Num>
Num narrow(const Integer& x) {
    if constexpr (std::is_same_v<Num, Integer>)
        return x;
    else
        return static_cast<Num>(x.convert_to<long long>());
}

template <class Num>
ScaledGame<Num> scale(const Instance& g, const SumsByPlayer& sums, const Scaling& k) {
    ScaledGame<Num> s;
    s.d = g.dimension;
    s.n = g.players.size();
    s.position_scale = Rational(k.position);
    for (const Rational& x : g.bias()) s.bias.push_back(narrow<Num>(to_integer(x * Rational(k.position))));
    s.near_count = 12;
    for (std::size_t i = 0; i < s.n; ++i) {
        const Player& p = g.players[i];
        s.weight.push_back(narrow<Num>(to_integer(p.weight * Rational(k.weight))));
        s.target.emplace_back();
        for (const Rational& x : p.target)
            s.target.back().push_back(narrow<Num>(to_integer(x * Rational(k.position))));
        s.sums.emplace_back();
        s.norm.emplace_back();
        for (const SumValue& v : *sums[i]) {
            Num length = 0;
            for (const Rational& x : v.sum) {
                s.sums.back().push_back(narrow<Num>(to_integer(x * Rational(k.sum))));
                length += s.sums.back().back() * s.sums.back().back();
            }
            s.norm.back().push_back(length);
        }
        s.size.push_back(sums[i]->size());
        if (sign(p.weight) != 0) s.moving.push_back(i);
    }
    // The nearest sums first: a sum that is not a best response is usually beaten by a neighbour.
    // Quadratic in |S_i|, so only for moderate sets (the check stays exact without it).
    for (std::size_t i = 0; i < s.n; ++i) {
        const std::size_t m = s.size[i], keep = std::min(s.near_count, m);
        s.near.emplace_back();
        bool shared = false;
        for (std::size_t o = 0; o < i && !shared; ++o)
            if (g.players[o].action_set == g.players[i].action_set) s.near.back() = s.near[o], shared = true;
        if (shared) continue;
        if (m > 6000) {
            s.near.back().assign(m * s.near_count, 0);  // sum 0 repeated: harmless, the full scan decides
            continue;
        }
        std::vector<std::pair<Num, std::size_t>> by_distance(m);
        for (std::size_t j = 0; j < m; ++j) {
            for (std::size_t o = 0; o < m; ++o) {
                Num length = 0;
                for (std::size_t c = 0; c < s.d; ++c) {
                    Num delta = s.sum(i, o)[c] - s.sum(i, j)[c];
                    length += delta * delta;
                }
                by_distance[o] = {length, o};
            }
            std::partial_sort(by_distance.begin(), by_distance.begin() + keep, by_distance.end());
            for (std::size_t q = 0; q < s.near_count; ++q)
                s.near.back().push_back(by_distance[q % keep].second);
        }
    }
    return s;
}

// Every intermediate value is at most a small multiple of B^3 with B bounding positions, sums and weights.
bool fits_in_int64(const Instance& g, const SumsByPlayer& sums, const Scaling& k) {
    Integer largest = 1;
    auto see = [&](const Rational& x, const Integer& factor) {
        Integer v = abs(to_integer(x * Rational(factor)));
        if (v > largest) largest = v;
    };
    Integer reach = 0;
    for (const Rational& x : g.bias()) see(x, k.position);
    for (std::size_t i = 0; i < g.players.size(); ++i) {
        see(g.players[i].weight, k.weight);
        for (const Rational& x : g.players[i].target) see(x, k.position);
        Integer widest = 0;
        for (const SumValue& v : *sums[i])
            for (const Rational& x : v.sum)
                widest = std::max(widest, Integer(abs(to_integer(x * Rational(k.sum)))));
        see(Rational(widest), 1);
        reach += abs(to_integer(g.players[i].weight * Rational(k.weight))) * widest;
    }
    largest += 4 * reach;
    // The tests multiply a weight, a weight or a position, and a squared sum: cubic in `largest`.
    Integer bound = largest * largest * largest * 64 * Integer(g.dimension + 1);
    return bound < (Integer(1) << 62);
}

Integer idle_factor(const Instance& g, const SumsByPlayer& sums) {
    Integer factor = 1;
    for (std::size_t i = 0; i < g.players.size(); ++i)
        if (sign(g.players[i].weight) == 0) {
            Integer total = 0;
            for (const SumValue& v : *sums[i]) total += v.multiplicity;
            factor *= total;
        }
    return factor;
}

std::vector<std::size_t> all_of(std::size_t m) {
    std::vector<std::size_t> all(m);
    std::iota(all.begin(), all.end(), std::size_t{0});
    return all;
}

// ---- the walk ----------------------------------------------------------------------------------------

template <class Num>
SumCount walk(const Instance& g, const SumsByPlayer& sums, const ScaledGame<Num>& s, std::size_t list) {
    SumCount result;
    result.count = 0;
    const Integer idle = idle_factor(g, sums);
    if (s.moving.empty()) {
        ListingSeed seed;
        for (std::size_t i = 0; i < s.n; ++i) seed.allowed.push_back(all_of(s.size[i]));
        seed.receiver = s.to_receiver(s.bias.data());
        result.count = idle;
        if (list > 0) result.seeds.push_back(std::move(seed));
        return result;
    }
    std::size_t last = s.moving.front();
    for (std::size_t i : s.moving)
        if (s.size[i] > s.size[last]) last = i;
    std::vector<std::size_t> order;
    for (std::size_t i : s.moving)
        if (i != last) order.push_back(i);
    const std::size_t levels = order.size(), d = s.d;
    std::vector<std::vector<Num>> partial(levels + 1, std::vector<Num>(d));
    partial[0] = s.bias;
    std::vector<std::size_t> choice(s.n, 0), responses;
    std::vector<Num> r(d);
    Integer listed = 0;
    auto leaf = [&] {
        s.best_responses(last, partial[levels].data(), responses);
        for (std::size_t j : responses) {
            for (std::size_t c = 0; c < d; ++c)
                r[c] = partial[levels][c] + s.weight[last] * s.sum(last, j)[c];
            bool equilibrium = true;
            for (std::size_t q = 0; q < levels && equilibrium; ++q)
                equilibrium = s.best_at(order[q], choice[order[q]], r.data());
            if (!equilibrium) continue;
            Integer ways = idle * (*sums[last])[j].multiplicity;
            for (std::size_t i : order) ways *= (*sums[i])[choice[i]].multiplicity;
            result.count += ways;
            if (listed < list) {
                ListingSeed seed;
                for (std::size_t i = 0; i < s.n; ++i)
                    seed.allowed.push_back(sign(g.players[i].weight) == 0 ? all_of(s.size[i])
                                           : i == last                    ? std::vector<std::size_t>{j}
                                                       : std::vector<std::size_t>{choice[i]});
                seed.receiver = s.to_receiver(r.data());
                result.seeds.push_back(std::move(seed));
                listed += ways;
            }
        }
    };
    // Depth-first over the levels (recursion depth: the number of players).
    auto descend = [&](auto&& self, std::size_t level) -> void {
        if (level == levels) return leaf();
        const std::size_t i = order[level];
        for (choice[i] = 0; choice[i] < s.size[i]; ++choice[i]) {
            for (std::size_t c = 0; c < d; ++c)
                partial[level + 1][c] = partial[level][c] + s.weight[i] * s.sum(i, choice[i])[c];
            self(self, level + 1);
        }
    };
    descend(descend, 0);
    return result;
}

// ---- the receiver DP ---------------------------------------------------------------------------------

// Points of Z^d stored flat, deduplicated by a hash set of indices into the storage.
template <class Num>
class PointSet {
  public:
    explicit PointSet(std::size_t d) : d_(d), set_(16, Hash{this}, Equal{this}) {}
    // Inserts the point; false when it was there.
    bool insert(const Num* p) {
        const std::size_t index = count();
        points_.insert(points_.end(), p, p + d_);
        if (set_.insert(index).second) return true;
        points_.resize(points_.size() - d_);
        return false;
    }
    std::size_t count() const { return points_.size() / d_; }
    const Num* at(std::size_t k) const { return &points_[k * d_]; }

  private:
    struct Hash {
        const PointSet* owner;
        std::size_t operator()(std::size_t k) const {
            std::size_t h = 0x9e3779b97f4a7c15ULL;
            for (std::size_t c = 0; c < owner->d_; ++c)
                h = (h ^ hash_of(owner->points_[k * owner->d_ + c])) * 0x100000001b3ULL;
            return h;
        }
    };
    struct Equal {
        const PointSet* owner;
        bool operator()(std::size_t a, std::size_t b) const {
            return std::equal(owner->at(a), owner->at(a) + owner->d_, owner->at(b));
        }
    };
    std::size_t d_;
    std::vector<Num> points_;
    std::unordered_set<std::size_t, Hash, Equal> set_;
};

// The gcd of the steps w_i (s - s') per coordinate: every receiver lies on this lattice (0: one value).
template <class Num>
std::vector<Num> lattice_steps(const ScaledGame<Num>& s) {
    std::vector<Num> step(s.d, Num(0));
    for (std::size_t i : s.moving)
        for (std::size_t j = 1; j < s.size[i]; ++j)
            for (std::size_t c = 0; c < s.d; ++c) {
                Num delta = s.weight[i] * (s.sum(i, j)[c] - s.sum(i, 0)[c]);
                if constexpr (std::is_same_v<Num, Integer>)
                    step[c] = boost::multiprecision::gcd(step[c], Integer(abs(delta)));
                else
                    step[c] = std::gcd(step[c], delta < 0 ? -delta : delta);
            }
    return step;
}

// One step of the reachable-receiver DP: every point of `current` moved by w_i s for every sum s of player
// i, deduplicated. In int64 with a small lattice box a bitmap over the box replaces the hash set (the hot
// loop of this method).
template <class Num>
std::vector<Num> add_player(const ScaledGame<Num>& s, std::size_t i, const std::vector<Num>& current,
                            const std::vector<Num>& step, std::size_t max_states) {
    const std::size_t d = s.d, points = current.size() / d;
    std::vector<Num> next, moved(d);
    auto too_many = [&] {
        throw LimitError("more than " + std::to_string(max_states) +
                         " receivers are reachable (raise --max-states)");
    };
    if constexpr (std::is_same_v<Num, std::int64_t>) {
        std::vector<Num> lo(d), extent(d);
        std::uint64_t cells = 1;
        for (std::size_t c = 0; c < d && cells <= (1u << 27); ++c) {
            Num plo = current[c], phi = current[c], slo = s.sum(i, 0)[c] * s.weight[i], shi = slo;
            for (std::size_t k = 0; k < points; ++k)
                plo = std::min(plo, current[k * d + c]), phi = std::max(phi, current[k * d + c]);
            for (std::size_t j = 0; j < s.size[i]; ++j) {
                Num v = s.weight[i] * s.sum(i, j)[c];
                slo = std::min(slo, v), shi = std::max(shi, v);
            }
            lo[c] = plo + slo;
            extent[c] = step[c] == 0 ? 1 : (phi + shi - lo[c]) / step[c] + 1;
            cells *= static_cast<std::uint64_t>(extent[c]);
        }
        if (cells <= (1u << 27)) {
            std::vector<std::uint64_t> seen((cells + 63) / 64, 0);
            for (std::size_t k = 0; k < points; ++k)
                for (std::size_t j = 0; j < s.size[i]; ++j) {
                    std::uint64_t index = 0;
                    for (std::size_t c = 0; c < d; ++c) {
                        moved[c] = current[k * d + c] + s.weight[i] * s.sum(i, j)[c];
                        index = index * extent[c] + (step[c] == 0 ? 0 : (moved[c] - lo[c]) / step[c]);
                    }
                    std::uint64_t& word = seen[index / 64];
                    const std::uint64_t bit = std::uint64_t{1} << (index % 64);
                    if (word & bit) continue;
                    word |= bit;
                    next.insert(next.end(), moved.begin(), moved.end());
                    if (next.size() / d > max_states) too_many();
                }
            return next;
        }
    }
    PointSet<Num> set(d);
    for (std::size_t k = 0; k < points; ++k)
        for (std::size_t j = 0; j < s.size[i]; ++j) {
            for (std::size_t c = 0; c < d; ++c) moved[c] = current[k * d + c] + s.weight[i] * s.sum(i, j)[c];
            if (set.insert(moved.data()) && set.count() > max_states) too_many();
        }
    next.assign(set.at(0), set.at(0) + set.count() * d);
    return next;
}

template <class Num>
std::vector<Num> reachable_receivers(const ScaledGame<Num>& s, std::size_t max_states) {
    const std::size_t d = s.d;
    const std::vector<Num> step = lattice_steps(s);
    std::vector<Num> current = s.bias;
    for (std::size_t i : s.moving) current = add_player(s, i, current, step, max_states);
    // Sorted, so that the listing order does not depend on hashing.
    std::vector<std::size_t> order = all_of(current.size() / d);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::lexicographical_compare(&current[a * d], &current[a * d] + d, &current[b * d],
                                            &current[b * d] + d);
    });
    std::vector<Num> sorted;
    for (std::size_t k : order) sorted.insert(sorted.end(), &current[k * d], &current[k * d] + d);
    return sorted;
}

// Players with the same action set, weight and target have the same G at every receiver.
template <class Num>
std::vector<std::size_t> player_classes(const Instance& g, const ScaledGame<Num>& s) {
    std::vector<std::size_t> representative(s.n);
    for (std::size_t i = 0; i < s.n; ++i) {
        representative[i] = i;
        for (std::size_t j = 0; j < i; ++j)
            if (g.players[j].action_set == g.players[i].action_set && s.weight[j] == s.weight[i] &&
                s.target[j] == s.target[i]) {
                representative[i] = representative[j];
                break;
            }
    }
    return representative;
}

template <class Num>
struct ReceiverCounter {
    const Instance& g;
    const SumsByPlayer& sums;
    const ScaledGame<Num>& s;
    const std::vector<std::size_t>& representative;
    // Per moving player (in s.moving order) and coordinate: the range of w_i s_c, and suffix sums of it.
    std::vector<Num> low, high, rest_low, rest_high;
    std::size_t max_states;

    ReceiverCounter(const Instance& game, const SumsByPlayer& by_player, const ScaledGame<Num>& scaled,
                    const std::vector<std::size_t>& classes, std::size_t max_partial)
        : g(game), sums(by_player), s(scaled), representative(classes), max_states(max_partial) {
        const std::size_t m = s.moving.size(), d = s.d;
        low.assign(m * d, Num(0)), high.assign(m * d, Num(0));
        rest_low.assign((m + 1) * d, Num(0)), rest_high.assign((m + 1) * d, Num(0));
        for (std::size_t q = 0; q < m; ++q)
            for (std::size_t c = 0; c < d; ++c)
                range(s.moving[q], all_of(s.size[s.moving[q]]), c, low[q * d + c], high[q * d + c]);
        for (std::size_t q = m; q-- > 0;)
            for (std::size_t c = 0; c < d; ++c) {
                rest_low[q * d + c] = rest_low[(q + 1) * d + c] + low[q * d + c];
                rest_high[q * d + c] = rest_high[(q + 1) * d + c] + high[q * d + c];
            }
    }

    void range(std::size_t i, const std::vector<std::size_t>& which, std::size_t c, Num& lo, Num& hi) const {
        lo = hi = s.weight[i] * s.sum(i, which.front())[c];
        for (std::size_t j : which) {
            Num v = s.weight[i] * s.sum(i, j)[c];
            if (v < lo) lo = v;
            if (hi < v) hi = v;
        }
    }

    // G_i(r) for every moving player; false as soon as some player has none, or when the allowed sums so
    // far and the full ranges of the players still to come cannot add up to r (coordinate by coordinate).
    bool allowed_at(const Num* r, std::vector<std::vector<std::size_t>>& allowed) const {
        const std::size_t d = s.d;
        allowed.resize(s.n);
        std::vector<Num> done_low(d, Num(0)), done_high(d, Num(0));
        for (std::size_t q = 0; q < s.moving.size(); ++q) {
            const std::size_t i = s.moving[q];
            if (representative[i] != i) {
                allowed[i] = allowed[representative[i]];
            } else {
                allowed[i].clear();
                for (std::size_t j = 0; j < s.size[i]; ++j)
                    if (s.best_at(i, j, r)) allowed[i].push_back(j);
            }
            if (allowed[i].empty()) return false;
            for (std::size_t c = 0; c < d; ++c) {
                Num lo, hi;
                range(i, allowed[i], c, lo, hi);
                done_low[c] += lo, done_high[c] += hi;
                const Num need = r[c] - s.bias[c];
                if (need < done_low[c] + rest_low[(q + 1) * d + c] ||
                    done_high[c] + rest_high[(q + 1) * d + c] < need)
                    return false;
            }
        }
        return true;
    }

    // Profiles of allowed sums of the moving players whose receiver is r, weighted by multiplicities.
    Integer count_at(const Num* r, const std::vector<std::vector<std::size_t>>& allowed) const {
        const std::size_t d = s.d;
        std::vector<Num> shift = s.bias;
        Integer fixed = 1;
        std::vector<std::size_t> free;
        for (std::size_t i : s.moving) {
            if (allowed[i].size() > 1) {
                free.push_back(i);
                continue;
            }
            const std::size_t j = allowed[i][0];
            for (std::size_t c = 0; c < d; ++c) shift[c] += s.weight[i] * s.sum(i, j)[c];
            fixed *= (*sums[i])[j].multiplicity;
        }
        if (free.empty()) return std::equal(shift.begin(), shift.end(), r) ? fixed : Integer(0);
        // Per free player q: what the free players after q can still add, coordinate by coordinate; points
        // from which r is out of that range are dropped (they cannot end at r).
        std::vector<Num> rest_lo((free.size() + 1) * d, Num(0)), rest_hi((free.size() + 1) * d, Num(0));
        for (std::size_t q = free.size(); q-- > 0;)
            for (std::size_t c = 0; c < d; ++c) {
                Num lo, hi;
                range(free[q], allowed[free[q]], c, lo, hi);
                rest_lo[q * d + c] = rest_lo[(q + 1) * d + c] + lo;
                rest_hi[q * d + c] = rest_hi[(q + 1) * d + c] + hi;
            }
        std::map<std::vector<Num>, Integer> partial{{shift, Integer(1)}};
        for (std::size_t q = 0; q < free.size(); ++q) {
            const std::size_t i = free[q];
            std::map<std::vector<Num>, Integer> next;
            for (std::size_t j : allowed[i])
                for (const auto& [point, ways] : partial) {
                    std::vector<Num> moved = point;
                    bool reaches = true;
                    for (std::size_t c = 0; c < d; ++c) {
                        moved[c] += s.weight[i] * s.sum(i, j)[c];
                        const Num need = r[c] - moved[c];
                        reaches = reaches && !(need < rest_lo[(q + 1) * d + c]) &&
                                  !(rest_hi[(q + 1) * d + c] < need);
                    }
                    if (!reaches) continue;
                    next[moved] += ways * (*sums[i])[j].multiplicity;
                    if (next.size() > max_states)
                        throw LimitError("counting at one receiver needs more than " +
                                         std::to_string(max_states) + " partial sums (raise --max-states)");
                }
            partial = std::move(next);
        }
        auto hit = partial.find(std::vector<Num>(r, r + d));
        return hit == partial.end() ? Integer(0) : hit->second * fixed;
    }
};

template <class Num>
SumCount receivers(const Instance& g, const SumsByPlayer& sums, const ScaledGame<Num>& s, std::size_t list,
                   std::size_t max_states, unsigned threads) {
    const std::vector<Num> points = reachable_receivers(s, max_states);
    const std::size_t d = s.d, total = points.size() / d;
    const std::vector<std::size_t> representative = player_classes(g, s);
    ReceiverCounter<Num> counter(g, sums, s, representative, max_states);
    std::vector<Integer> counts(total);
    parallel_chunks(total, worker_count(threads, total, 256),
                    [&](unsigned, std::size_t begin, std::size_t end) {
                        std::vector<std::vector<std::size_t>> allowed;
                        for (std::size_t k = begin; k < end; ++k)
                            counts[k] = counter.allowed_at(&points[k * d], allowed)
                                            ? counter.count_at(&points[k * d], allowed)
                                            : Integer(0);
                    });
    SumCount result;
    result.count = 0;
    Integer listed = 0;
    const Integer idle = idle_factor(g, sums);
    for (std::size_t k = 0; k < total; ++k) {
        if (counts[k] == 0) continue;
        result.count += counts[k] * idle;
        if (listed >= list) continue;
        ListingSeed seed;
        counter.allowed_at(&points[k * d], seed.allowed);
        for (std::size_t i = 0; i < s.n; ++i)
            if (sign(g.players[i].weight) == 0) seed.allowed[i] = all_of(s.size[i]);
        seed.receiver = s.to_receiver(&points[k * d]);
        result.seeds.push_back(std::move(seed));
        listed += counts[k] * idle;
    }
    return result;
}

}  // namespace

SumCountEstimate estimate_sum_count(const Instance& g, const SumsByPlayer& sums) {
    SumCountEstimate e;
    long double product = 1, largest = 0, checks = 0;
    for (std::size_t i = 0; i < g.players.size(); ++i) {
        if (sign(g.players[i].weight) == 0) continue;
        const long double m = static_cast<long double>(sums[i]->size());
        product *= m;
        largest = std::max(largest, m);
        checks += m;
    }
    e.walk_profiles = largest > 0 ? product / largest : 1;
    e.walk_work = e.walk_profiles * std::max<long double>(checks, 1);
    // Per coordinate: the receivers lie in an interval of width sum_i |w_i| (max - min of s_i) on the
    // lattice generated by the steps w_i (s - s'), whose gcd g bounds the points by width / g + 1.
    long double box = 1;
    for (std::size_t c = 0; c < g.dimension; ++c) {
        Rational width = 0, step = 0;
        for (std::size_t i = 0; i < g.players.size(); ++i) {
            const Rational& w = g.players[i].weight;
            if (sign(w) == 0) continue;
            Rational lo = sums[i]->front().sum[c], hi = lo;
            for (const SumValue& v : *sums[i]) {
                lo = std::min(lo, v.sum[c]);
                hi = std::max(hi, v.sum[c]);
                Rational delta = abs(Rational(w * (v.sum[c] - sums[i]->front().sum[c])));
                if (delta != 0) {
                    // gcd of non-negative rationals: gcd(p/q, r/t) = gcd(p t, r q) / (q t)
                    if (step == 0) {
                        step = delta;
                    } else {
                        Integer p = numerator(step), q = denominator(step), rr = numerator(delta),
                                t = denominator(delta);
                        step = Rational(boost::multiprecision::gcd(Integer(p * t), Integer(rr * q))) /
                               Rational(Integer(q * t));
                    }
                }
            }
            width += abs(w) * (hi - lo);
        }
        box *= step == 0 ? 1.0L : static_cast<long double>((width / step).convert_to<double>()) + 1;
    }
    e.receivers = std::min(box, product);
    // Each receiver: every sum of every moving player is checked (a few comparisons when rejected), and
    // building the reachable set visits |R| * |S_i| points per player.
    e.receiver_work = e.receivers * std::max<long double>(checks, 1) * 4;
    return e;
}

SumCount count_by_walk(const Instance& g, const SumsByPlayer& sums, std::size_t list) {
    const Scaling k = find_scaling(g, sums);
    if (fits_in_int64(g, sums, k)) return walk(g, sums, scale<std::int64_t>(g, sums, k), list);
    return walk(g, sums, scale<Integer>(g, sums, k), list);
}

SumCount count_by_receivers(const Instance& g, const SumsByPlayer& sums, std::size_t list,
                            std::size_t max_states, unsigned threads) {
    const Scaling k = find_scaling(g, sums);
    if (fits_in_int64(g, sums, k))
        return receivers(g, sums, scale<std::int64_t>(g, sums, k), list, max_states, threads);
    return receivers(g, sums, scale<Integer>(g, sums, k), list, max_states, threads);
}

}  // namespace bigcert
