// The observers behind `--z3-query` and `--replay-online` (proof_observer.hpp): the online check re-runs
// every query it is shown and catches an answer that its text does not give (a tampered or wrong recorded
// answer); the query file holds every query in a (push)/(pop) block with its expected answer.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/proof_observer.hpp"
#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/errors.hpp"
#include "text_file.hpp"

using namespace bigcert;

namespace {

// x > 1 and x < c: sat for c = 2, unsat for c = 1.
LoggedQuery interval_query(const char* name, const char* bound, const char* recorded_answer) {
    SmtQuery q("QF_LRA", {"observer test: x between 1 and a bound"});
    q.declare_real("x");
    q.assert_named("above", "(> x 1.0)");
    q.assert_named("below", std::string("(< x ") + bound + ")");
    QueryOutcome outcome;
    outcome.answer = recorded_answer;
    return logged_query(name, "test", "x", "interval", q, outcome,
                        std::string(bound) == "2.0" ? "sat" : "unsat");
}

// A fake certifier step: reports its queries to the log, which forwards them to the attached observers.
class Recorder : public ProofObserver {
  public:
    void query(const LoggedQuery& q) override { names.push_back(q.name); }
    std::vector<std::string> names;
};

}  // namespace

TEST_CASE("the online replay agrees with honest answers and catches a tampered one", "[certify][observers]") {
    ProofLog log("", "", "observers");
    OnlineReplayCheck online(30);
    Recorder recorder;
    log.attach(online);
    log.attach(recorder);
    log.record(interval_query("honest-unsat", "1.0", "unsat"));
    log.record(interval_query("honest-sat", "2.0", "sat"));
    log.record(interval_query("unknown-claims-nothing", "1.0", "unknown"));
    CHECK(online.checked() == 3);
    CHECK(online.disagreements().empty());
    CHECK_NOTHROW(online.require_agreement());
    CHECK(recorder.names.size() == 3);  // every observer is told every query

    log.record(interval_query("tampered", "1.0", "sat"));  // the text is unsat: the recorded answer is wrong
    CHECK(online.checked() == 4);
    CHECK(online.disagreements() == std::vector<std::string>{"tampered"});
    CHECK_THROWS_AS(online.require_agreement(), InternalError);
}

TEST_CASE("the query file holds one (push)/(pop) block per query, without set-logic or exit",
          "[certify][observers]") {
    const std::string path = (std::filesystem::temp_directory_path() / "bigcert-observer-test.smt2").string();
    Z3QueryWriter writer(path);
    writer.query(interval_query("first", "1.0", "unsat"));
    writer.query(interval_query("second", "2.0", "sat"));
    writer.finish();
    const std::string text = read_text(path);
    CHECK(text.find("(set-logic") == std::string::npos);
    CHECK(text.find("; query first (QF_LRA): expected unsat") <
          text.find("; query second (QF_LRA): expected sat"));
    std::size_t pushes = 0, pops = 0;
    for (std::size_t at = 0; (at = text.find("\n(push)\n", at)) != std::string::npos; ++at) ++pushes;
    for (std::size_t at = 0; (at = text.find("\n(pop)\n", at)) != std::string::npos; ++at) ++pops;
    CHECK(pushes == 2);
    CHECK(pops == 2);
    CHECK(text.substr(text.size() - 7) == "(exit)\n");
    std::remove(path.c_str());
}
