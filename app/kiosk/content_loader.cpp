#include "kiosk/content_loader.hpp"

#include <string>

#include "kiosk/log.hpp"
#include "store/feed_directory.hpp"

namespace bangvang::kiosk {

LoadSummary load_sources(const KioskConfig& config, store::ContentCache& cache, core::UnixSeconds now) {
    LoadSummary summary;
    for (const SourceConfig& source : config.sources) {
        std::string component = "source " + source.id;
        auto imported = store::import_feed_directory(source.feed_directory, cache, now,
                                                     {.expected_source_id = source.id});
        if (!imported) {
            ++summary.failed;
            auto state = cache.source_state(source.id);
            log(LogLevel::error, component,
                imported.problem().message() + (state ? "; still playing version " + std::to_string(state->version)
                                                      : "; nothing cached for it yet"));
            continue;
        }
        if (imported->outcome == store::FeedOutcome::unchanged) {
            ++summary.unchanged;
            log(LogLevel::info, component, "version " + std::to_string(imported->source.version) + " unchanged");
        } else {
            ++summary.updated;
            log(LogLevel::info, component,
                "applied version " + std::to_string(imported->source.version) + " (" +
                    std::to_string(imported->source.item_count) + " items)");
        }
    }
    return summary;
}

}  // namespace bangvang::kiosk
