// Fuzzes the instance loader and, on what it accepts, the solver with its exact re-check.
// Input errors are expected answers; anything else (a crash, a sanitizer report, an InternalError from a
// failed exact re-check, an escaped exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/solver/solver.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bigcert;
    LoadLimits limits;
    limits.max_players = 8;
    limits.max_dimension = 4;
    limits.numbers.max_digits = 60;
    limits.numbers.max_exponent = 60;
    limits.polytopes.max_subsets = 5000;
    Instance instance;
    try {
        instance = load_instance_text(std::string_view(reinterpret_cast<const char*>(data), size), limits);
    } catch (const InputError&) {
        return 0;
    } catch (const UnsupportedError&) {
        return 0;
    } catch (const LimitError&) {
        return 0;
    }
    try {
        SolveOptions options;
        options.threads = 1;
        solve(instance, options);
    } catch (const UnsupportedError&) {
    }
    return 0;
}
