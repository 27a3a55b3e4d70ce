#pragma once
// Group commit. The HTTP threads check a report (signature, format, times) and hand it
// here; one thread writes everything that arrived while the previous commit ran in one
// transaction (PortalDatabase::store_batch: one fsync for all of them, synchronous=FULL),
// and only after that commit tells each caller what became of its report, so an
// acknowledgement still means "on disk". Refusals to count travel the same way.
// A report that fails alone is rolled back alone; a commit that fails fails them all.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "portal/portal_database.hpp"

namespace bangvang::portal {

// Where a report's time went in the writer (the Server-Timing the portal answers with).
struct BatchFacts {
    std::chrono::microseconds queued{0};   // from handed over to its batch begun
    std::chrono::microseconds written{0};  // its batch's transaction, commit (fsync) included
    std::size_t reports = 0;               // in that batch
};

class ReportWriter {
public:
    // Called on the writer's thread once the report's batch was committed (or failed: see
    // `failure`); must not block for long. Exceptions from it are logged, not let out.
    using Stored = std::function<void(const ReportToStore&, const StoreOutcome&, const BatchFacts&)>;
    // Called once the count is committed, or its batch failed (`failure`).
    using Counted = std::function<void(const std::string& failure)>;

    explicit ReportWriter(PortalDatabase& database, std::function<void(const std::string&)> log,
                          std::size_t max_batch = 512);
    // Writes what is still queued, then stops.
    ~ReportWriter();
    ReportWriter(const ReportWriter&) = delete;
    ReportWriter& operator=(const ReportWriter&) = delete;

    void store(ReportToStore report, Stored stored);
    void count_refusal(std::string reason, Counted counted);

private:
    struct Job {
        ReportToStore report;  // when `stored` is set
        Stored stored;
        std::string refusal;  // when `counted` is set
        Counted counted;
        std::chrono::steady_clock::time_point handed_over = std::chrono::steady_clock::now();
    };
    void enqueue(Job job);
    void run(std::stop_token stop);
    void write(std::deque<Job>& jobs);

    PortalDatabase& database_;
    std::function<void(const std::string&)> log_;
    std::size_t max_batch_;
    std::mutex mutex_;
    std::condition_variable_any arrived_;
    std::deque<Job> queue_;
    std::jthread thread_;  // last: started once the rest exists, joined first
};

}  // namespace bangvang::portal
