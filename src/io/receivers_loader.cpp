#include "io/receivers_loader.hpp"

#include "bigcert/core/errors.hpp"

namespace bigcert {

void check_receivers(const Instance& instance, const std::string& first_weight_path, bool has_bias,
                     bool supported) {
    const std::size_t n = instance.players.size(), m = instance.receivers.size();
    if (m == 0) {
        for (std::size_t i = 0; i < n; ++i)
            if (!instance.players[i].care.empty())
                throw InputError("players[" + std::to_string(i) + "].care",
                                 "\"care\" needs a \"receivers\" list");
        return;
    }
    // With a receiver list, each receiver carries its own weights and bias (docs/format.md).
    if (!first_weight_path.empty())
        throw InputError(first_weight_path,
                         "with \"receivers\" the weights belong to each receiver's \"weights\"");
    if (has_bias) throw InputError("bias", "with \"receivers\" each receiver has its own \"bias\"");
    for (std::size_t j = 0; j < m; ++j)
        if (instance.receivers[j].weights.size() != n)
            throw InputError("receivers[" + std::to_string(j) + "].weights",
                             "expected " + std::to_string(n) + " weights (one per player), got " +
                                 std::to_string(instance.receivers[j].weights.size()));
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t given = instance.players[i].care.size();
        if (given != 0 && given != m)
            throw InputError("players[" + std::to_string(i) + "].care",
                             "expected " + std::to_string(m) + " numbers (one per receiver), got " +
                                 std::to_string(given));
    }
    if (!supported)
        throw UnsupportedError(
            "receivers",
            "several receivers are read by `bigcert solve`, `certify`, `check`, `dynamics`, "
            "`plot` and `batch` only");
}

}  // namespace bigcert
