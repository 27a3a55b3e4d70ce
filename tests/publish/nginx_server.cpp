#include "nginx_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace bangvang::testing {

namespace {

constexpr const char* nginx_binary = "/usr/sbin/nginx";

int free_port() {
    const int socket_descriptor = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(socket_descriptor, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(socket_descriptor, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(socket_descriptor);
    return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
    const int socket_descriptor = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool connected = ::connect(socket_descriptor, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(socket_descriptor);
    return connected;
}

}  // namespace

bool NginxServer::available() { return ::access(nginx_binary, X_OK) == 0; }

NginxServer::NginxServer(const std::filesystem::path& prefix, const std::filesystem::path& root,
                         const std::string& token)
    : prefix_(prefix), port_(free_port()) {
    std::filesystem::create_directories(prefix_ / "temp");
    std::filesystem::create_directories(root);
    std::ofstream config(prefix_ / "nginx.conf");
    config << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
           << "pid " << (prefix_ / "nginx.pid").string() << ";\n"
           << "error_log " << (prefix_ / "error.log").string() << " warn;\n"
           << "events { worker_connections 64; }\n"
           << "http {\n  access_log off;\n"
           << "  client_body_temp_path " << (prefix_ / "temp" / "body").string() << ";\n"
           << "  proxy_temp_path " << (prefix_ / "temp" / "proxy").string() << ";\n"
           << "  fastcgi_temp_path " << (prefix_ / "temp" / "fastcgi").string() << ";\n"
           << "  uwsgi_temp_path " << (prefix_ / "temp" / "uwsgi").string() << ";\n"
           << "  scgi_temp_path " << (prefix_ / "temp" / "scgi").string() << ";\n"
           << "  server {\n    listen 127.0.0.1:" << port_ << ";\n"
           << "    root " << root.string() << ";\n"
           << "    client_max_body_size 64m;\n"
           << "    location /feed/ {\n"
           << "      dav_methods PUT;\n      create_full_put_path on;\n      dav_access user:rw group:r all:r;\n"
           << "      set $refused \"\";\n"
           << "      if ($request_method = PUT) { set $refused \"yes\"; }\n"
           << "      if ($http_authorization = \"Bearer " << token << "\") { set $refused \"\"; }\n"
           << "      if ($refused) { return 401; }\n"
           << "    }\n  }\n}\n";
    config.close();
    start();
}

void NginxServer::start() {
    pid_ = ::fork();
    if (pid_ == 0) {
        const std::string config = (prefix_ / "nginx.conf").string();
        const std::string prefix = prefix_.string() + "/";
        ::execl(nginx_binary, nginx_binary, "-p", prefix.c_str(), "-c", config.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (accepts_connections(port_)) return;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("nginx exited at start; see " + (prefix_ / "error.log").string());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("nginx did not start listening on port " + std::to_string(port_));
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
