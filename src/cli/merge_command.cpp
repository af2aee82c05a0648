#include <fstream>
#include <iostream>
#include <memory>

#include "bigcert/batch.hpp"
#include "bigcert/errors.hpp"
#include "cli/commands.hpp"

namespace bigcert::cli {

Runner add_merge_command(CLI::App& app) {
    struct Options {
        std::vector<std::string> inputs;
        std::string out;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand("merge", "combine batch outputs (dedupe by id) and summarise them");
    command->add_option("outputs", options->inputs, "batch output files (JSON Lines)")->required();
    command->add_option("--out", options->out, "write the combined lines here");
    command->add_flag("--json", options->json, "print the summary as JSON");
    return [options] {
        BatchMerge merge = merge_batch_outputs(options->inputs);
        if (!options->out.empty()) {
            std::ofstream out(options->out, std::ios::binary | std::ios::trunc);
            if (!out) throw InputError("--out", "cannot write " + options->out);
            for (const std::string& line : merge.lines) out << line;
        }
        if (options->json) std::cout << merge.summary.dump(1) << "\n";
        else write_merge_summary(std::cout, merge.summary);
        return exit_ok;
    };
}

}  // namespace bigcert::cli
