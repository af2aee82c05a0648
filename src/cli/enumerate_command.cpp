#include "bigcert/errors.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

// Placeholder until issue 4 lands: the subcommand exists so that its name is reserved and refuses clearly.
Runner add_enumerate_command(CLI::App& app) {
    CLI::App* command = app.add_subcommand("enumerate", "count and list the pure equilibria of a finite game (not built yet)");
    command->allow_extras();
    return [] () -> int { throw UnsupportedError("", "bigcert enumerate"); };
}

}  // namespace bigcert::cli
