#pragma once
// What the kiosk owes the portal (README "Reports to the portal", content/FORMAT.md
// "Reports"): proof of play and heartbeats, kept in the cache's SQLite file until a
// report URL has acknowledged them, so that neither a restart nor weeks offline lose
// them. Bounded: past `max_plays` single plays the oldest are folded into counts per
// item, source and day; only the newest few heartbeats per destination are kept.
//
// One ReportOutbox per thread, on that thread's ContentCache connection: the player's
// thread adds plays, the sync thread adds heartbeats and delivers.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock_time.hpp"
#include "core/play_record.hpp"
#include "store/content_cache.hpp"

namespace bangvang::store {

struct OutboxLimits {
    // ~60 bytes a row: about a month of one slide every 15 s before folding starts.
    std::size_t max_plays = 20'000;
    // Folding stops a little below the cap, so that it does not run for every new play.
    std::size_t plays_after_folding = 18'000;
    std::size_t heartbeats_per_source = 3;
    // 500 items x 200 days; past that the oldest days' counts go (the only loss, and logged).
    std::size_t max_play_counts = 100'000;
    int utc_offset_minutes = core::vietnam_utc_offset_minutes;  // what a "day" of the counts is
};

struct StoredPlay {
    std::int64_t id = 0;
    core::PlayRecord play;
};

struct PlayCount {
    std::string source_id;
    std::string item_id;
    std::string day;  // "2024-11-20", local to the kiosk
    std::int64_t plays = 0;
    std::int64_t duration_milliseconds = 0;
};

struct StoredHeartbeat {
    std::int64_t id = 0;
    core::UnixSeconds created_at = 0;
    std::string body_json;  // one heartbeat object, as FORMAT.md "Reports" shows
};

// What is owed to one destination (a source's report_url), oldest first.
struct PendingReport {
    std::string source_id;
    std::vector<StoredHeartbeat> heartbeats;
    std::vector<StoredPlay> plays;
    std::vector<PlayCount> play_counts;

    bool empty() const { return heartbeats.empty() && plays.empty() && play_counts.empty(); }
};

struct OutboxSize {
    std::size_t plays = 0;
    std::size_t play_counts = 0;
    std::size_t heartbeats = 0;
};

class ReportOutbox {
public:
    // `cache` must outlive the outbox and belong to the calling thread.
    explicit ReportOutbox(const ContentCache& cache, OutboxLimits limits = {});

    // Adds one play; folds the oldest into per-day counts when over the cap. Returns the
    // number of per-day count rows dropped to stay bounded (0 unless months offline).
    std::size_t add_play(const core::PlayRecord& play);
    // Adds a heartbeat for `source_id`'s report URL and drops all but the newest few.
    void add_heartbeat(const std::string& source_id, core::UnixSeconds created_at, std::string_view body_json);

    // At most `max_records` of each kind owed to `source_id`.
    PendingReport pending(const std::string& source_id, std::size_t max_records) const;
    // After the destination acknowledged `delivered`: forgets exactly what it holds (counts
    // folded meanwhile into the same day are kept, less what was sent).
    void remove_delivered(const PendingReport& delivered);

    OutboxSize size() const;

private:
    void fold_oldest_plays(std::size_t plays_now);
    std::size_t drop_oldest_counts();

    sqlite3* database_;
    OutboxLimits limits_;
};

}  // namespace bangvang::store
