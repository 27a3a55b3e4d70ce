#pragma once
// Debian's nginx serving a folder on 127.0.0.1 for one test, with a generated config
// under a temporary prefix (no root paths, no master process, no daemon).
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/process.hpp"

extern char** environ;

namespace bangvang::sync::testing {

// A port nothing listens on right now: bound, then closed.
inline int free_loopback_port() {
    const int socket_handle = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(socket_handle, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(socket_handle, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(socket_handle);
    return ntohs(address.sin_port);
}

inline bool nginx_available() { return std::filesystem::exists("/usr/sbin/nginx"); }

class NginxServer {
public:
    explicit NginxServer(const std::filesystem::path& prefix) : prefix_(prefix), port_(free_loopback_port()) {
        std::filesystem::create_directories(root());
        std::filesystem::create_directories(prefix_ / "logs");
        const std::string p = prefix_.string();
        bangvang::testing::write_file(prefix_ / "nginx.conf",
            "worker_processes 1;\nerror_log " + p + "/logs/error.log;\npid " + p + "/nginx.pid;\n"
            "events { worker_connections 64; }\n"
            "http {\n  access_log " + p + "/logs/access.log;\n"
            "  client_body_temp_path " + p + "/client_body; proxy_temp_path " + p + "/proxy;\n"
            "  fastcgi_temp_path " + p + "/fastcgi; uwsgi_temp_path " + p + "/uwsgi; scgi_temp_path " + p + "/scgi;\n"
            "  default_type application/octet-stream;\n"
            "  server {\n    listen 127.0.0.1:" + std::to_string(port_) + ";\n    root " + root().string() + ";\n  }\n}\n");
        const std::string config = (prefix_ / "nginx.conf").string();
        std::vector<char*> arguments{const_cast<char*>("/usr/sbin/nginx"), const_cast<char*>("-p"),
                                     const_cast<char*>(p.c_str()), const_cast<char*>("-e"),
                                     const_cast<char*>("stderr"), const_cast<char*>("-c"),
                                     const_cast<char*>(config.c_str()), const_cast<char*>("-g"),
                                     const_cast<char*>("daemon off; master_process off;"), nullptr};
        if (posix_spawn(&pid_, "/usr/sbin/nginx", nullptr, nullptr, arguments.data(), environ) != 0) {
            throw std::runtime_error("cannot start nginx");
        }
        // Ready when it accepts a connection.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        for (;;) {
            const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in address{};
            address.sin_family = AF_INET;
            address.sin_port = htons(static_cast<std::uint16_t>(port_));
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            const bool up = ::connect(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
            ::close(probe);
            if (up) break;
            if (std::chrono::steady_clock::now() > give_up) throw std::runtime_error("nginx did not start");
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    ~NginxServer() {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    NginxServer(const NginxServer&) = delete;
    NginxServer& operator=(const NginxServer&) = delete;

    std::filesystem::path root() const { return prefix_ / "html"; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

private:
    std::filesystem::path prefix_;
    int port_;
    pid_t pid_ = -1;
};

}  // namespace bangvang::sync::testing
