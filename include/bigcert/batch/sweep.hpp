// Parameter sweeps for `bigcert batch --sweep` (docs/cli.md): a base instance plus a grid or random
// ranges over numbers inside it (targets, weights, set sizes), expanded into batch items.
//
// Spec: {"format": "bigcert-sweep/1", "base": {instance},
//        "grid": {"PATH": [v1, v2, ...], ...}                      (the Cartesian product, last path fastest)
//        or "random": {"count": N, "seed": S, "ranges": {"PATH": {"lo": a, "hi": b, "denominator": q}}}}
// PATH addresses a number in the base instance: "players[0].target[1]", "players[*].weight",
// "action_set.box.hi[0]" ([*] = every element). Random values are lo + (hi - lo)·k/q, k uniform in 0..q
// (exact rationals from a fixed-algorithm generator, so a seed gives the same sweep everywhere).
#pragma once

#include <string>
#include <vector>

#include "bigcert/batch/batch.hpp"

namespace bigcert {

// Expands a spec (its JSON text); errors are InputErrors naming the spec's JSON path.
std::vector<BatchItem> expand_sweep(const std::string& spec_text);
std::vector<BatchItem> expand_sweep_file(const std::string& path);

}  // namespace bigcert
