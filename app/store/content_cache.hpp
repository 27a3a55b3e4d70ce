#pragma once
// The kiosk's local copy of every source's current feed: one SQLite file (WAL) plus
// a folder of media files named by their sha256. The player reads only from here.
// Environment failures (cannot open, disk full, SQLite error) throw StoreError.
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/eligibility.hpp"
#include "core/model.hpp"

struct sqlite3;

namespace bangvang::store {

struct StoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct SourceState {
    std::string source_id;
    std::string source_name;
    std::int64_t version = 0;
    core::UnixSeconds issued_at = 0;
    core::UnixSeconds expires_at = 0;
    core::UnixSeconds applied_at = 0;
    std::size_t item_count = 0;
};

// What the signed sync accepted last for a source (schema step 3). Kept apart from
// `sources` so that the rollback guard never depends on what is currently playing.
struct AcceptedVersion {
    std::int64_t version = 0;
    // Items of that version not applied because a media file they need failed; while
    // this is above zero the same version may be applied again, once they can be.
    std::size_t held_back_items = 0;
};

struct StoredItem {
    std::string source_id;
    std::string source_name;
    core::Item item;
};

// One ContentCache per thread: it owns one SQLite connection. A second thread (the
// sync worker) opens its own on the same file; WAL lets it write while this one reads.
class ContentCache {
public:
    // Opens (creating if needed) `database_file`, runs pending schema migrations,
    // and keeps media under `media_directory`.
    ContentCache(const std::filesystem::path& database_file, const std::filesystem::path& media_directory);
    ~ContentCache();
    ContentCache(ContentCache&&) noexcept;
    ContentCache& operator=(ContentCache&&) noexcept;

    int schema_version() const;
    const std::filesystem::path& database_file() const;
    // This thread's connection, for other tables of the same file kept by the same
    // thread (the report outbox, HTTP validators). Never hand it to another thread.
    sqlite3* connection() const;

    // Replaces the previous version of manifest.source_id in one transaction; other
    // sources are untouched. Every media file the manifest lists must already be in
    // the media folder with its listed size (see import_media_file); otherwise nothing
    // changes and StoreError is thrown. Any version is accepted (rollback protection
    // is the sync's decision) and each apply is recorded in the version history.
    void apply(const core::Manifest& manifest, core::UnixSeconds applied_at);

    // The signed path: applies `manifest` (possibly without items held back for missing
    // media) like apply(), and in the same transaction records its version as the last
    // accepted one and trusts its next_keys for this source. Returns false, changing
    // nothing, when that would roll back: a version below the last accepted (in the cache
    // or in the version ledger), or the same version once it was complete. Checked under the write lock, so two writers
    // cannot race past it.
    bool apply_accepted(const core::Manifest& manifest, core::UnixSeconds applied_at, std::size_t held_back_items);
    std::optional<AcceptedVersion> accepted_version(const std::string& source_id) const;
    // The highest version of the source ever accepted on this kiosk, from the version
    // ledger beside the cache (store/version_ledger.hpp), which outlives a rebuilt cache;
    // 0 when none. apply_accepted refuses anything below it and raises it.
    std::int64_t version_floor(const std::string& source_id) const;
    // Base64 public keys a previously accepted manifest of the source named in next_keys.
    std::vector<std::string> introduced_keys(const std::string& source_id) const;

    std::optional<SourceState> source_state(const std::string& source_id) const;
    std::vector<SourceState> sources() const;

    // Items of every source that may play now on this kiosk, in feed order
    // (sources ordered by id).
    std::vector<StoredItem> playable_items(const core::KioskIdentity& kiosk, core::UnixSeconds now,
                                           int utc_offset_minutes) const;
    std::vector<StoredItem> all_items() const;

    // sha256 of every media file some source's current version lists.
    std::set<std::string> referenced_media() const;
    // The media of `source_id`'s current version whose file is missing from the media
    // folder or has another size than listed (deleted, or cut short by a damaged card):
    // one stat per file.
    std::vector<core::MediaRef> missing_media(const std::string& source_id) const;

    const std::filesystem::path& media_directory() const;
    // Throws StoreError unless `sha256` is 64 lowercase hex digits, so that no name
    // from a feed can ever point outside the media folder.
    std::filesystem::path media_path(const std::string& sha256) const;

private:
    void write_version(const core::Manifest& manifest, core::UnixSeconds applied_at);

    struct Connection;
    std::unique_ptr<Connection> connection_;
    std::filesystem::path media_directory_;
};

}  // namespace bangvang::store
