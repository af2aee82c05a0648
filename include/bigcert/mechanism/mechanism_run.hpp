// One `bigcert mechanism` run as the command line, `bigcert batch --mechanism` and Python's
// bigcert.mechanism() share it: the rules resolved (the instance's, one given, or several to compare), each
// analysed (mechanism.hpp), the proof bundle finished, and the JSON object of docs/format.md "Mechanism
// report".
#pragma once

#include <string>
#include <vector>

#include "bigcert/core/instance.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/mechanism/mechanism.hpp"

namespace bigcert {

struct MechanismRequest {
    std::string rule;                  // a rule object's JSON text; empty: the instance's rule
    std::vector<std::string> compare;  // several rule objects (then `rule` must be empty)
    // How errors name the two inputs ("--rule" / "--compare" on the command line, "rule=" in Python).
    std::string rule_name = "--rule", compare_name = "--compare";
    MechanismOptions options;   // query_prefix is set per rule when several are compared
    LoadLimits limits;          // for reading the rule objects
    std::string proof_log;      // bundle directory; empty: none
    std::string instance_text;  // the instance exactly as read (stored in the bundle)
};

struct MechanismRun {
    std::vector<MechanismReport> reports;  // one per rule, in the order given
    bool compared = false;                 // --compare: json lists "rules"
    std::string manifest_sha256;           // of the bundle, when written
    Json json;                             // {"format": "bigcert-mechanism/1", ...}
    // Some verdict is "not certified" / "unknown", or a found equilibrium is not confirmed (exit 4).
    bool undecided() const;
};

// InputError naming the rule's path for a bad rule object or one that does not fit the instance;
// UnsupportedError for the inner-product loss.
MechanismRun run_mechanism(const Instance& instance, const MechanismRequest& request);

// The per-rule object of docs/format.md: {"rule", "truthful", "strategyproof", "equilibrium"}.
Json mechanism_report_json(const MechanismReport& report);
Json rule_json(const ReceiverRule& rule);

}  // namespace bigcert
