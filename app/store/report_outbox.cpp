#include "store/report_outbox.hpp"

#include "store/sqlite_handle.hpp"

namespace bangvang::store {

namespace {

std::size_t count_rows(sqlite3* database, std::string_view sql) {
    Statement query(database, sql);
    query.step();
    return static_cast<std::size_t>(query.integer(0));
}

}  // namespace

ReportOutbox::ReportOutbox(const ContentCache& cache, OutboxLimits limits)
    : database_(cache.connection()), limits_(limits) {
    if (limits_.plays_after_folding >= limits_.max_plays) limits_.plays_after_folding = limits_.max_plays / 2;
}

std::size_t ReportOutbox::add_play(const core::PlayRecord& play) {
    Transaction transaction(database_);
    Statement(database_, R"sql(
        INSERT INTO report_plays (source_id, item_id, started_at, duration_ms) VALUES (?1, ?2, ?3, ?4))sql")
        .bind(1, play.source_id)
        .bind(2, play.item_id)
        .bind(3, play.started_at)
        .bind(4, play.duration_milliseconds)
        .run();
    const std::size_t plays = count_rows(database_, "SELECT count(*) FROM report_plays");
    std::size_t dropped = 0;
    if (plays > limits_.max_plays) {
        fold_oldest_plays(plays);
        dropped = drop_oldest_counts();
    }
    transaction.commit();
    return dropped;
}

// The caller holds the transaction.
void ReportOutbox::fold_oldest_plays(std::size_t plays_now) {
    const std::size_t folded = plays_now - limits_.plays_after_folding;
    Statement last_folded(database_, "SELECT play_id FROM report_plays ORDER BY play_id LIMIT 1 OFFSET ?1");
    last_folded.bind(1, static_cast<std::int64_t>(folded - 1));
    if (!last_folded.step()) return;
    const std::int64_t cutoff = last_folded.integer(0);
    // The day is the kiosk's local day: shift by the UTC offset before SQLite's date().
    Statement(database_, R"sql(
        INSERT INTO report_play_counts (source_id, item_id, day, plays, duration_ms)
        SELECT source_id, item_id, date(started_at + ?2, 'unixepoch'), count(*), sum(duration_ms)
        FROM report_plays WHERE play_id <= ?1
        GROUP BY source_id, item_id, date(started_at + ?2, 'unixepoch')
        ON CONFLICT (source_id, item_id, day) DO UPDATE SET
            plays = plays + excluded.plays, duration_ms = duration_ms + excluded.duration_ms)sql")
        .bind(1, cutoff)
        .bind(2, static_cast<std::int64_t>(limits_.utc_offset_minutes) * 60)
        .run();
    Statement(database_, "DELETE FROM report_plays WHERE play_id <= ?1").bind(1, cutoff).run();
}

// The caller holds the transaction.
std::size_t ReportOutbox::drop_oldest_counts() {
    const std::size_t counts = count_rows(database_, "SELECT count(*) FROM report_play_counts");
    if (counts <= limits_.max_play_counts) return 0;
    const std::size_t excess = counts - limits_.max_play_counts;
    Statement(database_, R"sql(
        DELETE FROM report_play_counts WHERE rowid IN
            (SELECT rowid FROM report_play_counts ORDER BY day, source_id, item_id LIMIT ?1))sql")
        .bind(1, static_cast<std::int64_t>(excess))
        .run();
    return excess;
}

void ReportOutbox::add_heartbeat(const std::string& source_id, core::UnixSeconds created_at,
                                 std::string_view body_json) {
    Transaction transaction(database_);
    Statement(database_, "INSERT INTO report_heartbeats (source_id, created_at, body) VALUES (?1, ?2, ?3)")
        .bind(1, source_id)
        .bind(2, created_at)
        .bind(3, body_json)
        .run();
    // Only the newest say how the kiosk is now; older ones would only delay them.
    Statement(database_, R"sql(
        DELETE FROM report_heartbeats WHERE source_id = ?1 AND heartbeat_id NOT IN
            (SELECT heartbeat_id FROM report_heartbeats WHERE source_id = ?1 ORDER BY heartbeat_id DESC LIMIT ?2))sql")
        .bind(1, source_id)
        .bind(2, static_cast<std::int64_t>(limits_.heartbeats_per_source))
        .run();
    transaction.commit();
}

PendingReport ReportOutbox::pending(const std::string& source_id, std::size_t max_records) const {
    PendingReport report{.source_id = source_id, .heartbeats = {}, .plays = {}, .play_counts = {}};
    const auto limit = static_cast<std::int64_t>(max_records);
    Statement heartbeats(database_, R"sql(
        SELECT heartbeat_id, created_at, body FROM report_heartbeats WHERE source_id = ?1
        ORDER BY heartbeat_id LIMIT ?2)sql");
    heartbeats.bind(1, source_id).bind(2, limit);
    while (heartbeats.step()) {
        report.heartbeats.push_back(
            StoredHeartbeat{.id = heartbeats.integer(0), .created_at = heartbeats.integer(1), .body_json = heartbeats.text(2)});
    }
    Statement plays(database_, R"sql(
        SELECT play_id, item_id, started_at, duration_ms FROM report_plays WHERE source_id = ?1
        ORDER BY play_id LIMIT ?2)sql");
    plays.bind(1, source_id).bind(2, limit);
    while (plays.step()) {
        report.plays.push_back(StoredPlay{.id = plays.integer(0),
                                          .play = core::PlayRecord{.item_id = plays.text(1),
                                                                   .source_id = source_id,
                                                                   .started_at = plays.integer(2),
                                                                   .duration_milliseconds = plays.integer(3)}});
    }
    Statement counts(database_, R"sql(
        SELECT item_id, day, plays, duration_ms FROM report_play_counts WHERE source_id = ?1
        ORDER BY day, item_id LIMIT ?2)sql");
    counts.bind(1, source_id).bind(2, limit);
    while (counts.step()) {
        report.play_counts.push_back(PlayCount{.source_id = source_id,
                                               .item_id = counts.text(0),
                                               .day = counts.text(1),
                                               .plays = counts.integer(2),
                                               .duration_milliseconds = counts.integer(3)});
    }
    return report;
}

void ReportOutbox::remove_delivered(const PendingReport& delivered) {
    Transaction transaction(database_);
    Statement remove_heartbeat(database_, "DELETE FROM report_heartbeats WHERE heartbeat_id = ?1");
    for (const StoredHeartbeat& heartbeat : delivered.heartbeats) remove_heartbeat.bind(1, heartbeat.id).run();
    Statement remove_play(database_, "DELETE FROM report_plays WHERE play_id = ?1");
    // A play folded into its day's count while the report was on its way is in that count now.
    Statement unfold_play(database_, R"sql(
        UPDATE report_play_counts SET plays = plays - 1, duration_ms = duration_ms - ?4
        WHERE source_id = ?1 AND item_id = ?2 AND day = date(?3 + ?5, 'unixepoch'))sql");
    for (const StoredPlay& play : delivered.plays) {
        remove_play.bind(1, play.id).run();
        if (sqlite3_changes(database_) > 0) continue;
        unfold_play.bind(1, play.play.source_id)
            .bind(2, play.play.item_id)
            .bind(3, play.play.started_at)
            .bind(4, play.play.duration_milliseconds)
            .bind(5, static_cast<std::int64_t>(limits_.utc_offset_minutes) * 60)
            .run();
    }
    // Plays folded into the same day while the report was on its way stay owed.
    Statement subtract(database_, R"sql(
        UPDATE report_play_counts SET plays = plays - ?4, duration_ms = duration_ms - ?5
        WHERE source_id = ?1 AND item_id = ?2 AND day = ?3)sql");
    for (const PlayCount& count : delivered.play_counts) {
        subtract.bind(1, count.source_id)
            .bind(2, count.item_id)
            .bind(3, count.day)
            .bind(4, count.plays)
            .bind(5, count.duration_milliseconds)
            .run();
    }
    execute(database_, "DELETE FROM report_play_counts WHERE plays <= 0");
    transaction.commit();
}

OutboxSize ReportOutbox::size() const {
    return OutboxSize{.plays = count_rows(database_, "SELECT count(*) FROM report_plays"),
                      .play_counts = count_rows(database_, "SELECT count(*) FROM report_play_counts"),
                      .heartbeats = count_rows(database_, "SELECT count(*) FROM report_heartbeats")};
}

}  // namespace bangvang::store
