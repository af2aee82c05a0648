#include "solver/repeated_target.hpp"

#include <atomic>
#include <bit>
#include <cstdint>
#include <vector>

#include "bigcert/core/parallel.hpp"

namespace bigcert {

namespace {

std::uint64_t target_hash(std::span<const LineGame> coordinates, std::size_t i) {
    std::uint64_t h = 0x9E3779B97F4A7C15u;
    for (const LineGame& c : coordinates) {
        const SmallFraction& t = c.targets[i];
        h = (h ^ static_cast<std::uint64_t>(t.num)) * 0xBF58476D1CE4E5B9u;
        h = (h ^ static_cast<std::uint64_t>(t.den)) * 0x94D049BB133111EBu;
    }
    return h ^ (h >> 31);
}

struct HashedPlayer {
    std::uint64_t hash;
    std::uint32_t player;
};

}  // namespace

// Equal targets have equal hashes. A hash table over all n players would cost a cache miss per player at
// 10^6 players; instead the players are first distributed by their hash's top bits into buckets of about
// 2,000 (two sequential passes: count, then place), and each bucket gets a small table that stays in cache.
// Buckets are independent, so they are shared between the cores, as are both passes.
bool has_repeated_target(std::span<const LineGame> coordinates, unsigned threads) {
    if (coordinates.empty()) return false;
    const std::size_t n = coordinates.front().size();
    const unsigned workers = worker_count(threads, n, 1 << 16);
    const int bucket_bits = std::bit_width(n / 2048);  // 0 for small n: one bucket
    const std::size_t buckets = std::size_t{1} << bucket_bits;
    auto bucket_of = [&](std::uint64_t h) { return bucket_bits == 0 ? 0 : h >> (64 - bucket_bits); };
    // Pass 1: each worker counts its chunk's players per bucket.
    std::vector<std::size_t> place(workers * buckets, 0);  // [w * buckets + b]
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        std::size_t* count = place.data() + w * buckets;
        for (std::size_t i = begin; i < end; ++i) ++count[bucket_of(target_hash(coordinates, i))];
    });
    // Where each worker's share of each bucket starts: bucket by bucket, worker by worker within one.
    std::vector<std::size_t> bucket_start(buckets + 1, 0);
    std::size_t at = 0;
    for (std::size_t b = 0; b < buckets; ++b) {
        bucket_start[b] = at;
        for (unsigned w = 0; w < workers; ++w) {
            const std::size_t count = place[w * buckets + b];
            place[w * buckets + b] = at;
            at += count;
        }
    }
    bucket_start[buckets] = at;
    // Pass 2: the same chunks place their players.
    std::vector<HashedPlayer> placed(n);
    parallel_chunks(n, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        std::size_t* next = place.data() + w * buckets;
        for (std::size_t i = begin; i < end; ++i) {
            const std::uint64_t h = target_hash(coordinates, i);
            placed[next[bucket_of(h)]++] = {h, static_cast<std::uint32_t>(i)};
        }
    });
    auto same = [&](std::size_t a, std::size_t b) {
        for (const LineGame& c : coordinates)
            if (!(c.targets[a] == c.targets[b])) return false;
        return true;
    };
    // Pass 3: one small open-addressing table per bucket, on the low bits of the hash.
    std::atomic<bool> repeated{false};
    parallel_chunks(
        buckets, worker_count(threads, buckets, 1), [&](unsigned, std::size_t first, std::size_t last) {
            constexpr std::uint32_t empty = UINT32_MAX;
            std::vector<std::uint32_t> table;
            for (std::size_t b = first; b < last && !repeated.load(std::memory_order_relaxed); ++b) {
                const std::size_t size = bucket_start[b + 1] - bucket_start[b];
                const std::size_t slots = std::bit_ceil(std::max<std::size_t>(2 * size, 16));
                table.assign(slots, empty);  // positions in `placed`
                for (std::size_t k = bucket_start[b]; k < bucket_start[b + 1]; ++k) {
                    const HashedPlayer& entry = placed[k];
                    for (std::size_t slot = entry.hash & (slots - 1);; slot = (slot + 1) & (slots - 1)) {
                        if (table[slot] == empty) {
                            table[slot] = static_cast<std::uint32_t>(k);
                            break;
                        }
                        const HashedPlayer& other = placed[table[slot]];
                        if (other.hash == entry.hash && same(other.player, entry.player)) {
                            repeated = true;
                            return;
                        }
                    }
                }
            }
        });
    return repeated;
}

}  // namespace bigcert
