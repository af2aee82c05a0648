// The JSON API of `bigcert serve` (docs/serve.md): POST /api/<command> with the instance as the body and the
// command's options as query parameters named like its flags. Each request runs that CLI command with --json
// on the body (child_process.hpp), so the answer is byte for byte the CLI's, and an error is the CLI's
// one-line message with an HTTP status chosen by the CLI's exit code.
#pragma once

#include <map>
#include <string>

#include "serve/job_slots.hpp"
#include "serve/serve_options.hpp"

namespace bigcert::serve {

struct ApiResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    int exit_code = 0;          // the command's exit code (also sent as X-Bigcert-Exit-Code)
    std::string download_name;  // when not empty: Content-Disposition: attachment
};

class Api {
  public:
    explicit Api(const ServeOptions& options);
    // `command`: solve, certify, check, dynamics or plot; `query`: the request's query parameters.
    ApiResponse handle(const std::string& command, const std::multimap<std::string, std::string>& query,
                       const std::string& body);
    static bool is_command(const std::string& command);

  private:
    ServeOptions options_;
    std::string executable_;
    JobSlots quick_;  // solve, dynamics, plot
    JobSlots z3_;     // certify, check: Z3 work has its own slots, so it never delays the quick answers
};

// {"error": message, "exit_code": exit_code}
ApiResponse error_response(int status, const std::string& message, int exit_code);

}  // namespace bigcert::serve
