#include "bigcert/core/line_solution.hpp"

namespace bigcert {

Solution to_solution(const LineGame& game, const LineSolution& line) {
    const std::size_t n = game.size();
    Solution s;
    s.receiver = Vector{to_rational(line.receiver)};
    s.actions.reserve(n);
    s.losses.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        s.actions.push_back(Vector{to_rational(line.actions[i])});
        Rational offset = to_rational(line.offsets[i]);
        s.losses.push_back(offset * offset);
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

Solution to_solution(const LineGame& game, const WideLineSolution& wide, bool with_losses) {
    const std::size_t n = game.size();
    Solution s;
    s.receiver = Vector{wide.receiver};
    s.actions.reserve(n);
    for (std::size_t i = 0; i < n; ++i) s.actions.push_back(Vector{to_rational(wide.actions[i])});
    if (with_losses) {
        s.losses.reserve(n);
        Rational offset;
        for (std::size_t i = 0; i < n; ++i) {
            offset = wide.receiver - to_rational(game.targets[i]);
            s.losses.push_back(offset * offset);
        }
    }
    s.potential = wide.potential;
    s.face_vertices.assign(n, {});
    for (std::size_t i : wide.free_players)
        s.face_vertices[i] = {Vector{to_rational(game.lo(i))}, Vector{to_rational(game.hi(i))}};
    s.count = wide.count;
    s.exaggeration = wide.exaggeration;
    s.method = wide.method;
    return s;
}

}  // namespace bigcert
