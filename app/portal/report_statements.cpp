#include "portal/report_statements.hpp"

namespace bangvang::portal {

using store::Statement;

ReportStatements::ReportStatements(sqlite3* database)
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

void ReportStatements::reset_all() {
    for (Statement* statement : {&find_kiosk_, &add_kiosk_, &find_site_, &add_site_, &find_item_, &add_item_,
                                 &used_signature, &play, &folded_seen, &add_daily, &newer_heartbeat, &status,
                                 &forget_sources, &source, &refusal}) {
        statement->reset();
    }
}

std::int64_t ReportStatements::number(std::map<Name, std::int64_t>& known, const Name& name, bool two, Statement& find, Statement& add) {
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

}  // namespace

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

}  // namespace bangvang::portal
