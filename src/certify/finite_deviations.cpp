#include "certify/finite_deviations.hpp"

#include <fstream>
#include <limits>

#include "bigcert/certify/smt_query.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/core/finite_game.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/solution_writer.hpp"

namespace bigcert {
namespace {

constexpr const char* artifact_format = "bigcert-finite-deviations/1";

// l_i(s) - l_i(x) for player i's own sum x and a deviation sum s, the others fixed (docs/model.md §5.2).
std::string loss_change(const Instance& instance, std::size_t i, const Vector& receiver, const Vector& own,
                        const Vector& s) {
    const Player& p = instance.players[i];
    std::vector<std::string> linear;
    const Vector a = instance.loss == Loss::squared ? receiver - p.weight * own - p.target : p.target;
    for (std::size_t c = 0; c < s.size(); ++c)
        linear.push_back("(* " + smt_number(a[c]) + " (- " + smt_number(s[c]) + " " + smt_number(own[c]) +
                         "))");
    if (instance.loss == Loss::inner) return "(* " + smt_number(-p.weight) + " " + smt_sum(linear) + ")";
    std::vector<std::string> at_s, at_x;
    for (std::size_t c = 0; c < s.size(); ++c) {
        at_s.push_back("(* " + smt_number(s[c]) + " " + smt_number(s[c]) + ")");
        at_x.push_back("(* " + smt_number(own[c]) + " " + smt_number(own[c]) + ")");
    }
    return "(+ (* " + smt_number(2 * p.weight) + " " + smt_sum(linear) + ") (* " +
           smt_number(p.weight * p.weight) + " (- " + smt_sum(at_s) + " " + smt_sum(at_x) + ")))";
}

std::string deviations_query(const Instance& instance, const std::vector<Vector>& own,
                             const std::vector<std::vector<Vector>>& sums) {
    const Vector receiver = instance.receiver(own);
    SmtQuery q("QF_LRA",
               {"bigcert certify, finite action spaces (paper section 5.2): some player has a listed "
                "deviation sum with a lower loss",
                "unsat: no player improves by any listed sum; the list is every achievable item sum "
                "(finite-deviations.json)"});
    std::vector<std::string> improving;
    for (std::size_t i = 0; i < sums.size(); ++i)
        for (const Vector& s : sums[i])
            if (s != own[i])
                improving.push_back("(< " + loss_change(instance, i, receiver, own[i], s) + " 0.0)");
    if (improving.empty()) improving.push_back("false");
    q.assert_named(
        "some_deviation_improves", improving.size() == 1 ? improving[0] : "(or " + [&] {
            std::string all;
            for (const std::string& term : improving) all += (all.empty() ? "" : " ") + term;
            return all;
        }() + ")");
    return q.text();
}

Json items_json(const std::vector<Vector>& items) {
    Json out = Json::array();
    for (const Vector& item : items) out.push_back(vector_json(item));
    return out;
}

std::vector<Vector> own_sums(const Instance& instance, const std::vector<Selection>& selections) {
    std::vector<Vector> out;
    for (std::size_t i = 0; i < selections.size(); ++i)
        out.push_back(selection_sum(instance.set_of(i).as_finite(), selections[i]));
    return out;
}

// A list of items (each a list of exact numbers as text) read back; nullopt when malformed.
std::optional<std::vector<Vector>> read_items(const nlohmann::json& value) {
    if (!value.is_array()) return std::nullopt;
    std::vector<Vector> items;
    for (const auto& item : value) {
        if (!item.is_array()) return std::nullopt;
        Vector v;
        for (const auto& x : item) {
            std::optional<Rational> q = x.is_string() ? parse_rational(x.get<std::string>()) : std::nullopt;
            if (!q) return std::nullopt;
            v.push_back(*q);
        }
        items.push_back(std::move(v));
    }
    return items;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A refuted player's claimed deviation: a strategy of its set that lowers its loss by exactly `improvement`.
std::string recheck_refutation(const Instance& instance, const std::vector<Vector>& own,
                               const nlohmann::json& p) {
    const std::size_t i = p.value("index", std::size_t{0});
    const std::string where = "players[" + std::to_string(i) + "]";
    std::optional<std::vector<Vector>> items = read_items(p.value("deviation", nlohmann::json()));
    std::optional<Rational> improvement = parse_rational(p.value("improvement", ""));
    if (!items || !improvement) return where + ": no readable deviation and improvement";
    const FiniteChoice& choice = instance.set_of(i).as_finite();
    Selection s;
    try {
        s = selection_from_items(choice, *items, where + ".deviation");
    } catch (const InputError& e) {
        return e.what();
    }
    std::vector<Vector> moved = own;
    moved[i] = selection_sum(choice, s);
    const Rational gain =
        instance.loss_of(i, instance.receiver(own)) - instance.loss_of(i, instance.receiver(moved));
    if (sign(gain) <= 0 || gain != *improvement)
        return where + ": the deviation does not lower the loss as claimed";
    return "";
}

}  // namespace

std::vector<std::vector<Vector>> deviation_sums(const Instance& instance, std::size_t budget,
                                                const std::string& flag) {
    std::vector<std::vector<Vector>> out;
    std::size_t total = 0;
    for (std::size_t i = 0; i < instance.players.size(); ++i) {
        const std::size_t left = budget - total;
        std::vector<SumValue> sums;
        try {
            sums = achievable_sums(instance.set_of(i).as_finite(), left);
        } catch (const LimitError&) {
            sums.resize(left + 1);  // reported below
        }
        total += sums.size();
        if (total > budget)
            throw LimitError("more than " + std::to_string(budget) +
                             " deviations to compare (distinct item sums over all players; raise " + flag +
                             ")");
        out.emplace_back();
        for (SumValue& s : sums) out.back().push_back(std::move(s.sum));
    }
    return out;
}

void log_finite_certificate(const Instance& instance, const std::vector<std::vector<Vector>>& chosen_items,
                            const FiniteCertificate& certificate,
                            const std::vector<std::vector<Vector>>& sums, ProofLog& log) {
    const std::size_t n = instance.players.size();
    std::vector<Selection> selections;
    for (std::size_t i = 0; i < n; ++i)
        selections.push_back(selection_from_items(instance.set_of(i).as_finite(), chosen_items[i],
                                                  "actions[" + std::to_string(i) + "]"));
    const std::vector<Vector> own = own_sums(instance, selections);
    Json players = Json::array();
    for (const FinitePlayerVerdict& v : certificate.players) {
        Json p{{"index", v.index}, {"verdict", v.verdict}, {"deviations_compared", sums[v.index].size()}};
        if (v.verdict == "refuted")
            p["deviation"] = items_json(v.deviation), p["improvement"] = to_string(v.improvement);
        players.push_back(std::move(p));
    }
    Json profile = Json::array();
    for (const std::vector<Vector>& items : chosen_items) profile.push_back(items_json(items));
    const Json claim{{"format", artifact_format},
                     {"verdict", certificate.verdict},
                     {"profile", profile},
                     {"receiver", vector_json(certificate.receiver)},
                     {"players", players}};
    log.add_artifact("finite-deviations.json", claim.dump() + "\n",
                     "the certified profile and, per player, its verdict against every deviation (exact)",
                     "finite-deviations", certificate.verdict);
    log.add_artifact("finite-deviations.smt2", deviations_query(instance, own, sums),
                     "some player has a listed deviation sum with a lower loss (QF_LRA)", "smt2",
                     certificate.verdict == "certified" ? "unsat" : "sat");
    log.add_note(
        "certify, finite action spaces (paper section 5.2): a player's loss depends on its strategy only "
        "through the sum of its chosen items, so comparing its current loss with the loss at every distinct "
        "achievable item sum (the others fixed) is comparing it with every deviation. finite-deviations.json "
        "holds the profile and the verdicts; replay loads instance.json, compares every deviation again in "
        "exact arithmetic, re-checks each refuted player's better strategy and improvement, and regenerates "
        "finite-deviations.smt2, in which z3 re-does each comparison from the instance's numbers.");
}

void recheck_finite_deviations(const std::string& directory, const nlohmann::json& manifest,
                               ArtifactCheck& check) {
    const std::string instance_file =
        manifest.contains("instance") ? manifest["instance"].value("file", "instance.json") : "instance.json";
    Instance instance;
    try {
        instance = load_instance_text(read_file(directory + "/" + instance_file));
        if (!is_finite_game(instance)) return void(check.problem = "the instance is not a finite game");
    } catch (const std::exception& e) {
        return void(check.problem = instance_file + " does not load as a finite game: " + e.what());
    }
    const nlohmann::json claim =
        nlohmann::json::parse(read_file(directory + "/" + check.file), nullptr, false);
    if (!claim.is_object() || claim.value("format", "") != artifact_format || !claim.contains("profile") ||
        !claim["profile"].is_array() || !claim.contains("players") || !claim["players"].is_array())
        return void(check.problem = "not a " + std::string(artifact_format) + " object");
    const std::string verdict = claim.value("verdict", "");
    if (verdict != check.expected)
        return void(check.problem = "its verdict is not the manifest's expected one");
    const std::size_t n = instance.players.size();
    if (claim["profile"].size() != n || claim["players"].size() != n)
        return void(check.problem = "not one action and one verdict per player");
    try {
        std::vector<Selection> selections;
        std::vector<std::vector<Vector>> chosen;
        for (std::size_t i = 0; i < n; ++i) {
            std::optional<std::vector<Vector>> items = read_items(claim["profile"][i]);
            if (!items) return void(check.problem = "profile[" + std::to_string(i) + "]: unreadable items");
            selections.push_back(selection_from_items(instance.set_of(i).as_finite(), *items,
                                                      "profile[" + std::to_string(i) + "]"));
        }
        const std::vector<Vector> own = own_sums(instance, selections);
        const CheckReport exact = check_finite_equilibrium(instance, selections);
        std::size_t refuted = 0;
        for (const auto& p : claim["players"]) {
            if (!p.is_object() || !p.contains("index") || !p["index"].is_number_unsigned() || p["index"] >= n)
                return void(check.problem = "a player entry without a valid index");
            if (p.value("verdict", "") != "refuted") continue;
            ++refuted;
            if (std::string problem = recheck_refutation(instance, own, p); !problem.empty())
                return void(check.problem = problem);
        }
        if (verdict == "certified" && (!exact.ok || refuted > 0))
            return void(check.problem = "not an equilibrium: " + exact.failure);
        if (verdict == "refuted" && (exact.ok || refuted == 0))
            return void(check.problem = "claimed refuted, but no refuted player re-checks");
        if (verdict != "certified" && verdict != "refuted")
            return void(check.problem = "the verdict is neither certified nor refuted");
        const std::string query = check.file.substr(0, check.file.rfind('.')) + ".smt2";
        bool listed = false;
        for (const auto& artifact : manifest.value("artifacts", nlohmann::json::array()))
            listed = listed || (artifact.value("file", "") == query && artifact.value("kind", "") == "smt2" &&
                                artifact.value("expected", "") == (verdict == "certified" ? "unsat" : "sat"));
        if (!listed) return void(check.problem = query + " is not listed as its smt2 artifact");
        const std::size_t unbounded = std::numeric_limits<std::size_t>::max() / 2;
        if (read_file(directory + "/" + query) !=
            deviations_query(instance, own, deviation_sums(instance, unbounded, "")))
            return void(check.problem = query + " is not the query of this profile");
        check.outcome = verdict == "certified"
                            ? std::to_string(n) + " players, every deviation compared again exactly, " +
                                  query + " regenerated"
                            : std::to_string(refuted) + " refuted players' deviations re-checked exactly, " +
                                  query + " regenerated";
        check.passed = true;
    } catch (const std::exception& e) {
        check.problem = e.what();
    }
}

}  // namespace bigcert
