#include <demo_examples.hpp>
#include <iostream>

#include "bigcert/core/errors.hpp"
#include "bigcert/io/solution_writer.hpp"
#include "bigcert/solver/solver.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

// Solves the paper's examples compiled into the binary and prints them readably.
Runner add_demo_command(CLI::App& app) {
    app.add_subcommand("demo", "solve the paper's bundled examples and print them");
    return [] {
        std::cout << "bigcert demo: the Battling Influencers Game (Wu, Zhu, Cai, Zhu, arXiv 2502.01127)\n"
                     "Every equilibrium below is exact and passed bigcert's exact re-check.\n";
        int unsupported = 0;
        for (const demo::Example& example : demo::examples) {
            std::cout << "\n== " << example.file << " ==\n";
            try {
                Instance instance = load_instance_text(example.json);
                write_solution_table(std::cout, instance, solve(instance));
            } catch (const UnsupportedError& e) {
                std::cout << "skipped: " << e.what() << '\n';
                ++unsupported;
            }
        }
        return exit_ok;
    };
}

}  // namespace bigcert::cli
