#include "bigcert/solver/line_solver.hpp"

#include "bigcert/core/errors.hpp"
#include "bigcert/core/exact_sum.hpp"
#include "bigcert/core/parallel.hpp"
#include "bigcert/core/receiver_offsets.hpp"
#include "bigcert/solver/line_check.hpp"
#include "solver/line_arithmetic.hpp"
#include "solver/line_equilibrium_set.hpp"
#include "solver/line_selection.hpp"
#include "solver/line_sweep.hpp"
#include "solver/repeated_target.hpp"

namespace bigcert {
namespace {

// loss_i = (x̂* - t_i)^2 is kept as the offset x̂* - t_i (line_solution.hpp).
void fill_offsets(const LineGame& game, LineSolution& s, unsigned threads) {
    const std::size_t n = game.size();
    s.offsets.resize(n);
    parallel_chunks(n, worker_count(threads, n), [&](unsigned, std::size_t begin, std::size_t end) {
        ReceiverOffsets offset(s.receiver, end - begin);
        for (std::size_t i = begin; i < end; ++i)
            if (!offset(game.targets[i], s.offsets[i])) throw LineOverflow{};
    });
}

// Sums fractions num/den with 128-bit numerators in a small direct-mapped table keyed by denominator, in
// front of an ExactSum: the potential's denominators (den w_i · den t_i · den x_i) take few distinct
// values but change from player to player, and a hash-map lookup per player costs more than the
// arithmetic. A slot is handed to the ExactSum when another denominator needs it or its sum would overflow.
class DenominatorTable {
  public:
    explicit DenominatorTable(ExactSum& sink) : sink_(sink), slots_(size) {}
    void add(__int128 num, std::uint64_t den) {
        std::size_t home = (den * 0x9E3779B97F4A7C15u) >> (64 - size_bits);
        for (std::size_t probe = 0; probe < probes; ++probe) {  // open addressing: a few neighbours
            Slot& slot = slots_[(home + probe) & (size - 1)];
            if (slot.den == 0) slot.den = den;
            if (slot.den != den) continue;
            __int128 sum;
            if (!__builtin_add_overflow(slot.num, num, &sum)) {
                slot.num = sum;
                return;
            }
            flush(slot);  // the slot's sum so far goes to GMP, this term starts a new one
            slot = {den, num};
            return;
        }
        Slot& slot = slots_[home];
        flush(slot);
        slot = {den, num};
    }
    void flush_all() {
        for (Slot& slot : slots_) flush(slot);
    }

  private:
    static constexpr int size_bits = 13;
    static constexpr std::size_t size = std::size_t{1} << size_bits, probes = 8;
    struct Slot {
        std::uint64_t den = 0;
        __int128 num = 0;
    };
    void flush(Slot& slot) {
        if (slot.den != 0 && slot.num != 0) sink_.add(Rational(wide_integer(slot.num), Integer(slot.den)));
        slot = {};
    }
    static Integer wide_integer(__int128 value) {
        bool negative = value < 0;
        unsigned __int128 magnitude = negative ? -static_cast<unsigned __int128>(value) : value;
        Integer result = Integer(static_cast<std::uint64_t>(magnitude >> 64));
        result <<= 64;
        result += Integer(static_cast<std::uint64_t>(magnitude));
        return negative ? Integer(-result) : result;
    }

    ExactSum& sink_;
    std::vector<Slot> slots_;
};

// a·b·c as num/den, not reduced (the table sums exactly without it), when den < 2^63 and num fits 128 bits.
bool unreduced_product(const SmallFraction& a, const SmallFraction& b, const SmallFraction& c, __int128& num,
                       std::uint64_t& den) {
    constexpr unsigned __int128 den_limit = static_cast<unsigned __int128>(1) << 63;
    unsigned __int128 d = static_cast<unsigned __int128>(a.den) * static_cast<std::uint64_t>(b.den);
    if (d >= den_limit) return false;
    d *= static_cast<std::uint64_t>(c.den);  // < 2^63 · 2^62
    if (d >= den_limit) return false;
    __int128 ab = static_cast<__int128>(a.num) * b.num;  // |ab| <= 2^124
    if (__builtin_mul_overflow(ab, static_cast<__int128>(c.num), &num)) return false;
    den = static_cast<std::uint64_t>(d);
    return true;
}

// Phi = x̂*^2 - 2 sum_i w_i t_i x_i (Theorem 1); a term out of 128-bit range goes to GMP alone.
Rational potential(const LineGame& game, const std::vector<SmallFraction>& actions, const Rational& receiver,
                   unsigned threads) {
    const std::size_t n = game.size();
    unsigned workers = worker_count(threads, n);
    std::vector<ExactSum> linear(workers);
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        DenominatorTable table(linear[w]);
        for (std::size_t i = begin; i < end; ++i) {
            const SmallFraction &weight = game.weights[i], &t = game.targets[i], &x = actions[i];
            if (weight.num == 0 || t.num == 0 || x.num == 0) continue;
            __int128 num;
            std::uint64_t den;
            if (unreduced_product(weight, t, x, num, den))
                table.add(num, den);
            else
                linear[w].add(to_rational(weight) * to_rational(t) * to_rational(x));
        }
        table.flush_all();
    });
    for (unsigned w = 1; w < workers; ++w) linear[0].merge(linear[w]);
    return receiver * receiver - 2 * linear[0].value();
}

// x̂* exactly (it may outgrow SmallFraction) and whether targets repeat: by selection when the targets have
// exact double keys (line_selection.hpp), else, or when the floating-point guess was poor, by sorting every
// player (line_sweep.hpp).
Rational locate_receiver(const LineGame& game, unsigned threads, LinePremise premise, bool& repeated_target) {
    const bool report = premise == LinePremise::report;
    TargetKeys keys = target_keys(game, threads);
    if (keys.monotone) {
        // The repeat test and the selection only read the game: on two cores they run side by side.
        bool repeated = false;
        std::optional<Rational> selected;
        parallel_tasks(
            report && worker_count(threads, game.size()) > 1,
            [&] { repeated = report && has_repeated_target(game); },
            [&] { selected = exact_line_receiver_by_selection(game, keys, threads); });
        if (selected) {
            repeated_target = repeated;
            return std::move(*selected);
        }
    }
    std::vector<std::uint32_t> by_target = players_by_target(game, keys);
    Rational receiver = exact_line_receiver(game, by_target, threads);
    repeated_target = report && has_repeated_target(game);
    return receiver;
}

LineSolution solve_with_small_receiver(const LineGame& game, const SmallFraction& receiver,
                                       bool repeated_target, unsigned threads,
                                       LineOffsets offsets = LineOffsets::fill) {
    LineSolution s;
    s.receiver = receiver;
    s.actions = line_profile(game, s.receiver, threads);
    CheckReport check = check_line_equilibrium(game, s.actions, s.receiver, threads);
    if (!check.ok)
        throw InternalError("the exact re-check rejected the computed equilibrium: " + check.failure);
    describe_line_equilibrium_set(game, repeated_target, s);
    if (offsets == LineOffsets::fill) fill_offsets(game, s, threads);
    s.potential = potential(game, s.actions, to_rational(s.receiver), threads);
    return s;
}

// x̂* is no SmallFraction, hence no target: no ties, and the actions are interval ends (line_solution.hpp).
WideLineSolution solve_with_wide_receiver(const LineGame& game, Rational receiver, bool repeated_target,
                                          unsigned threads) {
    WideLineSolution s;
    s.receiver = std::move(receiver);
    s.actions = wide_line_profile(game, s.receiver, threads);
    CheckReport check = check_wide_line_equilibrium(game, s.actions, s.receiver, threads);
    if (!check.ok)
        throw InternalError("the exact re-check rejected the computed equilibrium: " + check.failure);
    describe_line_equilibrium_set(game, repeated_target, s);
    s.potential = potential(game, s.actions, s.receiver, threads);
    return s;
}

}  // namespace

std::optional<LineSolution> solve_line_game(const LineGame& game, unsigned threads, LinePremise premise,
                                            LineOffsets offsets) {
    try {
        bool repeated_target = false;
        Rational receiver = locate_receiver(game, threads, premise, repeated_target);
        return solve_with_small_receiver(game, line_fraction(receiver), repeated_target, threads, offsets);
    } catch (const LineOverflow&) {
        return std::nullopt;
    }
}

LineAnswer solve_line_game_any_receiver(const LineGame& game, unsigned threads) {
    LineAnswer answer;
    try {
        bool repeated_target = false;
        Rational receiver = locate_receiver(game, threads, LinePremise::report, repeated_target);
        if (std::optional<SmallFraction> small = small_fraction_of(receiver))
            answer.line = solve_with_small_receiver(game, *small, repeated_target, threads);
        else
            answer.wide = solve_with_wide_receiver(game, std::move(receiver), repeated_target, threads);
    } catch (const LineOverflow&) {
    }
    return answer;
}

}  // namespace bigcert
