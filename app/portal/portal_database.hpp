#pragma once
// What the portal knows, in one SQLite file (WAL, synchronous=FULL: a commit is on disk
// when it returns, power cut or not): the plays kiosks proved, per-day counts (folded by a
// kiosk while offline, or rolled up here after `raw_play_days`), each kiosk's newest
// heartbeat, the signatures already used (replay), and how many requests were refused and
// why. A report is stored in one transaction, alone (store_report) or with the others that
// arrived meanwhile (store_batch: group commit, one fsync for all); the caller
// acknowledges it only after that returned. The statements are prepared once and kept. Plays are keyed by
// kiosk, source, item and start time, and a folded count by all its members, so a
// report re-sent after a lost acknowledgement adds nothing twice.
//
// Kiosk ids, sites and items are stored once and referred to by number (portal_schema.hpp);
// a file made by an older bangvang-portal is upgraded when opened.
// A "day" is the district's local day at `utc_offset_minutes`, computed from a play's
// start time; a folded count carries the kiosk's own day.
//
// One connection guarded by a mutex: the HTTP server's threads share one PortalDatabase.
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <memory>
#include <vector>

#include "core/clock_time.hpp"
#include "core/report_parser.hpp"
#include "portal/report_statements.hpp"
#include "store/sqlite_handle.hpp"

namespace bangvang::portal {



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
    std::optional<bool> clock_synchronized;         // none: the kiosk did not say (older kiosks)
    std::optional<core::ReportedUpdate> last_update;
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

// A report the receiver accepted, waiting to be stored.
struct ReportToStore {
    core::Report report;
    ReportOrigin origin;
};

// What became of one report of a batch: stored (figures; `replayed` when it was a replay),
// or, when `failure` is set, rolled back alone (nothing of it kept) while the others stand.
struct StoreOutcome {
    StoredFigures figures;
    std::string failure;
};


class PortalDatabase {
public:
    explicit PortalDatabase(const std::filesystem::path& file, int utc_offset_minutes = core::vietnam_utc_offset_minutes);
    ~PortalDatabase();
    PortalDatabase(const PortalDatabase&) = delete;
    PortalDatabase& operator=(const PortalDatabase&) = delete;

    // The WAL is checkpointed by another connection (WalCheckpointer), never inside a
    // report's commit here.
    void leave_checkpoints_to_another_connection();

    // The file's schema version when it was opened, and now (portal_schema.hpp).
    int opened_schema_version() const { return opened_schema_version_; }
    int schema_version() const;

    // Throws when it cannot be stored (nothing of it is then).
    StoredFigures store_report(const core::Report& report, const ReportOrigin& origin);
    // Group commit: the reports, each in its own savepoint, and the refusals to count (a
    // replayed report is counted as "replayed" too), in one transaction. Returns, in the
    // order given, what became of each once committed; throws when the commit fails, and
    // then nothing of the batch is stored.
    std::vector<StoreOutcome> store_batch(const std::vector<const ReportToStore*>& reports,
                                          const std::vector<std::string>& refusals);
    // Best effort: a refusal is counted even when nothing else is stored.
    void count_refusal(std::string_view reason);
    std::map<std::string, std::int64_t> refusals() const;

    // Single plays that arrived before `now - raw_play_days` (and started before it) become
    // daily counts; the memory of used signatures and folded counts is trimmed alike.
    // Works in slices of start time, one short transaction each, so reports wait only
    // milliseconds for it; the totals are the same after every slice. Returns plays rolled up.
    std::size_t roll_up(core::UnixSeconds now, int raw_play_days);

    std::vector<KioskState> kiosk_states() const;
    // Days inclusive, in the district's local days.
    std::vector<PlayTotal> play_totals(core::CivilDate from, core::CivilDate to) const;

    std::int64_t file_bytes() const;  // the main file and its WAL

private:
    std::filesystem::path file_;
    int utc_offset_seconds_;
    mutable std::mutex mutex_;
    store::DatabasePtr database_;
    std::unique_ptr<ReportStatements> statements_;  // prepared on database_, kept
    int opened_schema_version_ = 0;
};

}  // namespace bangvang::portal
