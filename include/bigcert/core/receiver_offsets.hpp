// x̂* − t for many targets t of one coordinate game, in machine integers (docs/internals.md): a loss is
// (x̂* − t_i)², and gcd(den x̂*, den t) depends only on den t, which few targets' denominators share, so it
// and the divided denominators are cached per denominator (direct-mapped) instead of computed per player.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "bigcert/core/small_fraction.hpp"

namespace bigcert {

class ReceiverOffsets {
  public:
    // `targets`: how many will be asked for, so that a short list does not pay for a full cache.
    ReceiverOffsets(const SmallFraction& receiver, std::size_t targets)
        : receiver_(receiver),
          mask_(std::bit_ceil(std::clamp<std::size_t>(targets, 16, most)) - 1),
          cache_(mask_ + 1) {}
    // x̂* − target in lowest terms; false when it leaves the SmallFraction range (the caller then takes
    // Rationals).
    bool operator()(const SmallFraction& target, SmallFraction& offset) {
        Entry& entry = cache_[static_cast<std::uint64_t>(target.den) & mask_];
        if (entry.den != target.den) entry = {target.den, split_denominators(receiver_, target)};
        return add_with_split(receiver_, SmallFraction{-target.num, target.den}, entry.split, offset);
    }

  private:
    static constexpr std::size_t most = 4096;
    struct Entry {
        std::int64_t den = 0;  // no denominator is 0: an empty slot
        DenominatorSplit split{};
    };
    SmallFraction receiver_;
    std::size_t mask_;
    std::vector<Entry> cache_;
};

}  // namespace bigcert
