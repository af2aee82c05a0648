// x̂* − t for many targets t of one coordinate game, in machine integers (docs/internals.md): a loss is
// (x̂* − t_i)², and gcd(den x̂*, den t) depends only on den t, which few targets' denominators share, so it
// and the divided denominators are cached per denominator (direct-mapped) instead of computed per player.
#pragma once

#include <cstdint>
#include <vector>

#include "bigcert/core/small_fraction.hpp"

namespace bigcert {

class ReceiverOffsets {
  public:
    explicit ReceiverOffsets(const SmallFraction& receiver) : receiver_(receiver), cache_(size) {}
    // x̂* − target in lowest terms; false when it leaves the SmallFraction range (the caller then takes
    // Rationals).
    bool operator()(const SmallFraction& target, SmallFraction& offset) {
        Entry& entry = cache_[static_cast<std::uint64_t>(target.den) & (size - 1)];
        if (entry.den != target.den) entry = {target.den, split_denominators(receiver_, target)};
        return add_with_split(receiver_, SmallFraction{-target.num, target.den}, entry.split, offset);
    }

  private:
    static constexpr std::size_t size = 4096;
    struct Entry {
        std::int64_t den = 0;  // no denominator is 0: an empty slot
        DenominatorSplit split{};
    };
    SmallFraction receiver_;
    std::vector<Entry> cache_;
};

}  // namespace bigcert
