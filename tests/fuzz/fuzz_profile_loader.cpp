// Fuzzes the profile (solution object) loader that `certify --profile` uses, against a fixed 2-D game.
// Input errors and limits are expected answers; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bigcert/core/equilibrium_check.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/instance_loader.hpp"
#include "bigcert/io/profile_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bigcert;
    static const Instance game =
        load_instance_text(R"({"dimension": 2, "action_set": {"box": {"lo": [-1, -1], "hi": [1, 1]}},
        "players": [{"target": [1, 0], "weight": 0.5}, {"target": [-1, 0], "weight": 0.5}]})");
    LoadLimits limits;
    limits.numbers.max_digits = 200;
    limits.numbers.max_exponent = 200;
    try {
        std::vector<Vector> actions =
            load_profile_text(std::string_view(reinterpret_cast<const char*>(data), size), game, limits);
        bool inside = true;
        for (std::size_t i = 0; i < actions.size(); ++i)
            inside = inside && game.set_of(i).contains(actions[i]);
        if (inside) check_equilibrium(game, actions, game.receiver(actions), 1);
    } catch (const InputError&) {
    } catch (const LimitError&) {
    }
    return 0;
}
