#include "sync/sync_worker.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "store/content_cache.hpp"
#include "store/report_outbox.hpp"
#include "sync/poll_outcome.hpp"
#include "sync/remote_feed.hpp"

namespace bangvang::sync {

class PollingContext {
public:
    explicit PollingContext(const SyncWorkerOptions& options)
        : cache(options.database_file, options.media_directory), outbox(cache, options.outbox_limits), client(options.http) {}
    store::ContentCache cache;
    store::ReportOutbox outbox;  // on this thread's connection
    HttpClient client;
    std::vector<ConditionalState> conditional;
};

namespace {

// Seconds before the next try, without jitter: the interval when healthy, else `first`
// doubling per failure up to `cap`.
double unjittered_delay(const SyncWorkerOptions& options, int consecutive_failures, std::chrono::seconds first,
                        std::chrono::seconds cap) {
    if (consecutive_failures <= 0) return static_cast<double>(options.interval.count());
    const double doubled =
        static_cast<double>(first.count()) * std::pow(2.0, static_cast<double>(std::min(consecutive_failures - 1, 30)));
    return std::min(doubled, static_cast<double>(cap.count()));
}

std::chrono::seconds jittered(double seconds, double jitter_unit) {
    seconds *= 0.8 + 0.4 * jitter_unit;
    return std::chrono::seconds(std::max<long long>(1, std::llround(seconds)));
}

}  // namespace

std::chrono::seconds next_poll_delay(const SyncWorkerOptions& options, int consecutive_failures, double jitter_unit) {
    return jittered(unjittered_delay(options, consecutive_failures, options.first_retry, options.max_backoff),
                    jitter_unit);
}

std::chrono::seconds first_sync_poll_delay(const SyncWorkerOptions& options, int consecutive_failures,
                                           double jitter_unit) {
    const std::chrono::seconds cap =
        std::max(options.first_sync_first_wait, std::min(options.first_sync_max_wait, options.interval));
    const double usual = unjittered_delay(options, consecutive_failures, options.first_retry, options.max_backoff);
    const double first_sync = unjittered_delay(options, consecutive_failures, options.first_sync_first_wait, cap);
    return jittered(std::min(usual, first_sync), jitter_unit);
}

std::chrono::seconds wait_before_next_poll(const SyncWorkerOptions& options, int consecutive_failures, bool synced_once) {
    const double jitter = static_cast<double>(randombytes_uniform(1'000'000)) / 1'000'000.0;
    return synced_once ? next_poll_delay(options, consecutive_failures, jitter)
                       : first_sync_poll_delay(options, consecutive_failures, jitter);
}

SyncWorker::SyncWorker(std::vector<WorkerSource> sources, SyncWorkerOptions options)
    : sources_(std::move(sources)), options_(std::move(options)) {
    if (!options_.clock) {
        options_.clock = [] {
            return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        };
    }
    if (!options_.clock_synchronized) options_.clock_synchronized = [] { return true; };
    for (const WorkerSource& source : sources_) {
        SourceStatus status;
        status.source_id = source.trust.source_id;
        status_.push_back(std::move(status));
    }
    publish_status();
    next_poll_at_.assign(sources_.size(), SteadyTime{});
    options_.http.cancel = &cancel_transfers_;
    if (!options_.start_later) start();
}

void SyncWorker::start() {
    if (thread_.joinable()) return;
    thread_ = std::thread([this] { run(); });
}

SyncWorker::~SyncWorker() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cancel_transfers_ = true;
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void SyncWorker::sync_now() {
    {
        std::lock_guard lock(mutex_);
        sync_now_ = true;
    }
    wake_.notify_all();
}

void SyncWorker::media_missing() {
    {
        std::lock_guard lock(mutex_);
        if (media_missing_) return;
        media_missing_ = true;
    }
    wake_.notify_all();
}

std::vector<SourceStatus> SyncWorker::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void SyncWorker::wait_for_first_round(const std::function<bool()>& give_up) const {
    std::unique_lock lock(mutex_);
    const auto done = [&] { return stop_ || (polled_once_ >= sources_.size() && (reported_once_ || !reports_anywhere())); };
    while (!done()) {
        if (give_up && give_up()) return;
        wake_.wait_for(lock, std::chrono::milliseconds(100));
    }
}

void SyncWorker::publish_status() {
    auto copy = std::make_shared<const std::vector<SourceStatus>>(status_);
    const std::lock_guard lock(published_mutex_);
    published_ = std::move(copy);
}

SyncWorker::StatusSnapshot SyncWorker::latest_status() const {
    const std::lock_guard lock(published_mutex_);
    return published_;
}

void SyncWorker::remember_error(RecentError error) {
    constexpr std::size_t recent_errors_kept = 10;  // a heartbeat stays small however bad the day
    recent_errors_.push_back(std::move(error));
    while (recent_errors_.size() > recent_errors_kept) recent_errors_.pop_front();
}

bool SyncWorker::reports_anywhere() const {
    return std::any_of(sources_.begin(), sources_.end(), [](const WorkerSource& source) { return !source.report_url.empty(); });
}

Heartbeat SyncWorker::assemble_heartbeat(PollingContext& context, core::UnixSeconds now) {
    Heartbeat heartbeat{.at = now,
                        .program_version = program_version(),
                        .uptime_seconds = std::chrono::duration_cast<std::chrono::seconds>(
                                              std::chrono::steady_clock::now() - started_)
                                              .count(),
                        .free_disk_bytes = free_disk_bytes(options_.media_directory),
                        .clock_synchronized = options_.clock_synchronized(),
                        .last_update_json = options_.update_status_file.empty()
                                                ? std::string()
                                                : update_outcome_json(options_.update_status_file),
                        .sources = {},
                        .recent_errors = {}};
    try {
        for (const store::SourceState& cached : context.cache.sources()) {
            heartbeat.sources.push_back(HeartbeatSource{.source_id = cached.source_id, .version = cached.version});
        }
    } catch (const std::exception& error) {  // versions unknown this time; the heartbeat still goes
        std::lock_guard lock(mutex_);
        remember_error(RecentError{.at = now, .source_id = "", .message = error.what()});
    }
    std::lock_guard lock(mutex_);
    heartbeat.recent_errors.assign(recent_errors_.begin(), recent_errors_.end());
    for (const SourceStatus& status : status_) {
        auto found = std::find_if(heartbeat.sources.begin(), heartbeat.sources.end(),
                                  [&](const HeartbeatSource& source) { return source.source_id == status.source_id; });
        if (found == heartbeat.sources.end()) {
            heartbeat.sources.push_back(HeartbeatSource{.source_id = status.source_id});
            found = std::prev(heartbeat.sources.end());
        }
        found->last_sync = status.last_success;
        found->last_error = status.last_error;
    }
    return heartbeat;
}

bool SyncWorker::deliver_to(std::size_t index, PollingContext& context, core::UnixSeconds now,
                            const std::string& heartbeat_body) {
    const WorkerSource& source = sources_[index];
    const std::string& source_id = source.trust.source_id;
    core::Result<Delivery> delivered = [&]() -> core::Result<Delivery> {
        try {
            context.outbox.add_heartbeat(source_id, now, heartbeat_body);
            return deliver_reports(context.outbox, context.client, source_id, source.report_url, options_.reporting, now);
        } catch (const std::exception& error) {  // the disk or SQLite: report and retry later
            return core::Problem{source.report_url, "", error.what()};
        }
    }();
    bool stopping = false;
    {
        std::lock_guard lock(mutex_);
        SourceStatus& status = status_[index];
        stopping = stop_;
        if (delivered) {
            status.last_report = now;
            status.last_report_error.clear();
        } else if (!stopping) {
            status.last_report_error = delivered.problem().message();
            remember_error(RecentError{.at = now, .source_id = source_id, .message = status.last_report_error});
        }
        publish_status();
    }
    if (options_.log && delivered) {
        options_.log(SyncLogLevel::info, "report " + source_id,
                     "delivered " + std::to_string(delivered->records) + " records in " +
                         std::to_string(delivered->posts) + " POSTs (" + std::to_string(delivered->bytes_sent) + " bytes)");
    } else if (options_.log) {
        // Cut off by the kiosk's own shutdown: said, not a warning.
        options_.log(stopping ? SyncLogLevel::info : SyncLogLevel::warning, "report " + source_id,
                     (stopping ? "delivery ended by the kiosk stopping (" + delivered.problem().message() + ")"
                               : delivered.problem().message()) +
                         "; kept in the outbox for the next round");
    }
    return static_cast<bool>(delivered);
}

void SyncWorker::report(PollingContext& context) {
    const core::UnixSeconds now = options_.clock();
    const std::string heartbeat_body = heartbeat_json(options_.reporting, assemble_heartbeat(context, now));
    bool failed = false;
    for (std::size_t index = 0; index < sources_.size(); ++index) {
        if (sources_[index].report_url.empty()) continue;
        if (!deliver_to(index, context, now, heartbeat_body)) failed = true;
    }
    {
        std::lock_guard lock(mutex_);
        report_failures_ = failed ? report_failures_ + 1 : 0;
        const double jitter = static_cast<double>(randombytes_uniform(1'000'000)) / 1'000'000.0;
        next_report_at_ = std::chrono::steady_clock::now() + next_poll_delay(options_, report_failures_, jitter);
        reported_once_ = true;
    }
    wake_.notify_all();
}

void SyncWorker::poll_source(std::size_t index, PollingContext& context) {
    const WorkerSource& source = sources_[index];
    const core::ClockReading reading(options_.clock(), options_.clock_synchronized());
    const core::Result<PollResult> polled = [&]() -> core::Result<PollResult> {
        try {
            return poll_remote_feed(source.url, source.trust, context.cache, context.client, context.conditional[index],
                                    reading, options_.screen);
        } catch (const std::exception& error) {  // the disk or SQLite: report and retry like a network error
            return core::Problem{source.url, "", error.what()};
        }
    }();
    // What plays now, read before taking the mutex.
    PlayingNow playing;
    try {
        playing.state = context.cache.source_state(source.trust.source_id);
        playing.accepted = context.cache.accepted_version(source.trust.source_id);
    } catch (const std::exception& error) {
        playing.cache_problem = error.what();
    }

    PollOutcome outcome;
    {
        std::lock_guard lock(mutex_);
        SourceStatus& status = status_[index];
        if (!polled && stop_) {
            // Cut off by the kiosk's own shutdown (its transfer abandoned at once): said, not
            // counted as a failure of the server or the network.
            outcome.message = "poll ended by the kiosk stopping (" + polled.problem().message() + ")";
        } else {
            outcome = record_poll(status, polled, playing, reading);
        }
        if (outcome.failed) {
            remember_error(RecentError{.at = reading.seconds, .source_id = source.trust.source_id, .message = status.last_error});
        }
        const std::chrono::seconds delay =
            wait_before_next_poll(options_, status.consecutive_failures, status.last_success.has_value());
        next_poll_at_[index] = std::chrono::steady_clock::now() + delay;
        status.next_poll = reading.seconds + delay.count();
        ++polled_once_;
        publish_status();
    }
    wake_.notify_all();
    if (options_.log) options_.log(outcome.level, "sync " + source.trust.source_id, outcome.message);
    if (outcome.content_changed && options_.on_content_changed) options_.on_content_changed();
}

void SyncWorker::run() {
    // No exception may leave the thread (that would be std::terminate: a dark screen and a
    // restart loop). Whatever escapes a round is logged and the worker starts over.
    for (;;) {
        try {
            serve();
            return;
        } catch (const std::exception& error) {
            if (options_.log) {
                options_.log(SyncLogLevel::error, "sync",
                             std::string(error.what()) + "; starting again in " +
                                 std::to_string(options_.first_retry.count()) + " s");
            }
        }
        std::unique_lock lock(mutex_);
        polled_once_ = std::max(polled_once_, sources_.size());  // a headless run waiting for the first round goes on
        reported_once_ = true;
        wake_.notify_all();
        if (wake_.wait_for(lock, options_.first_retry, [this] { return stop_; })) return;
    }
}

void SyncWorker::serve() {
    std::optional<PollingContext> context;
    try {
        context.emplace(options_);
    } catch (const std::exception& error) {
        throw std::runtime_error(std::string("cannot start: ") + error.what());
    }
    context->conditional.resize(sources_.size());
    const bool reporting = reports_anywhere();
    for (;;) {
        std::vector<std::size_t> due;
        bool report_due = false;
        {
            std::unique_lock lock(mutex_);
            for (;;) {
                if (stop_) return;
                const bool signalled = options_.sync_now_signal && *options_.sync_now_signal;
                const bool media_check = media_missing_ && std::chrono::steady_clock::now() >= next_media_check_;
                if (media_check) {
                    media_missing_ = false;
                    next_media_check_ = std::chrono::steady_clock::now() + std::chrono::minutes(1);
                }
                if (sync_now_ || signalled || media_check) {
                    sync_now_ = false;
                    if (signalled) *const_cast<volatile std::sig_atomic_t*>(options_.sync_now_signal) = 0;
                    for (std::size_t index = 0; index < sources_.size(); ++index) due.push_back(index);
                    report_due = reporting;
                    break;
                }
                const SteadyTime now = std::chrono::steady_clock::now();
                for (std::size_t index = 0; index < sources_.size(); ++index) {
                    if (next_poll_at_[index] <= now) due.push_back(index);
                }
                report_due = reporting && next_report_at_ <= now;
                if (!due.empty() || report_due) break;
                // At most a second: the signal flag cannot wake a condition variable.
                wake_.wait_for(lock, std::chrono::seconds(1));
            }
        }
        for (std::size_t index : due) {
            {
                std::lock_guard lock(mutex_);
                if (stop_) return;
            }
            poll_source(index, *context);
        }
        // After the polls: a heartbeat then says how they went.
        if (report_due) report(*context);
    }
}

}  // namespace bangvang::sync
