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

// The number a name is stored under, made when the name is new. Looked up once per
// report and name: a report holds a handful of items.
class NameNumbers {
public:
    explicit NameNumbers(sqlite3* database)
        : find_kiosk_(database, "SELECT number FROM kiosk_names WHERE kiosk_id = ?1"),
          add_kiosk_(database, "INSERT INTO kiosk_names (kiosk_id) VALUES (?1)"),
          find_site_(database, "SELECT number FROM site_names WHERE site = ?1"),
          add_site_(database, "INSERT INTO site_names (site) VALUES (?1)"),
          find_item_(database, "SELECT number FROM item_names WHERE source_id = ?1 AND item_id = ?2"),
          add_item_(database, "INSERT INTO item_names (source_id, item_id) VALUES (?1, ?2)"),
          database_(database) {}

    std::int64_t kiosk(const std::string& kiosk_id) { return number(find_kiosk_, add_kiosk_, kiosk_id, {}); }
    std::int64_t site(const std::string& site) { return number(find_site_, add_site_, site, {}); }
    std::int64_t item(const std::string& source_id, const std::string& item_id) {
        const auto known = items_.find({source_id, item_id});
        if (known != items_.end()) return known->second;
        const std::int64_t found = number(find_item_, add_item_, source_id, item_id);
        items_.emplace(std::pair{source_id, item_id}, found);
        return found;
    }

private:
    std::int64_t number(Statement& find, Statement& add, const std::string& first, const std::optional<std::string>& second) {
        find.bind(1, first);
        if (second) find.bind(2, *second);
        if (find.step()) {
            const std::int64_t found = find.integer(0);
            find.reset();
            return found;
        }
        find.reset();
        add.bind(1, first);
        if (second) add.bind(2, *second);
        add.run();
        return sqlite3_last_insert_rowid(database_);
    }

    Statement find_kiosk_, add_kiosk_, find_site_, add_site_, find_item_, add_item_;
    sqlite3* database_;
    std::map<std::pair<std::string, std::string>, std::int64_t> items_;
};

// The newest heartbeat of the report replaces what the kiosk said before, unless an
// even newer one arrived first (reports may come out of order after an outage).
bool store_heartbeat(sqlite3* database, const core::ReportedHeartbeat& heartbeat, const ReportOrigin& origin) {
    Statement newer(database, "SELECT 1 FROM kiosk_status WHERE kiosk_id = ?1 AND heartbeat_at > ?2");
    newer.bind(1, origin.kiosk_id).bind(2, heartbeat.at);
    if (newer.step()) return false;
    const core::ReportedError* last_error = heartbeat.recent_errors.empty() ? nullptr : &heartbeat.recent_errors.back();
    const std::string no_error;  // "" (an empty string_view would bind as NULL)
    Statement status(database, R"sql(
        INSERT INTO kiosk_status (kiosk_id, heartbeat_at, received_at, program_version, uptime_seconds,
                                  free_disk_bytes, last_error, last_error_at, clock_synchronized, update_result,
                                  update_at, update_from_version, update_to_version, update_message)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
        ON CONFLICT (kiosk_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, received_at = excluded.received_at,
            program_version = excluded.program_version, uptime_seconds = excluded.uptime_seconds,
            free_disk_bytes = excluded.free_disk_bytes, last_error = excluded.last_error,
            last_error_at = excluded.last_error_at, clock_synchronized = excluded.clock_synchronized,
            update_result = excluded.update_result, update_at = excluded.update_at,
            update_from_version = excluded.update_from_version, update_to_version = excluded.update_to_version,
            update_message = excluded.update_message)sql");
    status.bind(1, origin.kiosk_id)
        .bind(2, heartbeat.at)
        .bind(3, origin.received_at)
        .bind(4, heartbeat.program_version)
        .bind(5, heartbeat.uptime_seconds)
        .bind(6, heartbeat.free_disk_bytes)
        .bind(7, last_error ? last_error->message : no_error)
        .bind(8, last_error ? std::optional<std::int64_t>(last_error->at) : std::nullopt)
        .bind(9, heartbeat.clock_synchronized ? std::optional<std::int64_t>(*heartbeat.clock_synchronized ? 1 : 0)
                                              : std::nullopt);
    if (const std::optional<core::ReportedUpdate>& update = heartbeat.last_update) {
        status.bind(10, update->result)
            .bind(11, update->at ? std::optional<std::int64_t>(*update->at) : std::nullopt)
            .bind(12, update->from_version)
            .bind(13, update->to_version)
            .bind(14, update->message);
    }
    status.run();
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

PortalDatabase::PortalDatabase(const std::filesystem::path& file, int utc_offset_minutes)
    : file_(file), utc_offset_seconds_(utc_offset_minutes * 60), database_(store::open_database(file)) {
    sqlite3_busy_timeout(database_.get(), 5000);
    store::execute(database_.get(), "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
    opened_schema_version_ = store::read_schema_version(database_.get());
    store::migrate_schema(database_.get(), portal_schema_steps());
}

int PortalDatabase::schema_version() const {
    std::lock_guard lock(mutex_);
    return store::read_schema_version(database_.get());
}

StoredFigures PortalDatabase::store_report(const core::Report& report, const ReportOrigin& origin) {
    std::lock_guard lock(mutex_);
    sqlite3* database = database_.get();
    StoredFigures figures;
    store::Transaction transaction(database);
    NameNumbers names(database);
    const std::int64_t kiosk = names.kiosk(origin.kiosk_id);
    Statement used(database, "INSERT OR IGNORE INTO used_signatures (timestamp_ms, kiosk) VALUES (?1, ?2)");
    used.bind(1, origin.signature_milliseconds).bind(2, kiosk).run();
    if (sqlite3_changes(database) == 0) {
        figures.replayed = true;
        return figures;  // rolled back: nothing of it is stored
    }
    const std::int64_t site = names.site(origin.site);
    Statement play(database, R"sql(
        INSERT OR IGNORE INTO plays (started_at, kiosk, item, site, duration_ms, received_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql");
    for (const core::ReportedPlay& reported : report.plays) {
        play.bind(1, reported.started_at)
            .bind(2, kiosk)
            .bind(3, names.item(reported.source_id, reported.item_id))
            .bind(4, site)
            .bind(5, reported.duration_milliseconds)
            .bind(6, origin.received_at)
            .run();
        (sqlite3_changes(database) > 0 ? figures.new_plays : figures.repeated_plays) += 1;
    }
    Statement seen(database, R"sql(
        INSERT OR IGNORE INTO folded_counts_seen (kiosk, item, day, plays, duration_ms, received_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql");
    Statement add(database, R"sql(
        INSERT INTO daily_counts (day, site, kiosk, item, plays, duration_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        ON CONFLICT (day, site, kiosk, item) DO UPDATE SET
            plays = plays + excluded.plays, duration_ms = duration_ms + excluded.duration_ms)sql");
    for (const core::ReportedPlayCount& count : report.play_counts) {
        const std::int64_t day = core::days_from_civil(count.day);
        const std::int64_t item = names.item(count.source_id, count.item_id);
        seen.bind(1, kiosk)
            .bind(2, item)
            .bind(3, day)
            .bind(4, count.plays)
            .bind(5, count.duration_milliseconds)
            .bind(6, origin.received_at)
            .run();
        if (sqlite3_changes(database) == 0) {
            ++figures.repeated_counts;
            continue;
        }
        add.bind(1, day)
            .bind(2, site)
            .bind(3, kiosk)
            .bind(4, item)
            .bind(5, count.plays)
            .bind(6, count.duration_milliseconds)
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
