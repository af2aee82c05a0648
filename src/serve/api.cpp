#include "serve/api.hpp"

#include <signal.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include "bigcert/core/cancellation.hpp"
#include "serve/child_process.hpp"
#include "serve/tar_archive.hpp"

namespace bigcert::serve {
namespace {

// A query parameter the API accepts: a CLI flag (`?name` or `?name=1`) or an option with a value.
struct Parameter {
    std::string name;
    bool flag;
};

struct Command {
    std::string name;
    bool uses_z3;
    std::vector<std::string> fixed;  // arguments the server always adds
    std::vector<Parameter> parameters;
};

// Options that name files (--profile, --latex, --z3-query, --solution, --start FILE) are not offered: the
// server reads and writes no file on a request's behalf. --proof-log and --tikz are flags here: the answer
// is the archive or the TikZ text.
const std::vector<Command>& commands() {
    static const std::vector<Command> table{
        {"solve", false, {"--json", "--threads=1"}, {{"precision", false}, {"algebraic", true}}},
        {"certify",
         true,
         {"--json", "--threads=1"},
         {{"timeout", false}, {"rlimit", false}, {"proof-log", true}}},
        {"check", true, {"--json"}, {{"property", false}, {"timeout", false}, {"rlimit", false}}},
        {"dynamics", false, {"--json"}, {{"start", false}, {"max-steps", false}, {"simultaneous", true}}},
        {"plot", false, {}, {{"contour", true}, {"tikz", true}}},
    };
    return table;
}

const Command* find_command(const std::string& name) {
    for (const Command& c : commands())
        if (c.name == name) return &c;
    return nullptr;
}

struct BadQuery {
    std::string message;
};

// The query as CLI arguments (--name=value keeps a value that starts with '-' a value), plus the flags the
// server turns into a different answer (proof-log, tikz).
std::vector<std::string> query_arguments(const Command& command,
                                         const std::multimap<std::string, std::string>& query,
                                         std::map<std::string, bool>& server_flags) {
    std::vector<std::string> arguments;
    for (const auto& [key, value] : query) {
        auto known = std::find_if(command.parameters.begin(), command.parameters.end(),
                                  [&](const Parameter& p) { return p.name == key; });
        if (known == command.parameters.end()) {
            std::string names;
            for (const Parameter& p : command.parameters) names += (names.empty() ? "" : ", ") + p.name;
            throw BadQuery{"query parameter '" + key + "' is not an option of /api/" + command.name +
                           " (known: " + names + ")"};
        }
        if (query.count(key) > 1) throw BadQuery{"query parameter '" + key + "' given more than once"};
        if (known->flag) {
            if (value != "" && value != "1" && value != "true" && value != "0" && value != "false")
                throw BadQuery{"query parameter '" + key + "' is a flag: give it without a value, 1 or true"};
            bool on = value != "0" && value != "false";
            if (key == "proof-log" || key == "tikz")
                server_flags[key] = on;
            else if (on)
                arguments.push_back("--" + key);
            continue;
        }
        if (key == "start" && value != "first" && value != "last")
            throw BadQuery{"query parameter 'start' is first or last (the server reads no start file)"};
        arguments.push_back("--" + key + "=" + value);
    }
    return arguments;
}

std::vector<std::string> limit_arguments(const ServeOptions& options) {
    auto text = [](double seconds) {
        std::ostringstream out;
        out << seconds;
        return out.str();
    };
    const LoadLimits& l = options.limits;
    return {"--max-input-bytes=" + std::to_string(l.max_input_bytes),
            "--max-players=" + std::to_string(l.max_players),
            "--max-dimension=" + std::to_string(l.max_dimension),
            "--max-number-digits=" + std::to_string(l.numbers.max_digits),
            "--max-exponent=" + std::to_string(l.numbers.max_exponent),
            "--time-limit=" + text(options.request_time_limit)};
}

std::string last_line(const std::string& text) {
    std::istringstream in(text);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty()) last = line;
    return last;
}

// HTTP status of a command that printed no answer, by its exit code (README "Exit codes").
int status_for(int exit_code, const std::string& message) {
    const std::string unsupported = "(not supported yet)";
    if (exit_code == 2)
        return message.size() >= unsupported.size() && message.compare(message.size() - unsupported.size(),
                                                                       unsupported.size(), unsupported) == 0
                   ? 422
                   : 400;
    if (exit_code == 5) return 413;
    if (exit_code == 128 + SIGINT || exit_code == 128 + SIGTERM) return 503;  // the server is stopping
    return 500;
}

// A private directory for the files a command writes (figure, proof bundle), removed afterwards.
class ScratchDirectory {
  public:
    ScratchDirectory() {
        std::string pattern = (std::filesystem::temp_directory_path() / "bigcert-serve-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
        path_ = pattern;
        remove_on_abandon_.emplace(path_);
    }
    ~ScratchDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    std::optional<RemoveOnAbandon> remove_on_abandon_;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

ApiResponse error_response(int status, const std::string& message, int exit_code) {
    ApiResponse r;
    r.status = status;
    r.exit_code = exit_code;
    r.body = nlohmann::json{{"error", message}, {"exit_code", exit_code}}.dump() + "\n";
    return r;
}

Api::Api(const ServeOptions& options)
    : options_(options),
      executable_(own_executable()),
      quick_(options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency()),
             options.queue),
      z3_(options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency()),
          std::max<std::size_t>(1, options.queue / 8)) {}

bool Api::is_command(const std::string& command) { return find_command(command) != nullptr; }

ApiResponse Api::handle(const std::string& name, const std::multimap<std::string, std::string>& query,
                        const std::string& body) {
    const Command& command = *find_command(name);
    std::map<std::string, bool> server_flags;
    std::vector<std::string> arguments{command.name, "-"};
    try {
        for (std::string& a : query_arguments(command, query, server_flags))
            arguments.push_back(std::move(a));
    } catch (const BadQuery& e) {
        return error_response(400, "bigcert serve: error: " + e.message, 2);
    }
    for (const std::string& a : command.fixed) arguments.push_back(a);
    for (std::string& a : limit_arguments(options_)) arguments.push_back(std::move(a));

    std::optional<ScratchDirectory> scratch;
    std::string written;  // the file the command writes instead of printing (figure, bundle)
    if (command.name == "plot" || server_flags["proof-log"]) {
        scratch.emplace();
        written =
            scratch->path() +
            (command.name == "plot" ? (server_flags["tikz"] ? "/figure.tex" : "/figure.svg") : "/proof");
        arguments.push_back(command.name == "plot" ? (server_flags["tikz"] ? "--tikz" : "--svg")
                                                   : "--proof-log");
        arguments.push_back(written);
    }

    std::optional<JobSlots::Ticket> ticket = (command.uses_z3 ? z3_ : quick_).enter();
    if (!ticket)
        return error_response(503,
                              "bigcert serve: busy: every worker is computing and the queue is full (retry "
                              "later, or start the server with a larger --queue)",
                              5);
    ChildResult result = run_child(executable_, arguments, body, options_.request_time_limit + 10);
    ticket.reset();

    if (cancellation_requested()) return error_response(503, "bigcert serve: stopping", result.exit_code);
    // Exit codes that come with an answer: refuted / fails (1) and not certified (4) print their verdict;
    // dynamics prints its trajectory at a cycle (1) and at the step cap (5).
    const int code = result.exit_code;
    const bool answered = command.name == "plot"
                              ? code == 0
                              : !result.out.empty() && (code == 0 || code == 1 || code == 4 ||
                                                        (code == 5 && command.name == "dynamics"));
    if (!answered) {
        std::string message = last_line(result.err);
        if (result.exit_code == 128 + SIGKILL)
            message = "bigcert: limit: --request-time-limit: the request's command did not end in time";
        if (message.empty()) message = "bigcert: internal error: exit " + std::to_string(result.exit_code);
        return error_response(status_for(result.exit_code, message), message, result.exit_code);
    }
    ApiResponse response;
    response.exit_code = result.exit_code;
    if (command.name == "plot") {
        response.body = read_file(written);
        response.content_type = server_flags["tikz"] ? "text/x-tex; charset=utf-8" : "image/svg+xml";
        if (server_flags["tikz"]) response.download_name = "figure.tex";
    } else if (server_flags["proof-log"]) {
        response.body = tar_directory(written, "proof", "certificate.json", result.out);
        response.content_type = "application/x-tar";
        response.download_name = "proof-bundle.tar";
    } else {
        response.body = std::move(result.out);
    }
    return response;
}

}  // namespace bigcert::serve
