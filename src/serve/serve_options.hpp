// What `bigcert serve` is configured with (its flags, README "bigcert serve", docs/serve.md).
#pragma once

#include <cstddef>
#include <string>

#include "bigcert/io/instance_loader.hpp"

namespace bigcert::serve {

struct ServeOptions {
    std::string host = "127.0.0.1";  // loopback only unless --host says otherwise
    int port = 8765;                 // 0: any free port (printed)
    bool open = false;               // start the desktop's browser on the page
    LoadLimits limits;               // handed to every request's command; max_input_bytes bounds the body
    double request_time_limit = 60;  // seconds: each request's command runs with --time-limit this
    unsigned workers = 0;            // requests computed at once (0: the number of cores)
    std::size_t queue = 256;         // requests waiting for a worker beyond which the answer is 503
};

}  // namespace bigcert::serve
