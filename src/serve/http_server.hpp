// `bigcert serve`: the page and the API over HTTP (docs/serve.md).
#pragma once

#include "serve/serve_options.hpp"

namespace bigcert::serve {

// Serves until SIGINT or SIGTERM (cancellation.hpp), then stops accepting, ends the running commands and
// returns. Throws InputError when it cannot listen on host:port.
void run_server(const ServeOptions& options);

}  // namespace bigcert::serve
