#include "support/nginx_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/process.hpp"

extern char** environ;

namespace bangvang::testing {

namespace {

constexpr const char* nginx_binary = "/usr/sbin/nginx";

sockaddr_in loopback_address(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    return address;
}

// A port nothing listens on right now: bound, then closed.
int free_loopback_port() {
    const int socket_handle = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = loopback_address(0);
    ::bind(socket_handle, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(socket_handle, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(socket_handle);
    return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
    const int socket_handle = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = loopback_address(port);
    const bool connected = ::connect(socket_handle, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(socket_handle);
    return connected;
}

std::string put_rules(const NginxOptions& options) {
    if (!options.dav) return "";
    std::string rules =
        "      dav_methods PUT DELETE;\n      create_full_put_path on;\n      dav_access user:rw group:r all:r;\n";
    if (!options.token.empty()) {
        rules += "      set $refused \"\";\n"
                 "      if ($request_method ~ ^(PUT|DELETE)$) { set $refused \"yes\"; }\n"
                 "      if ($http_authorization = \"Bearer " + options.token + "\") { set $refused \"\"; }\n"
                 "      if ($refused) { return 401; }\n";
    }
    return rules;
}

std::string config_text(const NginxOptions& options, int port) {
    const std::string prefix = options.prefix.string();
    return "worker_processes 1;\n"
           "error_log " + prefix + "/logs/error.log warn;\n"
           "pid " + prefix + "/nginx.pid;\n"
           "events { worker_connections 64; }\n"
           "http {\n"
           "  access_log " + prefix + "/logs/access.log;\n"
           "  client_body_temp_path " + prefix + "/temp/body;\n"
           "  proxy_temp_path " + prefix + "/temp/proxy;\n"
           "  fastcgi_temp_path " + prefix + "/temp/fastcgi;\n"
           "  uwsgi_temp_path " + prefix + "/temp/uwsgi;\n"
           "  scgi_temp_path " + prefix + "/temp/scgi;\n"
           "  default_type application/octet-stream;\n"
           "  server {\n"
           "    listen 127.0.0.1:" + std::to_string(port) + ";\n"
           "    root " + options.root.string() + ";\n"
           "    client_max_body_size 64m;\n"
           "    location / {\n" + put_rules(options) + "    }\n"
           "  }\n"
           "}\n";
}

}  // namespace

bool NginxServer::available() { return ::access(nginx_binary, X_OK) == 0; }

NginxServer::NginxServer(NginxOptions options) : options_(std::move(options)), port_(free_loopback_port()) {
    if (options_.root.empty()) options_.root = options_.prefix / "html";
    std::filesystem::create_directories(options_.root);
    std::filesystem::create_directories(options_.prefix / "logs");
    std::filesystem::create_directories(options_.prefix / "temp");
    const std::filesystem::path config = options_.prefix / "nginx.conf";
    write_file(config, config_text(options_, port_));

    const std::string prefix = options_.prefix.string() + "/";
    const std::string config_path = config.string();
    std::vector<char*> arguments{const_cast<char*>(nginx_binary),
                                 const_cast<char*>("-p"),
                                 const_cast<char*>(prefix.c_str()),
                                 const_cast<char*>("-e"),
                                 const_cast<char*>("stderr"),
                                 const_cast<char*>("-c"),
                                 const_cast<char*>(config_path.c_str()),
                                 const_cast<char*>("-g"),
                                 const_cast<char*>("daemon off; master_process off;"),
                                 nullptr};
    if (::posix_spawn(&pid_, nginx_binary, nullptr, nullptr, arguments.data(), environ) != 0) {
        pid_ = -1;
        throw std::runtime_error(std::string("cannot start ") + nginx_binary);
    }
    const std::string error_log = (options_.prefix / "logs" / "error.log").string();
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepts_connections(port_)) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("nginx exited at start; see " + error_log);
        }
        if (std::chrono::steady_clock::now() > give_up) {
            kill_now();
            throw std::runtime_error("nginx did not listen on port " + std::to_string(port_) + " within 10 s; see " +
                                     error_log);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void NginxServer::kill_now() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

NginxServer::~NginxServer() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
}

}  // namespace bangvang::testing
