#include <fstream>
#include <iostream>
#include <memory>

#include "bigcert/batch/batch.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/file_access.hpp"
#include "cli/commands.hpp"
#include "cli/shared_options.hpp"

namespace bigcert::cli {

Runner add_merge_command(CLI::App& app) {
    struct Options {
        std::vector<std::string> inputs;
        std::string out;
        bool json = false;
        bool allow_different_inputs = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command =
        app.add_subcommand("merge", "combine batch outputs (dedupe by id) and summarise them");
    command->add_option("outputs", options->inputs, "batch output files (JSON Lines)")->required();
    command->add_option("--out", options->out, "write the combined lines here");
    add_json_flag(*command, options->json, "the summary as JSON");
    command->add_flag("--allow-different-inputs", options->allow_different_inputs,
                      "merge batch runs over different inputs (same options; an id in two runs is refused)");
    return [options] {
        if (!options->out.empty()) require_writable("--out", options->out);
        BatchMerge merge = merge_batch_outputs(options->inputs, options->allow_different_inputs);
        if (!options->out.empty()) {
            std::ofstream out = open_for_writing("--out", options->out);
            for (const std::string& line : merge.lines) out << line;
            finish_writing(out, "--out", options->out);
        }
        if (options->json)
            std::cout << merge.summary.dump(1) << "\n";
        else
            write_merge_summary(std::cout, merge.summary);
        return exit_ok;
    };
}

}  // namespace bigcert::cli
