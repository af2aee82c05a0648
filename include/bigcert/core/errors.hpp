// Typed exceptions of the library. The library never exits; each tool's main maps these to exit codes.
#pragma once

#include <stdexcept>
#include <string>

namespace bigcert {

// Bad input: the message names the JSON path, e.g. `players[2].target[1]: not a number: "abc"`.
class InputError : public std::runtime_error {
  public:
    InputError(const std::string& path, const std::string& message)
        : std::runtime_error(path.empty() ? message : path + ": " + message) {}
};

// Bad input of one kind: a key that the format does not define (FORMAT.md), named by its JSON path. Such an
// error does not depend on any number, so a sweep reports it once for its base instead of once per line.
class UnknownKeyError : public InputError {
  public:
    using InputError::InputError;
};

// A valid instance that this build cannot handle yet (a later feature).
class UnsupportedError : public std::runtime_error {
  public:
    UnsupportedError(const std::string& path, const std::string& message)
        : std::runtime_error((path.empty() ? "" : path + ": ") + message + " (not supported yet)") {}
};

// A configured resource cap was hit (input size, players, dimension, polytope complexity).
class LimitError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// bigcert's own exact re-check rejected its result: never print such an answer.
class InternalError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace bigcert
