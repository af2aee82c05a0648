#include "bigcert/errors.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

// Placeholder until issue 5 lands: the subcommand exists so that its name is reserved and refuses clearly.
Runner add_align_command(CLI::App& app) {
    CLI::App* command = app.add_subcommand("align", "value-alignment experiment with a learned receiver (not built yet)");
    command->allow_extras();
    return [] () -> int { throw UnsupportedError("", "bigcert align"); };
}

}  // namespace bigcert::cli
