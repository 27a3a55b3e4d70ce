#pragma once
// Debian's nginx on 127.0.0.1 for one test, started with a generated config under a
// scratch prefix (no root paths, no daemon, no master process). It serves a folder;
// with `dav` it also takes HTTP PUT (its dav module), only with the token when one is set.
#include <sys/types.h>

#include <filesystem>
#include <string>

namespace bangvang::testing {

struct NginxOptions {
    std::filesystem::path prefix;  // config, logs and nginx's temporary files
    std::filesystem::path root;    // the folder served; empty: prefix/html
    bool dav = false;              // accept PUT, creating folders as needed
    std::string token;             // PUT only with "Authorization: Bearer TOKEN"; empty: any PUT
};

class NginxServer {
public:
    // Starts nginx on a free port and waits until it accepts connections; throws
    // std::runtime_error (naming its error log) when it cannot start.
    explicit NginxServer(NginxOptions options);
    // Plain serving of prefix/html, no PUT.
    explicit NginxServer(const std::filesystem::path& prefix)
        : NginxServer(NginxOptions{.prefix = prefix, .root = {}, .dav = false, .token = {}}) {}
    ~NginxServer();
    NginxServer(const NginxServer&) = delete;
    NginxServer& operator=(const NginxServer&) = delete;

    const std::filesystem::path& root() const { return options_.root; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }
    void kill_now();  // SIGKILL, as a crash or a pulled cable would

    static bool available();  // false when Debian's nginx is not installed

private:
    NginxOptions options_;
    int port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace bangvang::testing
