#pragma once
// Copies the portal database's WAL back into the main file from a connection and thread
// of its own, every `period`, so that copy and its fsync never stand inside a report's
// commit (the writing connection has wal_autocheckpoint = 0: without this a commit now
// and then also wrote and synced megabytes, the latency's long tail). PASSIVE: it neither
// waits for nor blocks the writer; the WAL starts over once all of it was copied.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "store/sqlite_handle.hpp"

namespace bangvang::portal {

class WalCheckpointer {
public:
    WalCheckpointer(const std::filesystem::path& database_file, std::function<void(const std::string&)> log,
                    std::chrono::milliseconds period = std::chrono::milliseconds(1000));
    ~WalCheckpointer();  // stops at once (a checkpoint under way ends first)
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

private:
    void run(std::stop_token stop);

    store::DatabasePtr database_;
    std::function<void(const std::string&)> log_;
    std::chrono::milliseconds period_;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::jthread thread_;  // last
};

}  // namespace bangvang::portal
