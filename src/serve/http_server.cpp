#include "serve/http_server.hpp"

#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "bigcert/core/cancellation.hpp"
#include "bigcert/core/errors.hpp"
#include "demo_examples.hpp"
#include "serve/api.hpp"
#include "serve/page_assets.hpp"

extern char** environ;

namespace bigcert::serve {
namespace {

bool is_loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

// Bound to loopback, the server answers only requests addressed to a loopback name: a web page elsewhere
// cannot reach it through a DNS name that resolves to 127.0.0.1 (DNS rebinding).
bool host_header_allowed(const httplib::Request& request) {
    std::string host = request.get_header_value("Host");
    if (!host.empty() && host.front() == '[')
        host = host.substr(1, host.find(']') - 1);
    else
        host = host.substr(0, host.find(':'));
    return is_loopback(host);
}

void send(httplib::Response& response, const ApiResponse& answer) {
    response.status = answer.status;
    response.set_header("X-Bigcert-Exit-Code", std::to_string(answer.exit_code));
    if (!answer.download_name.empty())
        response.set_header("Content-Disposition", "attachment; filename=\"" + answer.download_name + "\"");
    response.set_content(answer.body, answer.content_type.c_str());
}

// The paper's examples that `bigcert demo` solves, for the page's "Examples" menu.
std::string examples_json() {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& example : demo::examples)
        list.push_back({{"file", std::string(example.file)}, {"text", std::string(example.json)}});
    return nlohmann::json{{"examples", list}}.dump();
}

void open_browser(const std::string& url) {
    std::vector<char*> argv{const_cast<char*>("xdg-open"), const_cast<char*>(url.c_str()), nullptr};
    pid_t pid;
    if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv.data(), environ) != 0)
        std::cerr << "bigcert serve: --open: cannot start xdg-open; open " << url << " yourself\n";
}

void add_routes(httplib::Server& server, Api& api, const ServeOptions& options) {
    const bool check_host = is_loopback(options.host);
    server.set_pre_routing_handler(
        [check_host](const httplib::Request& request, httplib::Response& response) {
            response.set_header("Cache-Control", "no-store");
            response.set_header("X-Content-Type-Options", "nosniff");
            if (!check_host || host_header_allowed(request))
                return httplib::Server::HandlerResponse::Unhandled;
            send(response, error_response(403,
                                          "bigcert serve: error: requests must address the server by a "
                                          "loopback name (localhost, 127.0.0.1)",
                                          2));
            return httplib::Server::HandlerResponse::Handled;
        });
    server.Get(R"(/|/app\.js|/style\.css)", [](const httplib::Request& request, httplib::Response& response) {
        const auto asset = page_asset(request.path);
        response.set_header(
            "Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:");
        response.set_content(std::string(asset->bytes), std::string(asset->content_type).c_str());
    });
    server.Get("/api/examples", [](const httplib::Request&, httplib::Response& response) {
        response.set_content(examples_json(), "application/json");
    });
    server.Post(R"(/api/([a-z]+))", [&api](const httplib::Request& request, httplib::Response& response) {
        const std::string command = request.matches[1];
        if (!Api::is_command(command)) {
            send(response, error_response(404,
                                          "bigcert serve: error: no command /api/" + command +
                                              " (solve, certify, check, dynamics, plot)",
                                          2));
            return;
        }
        send(response, api.handle(command, request.params, request.body));
    });
    const std::size_t max_bytes = options.limits.max_input_bytes;
    server.set_error_handler([max_bytes](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty()) return;
        if (response.status == 413)
            send(response, error_response(413,
                                          "bigcert: limit: the request body exceeds the limit of " +
                                              std::to_string(max_bytes) + " bytes (raise --max-input-bytes)",
                                          5));
        else
            send(response,
                 error_response(response.status,
                                "bigcert serve: error: HTTP " + std::to_string(response.status), 2));
    });
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& response, std::exception_ptr failure) {
            std::string what = "unknown";
            try {
                std::rethrow_exception(failure);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            send(response, error_response(500, "bigcert serve: internal error: " + what, 3));
        });
}

}  // namespace

void run_server(const ServeOptions& options) {
    ::signal(SIGPIPE, SIG_IGN);  // a client or a child that closes early must not end the server
    Api api(options);
    httplib::Server server;
    // Every waiting request holds an HTTP thread; a few more keep the page answering when the queue is full.
    const std::size_t threads = 2 * std::max(1u, std::thread::hardware_concurrency()) + options.queue + 16;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(options.limits.max_input_bytes);
    // The wait for a request's first byte is also the keep-alive wait: short, so that idle browser
    // connections do not hold HTTP threads, but not so short that a client slowed by load (it may send its
    // request seconds after connecting) finds its connection closed, which it sees as a reset. Reads of a
    // large body get longer.
    server.set_keep_alive_timeout(10);
    server.set_read_timeout(30, 0);
    // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second server would share the
    // port.
    socket_t listening = INVALID_SOCKET;
    server.set_socket_options([&listening](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
        listening = sock;
    });
    add_routes(server, api, options);

    const int port = options.port == 0
                         ? server.bind_to_any_port(options.host)
                         : (server.bind_to_port(options.host, options.port) ? options.port : -1);
    if (port < 0)
        throw InputError(options.port == 0 ? "--host" : "--port",
                         "cannot listen on " + options.host + ":" + std::to_string(options.port));
    // Debian's cpp-httplib is compiled with a listen backlog of 5: when many clients connect at once the
    // kernel drops their handshakes and later resets their connections. Listening again on the bound socket
    // raises the backlog (Linux keeps the socket and changes only the queue length).
    if (listening != INVALID_SOCKET) ::listen(listening, 1024);
    const std::string host =
        options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
    const std::string url = "http://" + host + ":" + std::to_string(port) + "/";
    std::cout << "bigcert serve: " << url << " (Ctrl-C stops)" << std::endl;
    if (options.open) open_browser(url);

    std::thread stopper([&server] {
        while (!cancellation_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        server.stop();
    });
    server.listen_after_bind();
    if (!cancellation_requested()) request_cancellation(SIGTERM);  // listening failed: end the stopper too
    stopper.join();
}

}  // namespace bigcert::serve
