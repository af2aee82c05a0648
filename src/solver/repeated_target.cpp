#include "solver/repeated_target.hpp"

#include <bit>
#include <cstdint>
#include <vector>

namespace bigcert {

bool has_repeated_target(std::span<const LineGame> coordinates) {
    if (coordinates.empty()) return false;
    const std::size_t n = coordinates.front().size();
    const std::size_t slots = std::bit_ceil(std::max<std::size_t>(2 * n, 16));
    constexpr std::uint32_t empty = UINT32_MAX;
    std::vector<std::uint32_t> table(slots, empty);  // open addressing on player indices
    auto hash = [&](std::size_t i) {
        std::uint64_t h = 0x9E3779B97F4A7C15u;
        for (const LineGame& c : coordinates) {
            const SmallFraction& t = c.targets[i];
            h = (h ^ static_cast<std::uint64_t>(t.num)) * 0xBF58476D1CE4E5B9u;
            h = (h ^ static_cast<std::uint64_t>(t.den)) * 0x94D049BB133111EBu;
        }
        return h ^ (h >> 31);
    };
    auto same = [&](std::size_t a, std::size_t b) {
        for (const LineGame& c : coordinates)
            if (!(c.targets[a] == c.targets[b])) return false;
        return true;
    };
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t slot = hash(i) & (slots - 1);; slot = (slot + 1) & (slots - 1)) {
            if (table[slot] == empty) {
                table[slot] = static_cast<std::uint32_t>(i);
                break;
            }
            if (same(table[slot], i)) return true;
        }
    return false;
}

}  // namespace bigcert
