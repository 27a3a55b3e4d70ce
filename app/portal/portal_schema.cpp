#include "portal/portal_schema.hpp"

namespace bangvang::portal {

namespace {

// Append new steps; never edit a step that has shipped (a district's file has had it).
constexpr store::Migration steps[] = {
    {.version = 1,
     .purpose = "the first schema: names as text in every row",
     .sql = R"sql(
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
)sql"},
    // A raw play was 212 B (text names in the key, repeated in two secondary indexes).
    // Plays are keyed (started_at, kiosk, item): the same uniqueness as before (an item
    // number stands for its source and item), in the order they arrive, so pages fill;
    // the report reads a range of start times, the roll-up too. Days are numbers.
    {.version = 2,
     .purpose = "kiosks, sites and items stored once and referred to by number",
     .sql = R"sql(
CREATE TABLE kiosk_names (number INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL UNIQUE);
CREATE TABLE site_names (number INTEGER PRIMARY KEY, site TEXT NOT NULL UNIQUE);
CREATE TABLE item_names (number INTEGER PRIMARY KEY, source_id TEXT NOT NULL, item_id TEXT NOT NULL,
                         UNIQUE (source_id, item_id));
INSERT INTO kiosk_names (kiosk_id)
    SELECT kiosk_id FROM plays UNION SELECT kiosk_id FROM daily_counts
    UNION SELECT kiosk_id FROM folded_counts_seen UNION SELECT kiosk_id FROM used_signatures;
INSERT INTO site_names (site) SELECT site FROM plays UNION SELECT site FROM daily_counts;
INSERT INTO item_names (source_id, item_id)
    SELECT source_id, item_id FROM plays UNION SELECT source_id, item_id FROM daily_counts
    UNION SELECT source_id, item_id FROM folded_counts_seen;

CREATE TABLE new_plays (
    started_at INTEGER NOT NULL, kiosk INTEGER NOT NULL, item INTEGER NOT NULL, site INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL, received_at INTEGER NOT NULL,
    PRIMARY KEY (started_at, kiosk, item)) WITHOUT ROWID;
INSERT INTO new_plays (started_at, kiosk, item, site, duration_ms, received_at)
    SELECT p.started_at, k.number, i.number, s.number, p.duration_ms, p.received_at
    FROM plays p JOIN kiosk_names k USING (kiosk_id) JOIN item_names i USING (source_id, item_id) JOIN site_names s USING (site)
    ORDER BY 1, 2, 3;
DROP TABLE plays;
ALTER TABLE new_plays RENAME TO plays;

CREATE TABLE new_daily_counts (
    day INTEGER NOT NULL, site INTEGER NOT NULL, kiosk INTEGER NOT NULL, item INTEGER NOT NULL,
    plays INTEGER NOT NULL, duration_ms INTEGER NOT NULL,
    PRIMARY KEY (day, site, kiosk, item)) WITHOUT ROWID;
INSERT INTO new_daily_counts (day, site, kiosk, item, plays, duration_ms)
    SELECT CAST(julianday(d.day) - 2440587.5 AS INTEGER), s.number, k.number, i.number, d.plays, d.duration_ms
    FROM daily_counts d JOIN kiosk_names k USING (kiosk_id) JOIN item_names i USING (source_id, item_id)
    JOIN site_names s USING (site) ORDER BY 1, 2, 3, 4;
DROP TABLE daily_counts;
ALTER TABLE new_daily_counts RENAME TO daily_counts;

CREATE TABLE new_folded_counts_seen (
    kiosk INTEGER NOT NULL, item INTEGER NOT NULL, day INTEGER NOT NULL, plays INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL, received_at INTEGER NOT NULL,
    PRIMARY KEY (kiosk, item, day, plays, duration_ms)) WITHOUT ROWID;
INSERT INTO new_folded_counts_seen (kiosk, item, day, plays, duration_ms, received_at)
    SELECT k.number, i.number, CAST(julianday(f.day) - 2440587.5 AS INTEGER), f.plays, f.duration_ms, f.received_at
    FROM folded_counts_seen f JOIN kiosk_names k USING (kiosk_id) JOIN item_names i USING (source_id, item_id);
DROP TABLE folded_counts_seen;
ALTER TABLE new_folded_counts_seen RENAME TO folded_counts_seen;

-- Keyed by time first: the hourly trim deletes a range instead of reading every row.
CREATE TABLE new_used_signatures (
    timestamp_ms INTEGER NOT NULL, kiosk INTEGER NOT NULL, PRIMARY KEY (timestamp_ms, kiosk)) WITHOUT ROWID;
INSERT INTO new_used_signatures (timestamp_ms, kiosk)
    SELECT u.timestamp_ms, k.number FROM used_signatures u JOIN kiosk_names k USING (kiosk_id) ORDER BY 1, 2;
DROP TABLE used_signatures;
ALTER TABLE new_used_signatures RENAME TO used_signatures;
)sql"},
    {.version = 3,
     .purpose = "each kiosk's clock state and last unattended update, from its newest heartbeat",
     .sql = R"sql(
ALTER TABLE kiosk_status ADD COLUMN clock_synchronized INTEGER;
ALTER TABLE kiosk_status ADD COLUMN update_result TEXT;
ALTER TABLE kiosk_status ADD COLUMN update_at INTEGER;
ALTER TABLE kiosk_status ADD COLUMN update_from_version TEXT;
ALTER TABLE kiosk_status ADD COLUMN update_to_version TEXT;
ALTER TABLE kiosk_status ADD COLUMN update_message TEXT;
)sql"},
};

}  // namespace

std::span<const store::Migration> portal_schema_steps() {
    return steps;
}

}  // namespace bangvang::portal
