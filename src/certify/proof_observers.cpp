// The observers besides the bundle writer (proof_observer.hpp).
#include <z3++.h>

#include <cmath>
#include <fstream>
#include <mutex>
#include <sstream>

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/proof_observer.hpp"
#include "bigcert/core/errors.hpp"

namespace bigcert {

Z3QueryWriter::Z3QueryWriter(std::string path) : path_(std::move(path)) {
    std::ofstream probe(path_ + ".tmp", std::ios::binary | std::ios::trunc);
    if (!probe) throw InputError("--z3-query", "cannot write " + path_);
}

void Z3QueryWriter::query(const LoggedQuery& q) {
    std::string block = "; query " + q.name + " (" + q.logic + "): expected " + q.expected +
                        ", bigcert's Z3 answered " + q.answer + "\n(push)\n";
    std::istringstream lines(q.smt2);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("(set-logic ", 0) != 0 && line != "(exit)") block += line + "\n";
    block += "(pop)\n";
    static std::mutex mutex;
    std::lock_guard<std::mutex> lock(mutex);
    blocks_.push_back(std::move(block));
}

void Z3QueryWriter::finish() {
    std::string text =
        "; bigcert: " + std::to_string(blocks_.size()) +
        " queries, one (push)/(pop) block each, in the order they were decided; `z3 FILE` prints "
        "one answer per block\n";
    for (const std::string& block : blocks_) text += block;
    write_file_atomically(path_, text + "(exit)\n");
}

struct OnlineReplayCheck::State {
    std::mutex mutex;
    std::size_t checked = 0;
    std::vector<std::string> disagreements;
};

std::shared_ptr<OnlineReplayCheck::State> OnlineReplayCheck::make_state() {
    return std::make_shared<State>();
}

void OnlineReplayCheck::query(const LoggedQuery& q) {
    std::string answer;
    try {
        z3::context ctx;
        z3::solver solver(ctx);
        z3::params params(ctx);
        params.set("timeout", static_cast<unsigned>(std::min(4.0e9, std::ceil(timeout_seconds_ * 1000))));
        params.set("ctrl_c", false);
        solver.set(params);
        solver.from_string(q.smt2.c_str());
        z3::check_result r = solver.check();
        answer = r == z3::unsat ? "unsat" : r == z3::sat ? "sat" : "unknown";
    } catch (const z3::exception& e) {
        answer = std::string("error: ") + e.msg();
    }
    const bool agrees = q.answer == "unknown" || answer == q.answer;
    std::lock_guard<std::mutex> lock(state_->mutex);
    ++state_->checked;
    if (!agrees) state_->disagreements.push_back(q.name);
}

std::size_t OnlineReplayCheck::checked() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->checked;
}

std::vector<std::string> OnlineReplayCheck::disagreements() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->disagreements;
}

void OnlineReplayCheck::require_agreement() const {
    const std::vector<std::string> names = disagreements();
    if (names.empty()) return;
    std::string list;
    for (std::size_t k = 0; k < names.size() && k < 5; ++k) list += (k ? ", " : "") + names[k];
    if (names.size() > 5) list += ", ...";
    throw InternalError("--replay-online: " + std::to_string(names.size()) + " of " +
                        std::to_string(checked()) +
                        " queries answered differently when re-run in a fresh Z3 context (" + list + ")");
}

}  // namespace bigcert
