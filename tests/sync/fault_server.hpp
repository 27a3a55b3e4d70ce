#pragma once
// Runs tests/sync/fault_server.py on 127.0.0.1 for one test: serves `folder/root`,
// reads faults from `folder/control.json`; stopped (SIGTERM, then reaped) on destruction
// and by itself after `lifetime_seconds` in any case.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/process.hpp"
#include "support/build_paths.hpp"

extern char** environ;

namespace bangvang::sync::testing {

class FaultServer {
public:
    FaultServer(const std::filesystem::path& folder, int lifetime_seconds = 120) : folder_(folder) {
        std::filesystem::create_directories(root());
        const std::string script = std::string(bangvang::testing::paths::checkout) + "/tests/sync/fault_server.py";
        const std::string port_file = (folder_ / "port").string();
        const std::string lifetime = std::to_string(lifetime_seconds);
        const std::string root_text = root().string();
        std::vector<char*> arguments{const_cast<char*>("/usr/bin/python3"), const_cast<char*>(script.c_str()),
                                     const_cast<char*>(root_text.c_str()), const_cast<char*>(port_file.c_str()),
                                     const_cast<char*>(lifetime.c_str()), nullptr};
        if (posix_spawn(&pid_, "/usr/bin/python3", nullptr, nullptr, arguments.data(), environ) != 0) {
            throw std::runtime_error("cannot start the fault server");
        }
        // python3 starts in well under a second on a quiet machine, but took more than 10 s
        // beside a CI run and five builds: the wait is generous, yet bounded, and a server
        // that has died is not waited for.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(90);
        while (!std::filesystem::exists(port_file)) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("the fault server (" + script + ") ended before it wrote its port");
            }
            if (std::chrono::steady_clock::now() > give_up) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                pid_ = -1;
                throw std::runtime_error("the fault server (" + script + ") wrote no port within 90 s");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        port_ = std::stoi(bangvang::testing::read_file(port_file));
    }
    ~FaultServer() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    FaultServer(const FaultServer&) = delete;
    FaultServer& operator=(const FaultServer&) = delete;

    std::filesystem::path root() const { return folder_ / "root"; }
    std::string url(const std::string& path = "") const {
        return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
    }
    // `fault` as in fault_server.py; empty heals.
    void set_fault(const std::string& fault, const std::vector<std::string>& paths = {}) const {
        std::string json = R"({"fault": ")" + fault + R"(", "paths": [)";
        for (std::size_t index = 0; index < paths.size(); ++index) {
            json += (index ? ", \"" : "\"") + paths[index] + "\"";
        }
        bangvang::testing::write_file(folder_ / "control.json", json + "]}");
    }
    std::string request_log() const { return bangvang::testing::read_file(folder_ / "requests.log"); }
    // One JSON line per report POST received (see fault_server.py); empty when none.
    std::string reports_received() const {
        const auto file = folder_ / "reports.jsonl";
        return std::filesystem::exists(file) ? bangvang::testing::read_file(file) : std::string();
    }

private:
    std::filesystem::path folder_;
    pid_t pid_ = -1;
    int port_ = 0;
};

}  // namespace bangvang::sync::testing
