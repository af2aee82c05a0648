#include "bigcert/certify/finite_game_certificate.hpp"

#include "bigcert/core/errors.hpp"

namespace bigcert {
namespace {

// The best deviation of player i, by walking its selections (or, when there are too many, its distinct
// achievable sums, each with one selection to show).
FinitePlayerVerdict certify_finite_player(const Instance& instance, std::size_t i, const Selection& current,
                                          const Vector& receiver, std::size_t max_sums) {
    FinitePlayerVerdict verdict;
    verdict.index = i;
    const FiniteChoice& choice = instance.set_of(i).as_finite();
    const Rational& w = instance.players[i].weight;
    Vector others = receiver;
    add_scaled(others, -w, selection_sum(choice, current));
    const Rational current_loss = instance.loss_of(i, receiver);
    Rational best_loss = current_loss;
    Vector best_sum;
    auto consider = [&](const Vector& sum) {
        Vector deviated = others;
        add_scaled(deviated, w, sum);
        Rational loss = instance.loss_of(i, deviated);
        if (loss < best_loss) best_loss = loss, best_sum = sum;
    };
    const std::size_t strategies = selection_count(choice);
    if (strategies <= 200'000) {
        for_each_selection(choice, [&](const Selection& s) {
            consider(selection_sum(choice, s));
            return true;
        });
        verdict.method = "exhaustive: all " + std::to_string(strategies) + " strategies compared exactly";
    } else {
        try {
            std::vector<SumValue> sums = achievable_sums(choice, max_sums);
            for (const SumValue& value : sums) consider(value.sum);
            verdict.method = "exhaustive: all " + std::to_string(sums.size()) +
                             " distinct achievable sums (every strategy's outcome) compared exactly";
        } catch (const LimitError& e) {
            verdict.verdict = "not certified";
            verdict.reason = e.what();
            return verdict;
        }
    }
    if (best_sum.empty()) {
        verdict.verdict = "certified";
        return verdict;
    }
    verdict.verdict = "refuted";
    verdict.deviation = selection_items(choice, selections_with_sum(choice, best_sum, 1).front());
    verdict.improvement = current_loss - best_loss;
    return verdict;
}

}  // namespace

FiniteCertificate certify_finite_profile(const Instance& instance,
                                         const std::vector<std::vector<Vector>>& chosen_items,
                                         std::size_t max_sums) {
    if (!is_finite_game(instance)) throw UnsupportedError("", "finite-game certification of a convex game");
    const std::size_t n = instance.players.size();
    if (chosen_items.size() != n)
        throw InputError("actions", "expected " + std::to_string(n) + " actions, got " +
                                        std::to_string(chosen_items.size()));
    std::vector<Selection> selections;
    std::vector<Vector> sums;
    for (std::size_t i = 0; i < n; ++i) {
        const FiniteChoice& choice = instance.set_of(i).as_finite();
        selections.push_back(
            selection_from_items(choice, chosen_items[i], "actions[" + std::to_string(i) + "]"));
        sums.push_back(selection_sum(choice, selections.back()));
    }
    FiniteCertificate certificate;
    certificate.receiver = instance.receiver(sums);
    bool all = true, refuted = false;
    for (std::size_t i = 0; i < n; ++i) {
        certificate.players.push_back(
            certify_finite_player(instance, i, selections[i], certificate.receiver, max_sums));
        all = all && certificate.players.back().verdict == "certified";
        refuted = refuted || certificate.players.back().verdict == "refuted";
    }
    certificate.verdict = refuted ? "refuted" : all ? "certified" : "not certified";
    return certificate;
}

Json finite_certificate_json(const Instance& instance, const FiniteCertificate& certificate) {
    Json players = Json::array();
    for (const FinitePlayerVerdict& v : certificate.players) {
        Json p{{"index", v.index},
               {"name", instance.label(v.index)},
               {"verdict", v.verdict},
               {"method", v.method}};
        if (v.verdict == "refuted") {
            Json items = Json::array();
            for (const Vector& item : v.deviation) items.push_back(vector_json(item));
            p["deviation"] = items;
            p["improvement"] = to_string(v.improvement);
        }
        if (!v.reason.empty()) p["reason"] = v.reason;
        players.push_back(std::move(p));
    }
    return Json{{"format", "bigcert-certificate/1"},
                {"verdict", certificate.verdict},
                {"method", "finite action spaces: every deviation compared in exact arithmetic"},
                {"receiver", vector_json(certificate.receiver)},
                {"players", players}};
}

}  // namespace bigcert
