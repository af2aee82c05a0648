#include "cli/query_observer_options.hpp"

#include "bigcert/core/errors.hpp"

namespace bigcert::cli {

void QueryObserverOptions::add_to(CLI::App& command) {
    command.add_option("--z3-query", z3_query_,
                       "also write every Z3 query of the run to this one SMT-LIB2 file, a (push)/(pop) block "
                       "each, for stock z3");
    command.add_flag(
        "--replay-online", replay_online_,
        "re-run every query in a fresh Z3 context as it is decided; any other answer is an error "
        "(exit 3)");
}

void QueryObserverOptions::refuse(const std::string& why) const {
    if (!z3_query_.empty()) throw InputError("--z3-query", why);
    if (replay_online_) throw InputError("--replay-online", why);
}

std::vector<ProofObserver*> QueryObserverOptions::start(double timeout_seconds) {
    std::vector<ProofObserver*> observers;
    if (!z3_query_.empty()) observers.push_back(&writer_.emplace(z3_query_));
    if (replay_online_) observers.push_back(&online_.emplace(timeout_seconds));
    return observers;
}

void QueryObserverOptions::finish() {
    if (writer_) writer_->finish();
    if (online_) online_->require_agreement();
}

}  // namespace bigcert::cli
