#include "store/content_cache.hpp"

#include <string>
#include <system_error>

#include "core/manifest_parser.hpp"
#include "core/manifest_writer.hpp"
#include "store/media_store.hpp"
#include "store/schema.hpp"
#include "store/sqlite_handle.hpp"
#include "store/version_ledger.hpp"

namespace bangvang::store {

namespace fs = std::filesystem;

namespace {

// Long enough to ride out the sync thread's apply while the player reads.
constexpr int busy_timeout_milliseconds = 5000;

void configure(sqlite3* database, const fs::path& database_file) {
    Statement journal(database, "PRAGMA journal_mode = WAL");
    const std::string mode = journal.step() ? journal.text(0) : std::string();
    if (mode != "wal") {
        throw StoreError(database_file.string() + ": cannot switch to WAL journaling (SQLite kept \"" + mode + "\")");
    }
    // FULL: a commit is on disk before apply() returns, so a power cut right after
    // still leaves the new version.
    execute(database, "PRAGMA synchronous = FULL");
    execute(database, "PRAGMA foreign_keys = ON");
    if (sqlite3_busy_timeout(database, busy_timeout_milliseconds) != SQLITE_OK) {
        throw_sqlite_error(database, "cannot set busy_timeout");
    }
}

SourceState read_source_state(const Statement& row) {
    return SourceState{.source_id = row.text(0),
                       .source_name = row.text(1),
                       .version = row.integer(2),
                       .issued_at = row.integer(3),
                       .expires_at = row.integer(4),
                       .applied_at = row.integer(5),
                       .item_count = static_cast<std::size_t>(row.integer(6))};
}

constexpr std::string_view source_state_columns = R"sql(
    SELECT s.source_id, s.source_name, s.version, s.issued_at, s.expires_at, s.applied_at,
           (SELECT count(*) FROM items AS i WHERE i.source_id = s.source_id)
    FROM sources AS s)sql";

// Items were written by write_item, so a parse failure means the cache file is damaged
// or was written by an incompatible build: an environment failure, not bad input.
StoredItem read_stored_item(const Statement& row, const fs::path& database_file) {
    const std::string source_id = row.text(0);
    const std::string item_id = row.text(2);
    const std::string where = database_file.string() + ": item \"" + item_id + "\" of source \"" + source_id + "\"";
    core::Result<core::Item> item = core::parse_item(row.text(3), where);
    if (!item) throw StoreError("cannot read back a stored item: " + item.problem().message());
    return StoredItem{.source_id = source_id, .source_name = row.text(1), .item = std::move(item).value()};
}

void check_media_present(const ContentCache& cache, const core::Manifest& manifest) {
    const std::string context =
        " (source \"" + manifest.source_id + "\" version " + std::to_string(manifest.version) + " lists it)";
    for (const core::MediaRef& media : manifest.media) {
        const fs::path file = cache.media_path(media.sha256);
        std::error_code error;
        const std::uintmax_t size = fs::file_size(file, error);
        if (error) throw StoreError(file.string() + ": media file missing: " + error.message() + context);
        if (size != static_cast<std::uintmax_t>(media.size_bytes)) {
            throw StoreError(file.string() + ": media file has " + std::to_string(size) + " bytes, expected " +
                             std::to_string(media.size_bytes) + context);
        }
    }
}

}  // namespace

struct ContentCache::Connection {
    fs::path database_file;
    DatabasePtr database;
};

ContentCache::ContentCache(const fs::path& database_file, const fs::path& media_directory)
    : connection_(std::make_unique<Connection>()), media_directory_(media_directory) {
    std::error_code error;
    fs::create_directories(media_directory_, error);
    if (error) throw StoreError(media_directory_.string() + ": cannot create the media folder: " + error.message());
    if (database_file.has_parent_path()) {
        fs::create_directories(database_file.parent_path(), error);
        if (error) {
            throw StoreError(database_file.parent_path().string() + ": cannot create the cache folder: " + error.message());
        }
    }
    connection_->database_file = database_file;
    connection_->database = open_database(database_file);
    configure(connection_->database.get(), database_file);
    migrate_schema(connection_->database.get());
}

ContentCache::~ContentCache() = default;
ContentCache::ContentCache(ContentCache&&) noexcept = default;
ContentCache& ContentCache::operator=(ContentCache&&) noexcept = default;

sqlite3* ContentCache::connection() const {
    return connection_->database.get();
}

int ContentCache::schema_version() const {
    return read_schema_version(connection_->database.get());
}

const fs::path& ContentCache::database_file() const {
    return connection_->database_file;
}

void ContentCache::apply(const core::Manifest& manifest, core::UnixSeconds applied_at) {
    if (manifest.source_id.empty()) throw StoreError(connection_->database_file.string() + ": manifest has no source id");
    check_media_present(*this, manifest);

    sqlite3* database = connection_->database.get();
    Transaction transaction(database);
    write_version(manifest, applied_at);
    transaction.commit();
}

bool ContentCache::apply_accepted(const core::Manifest& manifest, core::UnixSeconds applied_at,
                                  std::size_t held_back_items) {
    if (manifest.source_id.empty()) throw StoreError(connection_->database_file.string() + ": manifest has no source id");
    check_media_present(*this, manifest);

    sqlite3* database = connection_->database.get();
    Transaction transaction(database);
    if (const auto accepted = accepted_version(manifest.source_id)) {
        const bool older = manifest.version < accepted->version;
        const bool same_and_complete = manifest.version == accepted->version && accepted->held_back_items == 0;
        if (older || same_and_complete) return false;
    }
    if (manifest.version < version_floor(manifest.source_id)) return false;
    write_version(manifest, applied_at);
    Statement(database, R"sql(
        INSERT INTO accepted_versions (source_id, version, held_back_items) VALUES (?1, ?2, ?3)
        ON CONFLICT (source_id) DO UPDATE SET version = excluded.version, held_back_items = excluded.held_back_items)sql")
        .bind(1, manifest.source_id)
        .bind(2, manifest.version)
        .bind(3, static_cast<std::int64_t>(held_back_items))
        .run();
    Statement trust(database, R"sql(
        INSERT OR IGNORE INTO source_trust (source_id, public_key, introduced_by_version) VALUES (?1, ?2, ?3))sql");
    for (const std::string& key : manifest.next_keys) {
        trust.bind(1, manifest.source_id).bind(2, key).bind(3, manifest.version).run();
    }
    // Before the commit, under the write lock: a power cut between the two leaves the ledger
    // ahead of the cache, which only keeps this same version acceptable (never an older one).
    record_accepted_version(version_ledger_file(connection_->database_file), manifest.source_id, manifest.version);
    transaction.commit();
    return true;
}

std::optional<AcceptedVersion> ContentCache::accepted_version(const std::string& source_id) const {
    Statement query(connection_->database.get(),
                    "SELECT version, held_back_items FROM accepted_versions WHERE source_id = ?1");
    query.bind(1, source_id);
    if (!query.step()) return std::nullopt;
    return AcceptedVersion{.version = query.integer(0), .held_back_items = static_cast<std::size_t>(query.integer(1))};
}

std::int64_t ContentCache::version_floor(const std::string& source_id) const {
    const VersionLedger ledger = readable_version_ledger(version_ledger_file(connection_->database_file));
    const auto found = ledger.find(source_id);
    return found == ledger.end() ? 0 : found->second;
}

std::vector<std::string> ContentCache::introduced_keys(const std::string& source_id) const {
    Statement query(connection_->database.get(),
                    "SELECT public_key FROM source_trust WHERE source_id = ?1 ORDER BY introduced_by_version, public_key");
    query.bind(1, source_id);
    std::vector<std::string> keys;
    while (query.step()) keys.push_back(query.text(0));
    return keys;
}

// The caller holds the transaction.
void ContentCache::write_version(const core::Manifest& manifest, core::UnixSeconds applied_at) {
    sqlite3* database = connection_->database.get();
    Statement(database, R"sql(
        INSERT INTO sources (source_id, source_name, version, issued_at, expires_at, applied_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        ON CONFLICT (source_id) DO UPDATE SET
            source_name = excluded.source_name, version = excluded.version, issued_at = excluded.issued_at,
            expires_at = excluded.expires_at, applied_at = excluded.applied_at)sql")
        .bind(1, manifest.source_id)
        .bind(2, manifest.source_name)
        .bind(3, manifest.version)
        .bind(4, manifest.issued_at)
        .bind(5, manifest.expires_at)
        .bind(6, applied_at)
        .run();
    Statement(database, "DELETE FROM items WHERE source_id = ?1").bind(1, manifest.source_id).run();
    Statement(database, "DELETE FROM media WHERE source_id = ?1").bind(1, manifest.source_id).run();

    Statement insert_item(database, R"sql(
        INSERT INTO items (source_id, position, item_id, kind, valid_from, valid_until, item_json)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
    std::int64_t position = 0;
    for (const core::Item& item : manifest.items) {
        insert_item.bind(1, manifest.source_id)
            .bind(2, position++)
            .bind(3, item.id)
            .bind(4, core::to_string(item.kind))
            .bind(5, item.schedule.valid_from)
            .bind(6, item.schedule.valid_until)
            .bind(7, core::write_item(item))
            .run();
    }

    Statement insert_media(database, R"sql(
        INSERT OR IGNORE INTO media (source_id, sha256, size, width, height, type)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql");
    for (const core::MediaRef& media : manifest.media) {
        insert_media.bind(1, manifest.source_id)
            .bind(2, media.sha256)
            .bind(3, media.size_bytes)
            .bind(4, media.width)
            .bind(5, media.height)
            .bind(6, media.mime_type)
            .run();
    }

    Statement(database, R"sql(
        INSERT INTO applied_versions (source_id, version, issued_at, applied_at) VALUES (?1, ?2, ?3, ?4))sql")
        .bind(1, manifest.source_id)
        .bind(2, manifest.version)
        .bind(3, manifest.issued_at)
        .bind(4, applied_at)
        .run();
}

std::optional<SourceState> ContentCache::source_state(const std::string& source_id) const {
    Statement query(connection_->database.get(), std::string(source_state_columns) + " WHERE s.source_id = ?1");
    query.bind(1, source_id);
    if (!query.step()) return std::nullopt;
    return read_source_state(query);
}

std::vector<SourceState> ContentCache::sources() const {
    Statement query(connection_->database.get(), std::string(source_state_columns) + " ORDER BY s.source_id");
    std::vector<SourceState> states;
    while (query.step()) states.push_back(read_source_state(query));
    return states;
}

std::vector<StoredItem> ContentCache::playable_items(const core::KioskIdentity& kiosk, core::UnixSeconds now,
                                                     int utc_offset_minutes) const {
    // SQL narrows to the validity window (inclusive at both ends, so it never drops
    // anything is_playable would keep); weekday, hours and audience are decided by
    // core::is_playable, the one place those rules live.
    Statement query(connection_->database.get(), R"sql(
        SELECT i.source_id, s.source_name, i.item_id, i.item_json
        FROM items AS i JOIN sources AS s ON s.source_id = i.source_id
        WHERE (i.valid_from IS NULL OR i.valid_from <= ?1)
          AND (i.valid_until IS NULL OR i.valid_until >= ?1)
        ORDER BY i.source_id, i.position)sql");
    query.bind(1, now);
    std::vector<StoredItem> items;
    while (query.step()) {
        StoredItem stored = read_stored_item(query, connection_->database_file);
        if (core::is_playable(stored.item, kiosk, now, utc_offset_minutes)) items.push_back(std::move(stored));
    }
    return items;
}

std::vector<StoredItem> ContentCache::all_items() const {
    Statement query(connection_->database.get(), R"sql(
        SELECT i.source_id, s.source_name, i.item_id, i.item_json
        FROM items AS i JOIN sources AS s ON s.source_id = i.source_id
        ORDER BY i.source_id, i.position)sql");
    std::vector<StoredItem> items;
    while (query.step()) items.push_back(read_stored_item(query, connection_->database_file));
    return items;
}

std::set<std::string> ContentCache::referenced_media() const {
    Statement query(connection_->database.get(), "SELECT DISTINCT sha256 FROM media");
    std::set<std::string> hashes;
    while (query.step()) hashes.insert(query.text(0));
    return hashes;
}

std::vector<core::MediaRef> ContentCache::missing_media(const std::string& source_id) const {
    Statement query(connection_->database.get(),
                    "SELECT sha256, size, width, height, type FROM media WHERE source_id = ?1 ORDER BY sha256");
    query.bind(1, source_id);
    std::vector<core::MediaRef> missing;
    while (query.step()) {
        core::MediaRef media{.sha256 = query.text(0),
                             .size_bytes = query.integer(1),
                             .width = static_cast<int>(query.integer(2)),
                             .height = static_cast<int>(query.integer(3)),
                             .mime_type = query.text(4)};
        if (!is_sha256_hex(media.sha256)) continue;  // never a path from a damaged row
        std::error_code error;
        const std::uintmax_t size = fs::file_size(media_directory_ / media.sha256, error);
        if (error || size != static_cast<std::uintmax_t>(media.size_bytes)) missing.push_back(std::move(media));
    }
    return missing;
}

const fs::path& ContentCache::media_directory() const {
    return media_directory_;
}

fs::path ContentCache::media_path(const std::string& sha256) const {
    if (!is_sha256_hex(sha256)) {
        throw StoreError("\"" + sha256.substr(0, 80) + "\" is not a sha256 (64 lowercase hex digits); no media path for it");
    }
    return media_directory_ / sha256;
}

}  // namespace bangvang::store
