#include "bigcert/errors.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

// Placeholder until issue 4 lands: the subcommand exists so that its name is reserved and refuses clearly.
Runner add_export_nfg_command(CLI::App& app) {
    CLI::App* command = app.add_subcommand("export-nfg", "write a small finite game in Gambit .nfg format (not built yet)");
    command->allow_extras();
    return [] () -> int { throw UnsupportedError("", "bigcert export-nfg"); };
}

}  // namespace bigcert::cli
