// `--z3-query FILE` and `--replay-online` of certify and check (docs/cli.md): two observers of every Z3 query
// the run decides (proof_observer.hpp), attached to the run's proof log through the request, never a writer
// of their own. Both are refused (exit 2) where no Z3 query runs.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bigcert/certify/proof_observer.hpp"

namespace bigcert::cli {

class QueryObserverOptions {
  public:
    void add_to(CLI::App& command);
    bool any() const { return !z3_query_.empty() || replay_online_; }
    // InputError naming the first given flag, with `why` (the kind of game where no query runs).
    void refuse(const std::string& why) const;
    // The observers to attach; the query file is probed for writing first (before any work).
    std::vector<ProofObserver*> start(double timeout_seconds);
    // After the run: writes the query file, then InternalError (exit 3) if a re-run disagreed.
    void finish();

  private:
    std::string z3_query_;
    bool replay_online_ = false;
    std::optional<Z3QueryWriter> writer_;
    std::optional<OnlineReplayCheck> online_;
};

}  // namespace bigcert::cli
