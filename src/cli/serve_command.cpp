#include <memory>

#include "cli/commands.hpp"
#include "serve/http_server.hpp"

namespace bigcert::cli {

// `bigcert serve`: the interactive page and the JSON API (docs/serve.md).
Runner add_serve_command(CLI::App& app) {
    auto options = std::make_shared<serve::ServeOptions>();
    // Smaller defaults than the CLI's: a request body is held in memory while it is computed.
    options->limits.max_input_bytes = std::size_t{32} << 20;
    options->limits.max_players = 1'000'000;
    CLI::App* command = app.add_subcommand("serve", "the interactive page and a JSON API over HTTP");
    command->add_option("--port", options->port, "TCP port (0: any free port, printed)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    command->add_option("--host", options->host, "address to listen on (default: loopback only)")
        ->capture_default_str();
    command->add_flag("--open", options->open, "open the page in the desktop's browser (xdg-open)");
    command
        ->add_option("--request-time-limit", options->request_time_limit,
                     "seconds per request: its command runs with --time-limit this (exit 5, HTTP 413)")
        ->capture_default_str()
        ->check(positive_seconds());
    command->add_option("--workers", options->workers, "requests computed at once, per kind (0: cores)")
        ->capture_default_str();
    command
        ->add_option("--queue", options->queue,
                     "requests that may wait for a worker; more are answered 503 busy")
        ->capture_default_str()
        ->check(positive_count());
    add_limit_options(*command, options->limits);
    return [options] {
        serve::run_server(*options);
        return exit_ok;
    };
}

}  // namespace bigcert::cli
