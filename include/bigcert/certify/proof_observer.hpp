// What a certifier reports while it proves something (STYLE.md: CaDiCaL's tracer). Certifiers call these
// events; each proof format or online check is one small observer: the bundle writer (ProofLog, SMT-LIB2 +
// manifest.json), the --z3-query writer (Z3QueryWriter) and the online replay check (OnlineReplayCheck).
// Every event has an empty default body, so an observer implements only what it needs. Events may arrive from
// several threads at once: an implementation must be thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace bigcert {

struct LoggedQuery;

class ProofObserver {
  public:
    virtual ~ProofObserver() = default;
    // One query Z3 decided, exactly as Z3 parsed it, with its answer.
    virtual void query(const LoggedQuery&) {}
    // How a claim was reduced to the queries, in words.
    virtual void note(const std::string&) {}
    // What was concluded about a subject (a player's name, a property): "certified", "refuted", ...
    virtual void conclusion(const std::string& /*subject*/, const std::string& /*verdict*/) {}
};

// Writes the text of every query it is shown to one file (`certify`/`check --z3-query FILE`, docs/cli.md):
// one (push) ... (pop) block per query, in the order they were decided, each headed by comments naming the
// query, its logic, the expected answer and Z3's. Stock `z3 FILE` prints one answer per block. The blocks
// omit (set-logic) (allowed only once, before any scope) and (exit).
class Z3QueryWriter : public ProofObserver {
  public:
    explicit Z3QueryWriter(std::string path);  // InputError when the file cannot be written
    void query(const LoggedQuery& q) override;
    // Writes the file (through a temporary file and a rename).
    void finish();

  private:
    std::string path_;
    std::vector<std::string> blocks_;
};

// Re-runs every query it is shown in a fresh Z3 context, from its text alone, and counts the answers that
// differ from the recorded one (a recorded "unknown" claimed nothing and agrees with any answer).
class OnlineReplayCheck : public ProofObserver {
  public:
    explicit OnlineReplayCheck(double timeout_seconds = 60) : timeout_seconds_(timeout_seconds) {}
    void query(const LoggedQuery& q) override;
    std::size_t checked() const;
    std::vector<std::string> disagreements() const;  // the query names
    // Throws InternalError naming the disagreeing queries (exit 3: an answer bigcert could not reproduce is
    // never printed).
    void require_agreement() const;

  private:
    double timeout_seconds_;
    struct State;
    std::shared_ptr<State> state_ = make_state();
    static std::shared_ptr<State> make_state();
};

}  // namespace bigcert
