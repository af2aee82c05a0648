// The verdicts a structure-method check returns, in the order asked (docs/model.md §3a′): the polytope and
// the curved checks answer the same three properties from their own derivations.
#pragma once

#include <string>
#include <vector>

#include "bigcert/certify/properties.hpp"

namespace bigcert {

// `check` has receiver_unique(), count() and exaggeration(); properties it does not answer are skipped.
template <class StructureCheck>
std::vector<PropertyVerdict> structure_verdicts(StructureCheck& check,
                                                const std::vector<std::string>& properties) {
    std::vector<PropertyVerdict> out;
    for (const std::string& p : properties) {
        PropertyVerdict v;
        if (p == "receiver-unique")
            v = check.receiver_unique();
        else if (p == "count")
            v = check.count();
        else if (p == "exaggeration")
            v = check.exaggeration();
        else
            continue;
        v.method = "structure";
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace bigcert
