#include "portal/portal_database.hpp"

#include <algorithm>
#include <limits>

#include "portal/portal_schema.hpp"
#include "store/schema.hpp"

namespace bangvang::portal {

namespace {

using store::Statement;

// A play's local day (days since 1970-01-01) from its start time, rounded down also
// before 1970; ?9 is the UTC offset in seconds.
constexpr std::string_view play_day_sql = "((started_at + ?9) - (((started_at + ?9) % 86400) + 86400) % 86400) / 86400";
constexpr core::UnixSeconds roll_up_slice_seconds = 30;

std::optional<std::int64_t> optional_integer(const Statement& row, int column) {
    if (row.is_null(column)) return std::nullopt;
    return row.integer(column);
}

}  // namespace

PortalDatabase::PortalDatabase(const std::filesystem::path& file, int utc_offset_minutes)
    : file_(file), utc_offset_seconds_(utc_offset_minutes * 60), database_(store::open_database(file)) {
    sqlite3_busy_timeout(database_.get(), 5000);
    // FULL, not NORMAL: in WAL mode NORMAL does not fsync at commit, so a power cut can
    // take the last commits with it, and a kiosk would have been told "stored" (2xx) for
    // plays that are gone. Group commit (store_batch) pays the fsync once per batch instead.
    // journal_size_limit: the WAL file is cut back to 16 MB when it starts over.
    store::execute(database_.get(), "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                                    "PRAGMA journal_size_limit = 16777216;");
    opened_schema_version_ = store::read_schema_version(database_.get());
    store::migrate_schema(database_.get(), portal_schema_steps());
    statements_ = std::make_unique<ReportStatements>(database_.get());
}

PortalDatabase::~PortalDatabase() = default;

void PortalDatabase::leave_checkpoints_to_another_connection() {
    std::lock_guard lock(mutex_);
    store::execute(database_.get(), "PRAGMA wal_autocheckpoint = 0;");
}

int PortalDatabase::schema_version() const {
    std::lock_guard lock(mutex_);
    return store::read_schema_version(database_.get());
}

StoredFigures PortalDatabase::store_report(const core::Report& report, const ReportOrigin& origin) {
    std::lock_guard lock(mutex_);
    sqlite3* database = database_.get();
    try {
        store::Transaction transaction(database);
        StoredFigures figures = store_one(database, *statements_, report, origin);
        if (figures.replayed) {
            statements_->forget_names();
            return figures;  // rolled back: nothing of it is stored
        }
        transaction.commit();
        return figures;
    } catch (...) {
        statements_->reset_all();
        statements_->forget_names();
        throw;
    }
}

std::vector<StoreOutcome> PortalDatabase::store_batch(const std::vector<const ReportToStore*>& reports,
                                                      const std::vector<std::string>& refusals) {
    std::lock_guard lock(mutex_);
    sqlite3* database = database_.get();
    std::vector<StoreOutcome> outcomes(reports.size());
    try {
        store::Transaction transaction(database);
        for (std::size_t index = 0; index < reports.size(); ++index) {
            store::execute(database, "SAVEPOINT report");
            bool undo = false;
            try {
                outcomes[index].figures = store_one(database, *statements_, reports[index]->report, reports[index]->origin);
                undo = outcomes[index].figures.replayed;
            } catch (const std::exception& error) {
                statements_->reset_all();
                outcomes[index] = StoreOutcome{.figures = {}, .failure = error.what()};
                undo = true;
            }
            if (undo) {
                store::execute(database, "ROLLBACK TO report");
                statements_->forget_names();
            }
            store::execute(database, "RELEASE report");
            if (outcomes[index].figures.replayed) statements_->refusal.bind(1, std::string_view("replayed")).run();
        }
        for (const std::string& reason : refusals) statements_->refusal.bind(1, reason).run();
        transaction.commit();
    } catch (...) {
        statements_->reset_all();
        statements_->forget_names();
        throw;
    }
    return outcomes;
}

void PortalDatabase::count_refusal(std::string_view reason) {
    std::lock_guard lock(mutex_);
    statements_->refusal.bind(1, reason).run();
}

std::map<std::string, std::int64_t> PortalDatabase::refusals() const {
    std::lock_guard lock(mutex_);
    std::map<std::string, std::int64_t> counts;
    Statement rows(database_.get(), "SELECT reason, count FROM refusals");
    while (rows.step()) counts[rows.text(0)] = rows.integer(1);
    return counts;
}

std::size_t PortalDatabase::roll_up(core::UnixSeconds now, int raw_play_days) {
    const core::UnixSeconds cutoff = now - static_cast<core::UnixSeconds>(raw_play_days) * 86'400;
    sqlite3* database = database_.get();
    // A play that arrived late (started long ago) stays raw until it too is old enough
    // since its arrival: a re-send of it is still recognised.
    Statement oldest(database, "SELECT min(started_at) FROM plays WHERE started_at >= ?1");
    Statement add(database, std::string(R"sql(
        INSERT INTO daily_counts (day, site, kiosk, item, plays, duration_ms)
        SELECT )sql") + std::string(play_day_sql) + R"sql(, site, kiosk, item, count(*), sum(duration_ms) FROM plays
        WHERE started_at >= ?1 AND started_at < ?2 AND received_at < ?3
        GROUP BY 1, site, kiosk, item
        ON CONFLICT (day, site, kiosk, item) DO UPDATE SET
            plays = plays + excluded.plays, duration_ms = duration_ms + excluded.duration_ms)sql");
    Statement remove(database, "DELETE FROM plays WHERE started_at >= ?1 AND started_at < ?2 AND received_at < ?3");
    std::size_t rolled = 0;
    core::UnixSeconds from = std::numeric_limits<core::UnixSeconds>::min();
    while (true) {
        std::lock_guard lock(mutex_);
        oldest.bind(1, from);
        const bool any = oldest.step() && !oldest.is_null(0);
        from = any ? oldest.integer(0) : cutoff;
        oldest.reset();
        if (from >= cutoff) break;
        const core::UnixSeconds to = std::min(from + roll_up_slice_seconds, cutoff);
        store::Transaction transaction(database);
        add.bind(1, from).bind(2, to).bind(3, cutoff).bind(9, static_cast<std::int64_t>(utc_offset_seconds_)).run();
        remove.bind(1, from).bind(2, to).bind(3, cutoff).run();
        rolled += static_cast<std::size_t>(sqlite3_changes(database));
        transaction.commit();
        from = to;
    }
    std::lock_guard lock(mutex_);
    store::Transaction transaction(database);
    Statement(database, "DELETE FROM folded_counts_seen WHERE received_at < ?1").bind(1, cutoff).run();
    // A signature older than a day is refused as stale anyway; its memory can go.
    Statement(database, "DELETE FROM used_signatures WHERE timestamp_ms < ?1").bind(1, (now - 86'400) * 1000).run();
    transaction.commit();
    return rolled;
}

std::vector<KioskState> PortalDatabase::kiosk_states() const {
    std::lock_guard lock(mutex_);
    std::vector<KioskState> states;
    Statement rows(database_.get(), R"sql(
        SELECT kiosk_id, heartbeat_at, received_at, program_version, uptime_seconds, free_disk_bytes, last_error,
               last_error_at, clock_synchronized, update_result, update_at, update_from_version, update_to_version,
               update_message FROM kiosk_status ORDER BY kiosk_id)sql");
    while (rows.step()) {
        std::optional<core::ReportedUpdate> update;
        if (!rows.is_null(9)) {
            update = core::ReportedUpdate{.result = rows.text(9),
                                          .at = optional_integer(rows, 10),
                                          .from_version = rows.text(11),
                                          .to_version = rows.text(12),
                                          .message = rows.text(13)};
        }
        const std::optional<std::int64_t> synchronized = optional_integer(rows, 8);
        states.push_back(KioskState{.kiosk_id = rows.text(0),
                                    .heartbeat_at = rows.integer(1),
                                    .received_at = rows.integer(2),
                                    .program_version = rows.text(3),
                                    .uptime_seconds = rows.integer(4),
                                    .free_disk_bytes = optional_integer(rows, 5),
                                    .last_error = rows.text(6),
                                    .last_error_at = optional_integer(rows, 7),
                                    .clock_synchronized = synchronized ? std::optional<bool>(*synchronized != 0) : std::nullopt,
                                    .last_update = std::move(update),
                                    .sources = {}});
    }
    Statement sources(database_.get(),
                      "SELECT source_id, version, last_sync, last_error FROM kiosk_sources WHERE kiosk_id = ?1 ORDER BY source_id");
    for (KioskState& state : states) {
        sources.bind(1, state.kiosk_id);
        while (sources.step()) {
            state.sources.push_back(KioskSourceState{.source_id = sources.text(0),
                                                     .version = sources.integer(1),
                                                     .last_sync = optional_integer(sources, 2),
                                                     .last_error = sources.text(3)});
        }
        sources.reset();
    }
    return states;
}

std::vector<PlayTotal> PortalDatabase::play_totals(core::CivilDate from, core::CivilDate to) const {
    std::lock_guard lock(mutex_);
    std::vector<PlayTotal> totals;
    Statement rows(database_.get(), R"sql(
        SELECT i.source_id, i.item_id, s.site, k.kiosk_id, sum(t.plays), sum(t.duration_ms) FROM (
            SELECT item, site, kiosk, count(*) AS plays, sum(duration_ms) AS duration_ms
            FROM plays WHERE started_at >= ?1 AND started_at < ?2 GROUP BY item, site, kiosk
            UNION ALL
            SELECT item, site, kiosk, sum(plays), sum(duration_ms)
            FROM daily_counts WHERE day BETWEEN ?3 AND ?4 GROUP BY item, site, kiosk) AS t
        JOIN item_names i ON i.number = t.item JOIN site_names s ON s.number = t.site
        JOIN kiosk_names k ON k.number = t.kiosk
        GROUP BY t.item, t.site, t.kiosk ORDER BY i.source_id, i.item_id, s.site, k.kiosk_id)sql");
    const std::int64_t first_day = core::days_from_civil(from);
    const std::int64_t last_day = core::days_from_civil(to);
    rows.bind(1, first_day * 86'400 - utc_offset_seconds_)
        .bind(2, (last_day + 1) * 86'400 - utc_offset_seconds_)
        .bind(3, first_day)
        .bind(4, last_day);
    while (rows.step()) {
        totals.push_back(PlayTotal{.source_id = rows.text(0),
                                   .item_id = rows.text(1),
                                   .site = rows.text(2),
                                   .kiosk_id = rows.text(3),
                                   .plays = rows.integer(4),
                                   .duration_milliseconds = rows.integer(5)});
    }
    return totals;
}

std::int64_t PortalDatabase::file_bytes() const {
    std::error_code error;
    std::int64_t bytes = 0;
    for (const std::string suffix : {"", "-wal"}) {
        const auto size = std::filesystem::file_size(file_.string() + suffix, error);
        if (!error) bytes += static_cast<std::int64_t>(size);
    }
    return bytes;
}

}  // namespace bangvang::portal
