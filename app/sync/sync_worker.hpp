#pragma once
// The kiosk's one sync thread. It owns its own ContentCache connection (one SQLite
// connection per thread; WAL lets the player read meanwhile) and its own HttpClient,
// polls each remote source on its schedule, and tells the main thread through
// `on_content_changed` (the kiosk turns that into an SDL user event; the player
// refreshes at the next slide boundary). No SQLite call ever crosses threads.
//
// Schedule: a healthy source is polled every `interval`; after an error the wait
// doubles from `first_retry` up to `max_backoff`, with ±20 % jitter so that a
// district's kiosks do not hammer the portal in step; one success resets it. Waits run
// on std::chrono::steady_clock: a wall clock that jumps (NTP correcting a Pi without an
// RTC by a day) changes neither when the next poll happens nor the backoff. The wall
// clock (`clock`) only judges validity windows and is what the status shows.
//
// Reports: every `interval` (after the polls of that round) the worker adds a heartbeat
// for each source with a report URL to the outbox and POSTs what the outbox owes each
// of them (plays the player added on its own connection included); a failed POST keeps
// the records and retries with the same backoff as polling.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <deque>

#include "core/clock_time.hpp"
#include "core/screen_size.hpp"
#include "media/pixel_formats.hpp"
#include "sync/feed_verifier.hpp"
#include "sync/http_client.hpp"
#include "sync/report_delivery.hpp"
#include "sync/source_status.hpp"

namespace bangvang::sync {

struct WorkerSource {
    std::string url;  // base of the feed: https://, http:// or file://
    SourceTrust trust;
    std::string report_url{};  // where heartbeats and this source's plays go; empty = none
};

struct SyncWorkerOptions {
    std::filesystem::path database_file;
    std::filesystem::path media_directory;
    HttpClientOptions http;
    std::chrono::seconds interval{300};
    std::chrono::seconds first_retry{30};
    std::chrono::seconds max_backoff{3600};
    // Until a source's first success since the kiosk started (a first boot before the network
    // is up, a long outage at start) retries start at first_sync_first_wait and double up to
    // first_sync_max_wait (never above the interval, nor below first_sync_first_wait), each
    // ±20 %: the first sync happens soon after the network returns, not after an hour's
    // backoff, and a district's kiosks that all boot after one power cut poll no faster than
    // a healthy fleet at a one-minute interval, spread over their jitter.
    std::chrono::seconds first_sync_first_wait{10};
    std::chrono::seconds first_sync_max_wait{60};
    std::function<core::UnixSeconds()> clock;  // wall time: validity, expiry, what the status shows
    // Whether a time service vouches for `clock` (core::ClockReading); unset: always.
    std::function<bool()> clock_synchronized;
    // firmware/update.sh's STATE/status.json: its last outcome goes into every heartbeat.
    std::filesystem::path update_status_file;
    std::function<void()> on_content_changed;
    std::function<void(SyncLogLevel, const std::string& component, const std::string& message)> log;
    // Set by a signal handler (SIGUSR1): the worker looks at it at least once a second.
    const volatile std::sig_atomic_t* sync_now_signal = nullptr;
    KioskReportIdentity reporting;        // named in heartbeats and reports
    store::OutboxLimits outbox_limits{};  // for heartbeats; the player's outbox has its own
    core::ScreenSize screen{};          // the slides' size: larger images get a screen-sized copy
    // The thread starts at construction, or (true) at the first start(): the kiosk starts
    // it after its first frame, so that the poll (libcurl loaded, SQLite opened, a
    // request) does not compete with drawing it on a small machine.
    bool start_later = false;
};

// Delay before the next poll after `consecutive_failures` errors (0 = healthy);
// `jitter_unit` in [0, 1) picks the point within ±20 %.
std::chrono::seconds next_poll_delay(const SyncWorkerOptions& options, int consecutive_failures, double jitter_unit);
// The retry delay while a source never succeeded since the start: the shorter of
// next_poll_delay and the first-sync schedule (first_sync_first_wait doubling up to
// first_sync_max_wait, capped by the interval), the jitter applied after.
std::chrono::seconds first_sync_poll_delay(const SyncWorkerOptions& options, int consecutive_failures,
                                           double jitter_unit);
// The wait the worker schedules after a poll at a random point of the jitter:
// next_poll_delay, or first_sync_poll_delay while the source never succeeded since the
// start (`synced_once` false). tools/fleet schedules its simulated kiosks with it too.
std::chrono::seconds wait_before_next_poll(const SyncWorkerOptions& options, int consecutive_failures, bool synced_once);

class SyncWorker {
public:
    SyncWorker(std::vector<WorkerSource> sources, SyncWorkerOptions options);
    ~SyncWorker();  // stops the thread; a transfer under way is abandoned within a second
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    // Starts the thread when options.start_later held it back; then does nothing. Call it
    // from the thread that made the worker. sync_now() and media_missing() before it are
    // remembered; wait_for_first_round() before it waits for it.
    void start();

    void sync_now();
    // The player could not find a media file it was to draw: every source is polled (at
    // most once a minute for this reason), which fetches the lost files of what plays.
    void media_missing();
    std::vector<SourceStatus> status() const;
    // The status as of the worker's last poll or delivery, published by the worker when it
    // changes (with its log line and content event): reading it takes neither the worker's
    // mutex nor SQLite, only a lock held for a pointer copy, so the drawing path may ask
    // for every slide.
    using StatusSnapshot = std::shared_ptr<const std::vector<SourceStatus>>;
    StatusSnapshot latest_status() const;
    // Blocks until every source has been polled at least once (for headless runs), or
    // `give_up` (asked ten times a second) says to stop waiting.
    void wait_for_first_round(const std::function<bool()>& give_up = {}) const;

private:
    void run();    // the thread's body: serve() until stopped, whatever it throws
    void serve();
    void poll_source(std::size_t index, class PollingContext& context);
    bool reports_anywhere() const;
    void remember_error(RecentError error);  // holding mutex_
    void publish_status();                   // holding mutex_
    void report(class PollingContext& context);
    Heartbeat assemble_heartbeat(class PollingContext& context, core::UnixSeconds now);
    // POSTs what the outbox owes source `index` (after adding the heartbeat); false if it failed.
    bool deliver_to(std::size_t index, class PollingContext& context, core::UnixSeconds now,
                    const std::string& heartbeat_body);

    // Made before the thread starts, freed after it ends (media/pixel_formats.hpp): its
    // image checks and screen-sized copies share SDL's pixel formats with the player.
    media::HeldPixelFormats pixel_formats_;
    std::vector<WorkerSource> sources_;
    SyncWorkerOptions options_;
    mutable std::mutex mutex_;
    mutable std::condition_variable wake_;
    std::vector<SourceStatus> status_;
    // A copy of status_, replaced whole. Guarded by its own mutex rather than held in a
    // std::atomic<std::shared_ptr>: libstdc++ 12 implements that with a lock bit
    // ThreadSanitizer cannot see, so every publish read as a data race.
    mutable std::mutex published_mutex_;
    StatusSnapshot published_;
    std::vector<std::string> conditional_etags_;
    bool stop_ = false;
    std::atomic<bool> cancel_transfers_ = false;  // set on destruction: the transfer under way ends at once
    bool sync_now_ = false;
    bool media_missing_ = false;
    std::chrono::steady_clock::time_point next_media_check_{};
    std::size_t polled_once_ = 0;
    bool reported_once_ = false;
    using SteadyTime = std::chrono::steady_clock::time_point;
    std::vector<SteadyTime> next_poll_at_;  // per source; the epoch: at once
    SteadyTime next_report_at_{};
    int report_failures_ = 0;
    std::deque<RecentError> recent_errors_;  // for heartbeats, newest last
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::thread thread_;
};

}  // namespace bangvang::sync
