#include "portal/portal_database.hpp"

namespace bangvang::portal {

namespace {

using store::Statement;

constexpr std::string_view schema = R"sql(
CREATE TABLE IF NOT EXISTS plays (
    kiosk_id TEXT NOT NULL, source_id TEXT NOT NULL, item_id TEXT NOT NULL, started_at INTEGER NOT NULL,
    site TEXT NOT NULL, day TEXT NOT NULL, duration_ms INTEGER NOT NULL, received_at INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, source_id, item_id, started_at)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS plays_by_day ON plays (day);
CREATE INDEX IF NOT EXISTS plays_by_arrival ON plays (received_at);
CREATE TABLE IF NOT EXISTS daily_counts (
    day TEXT NOT NULL, site TEXT NOT NULL, kiosk_id TEXT NOT NULL, source_id TEXT NOT NULL, item_id TEXT NOT NULL,
    plays INTEGER NOT NULL, duration_ms INTEGER NOT NULL,
    PRIMARY KEY (day, site, kiosk_id, source_id, item_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS folded_counts_seen (
    kiosk_id TEXT NOT NULL, source_id TEXT NOT NULL, item_id TEXT NOT NULL, day TEXT NOT NULL,
    plays INTEGER NOT NULL, duration_ms INTEGER NOT NULL, received_at INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, source_id, item_id, day, plays, duration_ms)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS used_signatures (
    kiosk_id TEXT NOT NULL, timestamp_ms INTEGER NOT NULL, PRIMARY KEY (kiosk_id, timestamp_ms)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS kiosk_status (
    kiosk_id TEXT PRIMARY KEY, heartbeat_at INTEGER NOT NULL, received_at INTEGER NOT NULL,
    program_version TEXT NOT NULL, uptime_seconds INTEGER NOT NULL, free_disk_bytes INTEGER,
    last_error TEXT NOT NULL, last_error_at INTEGER);
CREATE TABLE IF NOT EXISTS kiosk_sources (
    kiosk_id TEXT NOT NULL, source_id TEXT NOT NULL, version INTEGER NOT NULL, last_sync INTEGER,
    last_error TEXT NOT NULL, PRIMARY KEY (kiosk_id, source_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS refusals (reason TEXT PRIMARY KEY, count INTEGER NOT NULL);
)sql";

std::optional<std::int64_t> optional_integer(const Statement& row, int column) {
    if (row.is_null(column)) return std::nullopt;
    return row.integer(column);
}

std::string local_day(core::UnixSeconds instant, int utc_offset_minutes) {
    return core::format_iso_date(core::to_wall_clock(instant, utc_offset_minutes).date);
}

// The newest heartbeat of the report replaces what the kiosk said before, unless an
// even newer one arrived first (reports may come out of order after an outage).
bool store_heartbeat(sqlite3* database, const core::ReportedHeartbeat& heartbeat, const ReportOrigin& origin) {
    Statement newer(database, "SELECT 1 FROM kiosk_status WHERE kiosk_id = ?1 AND heartbeat_at > ?2");
    newer.bind(1, origin.kiosk_id).bind(2, heartbeat.at);
    if (newer.step()) return false;
    const core::ReportedError* last_error = heartbeat.recent_errors.empty() ? nullptr : &heartbeat.recent_errors.back();
    const std::string no_error;  // "" (an empty string_view would bind as NULL)
    Statement(database, R"sql(
        INSERT INTO kiosk_status (kiosk_id, heartbeat_at, received_at, program_version, uptime_seconds,
                                  free_disk_bytes, last_error, last_error_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        ON CONFLICT (kiosk_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, received_at = excluded.received_at,
            program_version = excluded.program_version, uptime_seconds = excluded.uptime_seconds,
            free_disk_bytes = excluded.free_disk_bytes, last_error = excluded.last_error,
            last_error_at = excluded.last_error_at)sql")
        .bind(1, origin.kiosk_id)
        .bind(2, heartbeat.at)
        .bind(3, origin.received_at)
        .bind(4, heartbeat.program_version)
        .bind(5, heartbeat.uptime_seconds)
        .bind(6, heartbeat.free_disk_bytes)
        .bind(7, last_error ? last_error->message : no_error)
        .bind(8, last_error ? std::optional<std::int64_t>(last_error->at) : std::nullopt)
        .run();
    Statement(database, "DELETE FROM kiosk_sources WHERE kiosk_id = ?1").bind(1, origin.kiosk_id).run();
    Statement insert(database, R"sql(
        INSERT OR REPLACE INTO kiosk_sources (kiosk_id, source_id, version, last_sync, last_error)
        VALUES (?1, ?2, ?3, ?4, ?5))sql");
    for (const core::ReportedSource& source : heartbeat.sources) {
        insert.bind(1, origin.kiosk_id)
            .bind(2, source.source_id)
            .bind(3, source.version)
            .bind(4, source.last_sync ? std::optional<std::int64_t>(*source.last_sync) : std::nullopt)
            .bind(5, source.last_error)
            .run();
    }
    return true;
}

}  // namespace

PortalDatabase::PortalDatabase(const std::filesystem::path& file) : file_(file), database_(store::open_database(file)) {
    sqlite3_busy_timeout(database_.get(), 5000);
    store::execute(database_.get(), "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
    store::execute(database_.get(), schema);
}

StoredFigures PortalDatabase::store_report(const core::Report& report, const ReportOrigin& origin) {
    std::lock_guard lock(mutex_);
    sqlite3* database = database_.get();
    StoredFigures figures;
    store::Transaction transaction(database);
    Statement used(database, "INSERT OR IGNORE INTO used_signatures (kiosk_id, timestamp_ms) VALUES (?1, ?2)");
    used.bind(1, origin.kiosk_id).bind(2, origin.signature_milliseconds).run();
    if (sqlite3_changes(database) == 0) {
        figures.replayed = true;
        return figures;  // rolled back: nothing of it is stored
    }
    Statement play(database, R"sql(
        INSERT OR IGNORE INTO plays (kiosk_id, source_id, item_id, started_at, site, day, duration_ms, received_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
    for (const core::ReportedPlay& reported : report.plays) {
        play.bind(1, origin.kiosk_id)
            .bind(2, reported.source_id)
            .bind(3, reported.item_id)
            .bind(4, reported.started_at)
            .bind(5, origin.site)
            .bind(6, local_day(reported.started_at, origin.utc_offset_minutes))
            .bind(7, reported.duration_milliseconds)
            .bind(8, origin.received_at)
            .run();
        (sqlite3_changes(database) > 0 ? figures.new_plays : figures.repeated_plays) += 1;
    }
    Statement seen(database, R"sql(
        INSERT OR IGNORE INTO folded_counts_seen (kiosk_id, source_id, item_id, day, plays, duration_ms, received_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
    Statement add(database, R"sql(
        INSERT INTO daily_counts (day, site, kiosk_id, source_id, item_id, plays, duration_ms)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        ON CONFLICT (day, site, kiosk_id, source_id, item_id) DO UPDATE SET
            plays = plays + excluded.plays, duration_ms = duration_ms + excluded.duration_ms)sql");
    for (const core::ReportedPlayCount& count : report.play_counts) {
        const std::string day = core::format_iso_date(count.day);
        seen.bind(1, origin.kiosk_id)
            .bind(2, count.source_id)
            .bind(3, count.item_id)
            .bind(4, day)
            .bind(5, count.plays)
            .bind(6, count.duration_milliseconds)
            .bind(7, origin.received_at)
            .run();
        if (sqlite3_changes(database) == 0) {
            ++figures.repeated_counts;
            continue;
        }
        add.bind(1, day)
            .bind(2, origin.site)
            .bind(3, origin.kiosk_id)
            .bind(4, count.source_id)
            .bind(5, count.item_id)
            .bind(6, count.plays)
            .bind(7, count.duration_milliseconds)
            .run();
        ++figures.new_counts;
    }
    if (!report.heartbeats.empty()) {
        store_heartbeat(database, report.heartbeats.back(), origin);
        figures.heartbeats = report.heartbeats.size();
    }
    transaction.commit();
    return figures;
}

void PortalDatabase::count_refusal(std::string_view reason) {
    std::lock_guard lock(mutex_);
    Statement(database_.get(), R"sql(
        INSERT INTO refusals (reason, count) VALUES (?1, 1)
        ON CONFLICT (reason) DO UPDATE SET count = count + 1)sql")
        .bind(1, reason)
        .run();
}

std::map<std::string, std::int64_t> PortalDatabase::refusals() const {
    std::lock_guard lock(mutex_);
    std::map<std::string, std::int64_t> counts;
    Statement rows(database_.get(), "SELECT reason, count FROM refusals");
    while (rows.step()) counts[rows.text(0)] = rows.integer(1);
    return counts;
}

std::size_t PortalDatabase::roll_up(core::UnixSeconds now, int raw_play_days) {
    std::lock_guard lock(mutex_);
    sqlite3* database = database_.get();
    const core::UnixSeconds cutoff = now - static_cast<core::UnixSeconds>(raw_play_days) * 86'400;
    store::Transaction transaction(database);
    Statement(database, R"sql(
        INSERT INTO daily_counts (day, site, kiosk_id, source_id, item_id, plays, duration_ms)
        SELECT day, site, kiosk_id, source_id, item_id, count(*), sum(duration_ms) FROM plays WHERE received_at < ?1
        GROUP BY day, site, kiosk_id, source_id, item_id
        ON CONFLICT (day, site, kiosk_id, source_id, item_id) DO UPDATE SET
            plays = plays + excluded.plays, duration_ms = duration_ms + excluded.duration_ms)sql")
        .bind(1, cutoff)
        .run();
    Statement(database, "DELETE FROM plays WHERE received_at < ?1").bind(1, cutoff).run();
    const auto rolled = static_cast<std::size_t>(sqlite3_changes(database));
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
               last_error_at FROM kiosk_status ORDER BY kiosk_id)sql");
    while (rows.step()) {
        states.push_back(KioskState{.kiosk_id = rows.text(0),
                                    .heartbeat_at = rows.integer(1),
                                    .received_at = rows.integer(2),
                                    .program_version = rows.text(3),
                                    .uptime_seconds = rows.integer(4),
                                    .free_disk_bytes = optional_integer(rows, 5),
                                    .last_error = rows.text(6),
                                    .last_error_at = optional_integer(rows, 7),
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
        SELECT source_id, item_id, site, kiosk_id, sum(plays), sum(duration_ms) FROM (
            SELECT source_id, item_id, site, kiosk_id, count(*) AS plays, sum(duration_ms) AS duration_ms
            FROM plays WHERE day BETWEEN ?1 AND ?2 GROUP BY source_id, item_id, site, kiosk_id
            UNION ALL
            SELECT source_id, item_id, site, kiosk_id, sum(plays), sum(duration_ms)
            FROM daily_counts WHERE day BETWEEN ?1 AND ?2 GROUP BY source_id, item_id, site, kiosk_id)
        GROUP BY source_id, item_id, site, kiosk_id ORDER BY source_id, item_id, site, kiosk_id)sql");
    rows.bind(1, core::format_iso_date(from)).bind(2, core::format_iso_date(to));
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
