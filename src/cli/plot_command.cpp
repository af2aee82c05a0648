#include "bigcert/errors.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

// Placeholder until issue 7 lands: the subcommand exists so that its name is reserved and refuses clearly.
Runner add_plot_command(CLI::App& app) {
    CLI::App* command = app.add_subcommand("plot", "figures (SVG, TikZ) (not built yet)");
    command->allow_extras();
    return [] () -> int { throw UnsupportedError("", "bigcert plot"); };
}

}  // namespace bigcert::cli
