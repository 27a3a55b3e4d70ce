#pragma once
// The portal's HTTP server: libmicrohttpd (Debian's libmicrohttpd) on loopback with an
// internal thread pool on epoll. It parses HTTP (never we), bounds what a client may
// cost — request bodies beyond `max_body_bytes` are answered 413 without reading on,
// at most `max_connections` at once, a connection idle for `timeout_seconds` is closed
// (slowloris) — and hands each complete request to one handler. A handler that throws
// answers 500; nothing escapes a libmicrohttpd thread. A handler may answer later, from
// another thread (a report is answered only after its group commit): the connection is
// suspended meanwhile, so the server's threads go on serving other connections.
// Every answer carries `Server-Timing: app;dur=<ms>`, the portal's own time from the
// request's headers to its answer queued, waiting for a commit included (the benchmark
// separates it from nginx, network and client).
#include <microhttpd.h>

#include <cstddef>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bangvang::portal {

struct HttpRequest {
    std::string method;
    std::string path;
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> headers;  // names in lowercase
    std::string body;

    std::optional<std::string> header(const std::string& lowercase_name) const;
    std::string query_value(const std::string& name) const;  // empty when absent
};

struct HttpAnswer {
    unsigned status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers{};
};

// Sends the answer to a request; called exactly once per request (later calls are
// ignored), from the handler itself or afterwards from any thread.
using Respond = std::function<void(HttpAnswer)>;
// Answers through `respond`, at once or later. Until it is called the connection waits.
using HttpHandler = std::function<void(const HttpRequest&, Respond)>;

struct HttpServerOptions {
    std::string address = "127.0.0.1";  // or "::1"
    int port = 0;                       // 0: any free port (see port())
    std::size_t max_body_bytes = 1024 * 1024;
    std::size_t max_connections = 2000;
    int timeout_seconds = 15;
    unsigned threads = 2;
    std::function<void(const std::string&)> log;  // libmicrohttpd's own complaints
};

struct DaemonStopper {
    void operator()(MHD_Daemon* daemon) const noexcept { MHD_stop_daemon(daemon); }
};
using DaemonPtr = std::unique_ptr<MHD_Daemon, DaemonStopper>;

class HttpServer {
public:
    // Throws std::runtime_error naming the address and port when it cannot listen.
    HttpServer(HttpServerOptions options, HttpHandler handler);
    // Stops accepting, waits for the answers still owed (the handler's promise: each
    // request is answered), then stops libmicrohttpd's threads.
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    int port() const { return port_; }

    // For libmicrohttpd's callbacks only.
    MHD_Result on_request(MHD_Connection* connection, const char* url, const char* method, const char* upload_data,
                          std::size_t* upload_data_size, void** request_state);

private:
    HttpServerOptions options_;
    HttpHandler handler_;
    std::atomic<int> unanswered_{0};  // requests handed to the handler and not answered yet
    std::atomic<bool> stopping_{false};
    DaemonPtr daemon_;  // last: stopped (threads joined) before the rest goes
    int port_ = 0;
};

}  // namespace bangvang::portal
