#pragma once
// What the portal knows, in one SQLite file (WAL, synchronous=FULL): the plays kiosks
// proved, per-day counts (folded by a kiosk while offline, or rolled up here after
// `raw_play_days`), each kiosk's newest heartbeat, the signatures already used (replay),
// and how many requests were refused and why. A report is stored in one transaction;
// the caller acknowledges it only after store_report() returned. Plays are keyed by
// kiosk, source, item and start time, and a folded count by all its members, so a
// report re-sent after a lost acknowledgement adds nothing twice.
//
// One connection guarded by a mutex: the HTTP server's threads share one PortalDatabase.
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock_time.hpp"
#include "core/report_parser.hpp"
#include "store/sqlite_handle.hpp"

namespace bangvang::portal {

struct StoredFigures {
    bool replayed = false;          // the signature's timestamp was used before: nothing stored
    std::size_t new_plays = 0;
    std::size_t repeated_plays = 0;  // already known (a re-sent report)
    std::size_t new_counts = 0;
    std::size_t repeated_counts = 0;
    std::size_t heartbeats = 0;
};

struct ReportOrigin {
    std::string kiosk_id;
    std::string site;                  // the registry's, not the report's word
    std::int64_t signature_milliseconds = 0;
    core::UnixSeconds received_at = 0;
    int utc_offset_minutes = 7 * 60;   // the district's day
};

struct KioskSourceState {
    std::string source_id;
    std::int64_t version = 0;
    std::optional<core::UnixSeconds> last_sync;
    std::string last_error;
};

struct KioskState {
    std::string kiosk_id;
    std::optional<core::UnixSeconds> heartbeat_at;  // the newest heartbeat's own time
    std::optional<core::UnixSeconds> received_at;   // when it arrived here
    std::string program_version;
    std::int64_t uptime_seconds = 0;
    std::optional<std::int64_t> free_disk_bytes;
    std::string last_error;                         // the newest of recent_errors
    std::optional<core::UnixSeconds> last_error_at;
    std::vector<KioskSourceState> sources;
};

// Plays and milliseconds of one item at one kiosk over a period.
struct PlayTotal {
    std::string source_id;
    std::string item_id;
    std::string site;
    std::string kiosk_id;
    std::int64_t plays = 0;
    std::int64_t duration_milliseconds = 0;
};

class PortalDatabase {
public:
    explicit PortalDatabase(const std::filesystem::path& file);

    StoredFigures store_report(const core::Report& report, const ReportOrigin& origin);
    // Best effort: a refusal is counted even when nothing else is stored.
    void count_refusal(std::string_view reason);
    std::map<std::string, std::int64_t> refusals() const;

    // Single plays that arrived before `now - raw_play_days` become daily counts; the
    // memory of used signatures and folded counts is trimmed alike. Returns plays rolled up.
    std::size_t roll_up(core::UnixSeconds now, int raw_play_days);

    std::vector<KioskState> kiosk_states() const;
    // Days inclusive, in the district's local days.
    std::vector<PlayTotal> play_totals(core::CivilDate from, core::CivilDate to) const;

    std::int64_t file_bytes() const;  // the main file and its WAL

private:
    std::filesystem::path file_;
    mutable std::mutex mutex_;
    store::DatabasePtr database_;
};

}  // namespace bangvang::portal
