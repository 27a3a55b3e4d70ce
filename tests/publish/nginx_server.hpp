#pragma once
// A real nginx (Debian's, with its dav module) on 127.0.0.1, for push tests: started
// with a generated config under a scratch prefix, PUT allowed only with the token.
#include <sys/types.h>

#include <filesystem>
#include <string>

namespace bangvang::testing {

class NginxServer {
public:
    // Serves `root` on a free port; throws std::runtime_error when nginx cannot start.
    NginxServer(const std::filesystem::path& prefix, const std::filesystem::path& root, const std::string& token);
    ~NginxServer();
    NginxServer(const NginxServer&) = delete;
    NginxServer& operator=(const NginxServer&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/feed"; }
    void kill_now();  // SIGKILL, as a crash or a pulled cable would
    static bool available();

private:
    void start();
    std::filesystem::path prefix_;
    int port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace bangvang::testing
