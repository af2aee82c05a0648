#include "mechanism/mechanism_queries.hpp"

#include <optional>
#include <set>

namespace bigcert {
namespace {

std::string ite(const std::string& c, const std::string& a, const std::string& b) {
    return "(ite " + c + " " + a + " " + b + ")";
}
std::string op(const char* name, const std::string& a, const std::string& b) {
    return std::string("(") + name + " " + a + " " + b + ")";
}
std::string num(const Rational& q) { return smt_number(q); }

// clamp(y, lo, hi), a missing bound being infinite.
std::string clamp_term(const std::string& y, const std::string* lo, const std::string* hi) {
    std::string term = y;
    if (hi) term = ite(op(">", y, *hi), *hi, term);
    if (lo) term = ite(op("<", y, *lo), *lo, term);
    return term;
}

std::string clamp_term(const std::string& y, const Clamp& c) {
    std::string lo = c.lo ? num(*c.lo) : "", hi = c.hi ? num(*c.hi) : "";
    return clamp_term(y, c.lo ? &lo : nullptr, c.hi ? &hi : nullptr);
}

std::string squared_distance(const std::vector<std::string>& a, const Vector& b) {
    std::vector<std::string> terms;
    for (std::size_t c = 0; c < a.size(); ++c) {
        std::string e = op("-", a[c], num(b[c]));
        terms.push_back(op("*", e, e));
    }
    return smt_sum(terms);
}

std::string squared_distance(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> terms;
    for (std::size_t c = 0; c < a.size(); ++c) {
        std::string e = op("-", a[c], b[c]);
        terms.push_back(op("*", e, e));
    }
    return smt_sum(terms);
}

// y inside the threshold ball: linear bounds in d = 1, the quadratic inequality otherwise.
std::string inside_ball(const std::vector<std::string>& y, const Vector& prior, const Rational& radius) {
    if (y.size() == 1)
        return "(and " + op("<=", num(prior[0] - radius), y[0]) + " " +
               op("<=", y[0], num(prior[0] + radius)) + ")";
    return op("<=", squared_distance(y, prior), num(radius * radius));
}

void add_membership(SmtQuery& q, const ActionSet& set, const std::vector<std::string>& names,
                    const std::string& label) {
    std::size_t k = 0;
    for (const std::string& f : smt_membership(set, names, label))
        q.assert_named(label + "_" + std::to_string(k++), f);
}

// |o - t|^2 < |o* - t|^2 for outcome terms o, o*: in d = 1 the linear (o - o*)(o + o* - 2t) < 0 split in two.
std::string improves(const std::vector<std::string>& o, const std::vector<std::string>& o_star,
                     const Vector& t) {
    if (o.size() == 1) {
        std::string diff = op("-", o[0], o_star[0]), mid = op("-", op("+", o[0], o_star[0]), num(2 * t[0]));
        return "(or (and " + op("<", diff, "0.0") + " " + op(">", mid, "0.0") + ") (and " +
               op(">", diff, "0.0") + " " + op("<", mid, "0.0") + "))";
    }
    return op("<", squared_distance(o, t), squared_distance(o_star, t));
}

}  // namespace

std::vector<std::string> own_report_names(std::size_t dimension) {
    std::vector<std::string> names;
    for (std::size_t c = 0; c < dimension; ++c) names.push_back("y" + std::to_string(c));
    return names;
}

std::vector<std::string> report_names(std::size_t player, std::size_t dimension) {
    std::vector<std::string> names;
    for (std::size_t c = 0; c < dimension; ++c)
        names.push_back("r" + std::to_string(player) + "_" + std::to_string(c));
    return names;
}

SmtQuery fixed_others_query(const Instance& instance, std::size_t player, const OwnReportMap& map,
                            const Vector& current_outcome, const std::string& what) {
    const std::size_t d = instance.dimension;
    const Vector& t = instance.players[player].target;
    const bool linear = d == 1;
    SmtQuery q(linear ? "QF_LRA" : "QF_NRA",
               {"bigcert mechanism: " + what + ", player " + std::to_string(player) +
                    " (0-based); the others' reports are fixed",
                "sat iff some report y in the player's set lowers its squared distance to its target;",
                "the rule with the others fixed is written exactly (docs/model.md section 6)"});
    std::vector<std::string> y = own_report_names(d), o;
    for (const std::string& name : y) q.declare_real(name);
    for (std::size_t c = 0; c < d; ++c) {
        std::string term;
        if (map.threshold) {
            std::string mean =
                op("*", num(Rational(1, map.inside + 1)), op("+", num(map.inside_sum[c]), y[c]));
            term = ite(inside_ball(y, map.prior, map.radius), mean, num(map.outside_outcome[c]));
        } else {
            const CoordinateMap& m = map.coordinates[c];
            std::vector<std::string> clamps;
            for (const Clamp& cl : m.clamps) clamps.push_back(clamp_term(y[c], cl));
            term = op("+", num(m.offset), op("*", num(m.scale), smt_sum(clamps)));
        }
        o.push_back("o" + std::to_string(c));
        q.define_real(o.back(), term);
    }
    add_membership(q, instance.set_of(player), y, "in_set");
    std::vector<std::string> o_star;
    for (const Rational& v : current_outcome) o_star.push_back(num(v));
    q.assert_named("improves", improves(o, o_star, t));
    return q;
}

}  // namespace bigcert

namespace bigcert {
namespace {

// The order-statistic rules on variables (docs/model.md §6.4): S = s_q, the q-th smallest of the others'
// values (phantoms included), exactly when fewer than q values lie below S and at least q lie at or below it.
class OthersOrder {
  public:
    OthersOrder(SmtQuery& q, std::vector<std::string> values, std::size_t c)
        : q_(q), values_(std::move(values)), c_(c) {}

    // The name of s_q, or nothing for q = 0 and q > count (the infinite bounds).
    std::optional<std::string> statistic(std::size_t k) {
        if (k == 0 || k > values_.size()) return std::nullopt;
        std::string name = "s" + std::to_string(c_) + "_" + std::to_string(k);
        if (declared_.insert(name).second) {
            q_.declare_real(name);
            std::vector<std::string> below, at_most;
            for (const std::string& v : values_) {
                below.push_back(ite(op("<", v, name), "1.0", "0.0"));
                at_most.push_back(ite(op("<=", v, name), "1.0", "0.0"));
            }
            q_.assert_named(name + "_below", op("<=", smt_sum(below), num(Rational(k - 1))));
            q_.assert_named(name + "_at_most", op(">=", smt_sum(at_most), num(Rational(k))));
        }
        return name;
    }
    const std::vector<std::string>& values() const { return values_; }

  private:
    SmtQuery& q_;
    std::vector<std::string> values_;
    std::size_t c_;
    std::set<std::string> declared_;
};

std::string clamp_between(const std::string& y, const std::optional<std::string>& lo,
                          const std::optional<std::string>& hi) {
    return clamp_term(y, lo ? &*lo : nullptr, hi ? &*hi : nullptr);
}

// The receiver's coordinate c as a term in the own report `y` (a variable or a constant).
std::string order_rule_term(const ReceiverRule& rule, OthersOrder& order, const std::string& y) {
    const std::size_t m = order.values().size(), total = m + 1;
    if (rule.kind == ReceiverRule::Kind::trimmed_mean) {
        const std::size_t k = rule.trim;
        auto lo = order.statistic(k), hi = order.statistic(m - k + 1);
        std::vector<std::string> kept;  // sum_j clamp(r_j, s_k, s_{m-k+1}) - k s_k - k s_{m-k+1}
        for (const std::string& v : order.values()) kept.push_back(clamp_between(v, lo, hi));
        std::string middle = smt_sum(kept);
        if (k > 0) middle = op("-", middle, op("*", num(Rational(k)), op("+", *lo, *hi)));
        return op("*", num(Rational(1, total - 2 * k)), op("+", middle, clamp_between(y, lo, hi)));
    }
    if (total % 2 == 1) {
        const std::size_t k = (total + 1) / 2;
        return clamp_between(y, order.statistic(k - 1), order.statistic(k));
    }
    const std::size_t k = total / 2;
    return op("*", "(/ 1.0 2.0)",
              op("+", clamp_between(y, order.statistic(k - 1), order.statistic(k)),
                 clamp_between(y, order.statistic(k), order.statistic(k + 1))));
}

}  // namespace

SmtQuery all_profiles_query(const Instance& instance, const ReceiverRule& rule, std::size_t player,
                            const Vector& truthful) {
    const std::size_t d = instance.dimension, n = instance.players.size();
    const bool threshold = rule.kind == ReceiverRule::Kind::threshold;
    const bool linear = d == 1 && !threshold;
    SmtQuery q(linear ? "QF_LRA" : "QF_NRA",
               {"bigcert mechanism: strategyproofness, player " + std::to_string(player) + " (0-based)",
                "sat iff some reports r_j in the others' sets and y in the player's set make y better",
                "for the player than its truthful report (docs/model.md section 6)"});
    std::vector<std::string> y = own_report_names(d), own_truth;
    for (const std::string& name : y) q.declare_real(name);
    for (const Rational& v : truthful) own_truth.push_back(num(v));
    std::vector<std::vector<std::string>> r(n);
    for (std::size_t j = 0; j < n; ++j) {
        if (j == player) continue;
        r[j] = report_names(j, d);
        for (const std::string& name : r[j]) q.declare_real(name);
        add_membership(q, instance.set_of(j), r[j], "in_set_" + std::to_string(j));
    }
    add_membership(q, instance.set_of(player), y, "in_set");
    std::vector<std::string> o(d), o_star(d);
    if (rule.is_mean()) {
        for (std::size_t c = 0; c < d; ++c) {
            std::vector<std::string> terms{num(
                instance.bias_weight * (instance.bias_point.empty() ? Rational(0) : instance.bias_point[c]))};
            for (std::size_t j = 0; j < n; ++j)
                if (j != player) terms.push_back(op("*", num(instance.players[j].weight), r[j][c]));
            q.define_real("rest" + std::to_string(c), smt_sum(terms));
            const std::string w = num(instance.players[player].weight), rest = "rest" + std::to_string(c);
            o[c] = op("+", rest, op("*", w, y[c]));
            o_star[c] = op("+", rest, op("*", w, own_truth[c]));
        }
    } else if (threshold) {
        std::vector<std::string> count;
        std::vector<std::vector<std::string>> sums(d);
        for (std::size_t j = 0; j < n; ++j) {
            if (j == player) continue;
            const std::string in = inside_ball(r[j], rule.prior, rule.radius);
            count.push_back(ite(in, "1.0", "0.0"));
            for (std::size_t c = 0; c < d; ++c) sums[c].push_back(ite(in, r[j][c], "0.0"));
        }
        q.define_real("count", smt_sum(count));
        for (std::size_t c = 0; c < d; ++c) {
            const std::string sum = "sum" + std::to_string(c), cs = std::to_string(c);
            q.define_real(sum, smt_sum(sums[c]));
            q.define_real("outside" + cs,
                          ite(op(">", "count", "0.0"), op("/", sum, "count"), num(rule.prior[c])));
            auto branch = [&](const std::vector<std::string>& report, const std::string& value) {
                return ite(inside_ball(report, rule.prior, rule.radius),
                           op("/", op("+", sum, value), op("+", "count", "1.0")), "outside" + cs);
            };
            o[c] = branch(y, y[c]);
            o_star[c] = branch(own_truth, own_truth[c]);
        }
    } else {
        for (std::size_t c = 0; c < d; ++c) {
            std::vector<std::string> values;
            for (std::size_t j = 0; j < n; ++j)
                if (j != player) values.push_back(r[j][c]);
            for (const Vector& p : rule.phantoms) values.push_back(num(p[c]));
            OthersOrder order(q, std::move(values), c);
            o[c] = order_rule_term(rule, order, y[c]);
            o_star[c] = order_rule_term(rule, order, own_truth[c]);
        }
    }
    for (std::size_t c = 0; c < d; ++c) {
        q.define_real("o" + std::to_string(c), o[c]);
        q.define_real("t" + std::to_string(c), o_star[c]);
        o[c] = "o" + std::to_string(c), o_star[c] = "t" + std::to_string(c);
    }
    q.assert_named("improves", improves(o, o_star, instance.players[player].target));
    return q;
}

}  // namespace bigcert
