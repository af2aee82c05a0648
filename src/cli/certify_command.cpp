#include "bigcert/errors.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

// Placeholder until issue 3 lands: the subcommand exists so that its name is reserved and refuses clearly.
Runner add_certify_command(CLI::App& app) {
    CLI::App* command = app.add_subcommand("certify", "prove with Z3 that a profile is an equilibrium, or exhibit an improving deviation (not built yet)");
    command->allow_extras();
    return [] () -> int { throw UnsupportedError("", "bigcert certify"); };
}

}  // namespace bigcert::cli
