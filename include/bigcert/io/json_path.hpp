// A JSON path built on the stack while reading and rendered only when an error is reported,
// so that reading 10^6 players does not build 10^6 path strings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bigcert {

struct JsonPath {
    const JsonPath* parent = nullptr;
    std::string_view key;  // empty: an array index
    std::size_t index = 0;

    JsonPath field(std::string_view name) const { return JsonPath{this, name, 0}; }
    JsonPath element(std::size_t i) const { return JsonPath{this, {}, i}; }

    std::string str() const {
        if (parent == nullptr) return std::string(key);
        std::string prefix = parent->str();
        if (!key.empty()) return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
        return prefix + "[" + std::to_string(index) + "]";
    }
};

}  // namespace bigcert
