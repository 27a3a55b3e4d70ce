#include "portal/wal_checkpointer.hpp"

#include <exception>

namespace bangvang::portal {

WalCheckpointer::WalCheckpointer(const std::filesystem::path& database_file, std::function<void(const std::string&)> log,
                                 std::chrono::milliseconds period)
    : database_(store::open_database(database_file)), log_(std::move(log)), period_(period) {
    sqlite3_busy_timeout(database_.get(), 1000);
    // The copy into the main file is synced before the WAL may start over.
    store::execute(database_.get(), "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0;");
    thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

WalCheckpointer::~WalCheckpointer() {
    thread_.request_stop();
    wake_.notify_all();
}

void WalCheckpointer::run(std::stop_token stop) {
    bool complained = false;
    while (!stop.stop_requested()) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, stop, period_, [] { return false; });
        }
        if (stop.stop_requested()) return;
        int frames = 0;
        int copied = 0;
        const int status = sqlite3_wal_checkpoint_v2(database_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
        if (status != SQLITE_OK && status != SQLITE_BUSY && !complained) {
            // Said once: the WAL then grows until a checkpoint succeeds (at the latest when
            // the portal stops), nothing is lost.
            log_(std::string("chưa chép được nhật ký WAL vào tệp cơ sở dữ liệu: ") + sqlite3_errmsg(database_.get()));
            complained = true;
        } else if (status == SQLITE_OK) {
            complained = false;
        }
    }
}

}  // namespace bangvang::portal
