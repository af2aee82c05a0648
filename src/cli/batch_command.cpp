#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "bigcert/batch/batch.hpp"
#include "bigcert/batch/sweep.hpp"
#include "bigcert/certify/certification.hpp"
#include "bigcert/certify/proof_log.hpp"
#include "bigcert/certify/properties.hpp"
#include "bigcert/core/display_text.hpp"
#include "bigcert/core/errors.hpp"
#include "bigcert/io/file_access.hpp"
#include "bigcert/mechanism/mechanism_run.hpp"
#include "cli/commands.hpp"
#include "cli/shared_options.hpp"

namespace bigcert::cli {

namespace {

// "[#####     ] 120/400  35.2/s  ETA 8s", redrawn in place; only on a terminal (logs stay clean).
std::function<void(std::size_t, std::size_t)> progress_bar() {
    if (!::isatty(STDERR_FILENO)) return {};
    auto start = std::chrono::steady_clock::now();
    return [start](std::size_t done, std::size_t total) {
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        double rate = seconds > 0 ? done / seconds : 0;  // approximate by nature: a display only
        const int width = 30;
        int filled = total ? static_cast<int>(width * done / total) : width;
        std::fprintf(stderr, "\r[%s%s] %zu/%zu  %.1f/s  ETA %.0fs ", std::string(filled, '#').c_str(),
                     std::string(width - filled, ' ').c_str(), done, total, rate,
                     rate > 0 ? (total - done) / rate : 0.0);
        if (done == total) std::fprintf(stderr, "\n");
    };
}

// Per line, no proof files (the verdicts are recorded in the line itself) and one thread: the batch already
// runs one line per core. Every game kind, through the same entry point as `certify`.
void add_certificate(const Instance& instance, const Solution* solution, double timeout, Json& line) {
    CertifyRequest request;
    request.solution = solution;
    request.options.threads = 1;
    request.options.timeout_seconds = timeout;
    line["certificate"] = certify(instance, request).json;
}

// Every property of `bigcert check` over every equilibrium of the line's instance. Games the check does
// not cover get an empty "properties" and the reason, so that `merge` counts them as not checked.
void add_check(const Instance& instance, double timeout, Json& line) {
    CheckRequest request;
    request.properties = property_names("all");
    request.options.timeout_seconds = timeout;
    try {
        line["check"] = check(instance, request).json;
    } catch (const UnsupportedError& e) {
        line["check"] = {{"format", "bigcert-check/1"},
                         {"instance", instance.name},
                         {"properties", Json::object()},
                         {"reason", e.what()}};
    }
}

// docs/cli.md "batch": what produced the lines, so that a resume or a merge never mixes runs. Everything that
// changes a line's content enters: the input's bytes (instance lines or sweep spec), then --certify, --check,
// --mechanism with its rule options, --timeout (when it applies) and the loader's limits; not --threads or
// --shard (same bytes by design). Two halves (128 bits of SHA-256 each) so that a refusal can say which of
// the two differs.
std::string run_fingerprint(const std::string& input_text, bool certify, bool check, const Json& mechanism,
                            double timeout, const LoadLimits& limits) {
    Json options = {{"format", "bigcert-batch-run/1"},
                    {"certify", certify},
                    {"check", check},
                    {"timeout", certify || check || !mechanism.is_null() ? Json(timeout) : Json(nullptr)},
                    {"limits",
                     {{"max_input_bytes", limits.max_input_bytes},
                      {"max_players", limits.max_players},
                      {"max_dimension", limits.max_dimension},
                      {"max_number_digits", limits.numbers.max_digits},
                      {"max_exponent", limits.numbers.max_exponent}}}};
    if (!mechanism.is_null()) options["mechanism"] = mechanism;  // absent otherwise: older runs keep theirs
    return sha256_hex(input_text).substr(0, 32) + "-" + sha256_hex(options.dump()).substr(0, 32);
}

// `batch --mechanism`: the options of `bigcert mechanism` that apply per line (docs/cli.md "batch").
struct MechanismLineOptions {
    bool enabled = false, verdicts_only = false, no_structural = false;
    std::string rule;
    std::vector<std::string> compare;
    std::size_t max_rounds = 100;

    // What changes a line's content, for the run's fingerprint; null without --mechanism.
    Json fingerprint() const {
        if (!enabled) return nullptr;
        return {{"rule", rule},
                {"compare", compare},
                {"max_rounds", max_rounds},
                {"verdicts_only", verdicts_only},
                {"structural", !no_structural}};
    }
    BatchAnalysis analysis(double timeout, const LoadLimits& limits) const {
        MechanismRequest request;
        request.rule = rule;
        request.compare = compare;
        request.options.timeout_seconds = timeout;
        request.options.max_rounds = max_rounds;
        request.options.equilibrium = !verdicts_only;
        request.options.structural = !no_structural;
        request.limits = limits;
        return [request](const Instance& instance) { return run_mechanism(instance, request).json; };
    }
};

// Options of --mechanism given without it, or --mechanism with --certify/--check (they judge the mean's
// equilibrium, which a mechanism line does not solve): refused, never ignored.
void check_mechanism_options(const CLI::App& command, const MechanismLineOptions& m, bool certify,
                             bool check) {
    if (m.enabled) {
        if (certify || check)
            throw InputError(
                certify ? "--certify" : "--check",
                "does not apply with --mechanism (a mechanism line is not solved as the mean's game)");
        return;
    }
    for (const char* flag : {"--rule", "--compare", "--max-rounds", "--verdicts-only", "--no-structural"})
        if (command.count(flag) > 0) throw InputError(flag, "applies only with --mechanism");
}

}  // namespace

Runner add_batch_command(CLI::App& app) {
    struct Options {
        std::string input, sweep, out, shard = "1/1";
        unsigned threads = 0;
        bool certify = false, check = false;
        MechanismLineOptions mechanism;
        double timeout = 30;
        LoadLimits limits;
    };
    auto options = std::make_shared<Options>();
    CLI::App* command =
        app.add_subcommand("batch", "solve many instances into JSON Lines (sharded, resumable)");
    command->add_option("input", options->input, "JSON Lines file, one instance per line");
    command->add_option("--sweep", options->sweep, "sweep spec (docs/cli.md) instead of an input file");
    command
        ->add_option("--out", options->out,
                     "output JSON Lines file (appended to; ids already there are skipped)")
        ->required();
    command->add_option("--shard", options->shard, "k/N: only items whose position p has p % N == k - 1");
    add_threads_option(*command, options->threads);
    command->add_flag("--certify", options->certify,
                      "also certify each solved equilibrium with Z3 (key \"certificate\")");
    command->add_flag("--check", options->check,
                      "also prove every `check` property over all equilibria with Z3 (key \"check\")");
    command->add_flag("--mechanism", options->mechanism.enabled,
                      "instead of solving, `bigcert mechanism --json`'s object per line (key \"mechanism\")");
    command->add_option("--rule", options->mechanism.rule,
                        "with --mechanism: a rule object for every line (default: each instance's rule)");
    command->add_option("--compare", options->mechanism.compare, "with --mechanism: several rule objects")
        ->expected(1, -1);
    command
        ->add_option("--max-rounds", options->mechanism.max_rounds, "with --mechanism: best-response rounds")
        ->capture_default_str()
        ->check(positive_count());
    command->add_flag("--verdicts-only", options->mechanism.verdicts_only,
                      "with --mechanism: no equilibrium search");
    command->add_flag("--no-structural", options->mechanism.no_structural,
                      "with --mechanism: strategyproofness by Z3 queries only");
    add_query_timeout_option(*command, options->timeout,
                             "with --certify, --check or --mechanism: seconds per Z3 query (its solving; "
                             "--time-limit bounds the whole run)");
    add_limit_options(*command, options->limits);
    options->limits.several_receivers = true;  // solved, certified and checked per line like every kind
    return [options, command] {
        check_mechanism_options(*command, options->mechanism, options->certify, options->check);
        if (options->input.empty() == options->sweep.empty())
            throw InputError("", "give either an input file or --sweep SPEC");
        Shard shard = parse_shard(options->shard, "--shard");
        require_writable("--out", options->out);
        // A resume reads the output back (a terminal or a pipe would block or lose it): a regular file only.
        struct stat status {};
        if (::stat(options->out.c_str(), &status) == 0 && !S_ISREG(status.st_mode))
            throw InputError("--out",
                             "cannot write " + options->out + ": not a regular file (batch resumes from it)");
        const bool sweep = !options->sweep.empty();
        const std::string text =
            sweep ? read_whole_file("--sweep", options->sweep) : read_whole_file("", options->input);
        std::vector<BatchItem> all = sweep ? expand_sweep(text) : read_batch_lines(text);
        std::vector<BatchItem> mine;
        for (std::size_t p = 0; p < all.size(); ++p)
            if (shard.owns(p)) mine.push_back(std::move(all[p]));
        BatchOptions batch;
        batch.threads = options->threads;
        batch.limits = options->limits;
        // The sweep's kind enters through its text (a spec is not an instance line).
        batch.run = run_fingerprint(text, options->certify, options->check, options->mechanism.fingerprint(),
                                    options->timeout, options->limits);
        if (options->mechanism.enabled) {
            batch.analyze = options->mechanism.analysis(options->timeout, options->limits);
            batch.analysis_key = "mechanism";
        }
        batch.progress = progress_bar();
        if (options->certify || options->check)
            batch.annotate = [options](const Instance& instance, const Solution* solution, Json& line) {
                if (options->certify) add_certificate(instance, solution, options->timeout, line);
                if (options->check) add_check(instance, options->timeout, line);
            };
        require_appendable("--out", options->out);  // the system's answer (read-only file system, ...)
        std::size_t written = 0;
        try {
            written = run_batch(mine, options->out, batch);
        } catch (const InputError& e) {  // about the output file (the input was read above)
            throw InputError("--out", e.what());
        }
        std::cerr << "batch: " << written << " new lines, " << (mine.size() - written) << " already in "
                  << display_text(options->out) << " (shard " << shard.index << "/" << shard.count << ": "
                  << mine.size() << " items)\n";
        return exit_ok;
    };
}

}  // namespace bigcert::cli
