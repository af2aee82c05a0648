#include "bigcert/errors.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

// Placeholder until issue 7 lands: the subcommand exists so that its name is reserved and refuses clearly.
Runner add_batch_command(CLI::App& app) {
    CLI::App* command = app.add_subcommand("batch", "solve many instances (JSON Lines), sharded and resumable (not built yet)");
    command->allow_extras();
    return [] () -> int { throw UnsupportedError("", "bigcert batch"); };
}

}  // namespace bigcert::cli
