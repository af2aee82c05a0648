#include "bigcert/io/exact_json.hpp"

#include <optional>
#include <set>
#include <vector>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/json_keys.hpp"

namespace bigcert {
namespace {

// nlohmann's DOM builder, with decimal literals kept as strings and every object's keys remembered (with
// the path to the object) to refuse a repeated one.
class ExactSax {
  public:
    explicit ExactSax(Json& result) : dom_(result, true) {}

    bool null() { return value(), dom_.null(); }
    bool boolean(bool v) { return value(), dom_.boolean(v); }
    bool number_integer(Json::number_integer_t v) { return value(), dom_.number_integer(v); }
    bool number_unsigned(Json::number_unsigned_t v) { return value(), dom_.number_unsigned(v); }
    bool number_float(Json::number_float_t, const std::string& text) {
        std::string copy = text;
        return value(), dom_.string(copy);
    }
    bool string(std::string& v) { return value(), dom_.string(v); }
    bool binary(Json::binary_t& v) { return value(), dom_.binary(v); }
    bool start_object(std::size_t size) {
        value();
        frames_.emplace_back(true);
        return dom_.start_object(size);
    }
    bool key(std::string& k) {
        Frame& frame = frames_.back();
        if (!frame.keys.insert(k).second) throw InputError(path_to_top() + printable_key(k), "duplicate key");
        frame.key = k;
        return dom_.key(k);
    }
    bool end_object() { return frames_.pop_back(), dom_.end_object(); }
    bool start_array(std::size_t size) {
        value();
        frames_.emplace_back(false);
        return dom_.start_array(size);
    }
    bool end_array() { return frames_.pop_back(), dom_.end_array(); }
    template <class Exception>
    bool parse_error(std::size_t position, const std::string& token, const Exception& error) {
        return dom_.parse_error(position, token, error);
    }

  private:
    struct Frame {
        explicit Frame(bool is_object) : object(is_object) {}
        bool object;
        std::set<std::string> keys;  // object: the keys so far, and the current one
        std::string key;
        std::size_t next_index = 0;  // array: the index of the next element
    };

    // A value starts: in an array, it takes the next index.
    void value() {
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().next_index;
    }
    // "a.b[2]." : the path of the innermost open object, ready for a key (rendered only for an error).
    std::string path_to_top() const {
        std::string path;
        for (std::size_t f = 0; f + 1 < frames_.size(); ++f) {
            const Frame& frame = frames_[f];
            if (frame.object)
                path += (path.empty() ? "" : ".") + printable_key(frame.key);
            else
                path += "[" + std::to_string(frame.next_index - 1) + "]";
        }
        return path.empty() ? path : path + ".";
    }

    nlohmann::detail::json_sax_dom_parser<Json> dom_;
    std::vector<Frame> frames_;
};

}  // namespace

Json parse_exact_json(const std::string& text) {
    Json result;
    ExactSax sax(result);
    try {
        Json::sax_parse(text, &sax);
    } catch (const Json::exception& e) {
        throw InputError("", std::string("invalid JSON: ") + e.what());
    }
    return result;
}

void require_known_keys(const Json& value, const JsonPath& path, std::span<const std::string_view> known) {
    if (!value.is_object()) throw InputError(path.str(), "expected an object");
    ObjectKeys keys(path, known);
    for (auto it = value.begin(); it != value.end(); ++it) keys.take(it.key());
}

Rational exact_number(const Json& value, const std::string& path) {
    std::string text = value.is_string()           ? value.get<std::string>()
                       : value.is_number_integer() ? value.dump()
                                                   : "";
    std::optional<Rational> number = parse_rational(text);
    if (text.empty() || !number) throw InputError(path, "not a number: " + value.dump());
    return *number;
}

}  // namespace bigcert
