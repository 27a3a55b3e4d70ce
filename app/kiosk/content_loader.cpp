#include "kiosk/content_loader.hpp"

#include <string>

#include "kiosk/log.hpp"
#include "sync/feed_folder.hpp"

namespace bangvang::kiosk {

sync::SourceTrust source_trust(const SourceConfig& source) {
    return sync::SourceTrust{.source_id = source.id, .configured_keys = source.keys};
}

LoadSummary load_sources(const KioskConfig& config, store::ContentCache& cache, core::ClockReading clock) {
    const core::UnixSeconds now = clock.seconds;
    LoadSummary summary;
    for (const SourceConfig& source : config.sources) {
        if (source.is_remote()) continue;  // the sync worker fetches it
        std::string component = "source " + source.id;
        auto synced = sync::sync_feed_folder(source.feed_directory, source_trust(source), cache, clock,
                                             core::ScreenSize{.width = config.screen_width(), .height = config.screen_height()});
        sync::SourceStatus& status = summary.statuses.emplace_back();
        status.source_id = source.id;
        status.last_attempt = now;
        if (!synced) {
            status.last_error = synced.problem().message();
            status.consecutive_failures = 1;
            ++summary.failed;
            auto state = cache.source_state(source.id);
            log(LogLevel::error, component,
                synced.problem().message() + (state ? "; still playing version " + std::to_string(state->version)
                                                    : "; nothing cached for it yet"));
            continue;
        }
        status.last_success = now;
        if (synced->verdict == sync::FeedVerdict::unchanged) {
            ++summary.unchanged;
            log(LogLevel::info, component, "version " + std::to_string(synced->version) + " unchanged");
            continue;
        }
        const sync::AppliedFeed& applied = synced->applied;
        if (applied.repaired) {
            ++summary.unchanged;
            log(applied.media_failures.empty() ? LogLevel::info : LogLevel::warning, component,
                "version " + std::to_string(synced->version) + ": " + std::to_string(applied.media_fetched) +
                    " missing media files fetched again" +
                    (applied.media_failures.empty() ? std::string()
                                                    : "; still missing: " + applied.media_failures.front().reason));
            continue;
        }
        ++summary.updated;
        status.held_back_items = applied.held_back_items;
        log(LogLevel::info, component,
            "applied version " + std::to_string(applied.version) + " (" + std::to_string(applied.items_live) +
                " items)");
        for (const sync::MediaFailure& failure : applied.media_failures) {
            log(LogLevel::warning, component, "held back items needing media: " + failure.reason);
        }
    }
    return summary;
}

}  // namespace bangvang::kiosk
