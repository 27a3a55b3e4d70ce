#include "sync/sync_worker.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>

#include "store/content_cache.hpp"
#include "sync/remote_feed.hpp"

namespace bangvang::sync {

class PollingContext {
public:
    explicit PollingContext(const SyncWorkerOptions& options)
        : cache(options.database_file, options.media_directory), client(options.http) {}
    store::ContentCache cache;
    HttpClient client;
    std::vector<ConditionalState> conditional;
};

std::chrono::seconds next_poll_delay(const SyncWorkerOptions& options, int consecutive_failures, double jitter_unit) {
    double seconds = static_cast<double>(options.interval.count());
    if (consecutive_failures > 0) {
        const double doubled = static_cast<double>(options.first_retry.count()) *
                               std::pow(2.0, static_cast<double>(std::min(consecutive_failures - 1, 30)));
        seconds = std::min(doubled, static_cast<double>(options.max_backoff.count()));
    }
    seconds *= 0.8 + 0.4 * jitter_unit;
    return std::chrono::seconds(std::max<long long>(1, std::llround(seconds)));
}

SyncWorker::SyncWorker(std::vector<WorkerSource> sources, SyncWorkerOptions options)
    : sources_(std::move(sources)), options_(std::move(options)) {
    if (!options_.clock) {
        options_.clock = [] {
            return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        };
    }
    for (const WorkerSource& source : sources_) {
        SourceStatus status;
        status.source_id = source.trust.source_id;
        status_.push_back(std::move(status));
    }
    thread_ = std::thread([this] { run(); });
}

SyncWorker::~SyncWorker() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
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

std::vector<SourceStatus> SyncWorker::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void SyncWorker::wait_for_first_round() const {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [&] { return stop_ || polled_once_ >= sources_.size(); });
}

void SyncWorker::poll_source(std::size_t index, PollingContext& context) {
    const WorkerSource& source = sources_[index];
    const std::string component = "sync " + source.trust.source_id;
    const core::UnixSeconds now = options_.clock();
    core::Result<PollResult> polled = [&]() -> core::Result<PollResult> {
        try {
            return poll_remote_feed(source.url, source.trust, context.cache, context.client, context.conditional[index], now);
        } catch (const std::exception& error) {  // the disk or SQLite: report and retry like a network error
            return core::Problem{source.url, "", error.what()};
        }
    }();

    bool changed = false;
    std::string message;
    SyncLogLevel level = SyncLogLevel::info;
    {
        std::lock_guard lock(mutex_);
        SourceStatus& status = status_[index];
        status.last_attempt = now;
        if (polled) {
            status.last_success = now;
            status.last_error.clear();
            status.consecutive_failures = 0;
            status.last_poll_bytes = polled->bytes_received;
            changed = polled->sync.verdict == FeedVerdict::accept;
            if (changed) {
                const AppliedFeed& applied = polled->sync.applied;
                message = "applied version " + std::to_string(applied.version) + " (" + std::to_string(applied.items_live) +
                          " items, " + std::to_string(applied.media_fetched) + " media files fetched)";
                if (applied.held_back_items > 0) {
                    level = SyncLogLevel::warning;
                    status.last_error = std::to_string(applied.held_back_items) + " items wait for media: " +
                                        applied.media_failures.front().reason;
                    message += "; " + status.last_error;
                }
            } else {
                message = "version " + std::to_string(polled->sync.version) + " unchanged (" +
                          std::to_string(polled->bytes_received) + " bytes)";
            }
        } else {
            ++status.consecutive_failures;
            status.last_error = polled.problem().message();
            level = SyncLogLevel::error;
            message = status.last_error;
        }
        if (auto state = context.cache.source_state(source.trust.source_id)) {
            status.version = state->version;
            status.expires_at = state->expires_at;
            if (level == SyncLogLevel::error) message += "; still playing version " + std::to_string(state->version);
        } else if (level == SyncLogLevel::error) {
            message += "; nothing cached for it yet";
        }
        if (auto accepted = context.cache.accepted_version(source.trust.source_id)) {
            status.held_back_items = accepted->held_back_items;
        }
        if (status.expires_at > 0 && status.expires_at <= now) {
            message += "; the playing version expired at " + core::format_rfc3339(status.expires_at, core::vietnam_utc_offset_minutes);
        }
        const double jitter = static_cast<double>(randombytes_uniform(1'000'000)) / 1'000'000.0;
        status.next_poll = now + next_poll_delay(options_, status.consecutive_failures, jitter).count();
        ++polled_once_;
    }
    wake_.notify_all();
    if (options_.log) options_.log(level, component, message);
    if (changed && options_.on_content_changed) options_.on_content_changed();
}

void SyncWorker::run() {
    std::optional<PollingContext> context;
    try {
        context.emplace(options_);
    } catch (const std::exception& error) {
        if (options_.log) options_.log(SyncLogLevel::error, "sync", std::string("cannot start: ") + error.what());
        std::lock_guard lock(mutex_);
        polled_once_ = sources_.size();
        wake_.notify_all();
        return;
    }
    context->conditional.resize(sources_.size());
    for (;;) {
        std::vector<std::size_t> due;
        {
            std::unique_lock lock(mutex_);
            for (;;) {
                if (stop_) return;
                const bool signalled = options_.sync_now_signal && *options_.sync_now_signal;
                if (sync_now_ || signalled) {
                    sync_now_ = false;
                    if (signalled) *const_cast<volatile std::sig_atomic_t*>(options_.sync_now_signal) = 0;
                    for (std::size_t index = 0; index < sources_.size(); ++index) due.push_back(index);
                    break;
                }
                const core::UnixSeconds now = options_.clock();
                for (std::size_t index = 0; index < sources_.size(); ++index) {
                    if (status_[index].next_poll <= now) due.push_back(index);
                }
                if (!due.empty()) break;
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
    }
}

}  // namespace bangvang::sync
