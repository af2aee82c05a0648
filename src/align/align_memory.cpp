// The memory estimate of `bigcert align` (alignment.hpp), checked against --max-memory-mb before the
// learned receiver draws its pairs: 10^8 pairs took 2.9 GB per player in a few seconds.
#include "bigcert/align/alignment.hpp"

namespace bigcert {

double estimated_align_bytes(const AlignConfig& config, bool learned_receiver) {
    const auto d = static_cast<double>(config.dimension);
    const auto n = static_cast<double>(config.players.size());
    // LearnedReceiver: owner (4 bytes), offset, uniform (8 each), delta (8 d) and the label (1) per pair.
    const double per_pair = 4 + 8 + 8 + 8 * d + 1;
    double pairs = 0;
    for (const AlignPlayer& player : config.players) pairs += static_cast<double>(player.pairs);
    // A report is a std::vector<double>: its 24-byte header plus a heap block (~16 bytes of overhead).
    const double per_report = 24 + 16 + 8 * d;
    const double probes = 2 * n + 4, rounds = static_cast<double>(config.rounds) + 1;
    return (learned_receiver ? pairs * per_pair : 0) + (probes + rounds) * n * per_report;
}

}  // namespace bigcert
