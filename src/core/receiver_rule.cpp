#include "bigcert/core/receiver_rule.hpp"

namespace bigcert {

std::string rule_kind_name(ReceiverRule::Kind kind) {
    switch (kind) {
        case ReceiverRule::Kind::mean:
            return "mean";
        case ReceiverRule::Kind::median:
            return "median";
        case ReceiverRule::Kind::generalized_median:
            return "generalized-median";
        case ReceiverRule::Kind::trimmed_mean:
            return "trimmed-mean";
        case ReceiverRule::Kind::threshold:
            return "threshold";
    }
    return "mean";
}

std::string rule_summary(const ReceiverRule& rule) {
    std::string name = rule_kind_name(rule.kind);
    switch (rule.kind) {
        case ReceiverRule::Kind::generalized_median:
            return name + " (" + std::to_string(rule.phantoms.size()) + " phantoms)";
        case ReceiverRule::Kind::trimmed_mean:
            return name + " (trim " + std::to_string(rule.trim) + ")";
        case ReceiverRule::Kind::threshold:
            return name + " (radius " + to_string(rule.radius) + ")";
        default:
            return name;
    }
}

}  // namespace bigcert
