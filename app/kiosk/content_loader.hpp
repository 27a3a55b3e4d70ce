#pragma once
// Brings each configured folder source's signed feed into the cache (remote sources
// are the sync worker's). A source that fails is logged with its reason and keeps
// whatever version the cache already had; the others still load.
#include "core/clock_time.hpp"
#include "kiosk/kiosk_config.hpp"
#include "store/content_cache.hpp"
#include "sync/feed_verifier.hpp"
#include "sync/sync_worker.hpp"

namespace bangvang::kiosk {

struct LoadSummary {
    int updated = 0;
    int unchanged = 0;
    int failed = 0;
    // One per folder source, as the status overlay shows it (attempted at `now`).
    std::vector<sync::SourceStatus> statuses{};
};

sync::SourceTrust source_trust(const SourceConfig& source);

LoadSummary load_sources(const KioskConfig& config, store::ContentCache& cache, core::ClockReading clock);

}  // namespace bangvang::kiosk
