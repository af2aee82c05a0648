#include "bigcert/errors.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

// Placeholder until issue 3 lands: the subcommand exists so that its name is reserved and refuses clearly.
Runner add_check_command(CLI::App& app) {
    CLI::App* command = app.add_subcommand("check", "prove properties over every equilibrium (exaggeration, receiver-unique, count, potential) (not built yet)");
    command->allow_extras();
    return [] () -> int { throw UnsupportedError("", "bigcert check"); };
}

}  // namespace bigcert::cli
