#include "bigcert/errors.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

// Placeholder until issue 3 lands: the subcommand exists so that its name is reserved and refuses clearly.
Runner add_replay_command(CLI::App& app) {
    CLI::App* command = app.add_subcommand("replay", "re-run a proof log with the z3 (and cvc5) binaries (not built yet)");
    command->allow_extras();
    return [] () -> int { throw UnsupportedError("", "bigcert replay"); };
}

}  // namespace bigcert::cli
