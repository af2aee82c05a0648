#include "bigcert/errors.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

// Placeholder until issue 4 lands: the subcommand exists so that its name is reserved and refuses clearly.
Runner add_dynamics_command(CLI::App& app) {
    CLI::App* command = app.add_subcommand("dynamics", "exact best-response dynamics (not built yet)");
    command->allow_extras();
    return [] () -> int { throw UnsupportedError("", "bigcert dynamics"); };
}

}  // namespace bigcert::cli
