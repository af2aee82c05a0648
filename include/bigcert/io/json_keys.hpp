// The keys of one JSON object of an input. FORMAT.md: a key it does not define is an error naming its path
// (a misspelt "wieght" must not silently mean weight 1), and so is a key given twice (parsers disagree on
// which copy wins, or merge them). Keys of open extensions (several receivers, receiver rules) are refused
// as not supported yet rather than ignored: ignoring them would answer a different game.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/json_path.hpp"

namespace bigcert {

// A key as it is shown in a path: as it is, unless it is empty, very long or holds control characters,
// quotes or backslashes; then as a quoted, escaped, shortened JSON string, so that an error stays one line.
std::string printable_key(std::string_view key);

class ObjectKeys {
  public:
    // `known`: the keys this object may have (at most 64); `planned`: keys of open extensions. Both are
    // kept by reference (static tables).
    ObjectKeys(const JsonPath& object, std::span<const std::string_view> known,
               std::span<const std::string_view> planned = {})
        : object_(object), known_(known), planned_(planned) {}

    // The position of `key` in `known`; throws UnknownKeyError for an unknown key, InputError for a
    // repeated one and UnsupportedError for a planned one.
    std::size_t take(std::string_view key) {
        std::size_t k = 0;
        for (std::string_view candidate : known_) {
            if (candidate == key) {
                if ((seen_ >> k) & 1U)
                    throw InputError(object_.field(printable_key(key)).str(), "duplicate key");
                seen_ |= std::uint64_t{1} << k;
                return k;
            }
            ++k;
        }
        reject(key);
    }
    bool has(std::size_t k) const { return ((seen_ >> k) & 1U) != 0; }

  private:
    [[noreturn]] void reject(std::string_view key) const;

    const JsonPath& object_;
    std::span<const std::string_view> known_, planned_;
    std::uint64_t seen_ = 0;
};

}  // namespace bigcert
