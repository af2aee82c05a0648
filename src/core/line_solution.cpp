#include "bigcert/core/line_solution.hpp"

namespace bigcert {
namespace {

// What both answers report alike: the actions, the losses (x̂* − t_i)² when wanted, the equilibrium set and
// Theorem 4's report. `offset(i)` is x̂* − t_i as a Rational.
template <class Line, class Offset>
Solution solution_of(const LineGame& game, const Line& line, Vector receiver, bool with_losses,
                     Offset&& offset) {
    const std::size_t n = game.size();
    Solution s;
    s.receiver = std::move(receiver);
    s.actions.reserve(n);
    for (std::size_t i = 0; i < n; ++i) s.actions.push_back(Vector{to_rational(line.actions[i])});
    if (with_losses) {
        s.losses.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            const Rational o = offset(i);
            s.losses.push_back(o * o);
        }
    }
    s.potential = line.potential;
    s.face_vertices.assign(n, {});
    for (std::size_t i : line.free_players)
        s.face_vertices[i] = {Vector{to_rational(game.lo(i))}, Vector{to_rational(game.hi(i))}};
    s.count = line.count;
    s.exaggeration = line.exaggeration;
    s.method = line.method;
    return s;
}

}  // namespace

Solution to_solution(const LineGame& game, const LineSolution& line) {
    const Rational receiver = to_rational(line.receiver);
    return solution_of(game, line, Vector{receiver}, true, [&](std::size_t i) {
        // The offsets may have been left to the writer (LineOffsets::in_writer).
        return line.offsets.empty() ? receiver - to_rational(game.targets[i]) : to_rational(line.offsets[i]);
    });
}

Solution to_solution(const LineGame& game, const WideLineSolution& wide, bool with_losses) {
    return solution_of(game, wide, Vector{wide.receiver}, with_losses,
                       [&](std::size_t i) { return wide.receiver - to_rational(game.targets[i]); });
}

}  // namespace bigcert
