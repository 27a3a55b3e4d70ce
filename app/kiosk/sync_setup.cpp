#include "kiosk/sync_setup.hpp"

#include <csignal>
#include <algorithm>
#include <set>

#include "kiosk/log.hpp"
#include "sync/report_signing.hpp"

namespace bangvang::kiosk {

namespace {

// Set by SIGUSR1, read and cleared by the sync worker (which looks at least once a second).
volatile std::sig_atomic_t sync_requested = 0;
void request_sync(int) { sync_requested = 1; }

LogLevel to_log_level(sync::SyncLogLevel level) {
    switch (level) {
        case sync::SyncLogLevel::info: return LogLevel::info;
        case sync::SyncLogLevel::warning: return LogLevel::warning;
        case sync::SyncLogLevel::error: return LogLevel::error;
    }
    return LogLevel::error;
}

// The kiosk's own key for signing its reports, made at first start; without one the
// reports go unsigned (a portal that checks refuses them, and they wait in the outbox).
std::optional<sync::SecretKey> report_key(const KioskConfig& config) {
    const std::filesystem::path file = config.cache_directory / sync::report_key_file_name;
    core::Result<sync::SecretKey> key = sync::load_or_create_report_key(file);
    if (!key) {
        log(LogLevel::error, "report", key.problem().message() + "; reports go unsigned until it can be read");
        return std::nullopt;
    }
    log(LogLevel::info, "report", "signs its reports with the key in " + file.string() + "; public key " +
                                      key->public_key().to_base64() + " (enrol it: bangvang-portal enroll)");
    return *key;
}

}  // namespace

KioskSync start_sync(const KioskConfig& config, const KioskClock& clock) {
    std::vector<sync::WorkerSource> sources;
    for (const SourceConfig& source : config.sources) {
        if (!source.is_remote()) continue;
        sources.push_back(sync::WorkerSource{.url = source.url,
                                             .trust = sync::SourceTrust{.source_id = source.id, .configured_keys = source.keys},
                                             .report_url = source.report_url});
    }
    KioskSync result;
    if (sources.empty()) return result;

    const Uint32 event_type = SDL_RegisterEvents(1);
    if (event_type != static_cast<Uint32>(-1)) result.content_changed_event = event_type;

    sync::SyncWorkerOptions options;
    options.database_file = config.cache_directory / "content.sqlite3";
    options.media_directory = config.cache_directory / "media";
    options.http.user_agent = sync::user_agent_for(config.identity.kiosk_id);
    options.http.ca_file = config.sync.ca_file;
    options.http.pinned_public_key = config.sync.pinned_public_key;
    options.interval = std::chrono::seconds(config.sync.interval_seconds);
    options.max_backoff = std::chrono::seconds(config.sync.max_backoff_seconds);
    options.first_retry = std::min(options.first_retry, options.interval);
    options.clock = [&clock] { return clock.now(); };
    options.clock_synchronized = [&clock] { return is_believed(clock.trust()); };
    // firmware/update.sh keeps its outcome on the state partition, beside the cache.
    options.update_status_file = config.cache_directory / "update/status.json";
    options.log = [](sync::SyncLogLevel level, const std::string& component, const std::string& message) {
        log(to_log_level(level), component, message);
    };
    options.on_content_changed = [event_type = result.content_changed_event] {
        if (event_type == 0) return;
        SDL_Event event{};
        event.type = event_type;
        SDL_PushEvent(&event);  // thread-safe: SDL's event queue has its own lock
    };
    options.sync_now_signal = &sync_requested;
    options.screen = core::ScreenSize{.width = config.screen_width(), .height = config.screen_height()};
    options.reporting = sync::KioskReportIdentity{.kiosk_id = config.identity.kiosk_id,
                                                  .site = config.identity.site,
                                                  .utc_offset_minutes = config.utc_offset_minutes};
    if (std::any_of(sources.begin(), sources.end(), [](const sync::WorkerSource& source) { return !source.report_url.empty(); })) {
        options.reporting.signing_key = report_key(config);
    }
    options.start_later = true;
    std::signal(SIGUSR1, request_sync);
    result.worker = std::make_unique<sync::SyncWorker>(std::move(sources), std::move(options));
    return result;
}

std::function<void(const core::PlayRecord&)> play_recorder(const KioskConfig& config, store::ReportOutbox& outbox) {
    std::set<std::string> reporting;
    for (const SourceConfig& source : config.sources) {
        // Only the sync worker delivers, and it runs for remote sources.
        if (source.is_remote() && !source.report_url.empty()) reporting.insert(source.id);
    }
    return [reporting = std::move(reporting), &outbox](const core::PlayRecord& play) {
        if (!reporting.contains(play.source_id)) return;
        try {
            if (const std::size_t dropped = outbox.add_play(play); dropped > 0) {
                log(LogLevel::warning, "report", "outbox full: dropped the per-day play counts of the " +
                                                     std::to_string(dropped) + " oldest entries");
            }
        } catch (const std::exception& error) {
            log(LogLevel::warning, "report", std::string("a play was not recorded: ") + error.what());
        }
    };
}

}  // namespace bangvang::kiosk
