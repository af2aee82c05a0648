#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>

#include "bigcert/batch/batch.hpp"
#include "bigcert/core/display_text.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/file_access.hpp"

namespace bigcert {

namespace {

void count_key(Json& histogram, const std::string& key) {
    if (histogram.is_null()) histogram = Json::object();  // a histogram created on first use
    histogram[key] = histogram.value(key, 0) + 1;
}

// A line's "check" object (batch --check): each property's verdict counted, and Theorem 4 (property
// "exaggeration") split by its premise, since "fails" with the premise met would contradict the theorem.
void summarise_check(Json& summary, const Json& check) {
    Json& s = summary["check"];
    s["lines"] = s["lines"].get<std::size_t>() + 1;
    const Json& properties = check.value("properties", Json::object());
    if (properties.empty()) {
        s["not_checked"] = s["not_checked"].get<std::size_t>() + 1;
        return;
    }
    for (const auto& [property, verdict] : properties.items())
        count_key(s["verdicts"][property], verdict.value("verdict", std::string("?")));
    if (!properties.contains("exaggeration")) return;
    const Json& theorem = properties["exaggeration"];
    const bool premise_met = theorem.value("premise", std::string("met")) == "met";
    Json& t = s["theorem4"];
    if (!premise_met) t["premise_not_met"] = t["premise_not_met"].get<std::size_t>() + 1;
    const std::string verdict = theorem.value("verdict", std::string("?"));
    count_key(t[premise_met ? "premise_met" : "premise_not_met_verdicts"], verdict);
}

// One per-rule object of a mechanism report (docs/format.md "Mechanism report"): its verdicts counted under
// its rule's kind.
void summarise_rule(Json& rules, const Json& report) {
    const std::string kind = report.contains("rule") ? report["rule"].value("kind", std::string("?")) : "?";
    Json& r = rules[kind];
    for (const char* part : {"truthful", "strategyproof"})
        if (report.contains(part)) count_key(r[part], report[part].value("verdict", std::string("?")));
    if (report.contains("equilibrium"))
        count_key(r["equilibrium"], report["equilibrium"].value("status", std::string("?")));
}

// A batch --mechanism line: one report, or with --compare one per rule under "rules".
void summarise_mechanism(Json& summary, const Json& mechanism) {
    Json& s = summary["mechanism"];
    s["lines"] = s["lines"].get<std::size_t>() + 1;
    if (!mechanism.contains("rules")) return summarise_rule(s["rules"], mechanism);
    for (const Json& report : mechanism["rules"]) summarise_rule(s["rules"], report);
}

// Several receivers (docs/format.md): every equilibrium found is listed with its interior players.
bool more_than_one_interior_listed(const Json& solution) {
    const Json& equilibria = solution["equilibria"];
    if (!equilibria.is_object() || !equilibria.contains("list")) return false;
    for (const Json& e : equilibria["list"])
        if (e.contains("interior") && e["interior"].size() > 1) return true;
    return false;
}

// Adds one result line to the summary (MODEL.md §4: Theorem 4's premise and its interior players).
void summarise_line(Json& summary, const Json& line) {
    if (line.contains("error")) {
        summary["errors"] = summary["errors"].get<std::size_t>() + 1;
        count_key(summary["errors_by_kind"], line.value("error_kind", std::string("other")));
        return;
    }
    if (line.contains("mechanism")) return summarise_mechanism(summary, line["mechanism"]);
    summary["solved"] = summary["solved"].get<std::size_t>() + 1;
    const Json& solution = line["solution"];
    count_key(summary["count"], solution["equilibria"].value("count", std::string("?")));
    const Json& exaggeration = solution["exaggeration"];
    if (exaggeration.value("premise", std::string("met")) != "met")
        summary["premise_not_met"] = summary["premise_not_met"].get<std::size_t>() + 1;
    if (!exaggeration.value("at_most_one_interior", true) || more_than_one_interior_listed(solution))
        summary["more_than_one_interior"] = summary["more_than_one_interior"].get<std::size_t>() + 1;
    count_key(summary["interior_players"], std::to_string(exaggeration["interior"].size()));
    if (line.contains("check")) summarise_check(summary, line["check"]);
}

}  // namespace

std::string batch_line_run(const Json& line) {
    auto run = line.find("run");
    if (run == line.end()) return "";
    return run->is_string() ? run->get<std::string>() : run->dump();
}

namespace {

// "INPUT-OPTIONS" (docs/cli.md "batch"): one half of a run fingerprint.
std::string run_half(const std::string& run, bool input) {
    std::size_t dash = run.find('-');
    if (dash == std::string::npos) return run;
    return input ? run.substr(0, dash) : run.substr(dash + 1);
}

bool only_input_differs(const std::string& a, const std::string& b) {
    return !a.empty() && !b.empty() && run_half(a, false) == run_half(b, false) &&
           run_half(a, true) != run_half(b, true);
}

}  // namespace

std::string batch_run_difference(const std::string& found, const std::string& expected) {
    if (found.empty()) return "it carries no \"run\" fingerprint (written by an older bigcert or by hand)";
    if (expected.empty())
        return "the other carries no \"run\" fingerprint (written by an older bigcert or by hand)";
    const bool input = run_half(found, true) != run_half(expected, true);
    const bool options = run_half(found, false) != run_half(expected, false);
    if (input && options) return "its input (instance lines or sweep spec) and its options differ";
    if (input) return "its input (instance lines or sweep spec) differs";
    return "its options (--certify, --check, --mechanism and its rule options, --timeout or --max-*) differ";
}

BatchMerge merge_batch_outputs(const std::vector<std::string>& paths, bool allow_different_inputs) {
    BatchMerge merge;
    merge.summary = {{"lines", 0},
                     {"duplicates", 0},
                     {"solved", 0},
                     {"errors", 0},
                     {"errors_by_kind", Json::object()},
                     {"count", Json::object()},
                     {"premise_not_met", 0},
                     {"more_than_one_interior", 0},
                     {"interior_players", Json::object()},
                     {"check",
                      {{"lines", 0},
                       {"not_checked", 0},
                       {"verdicts", Json::object()},
                       {"theorem4",
                        {{"premise_met", Json::object()},
                         {"premise_not_met", 0},
                         {"premise_not_met_verdicts", Json::object()}}}}},
                     {"mechanism", {{"lines", 0}, {"rules", Json::object()}}}};
    std::map<std::string, std::string> seen;                       // id -> its line's run
    std::optional<std::pair<std::string, std::string>> first_run;  // (run, where it was first seen)
    for (const std::string& path : paths) {
        std::istringstream in(read_whole_file("", path));
        std::string text;
        for (std::size_t number = 1; std::getline(in, text); ++number) {
            if (text.empty()) continue;
            std::string where = path + ":" + std::to_string(number);
            Json line = Json::parse(text, nullptr, false);
            if (!line.is_object() || !line.contains("id")) throw InputError(where, "not a batch result line");
            if (in.eof())
                throw InputError(where, "torn last line (no newline); resume the batch run to repair it");
            const std::string run = batch_line_run(line);
            if (!first_run) first_run.emplace(run, where);
            if (run != first_run->first) {
                const bool input_only = only_input_differs(run, first_run->first);
                if (!(allow_different_inputs && input_only))
                    throw InputError(where, "from a different batch run than " + first_run->second + ": " +
                                                batch_run_difference(run, first_run->first) +
                                                "; refusing to merge their results" +
                                                (input_only ? " (--allow-different-inputs merges runs over "
                                                              "different inputs with the same options)"
                                                            : ""));
            }
            auto [previous, fresh] = seen.emplace(line["id"].dump(), run);
            if (!fresh && previous->second != run)
                throw InputError(where, "id " + line["id"].dump() +
                                            " also comes from another batch run's input; "
                                            "refusing to choose between their results");
            if (!fresh) {
                merge.summary["duplicates"] = merge.summary["duplicates"].get<std::size_t>() + 1;
                continue;
            }
            if (!line.contains("error") && !(line.contains("mechanism") && line["mechanism"].is_object()) &&
                !(line.contains("solution") && line["solution"].contains("equilibria") &&
                  line["solution"].contains("exaggeration")))
                throw InputError(where,
                                 "neither \"solution\" (with equilibria and exaggeration), \"mechanism\" "
                                 "nor \"error\"");
            merge.lines.push_back(text + "\n");
            merge.summary["lines"] = merge.summary["lines"].get<std::size_t>() + 1;
            summarise_line(merge.summary, line);
        }
    }
    return merge;
}

void write_merge_summary(std::ostream& out, const Json& s) {
    out << "results            " << s["lines"] << " (" << s["duplicates"] << " duplicate lines dropped)\n";
    out << "solved             " << s["solved"] << "\n";
    out << "errors             " << s["errors"];
    for (const auto& [kind, n] : s["errors_by_kind"].items()) out << "  " << display_text(kind) << ": " << n;
    out << "\nequilibria         ";
    for (const auto& [count, n] : s["count"].items()) out << display_text(count) << ": " << n << "  ";
    out << "\nTheorem 4 premise  not met in " << s["premise_not_met"] << " of " << s["solved"] << " solved\n";
    out << "interior players   ";
    for (const auto& [k, n] : s["interior_players"].items()) out << display_text(k) << ": " << n << "  ";
    out << "\nmore than one interior player at some equilibrium: " << s["more_than_one_interior"] << "\n";
    const Json& m = s["mechanism"];
    if (m["lines"].get<std::size_t>() > 0) {
        out << "mechanism          " << m["lines"] << " lines\n";
        for (const auto& [kind, parts] : m["rules"].items()) {
            out << "  " << display_text(kind) << std::string(kind.size() < 19 ? 19 - kind.size() : 1, ' ');
            for (const auto& [part, verdicts] : parts.items()) {
                out << display_text(part) << " ";
                for (const auto& [verdict, n] : verdicts.items())
                    out << display_text(verdict) << ": " << n << " ";
                out << " ";
            }
            out << "\n";
        }
    }
    const Json& c = s["check"];
    if (c["lines"].get<std::size_t>() == 0) return;  // no batch --check lines: nothing to say
    out << "checked (Z3)       " << c["lines"] << " lines, " << c["not_checked"] << " not covered by check\n";
    const Json& t = c["theorem4"];
    out << "Theorem 4          premise met: ";
    for (const auto& [verdict, n] : t["premise_met"].items())
        out << display_text(verdict) << ": " << n << "  ";
    out << "\n                   premise not met in " << t["premise_not_met"] << ": ";
    for (const auto& [verdict, n] : t["premise_not_met_verdicts"].items())
        out << display_text(verdict) << ": " << n << "  ";
    out << "\n";
    for (const auto& [property, verdicts] : c["verdicts"].items()) {
        out << "  " << display_text(property)
            << std::string(property.size() < 17 ? 17 - property.size() : 1, ' ');
        for (const auto& [verdict, n] : verdicts.items()) out << display_text(verdict) << ": " << n << "  ";
        out << "\n";
    }
}

}  // namespace bigcert
