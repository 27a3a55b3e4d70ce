#include "store/schema.hpp"

#include <string>

#include "store/sqlite_handle.hpp"

namespace bangvang::store {

namespace {

// Append new steps; never edit a step that has shipped.
constexpr Migration migrations[] = {
    {.version = 1,
     .purpose = "sources, their items and their media",
     .sql = R"sql(
        CREATE TABLE sources (
            source_id   TEXT PRIMARY KEY NOT NULL,
            source_name TEXT NOT NULL,
            version     INTEGER NOT NULL,
            issued_at   INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL,
            applied_at  INTEGER NOT NULL
        );
        CREATE TABLE items (
            source_id   TEXT NOT NULL REFERENCES sources(source_id) ON DELETE CASCADE,
            position    INTEGER NOT NULL,
            item_id     TEXT NOT NULL,
            kind        TEXT NOT NULL,
            valid_from  INTEGER,
            valid_until INTEGER,
            item_json   TEXT NOT NULL,
            PRIMARY KEY (source_id, position),
            UNIQUE (source_id, item_id)
        );
        CREATE TABLE media (
            source_id TEXT NOT NULL REFERENCES sources(source_id) ON DELETE CASCADE,
            sha256    TEXT NOT NULL,
            size      INTEGER NOT NULL,
            width     INTEGER NOT NULL,
            height    INTEGER NOT NULL,
            type      TEXT NOT NULL,
            PRIMARY KEY (source_id, sha256)
        );
     )sql"},
    {.version = 2,
     .purpose = "history of applied versions, and an index for the validity-window query",
     .sql = R"sql(
        CREATE TABLE applied_versions (
            source_id  TEXT NOT NULL,
            version    INTEGER NOT NULL,
            issued_at  INTEGER NOT NULL,
            applied_at INTEGER NOT NULL
        );
        CREATE INDEX applied_versions_by_source ON applied_versions (source_id, applied_at);
        CREATE INDEX items_by_validity ON items (valid_from, valid_until);
        CREATE INDEX media_by_hash ON media (sha256);
     )sql"},
    {.version = 3,
     .purpose = "signed sync: last accepted version per source (rollback refusal) and keys introduced by next_keys",
     .sql = R"sql(
        CREATE TABLE accepted_versions (
            source_id       TEXT PRIMARY KEY NOT NULL,
            version         INTEGER NOT NULL,
            held_back_items INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE source_trust (
            source_id             TEXT NOT NULL,
            public_key            TEXT NOT NULL,
            introduced_by_version INTEGER NOT NULL,
            PRIMARY KEY (source_id, public_key)
        );
     )sql"},
    {.version = 4,
     .purpose = "reports to the portal (proof of play, per-day play counts, heartbeats) and HTTP validators per source",
     .sql = R"sql(
        CREATE TABLE report_plays (
            play_id     INTEGER PRIMARY KEY AUTOINCREMENT,
            source_id   TEXT NOT NULL,
            item_id     TEXT NOT NULL,
            started_at  INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL
        );
        CREATE INDEX report_plays_by_source ON report_plays (source_id, play_id);
        CREATE TABLE report_play_counts (
            source_id   TEXT NOT NULL,
            item_id     TEXT NOT NULL,
            day         TEXT NOT NULL,
            plays       INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            PRIMARY KEY (source_id, item_id, day)
        );
        CREATE TABLE report_heartbeats (
            heartbeat_id INTEGER PRIMARY KEY AUTOINCREMENT,
            source_id    TEXT NOT NULL,
            created_at   INTEGER NOT NULL,
            body         TEXT NOT NULL
        );
        CREATE INDEX report_heartbeats_by_source ON report_heartbeats (source_id, heartbeat_id);
        CREATE TABLE feed_validators (
            source_id     TEXT PRIMARY KEY NOT NULL,
            url           TEXT NOT NULL,
            etag          TEXT NOT NULL,
            last_modified TEXT NOT NULL
        );
     )sql"},
};

}  // namespace

std::span<const Migration> schema_migrations() {
    return migrations;
}

int latest_schema_version() {
    return migrations[std::size(migrations) - 1].version;
}

int read_schema_version(sqlite3* database) {
    Statement query(database, "PRAGMA user_version");
    query.step();
    return static_cast<int>(query.integer(0));
}

void migrate_schema(sqlite3* database) {
    migrate_schema(database, migrations);
}

void migrate_schema(sqlite3* database, std::span<const Migration> steps) {
    const int latest = steps.back().version;
    const auto refuse_newer = [&](int found) {
        const char* file = sqlite3_db_filename(database, "main");
        throw StoreError(std::string(file && *file ? file : "database") + ": schema version " +
                         std::to_string(found) + " is newer than this bangvang understands (" +
                         std::to_string(latest) + "); refusing to touch it");
    };
    const int before = read_schema_version(database);
    if (before > latest) refuse_newer(before);
    if (before == latest) return;  // the usual case: no write lock taken

    for (const Migration& step : steps) {
        Transaction transaction(database);
        // Read again under the write lock: another process may have migrated meanwhile.
        const int found = read_schema_version(database);
        if (found > latest) refuse_newer(found);
        if (found >= step.version) continue;
        execute(database, step.sql);
        // PRAGMA takes no bound parameters; the number is ours, not input.
        execute(database, "PRAGMA user_version = " + std::to_string(step.version));
        transaction.commit();
    }
}

}  // namespace bangvang::store
