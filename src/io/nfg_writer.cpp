#include <string>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/nfg.hpp"

namespace bigcert {
namespace {

// Gambit labels are double-quoted; a quote inside is escaped with a backslash.
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += (c == '"' ? std::string("\\\"") : std::string(1, c));
    return out + "\"";
}

std::string selection_label(const FiniteChoice& choice, const std::vector<std::size_t>& selection) {
    std::string label;
    for (std::size_t position : selection) {
        const Vector& item = choice.items[position];
        std::string coordinates;
        for (std::size_t j = 0; j < item.size(); ++j) coordinates += (j ? "," : "") + to_string(item[j]);
        label += (label.empty() ? "" : "+") + (item.size() == 1 ? coordinates : "(" + coordinates + ")");
    }
    return label;
}

}  // namespace

void write_nfg(std::ostream& out, const Instance& instance, const NfgLimits& limits) {
    const std::size_t n = instance.players.size();
    for (std::size_t i = 0; i < n; ++i)
        if (!instance.set_of(i).is_finite())
            throw InputError(
                "players[" + std::to_string(i) + "].action_set",
                "export-nfg needs finite action spaces (items): a convex set has no normal form");
    // The table's size first (exactly; selection counts saturate only far beyond any limit).
    Integer profiles = 1;
    for (std::size_t i = 0; i < n; ++i) profiles *= Integer(selection_count(instance.set_of(i).as_finite()));
    const Integer payoffs = profiles * Integer(n);
    if (payoffs > Integer(limits.max_payoffs))
        throw LimitError("the normal form would have " + profiles.str() + " profiles x " + std::to_string(n) +
                         " players = " + payoffs.str() + " payoffs (limit " +
                         std::to_string(limits.max_payoffs) + "; raise --max-payoffs)");

    std::vector<std::vector<Vector>> sums(n);  // per player, per strategy: the item sum
    std::vector<std::vector<std::string>> labels(n);
    for (std::size_t i = 0; i < n; ++i) {
        const FiniteChoice& choice = instance.set_of(i).as_finite();
        for_each_selection(choice, [&](const std::vector<std::size_t>& selection) {
            Vector sum(instance.dimension, Rational(0));
            for (std::size_t position : selection) sum = sum + choice.items[position];
            sums[i].push_back(std::move(sum));
            labels[i].push_back(selection_label(choice, selection));
            return true;
        });
    }
    out << "NFG 1 R " << quoted(instance.name.empty() ? "bigcert export" : instance.name) << " {";
    for (std::size_t i = 0; i < n; ++i) out << ' ' << quoted(instance.label(i));
    out << " }\n{ ";
    for (std::size_t i = 0; i < n; ++i) out << sums[i].size() << ' ';
    out << "}\n";
    // Gambit's payoff version has no strategy labels; they go into the comment (a quoted string).
    std::string comment = "payoffs = -losses (bigcert, exact). Strategies:";
    for (std::size_t i = 0; i < n; ++i) {
        comment += " " + instance.label(i) + ":";
        for (std::size_t s = 0; s < labels[i].size(); ++s) comment += (s ? " | " : " ") + labels[i][s];
        comment += ";";
    }
    out << quoted(comment) << "\n\n";
    std::vector<std::size_t> at(n, 0);
    std::vector<Vector> profile(n);
    for (;;) {
        for (std::size_t i = 0; i < n; ++i) profile[i] = sums[i][at[i]];
        Vector receiver = instance.receiver(profile);
        for (std::size_t i = 0; i < n; ++i) out << to_string(Rational(-instance.loss_of(i, receiver))) << ' ';
        out << '\n';
        std::size_t i = 0;  // player 1 varies fastest
        while (i < n && ++at[i] == sums[i].size()) at[i++] = 0;
        if (i == n) break;
    }
}

}  // namespace bigcert
