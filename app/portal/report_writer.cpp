#include "portal/report_writer.hpp"

#include <algorithm>
#include <exception>
#include <vector>

namespace bangvang::portal {

ReportWriter::ReportWriter(PortalDatabase& database, std::function<void(const std::string&)> log, std::size_t max_batch)
    : database_(database), log_(std::move(log)), max_batch_(max_batch), thread_([this](std::stop_token stop) { run(stop); }) {}

ReportWriter::~ReportWriter() {
    thread_.request_stop();
    arrived_.notify_all();
    thread_.join();
    // Anything queued after the thread's last look (none in the portal: the HTTP server
    // has stopped before) is still written, here.
    std::deque<Job> rest;
    {
        std::lock_guard lock(mutex_);
        rest.swap(queue_);
    }
    while (!rest.empty()) write(rest);
}

void ReportWriter::store(ReportToStore report, Stored stored) {
    enqueue(Job{.report = std::move(report), .stored = std::move(stored), .refusal = {}, .counted = {},
                .handed_over = std::chrono::steady_clock::now()});
}

void ReportWriter::count_refusal(std::string reason, Counted counted) {
    enqueue(Job{.report = {}, .stored = {}, .refusal = std::move(reason), .counted = std::move(counted),
                .handed_over = std::chrono::steady_clock::now()});
}

void ReportWriter::enqueue(Job job) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(job));
    }
    arrived_.notify_one();
}

void ReportWriter::run(std::stop_token stop) {
    std::deque<Job> jobs;
    while (true) {
        {
            std::unique_lock lock(mutex_);
            arrived_.wait(lock, stop, [this] { return !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, nothing left
            jobs.swap(queue_);
        }
        while (!jobs.empty()) write(jobs);
    }
}

// One batch from the front of `jobs`: at most max_batch_ of them, one transaction.
void ReportWriter::write(std::deque<Job>& jobs) {
    const std::size_t count = std::min(jobs.size(), max_batch_);
    std::vector<const ReportToStore*> reports;
    std::vector<std::string> refusals;
    for (std::size_t index = 0; index < count; ++index) {
        if (jobs[index].stored) reports.push_back(&jobs[index].report);
        if (jobs[index].counted) refusals.push_back(jobs[index].refusal);
    }
    std::vector<StoreOutcome> outcomes;
    std::string batch_failure;
    const auto begun = std::chrono::steady_clock::now();
    try {
        outcomes = database_.store_batch(reports, refusals);
    } catch (const std::exception& error) {
        batch_failure = error.what();
        log_("không ghi được " + std::to_string(reports.size()) + " báo cáo (chưa xác nhận cho máy nào, máy sẽ gửi lại): " +
             batch_failure);
    }
    const auto written = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - begun);
    std::size_t report_index = 0;
    for (std::size_t index = 0; index < count; ++index) {
        Job& job = jobs[index];
        try {
            if (job.stored) {
                const StoreOutcome outcome = batch_failure.empty() ? outcomes[report_index]
                                                                   : StoreOutcome{.figures = {}, .failure = batch_failure};
                ++report_index;
                job.stored(job.report, outcome,
                           BatchFacts{.queued = std::chrono::duration_cast<std::chrono::microseconds>(begun - job.handed_over),
                                      .written = written,
                                      .reports = reports.size()});
            } else if (job.counted) {
                job.counted(batch_failure);
            }
        } catch (const std::exception& error) {
            log_(std::string("lỗi khi trả lời sau khi ghi: ") + error.what());
        }
    }
    jobs.erase(jobs.begin(), jobs.begin() + static_cast<std::ptrdiff_t>(count));
}

}  // namespace bangvang::portal
