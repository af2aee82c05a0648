#include "bigcert/solver/enumeration.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "bigcert/core/errors.hpp"
#include "bigcert/core/parallel.hpp"
#include "solver/sum_profile_count.hpp"

namespace bigcert {
namespace {

// Thrown inside a method when a dynamic programme outgrows max_states: the caller tries the next method.
struct TooManyStates {};

// The players' strategy spaces seen through their sums (computed once per distinct action set).
struct FiniteView {
    const Instance& instance;
    std::vector<std::vector<SumValue>> set_sums;  // by action-set index

    explicit FiniteView(const Instance& game) : instance(game) {
        for (const ActionSet& set : game.action_sets) set_sums.push_back(achievable_sums(set.as_finite()));
    }
    const std::vector<SumValue>& sums(std::size_t player) const {
        return set_sums[instance.players[player].action_set];
    }
    const Rational& weight(std::size_t player) const { return instance.players[player].weight; }
    std::size_t players() const { return instance.players.size(); }
};

// Allowed sums (indices) per player; lists up to `limit` profiles whose receiver passes `accept`, expanding
// each sum into the selections achieving it. Depth-first over the players, so memory stays O(n).
template <class Accept>
void list_profiles(const FiniteView& view, const std::vector<std::vector<std::size_t>>& allowed,
                   Accept&& accept, std::size_t limit, std::vector<PureEquilibrium>& out) {
    const std::size_t n = view.players();
    std::vector<std::size_t> choice(n, 0);
    std::size_t visits = 0;
    constexpr std::size_t max_visits = 5'000'000;  // listing is best effort; the count never depends on it
    auto expand = [&](const Vector& receiver) {
        std::vector<std::vector<Selection>> options(n);
        for (std::size_t i = 0; i < n; ++i)
            options[i] = selections_with_sum(view.instance.set_of(i).as_finite(),
                                             view.sums(i)[allowed[i][choice[i]]].sum, limit - out.size());
        std::vector<std::size_t> at(n, 0);
        for (;;) {
            PureEquilibrium e;
            e.receiver = receiver;
            for (std::size_t i = 0; i < n; ++i) e.selections.push_back(options[i][at[i]]);
            out.push_back(std::move(e));
            if (out.size() >= limit) return;
            std::size_t i = 0;
            while (i < n && ++at[i] == options[i].size()) at[i++] = 0;
            if (i == n) return;
        }
    };
    auto dfs = [&](auto&& self, std::size_t i, const Vector& partial) -> void {
        if (out.size() >= limit || ++visits > max_visits) return;
        if (i == n) {
            if (accept(partial)) expand(partial);
            return;
        }
        for (choice[i] = 0; choice[i] < allowed[i].size() && out.size() < limit; ++choice[i]) {
            Vector next = partial;
            add_scaled(next, view.weight(i), view.sums(i)[allowed[i][choice[i]]].sum);
            self(self, i + 1, next);
        }
    };
    dfs(dfs, 0, view.instance.bias());
}

std::vector<std::size_t> all_indices(std::size_t size) {
    std::vector<std::size_t> all(size);
    for (std::size_t j = 0; j < size; ++j) all[j] = j;
    return all;
}

Integer total_multiplicity(const std::vector<SumValue>& sums, const std::vector<std::size_t>& indices) {
    Integer total = 0;
    for (std::size_t j : indices) total += sums[j].multiplicity;
    return total;
}

// Inner-product loss: best responses ignore the others (Theorem 5), so the count is a product.
EnumerationResult enumerate_dominant(const FiniteView& view, const EnumerateOptions& options) {
    const std::size_t n = view.players();
    EnumerationResult result;
    result.method = "dominant";
    result.count = 1;
    std::vector<std::vector<std::size_t>> allowed(n);
    for (std::size_t i = 0; i < n; ++i) {
        allowed[i] =
            best_response_sums(view.instance, i, Vector(view.instance.dimension, Rational(0)), view.sums(i));
        result.count *= total_multiplicity(view.sums(i), allowed[i]);
    }
    if (options.list > 0)
        list_profiles(
            view, allowed, [](const Vector&) { return true; }, options.list, result.listed);
    return result;
}

// ---- d = 1: the interval sweep --------------------------------------------------------------------------

// A piece of the real line on which every G_i is constant: a breakpoint or an open interval between two.
struct Piece {
    std::optional<Rational> lo, hi;  // nullopt: unbounded
    bool point = false;
    bool contains(const Rational& r) const {
        if (point) return r == *lo;
        return (!lo || r > *lo) && (!hi || r < *hi);
    }
};

struct Endpoint {
    Rational at;
    std::size_t player, value;
};

// Prefix sums of the multiplicities of a player's active sums (a Fenwick tree), so that the last free
// player of a piece is counted by two binary searches instead of being enumerated.
class ActiveWeights {
  public:
    explicit ActiveWeights(std::size_t size = 0) : tree_(size + 1, Integer(0)) {}
    void add(std::size_t index, const Integer& delta) {
        for (std::size_t k = index + 1; k < tree_.size(); k += k & (~k + 1)) tree_[k] += delta;
    }
    // Sum over indices [0, end).
    Integer prefix(std::size_t end) const {
        Integer total = 0;
        for (std::size_t k = end; k > 0; k -= k & (~k + 1)) total += tree_[k];
        return total;
    }

  private:
    std::vector<Integer> tree_;
};

class IntervalSweep {
  public:
    IntervalSweep(const FiniteView& view, const EnumerateOptions& options) : view_(view), options_(options) {}

    EnumerationResult run();

  private:
    void collect_intervals();
    void set_active(std::size_t player, std::size_t value, bool active);
    void withdraw(std::size_t player);
    void contribute(std::size_t player);
    void evaluate(const Piece& piece);

    const FiniteView& view_;
    const EnumerateOptions& options_;
    std::vector<std::size_t> moving_;  // players with w_i != 0
    std::vector<Endpoint> starts_, ends_;
    std::vector<std::set<std::size_t>> active_;  // per player: indices of the sums that are best responses
    std::vector<ActiveWeights> active_weights_;
    Integer count_last_player(std::size_t i, const Piece& piece, const Rational& offset) const;
    std::size_t empty_players_ = 0;
    std::set<std::size_t> free_players_;  // two or more best responses
    Rational shift_ = 0;                  // sum of w_i s_i over players with exactly one best response
    Integer fixed_ways_ = 1;              // product of their multiplicities
    Rational bias_;
    // Every reachable receiver lies in lattice_origin_ + lattice_step_ Z (step 0: only the origin), so a
    // piece without such a point holds no profile and is skipped before any dynamic programming.
    Rational lattice_origin_, lattice_step_;
    void compute_lattice();
    bool may_hold_a_receiver(const Piece& piece) const;
    EnumerationResult result_;
};

Rational rational_gcd(const Rational& a, const Rational& b) {
    // gcd(p/q, r/s) = gcd(p s, r q) / (q s), for non-negative arguments.
    if (a == 0) return b;
    if (b == 0) return a;
    Integer p = numerator(a), q = denominator(a), r = numerator(b), t = denominator(b);
    return Rational(boost::multiprecision::gcd(Integer(p * t), Integer(r * q))) / Rational(Integer(q * t));
}

void IntervalSweep::compute_lattice() {
    lattice_origin_ = bias_;
    lattice_step_ = 0;
    for (std::size_t i : moving_) {
        const std::vector<SumValue>& sums = view_.sums(i);
        lattice_origin_ += view_.weight(i) * sums.front().sum[0];
        for (std::size_t j = 1; j < sums.size(); ++j)
            lattice_step_ = rational_gcd(
                lattice_step_, abs(Rational(view_.weight(i) * (sums[j].sum[0] - sums.front().sum[0]))));
    }
}

bool IntervalSweep::may_hold_a_receiver(const Piece& piece) const {
    if (lattice_step_ == 0) return piece.contains(lattice_origin_);
    if (piece.point) return denominator(Rational((*piece.lo - lattice_origin_) / lattice_step_)) == 1;
    if (!piece.lo || !piece.hi) return true;
    // The first lattice point strictly above lo, compared with hi.
    Rational k = (*piece.lo - lattice_origin_) / lattice_step_;
    Integer above = numerator(k) / denominator(k);  // truncation towards zero
    if (Rational(above) <= k) above += 1;
    return lattice_origin_ + Rational(above) * lattice_step_ < *piece.hi;
}

// I_{i,s} (derived): s is a best response at receiver r iff |r - t + w (s' - s)| >= |r - t| for every other
// sum s'; only the neighbours s^- < s < s^+ bind, giving r in [t - |w| g_up / 2, t + |w| g_down / 2] for
// w > 0 (gaps g_up = s^+ - s, g_down = s - s^-; a missing neighbour leaves that end open) and the
// mirror image for w < 0.
void IntervalSweep::collect_intervals() {
    for (std::size_t i : moving_) {
        const std::vector<SumValue>& sums = view_.sums(i);
        const Rational& t = view_.instance.players[i].target[0];
        const Rational w = view_.weight(i), half = abs(w) / 2;
        for (std::size_t j = 0; j < sums.size(); ++j) {
            std::optional<Rational> up, down;  // the gaps
            if (j + 1 < sums.size()) up = sums[j + 1].sum[0] - sums[j].sum[0];
            if (j > 0) down = sums[j].sum[0] - sums[j - 1].sum[0];
            const std::optional<Rational>& below = sign(w) > 0 ? up : down;  // decides the lower end
            const std::optional<Rational>& above = sign(w) > 0 ? down : up;
            if (below)
                starts_.push_back({t - half * *below, i, j});
            else
                set_active(i, j, true);
            if (above) ends_.push_back({t + half * *above, i, j});
        }
    }
    auto by_position = [](const Endpoint& a, const Endpoint& b) { return a.at < b.at; };
    std::sort(starts_.begin(), starts_.end(), by_position);
    std::sort(ends_.begin(), ends_.end(), by_position);
}

void IntervalSweep::withdraw(std::size_t i) {
    if (active_[i].empty()) {
        --empty_players_;
    } else if (active_[i].size() == 1) {
        std::size_t j = *active_[i].begin();
        shift_ -= view_.weight(i) * view_.sums(i)[j].sum[0];
        fixed_ways_ /= view_.sums(i)[j].multiplicity;
    } else {
        free_players_.erase(i);
    }
}

void IntervalSweep::contribute(std::size_t i) {
    if (active_[i].empty()) {
        ++empty_players_;
    } else if (active_[i].size() == 1) {
        std::size_t j = *active_[i].begin();
        shift_ += view_.weight(i) * view_.sums(i)[j].sum[0];
        fixed_ways_ *= view_.sums(i)[j].multiplicity;
    } else {
        free_players_.insert(i);
    }
}

void IntervalSweep::set_active(std::size_t i, std::size_t j, bool active) {
    withdraw(i);
    if (active)
        active_[i].insert(j);
    else
        active_[i].erase(j);
    active_weights_[i].add(j,
                           active ? view_.sums(i)[j].multiplicity : Integer(-view_.sums(i)[j].multiplicity));
    contribute(i);
}

// The multiplicities of player i's active sums s with offset + w s in the piece: the piece pulled back to
// an interval of s, then two binary searches in the sorted sums and a prefix-sum difference.
Integer IntervalSweep::count_last_player(std::size_t i, const Piece& piece, const Rational& offset) const {
    const std::vector<SumValue>& sums = view_.sums(i);
    const Rational& w = view_.weight(i);
    std::optional<Rational> lo, hi;  // bounds on s
    if (piece.lo) (sign(w) > 0 ? lo : hi) = (*piece.lo - offset) / w;
    if (piece.hi) (sign(w) > 0 ? hi : lo) = (*piece.hi - offset) / w;
    auto below = [](const SumValue& value, const Rational& x) { return value.sum[0] < x; };
    auto above = [](const Rational& x, const SumValue& value) { return x < value.sum[0]; };
    // Open piece: s strictly inside; a point piece: s equal to the one value (lo == hi).
    std::size_t begin = 0, end = sums.size();
    if (lo)
        begin = (piece.point ? std::lower_bound(sums.begin(), sums.end(), *lo, below)
                             : std::upper_bound(sums.begin(), sums.end(), *lo, above)) -
                sums.begin();
    if (hi)
        end = (piece.point ? std::upper_bound(sums.begin(), sums.end(), *hi, above)
                           : std::lower_bound(sums.begin(), sums.end(), *hi, below)) -
              sums.begin();
    if (begin >= end) return 0;
    return active_weights_[i].prefix(end) - active_weights_[i].prefix(begin);
}

void IntervalSweep::evaluate(const Piece& piece) {
    if (empty_players_ > 0 || !may_hold_a_receiver(piece)) return;
    // The free player with the most choices is counted last, by binary search; the others by a DP.
    std::size_t last = view_.players();
    for (std::size_t i : free_players_)
        if (last == view_.players() || active_[i].size() > active_[last].size()) last = i;
    std::map<Rational, Integer> partial{
        {Rational(0), Integer(1)}};  // sum over the other free players -> ways
    for (std::size_t i : free_players_) {
        if (i == last) continue;
        std::map<Rational, Integer> next;
        for (std::size_t j : active_[i]) {
            Rational step = view_.weight(i) * view_.sums(i)[j].sum[0];
            for (const auto& [sum, ways] : partial) next[sum + step] += ways * view_.sums(i)[j].multiplicity;
            if (next.size() > options_.max_states) throw TooManyStates{};
        }
        partial = std::move(next);
    }
    const Rational base = bias_ + shift_;
    Integer found = 0;
    for (const auto& [sum, ways] : partial) {
        if (last == view_.players()) {
            if (piece.contains(base + sum)) found += ways;
        } else {
            found += ways * count_last_player(last, piece, base + sum);
        }
    }
    if (found == 0) return;
    result_.count += found * fixed_ways_;
    if (result_.listed.size() >= options_.list) return;
    std::vector<std::vector<std::size_t>> allowed(view_.players());
    for (std::size_t i = 0; i < view_.players(); ++i) {
        if (sign(view_.weight(i)) == 0) {
            allowed[i] = all_indices(view_.sums(i).size());
            continue;
        }
        allowed[i].assign(active_[i].begin(), active_[i].end());
    }
    list_profiles(
        view_, allowed, [&](const Vector& r) { return piece.contains(r[0]); }, options_.list, result_.listed);
}

EnumerationResult IntervalSweep::run() {
    const std::size_t n = view_.players();
    bias_ = view_.instance.bias()[0];
    result_.method = "interval-sweep";
    result_.count = 0;
    active_.resize(n);
    active_weights_.resize(n);
    Integer idle_factor = 1;  // zero-weight players: any strategy, receiver unchanged
    for (std::size_t i = 0; i < n; ++i) {
        active_weights_[i] = ActiveWeights(view_.sums(i).size());
        if (sign(view_.weight(i)) == 0)
            idle_factor *= total_multiplicity(view_.sums(i), all_indices(view_.sums(i).size()));
        else
            moving_.push_back(i), ++empty_players_;  // every moving player starts with no active sum
    }
    collect_intervals();
    compute_lattice();
    std::vector<Rational> breakpoints;
    for (const Endpoint& e : starts_) breakpoints.push_back(e.at);
    for (const Endpoint& e : ends_) breakpoints.push_back(e.at);
    std::sort(breakpoints.begin(), breakpoints.end());
    breakpoints.erase(std::unique(breakpoints.begin(), breakpoints.end()), breakpoints.end());
    std::size_t next_start = 0, next_end = 0;
    std::optional<Rational> previous;
    for (const Rational& p : breakpoints) {
        evaluate(Piece{previous, p, false});
        while (next_start < starts_.size() && starts_[next_start].at == p)
            set_active(starts_[next_start].player, starts_[next_start].value, true), ++next_start;
        evaluate(Piece{p, p, true});
        while (next_end < ends_.size() && ends_[next_end].at == p)
            set_active(ends_[next_end].player, ends_[next_end].value, false), ++next_end;
        previous = p;
    }
    evaluate(Piece{previous, std::nullopt, false});
    result_.count *= idle_factor;
    return std::move(result_);
}

// ---- any d: the walk and the receiver DP (solver/sum_profile_count.hpp) ------------------------------

EnumerationResult from_sum_count(const FiniteView& view, SumCount counted, const std::string& method,
                                 std::size_t list) {
    EnumerationResult result;
    result.method = method;
    result.count = std::move(counted.count);
    for (const ListingSeed& seed : counted.seeds) {
        if (result.listed.size() >= list) break;
        list_profiles(
            view, seed.allowed, [&](const Vector& x) { return x == seed.receiver; }, list, result.listed);
    }
    return result;
}

std::string estimate_text(long double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3Lg", x);
    return text;
}

// The method with the smaller estimated work among those within the caps; refuses up front otherwise.
EnumerationResult enumerate_by_sums(const FiniteView& view, const EnumerateOptions& options,
                                    EnumerateOptions::Method method) {
    using Method = EnumerateOptions::Method;
    SumsByPlayer sums;
    for (std::size_t i = 0; i < view.players(); ++i) sums.push_back(&view.sums(i));
    const SumCountEstimate e = estimate_sum_count(view.instance, sums);
    const long double max_work = static_cast<long double>(options.max_work);
    const bool walk_fits = e.walk_work <= max_work;
    const bool receivers_fit = e.receiver_work <= max_work && e.receivers <= options.max_states;
    if (method == Method::automatic) {
        if (!walk_fits && !receivers_fit)
            throw LimitError("counting needs about " + estimate_text(std::min(e.walk_work, e.receiver_work)) +
                             " comparisons of sums (walk over " + estimate_text(e.walk_profiles) +
                             " profiles, or up to " + estimate_text(e.receivers) +
                             " receivers; raise --max-work, and --max-states for the receivers)");
        const bool walk_cheaper = !receivers_fit || e.walk_work <= e.receiver_work;
        method = walk_fits && walk_cheaper ? Method::walk : Method::receivers;
    }
    if (method == Method::walk) {
        if (!walk_fits)
            throw LimitError("the walk needs about " + estimate_text(e.walk_work) +
                             " comparisons of sums over " + estimate_text(e.walk_profiles) +
                             " profiles (raise --max-work)");
        return from_sum_count(view, count_by_walk(view.instance, sums, options.list), "profile-walk",
                              options.list);
    }
    if (e.receiver_work > max_work)
        throw LimitError("the receiver DP needs about " + estimate_text(e.receiver_work) +
                         " comparisons of sums over up to " + estimate_text(e.receivers) +
                         " receivers (raise --max-work)");
    return from_sum_count(
        view, count_by_receivers(view.instance, sums, options.list, options.max_states, options.threads),
        "receiver-dp", options.list);
}

// ---- fallback: every profile of distinct sums -----------------------------------------------------------

EnumerationResult enumerate_exhaustively(const FiniteView& view, const EnumerateOptions& options) {
    const std::size_t n = view.players();
    long double profiles = 1;
    for (std::size_t i = 0; i < n; ++i) profiles *= static_cast<long double>(view.sums(i).size());
    if (profiles > static_cast<long double>(options.max_profiles))
        throw LimitError("the exhaustive walk would visit about " +
                         std::to_string(static_cast<double>(profiles)) +
                         " profiles of distinct sums (limit " + std::to_string(options.max_profiles) +
                         "), and the dynamic programmes need more than " +
                         std::to_string(options.max_states) + " sums (" + options.raise_hint + ")");
    EnumerationResult result;
    result.method = "exhaustive";
    result.count = 0;
    const std::size_t total = static_cast<std::size_t>(profiles);
    std::vector<std::size_t> at(n, 0);
    for (std::size_t visited = 0;; ++visited) {
        if (options.progress && total >= (std::size_t{1} << 20) && (visited & 0xFFFF) == 0) {
            std::size_t filled = total ? visited * 40 / total : 40;
            *options.progress << "\r[" << std::string(filled, '#') << std::string(40 - filled, '.') << "] "
                              << visited << "/" << total << std::flush;
        }
        std::vector<Vector> sums(n);
        for (std::size_t i = 0; i < n; ++i) sums[i] = view.sums(i)[at[i]].sum;
        Vector r = view.instance.receiver(sums);
        bool equilibrium = true;
        Integer ways = 1;
        std::vector<std::vector<std::size_t>> allowed(n);
        for (std::size_t i = 0; i < n && equilibrium; ++i) {
            Vector others = r;
            add_scaled(others, -view.weight(i), sums[i]);
            std::vector<std::size_t> best = best_response_sums(view.instance, i, others, view.sums(i));
            equilibrium = std::find(best.begin(), best.end(), at[i]) != best.end();
            ways *= view.sums(i)[at[i]].multiplicity;
            allowed[i] = {at[i]};
        }
        if (equilibrium) {
            result.count += ways;
            if (result.listed.size() < options.list)
                list_profiles(
                    view, allowed, [](const Vector&) { return true; }, options.list, result.listed);
        }
        std::size_t i = 0;
        while (i < n && ++at[i] == view.sums(i).size()) at[i++] = 0;
        if (i == n) break;
    }
    if (options.progress && total >= (std::size_t{1} << 20))
        *options.progress << "\r" << std::string(70, ' ') << "\r" << std::flush;
    return result;
}

}  // namespace

EnumerationResult enumerate_pure_equilibria(const Instance& instance, const EnumerateOptions& options) {
    if (!is_finite_game(instance))
        throw UnsupportedError("", "enumeration of a game without finite action sets");
    FiniteView view(instance);
    using Method = EnumerateOptions::Method;
    EnumerationResult result;
    if (instance.loss == Loss::inner) {
        result = enumerate_dominant(view, options);
    } else {
        Method method = options.method;
        if (method == Method::sweep && instance.dimension != 1)
            throw UnsupportedError("", "the interval sweep for d > 1");
        bool done = false;
        if (method == Method::sweep || (method == Method::automatic && instance.dimension == 1)) {
            try {
                result = IntervalSweep(view, options).run();
                done = true;
            } catch (const TooManyStates&) {
                if (method != Method::automatic)
                    throw LimitError("the interval sweep needs more than --max-states sums");
            }
        }
        if (!done)
            result = method == Method::exhaustive ? enumerate_exhaustively(view, options)
                                                  : enumerate_by_sums(view, options, method);
    }
    for (const PureEquilibrium& e : result.listed) {
        CheckReport check = check_finite_equilibrium(instance, e.selections);
        if (!check.ok)
            throw InternalError("the exact re-check rejected a listed equilibrium: " + check.failure);
    }
    return result;
}

}  // namespace bigcert
