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

// What storing a report runs, prepared once per connection and kept (reset after each
// use), and the numbers names are stored under, remembered once looked up: a name once
// numbered keeps its number (names are never deleted), but a number handed out in a
// transaction that was rolled back is gone, so then the memory is forgotten.
class ReportStatements {
public:
    explicit ReportStatements(sqlite3* database)
        : find_kiosk_(database, "SELECT number FROM kiosk_names WHERE kiosk_id = ?1"),
          add_kiosk_(database, "INSERT INTO kiosk_names (kiosk_id) VALUES (?1)"),
          find_site_(database, "SELECT number FROM site_names WHERE site = ?1"),
          add_site_(database, "INSERT INTO site_names (site) VALUES (?1)"),
          find_item_(database, "SELECT number FROM item_names WHERE source_id = ?1 AND item_id = ?2"),
          add_item_(database, "INSERT INTO item_names (source_id, item_id) VALUES (?1, ?2)"),
          used_signature(database, "INSERT OR IGNORE INTO used_signatures (timestamp_ms, kiosk) VALUES (?1, ?2)"),
          play(database, R"sql(
            INSERT OR IGNORE INTO plays (started_at, kiosk, item, site, duration_ms, received_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql"),
          folded_seen(database, R"sql(
            INSERT OR IGNORE INTO folded_counts_seen (kiosk, item, day, plays, duration_ms, received_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql"),
          add_daily(database, R"sql(
            INSERT INTO daily_counts (day, site, kiosk, item, plays, duration_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (day, site, kiosk, item) DO UPDATE SET
                plays = plays + excluded.plays, duration_ms = duration_ms + excluded.duration_ms)sql"),
          newer_heartbeat(database, "SELECT 1 FROM kiosk_status WHERE kiosk_id = ?1 AND heartbeat_at > ?2"),
          status(database, R"sql(
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
                update_message = excluded.update_message)sql"),
          forget_sources(database, "DELETE FROM kiosk_sources WHERE kiosk_id = ?1"),
          source(database, R"sql(
            INSERT OR REPLACE INTO kiosk_sources (kiosk_id, source_id, version, last_sync, last_error)
            VALUES (?1, ?2, ?3, ?4, ?5))sql"),
          refusal(database, R"sql(
            INSERT INTO refusals (reason, count) VALUES (?1, 1)
            ON CONFLICT (reason) DO UPDATE SET count = count + 1)sql"),
          database_(database) {}

    std::int64_t kiosk(const std::string& kiosk_id) { return number(kiosks_, {kiosk_id, {}}, false, find_kiosk_, add_kiosk_); }
    std::int64_t site(const std::string& site) { return number(sites_, {site, {}}, false, find_site_, add_site_); }
    std::int64_t item(const std::string& source_id, const std::string& item_id) {
        return number(items_, {source_id, item_id}, true, find_item_, add_item_);
    }

    // After a rollback: numbers handed out since the last commit may be gone.
    void forget_names() {
        kiosks_.clear();
        sites_.clear();
        items_.clear();
    }
    // After a statement failed part way: every statement ready again.
    void reset_all() {
        for (Statement* statement : {&find_kiosk_, &add_kiosk_, &find_site_, &add_site_, &find_item_, &add_item_,
                                     &used_signature, &play, &folded_seen, &add_daily, &newer_heartbeat, &status,
                                     &forget_sources, &source, &refusal}) {
            statement->reset();
        }
    }

private:
    using Name = std::pair<std::string, std::string>;
    std::int64_t number(std::map<Name, std::int64_t>& known, const Name& name, bool two, Statement& find, Statement& add) {
        const auto found_before = known.find(name);
        if (found_before != known.end()) return found_before->second;
        find.bind(1, name.first);
        if (two) find.bind(2, name.second);
        std::int64_t result = 0;
        if (find.step()) {
            result = find.integer(0);
            find.reset();
        } else {
            find.reset();
            add.bind(1, name.first);
            if (two) add.bind(2, name.second);
            add.run();
            result = sqlite3_last_insert_rowid(database_);
        }
        known.emplace(name, result);
        return result;
    }

    Statement find_kiosk_, add_kiosk_, find_site_, add_site_, find_item_, add_item_;

public:
    Statement used_signature, play, folded_seen, add_daily, newer_heartbeat, status, forget_sources, source, refusal;

private:
    sqlite3* database_;
    std::map<Name, std::int64_t> kiosks_, sites_, items_;
};

namespace {

// The newest heartbeat of the report replaces what the kiosk said before, unless an
// even newer one arrived first (reports may come out of order after an outage).
void store_heartbeat(ReportStatements& statements, const core::ReportedHeartbeat& heartbeat, const ReportOrigin& origin) {
    Statement& newer = statements.newer_heartbeat;
    newer.bind(1, origin.kiosk_id).bind(2, heartbeat.at);
    const bool has_newer = newer.step();
    newer.reset();
    if (has_newer) return;
    const core::ReportedError* last_error = heartbeat.recent_errors.empty() ? nullptr : &heartbeat.recent_errors.back();
    const std::string no_error;  // "" (an empty string_view would bind as NULL)
    Statement& status = statements.status;
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
    statements.forget_sources.bind(1, origin.kiosk_id).run();
    for (const core::ReportedSource& source : heartbeat.sources) {
        statements.source.bind(1, origin.kiosk_id)
            .bind(2, source.source_id)
            .bind(3, source.version)
            .bind(4, source.last_sync ? std::optional<std::int64_t>(*source.last_sync) : std::nullopt)
            .bind(5, source.last_error)
            .run();
    }
}

// One report inside the caller's transaction; a replay stops at once (the caller rolls
// back what it began).
StoredFigures store_one(sqlite3* database, ReportStatements& statements, const core::Report& report,
                        const ReportOrigin& origin) {
    StoredFigures figures;
    const std::int64_t kiosk = statements.kiosk(origin.kiosk_id);
    statements.used_signature.bind(1, origin.signature_milliseconds).bind(2, kiosk).run();
    if (sqlite3_changes(database) == 0) {
        figures.replayed = true;
        return figures;
    }
    const std::int64_t site = statements.site(origin.site);
    for (const core::ReportedPlay& reported : report.plays) {
        statements.play.bind(1, reported.started_at)
            .bind(2, kiosk)
            .bind(3, statements.item(reported.source_id, reported.item_id))
            .bind(4, site)
            .bind(5, reported.duration_milliseconds)
            .bind(6, origin.received_at)
            .run();
        (sqlite3_changes(database) > 0 ? figures.new_plays : figures.repeated_plays) += 1;
    }
    for (const core::ReportedPlayCount& count : report.play_counts) {
        const std::int64_t day = core::days_from_civil(count.day);
        const std::int64_t item = statements.item(count.source_id, count.item_id);
        statements.folded_seen.bind(1, kiosk)
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
        statements.add_daily.bind(1, day)
            .bind(2, site)
            .bind(3, kiosk)
            .bind(4, item)
            .bind(5, count.plays)
            .bind(6, count.duration_milliseconds)
            .run();
        ++figures.new_counts;
    }
    if (!report.heartbeats.empty()) {
        store_heartbeat(statements, report.heartbeats.back(), origin);
        figures.heartbeats = report.heartbeats.size();
    }
    return figures;
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
