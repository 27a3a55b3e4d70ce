#pragma once
// Opening the kiosk's cache at start, whatever an SD card did to it. The cache is a copy,
// never the truth: a file that will not open (not a database, a schema from a newer
// bangvang) or fails `PRAGMA quick_check` is moved aside as <file>.damaged (with its
// -wal and -shm; only the last damaged copy is kept, for diagnosis) and a fresh, empty
// cache is created in its place; the sources fill it again. Media files stay: they are
// named by their hash and each is checked against its manifest before it is used.
//
// Call it before any other connection to the file is opened (the sync thread's comes
// later) and while holding the cache folder's lock (store/cache_lock.hpp), so that no
// other process has the file open.
#include <filesystem>
#include <optional>
#include <string>

#include "store/content_cache.hpp"

namespace bangvang::store {

struct OpenedCache {
    ContentCache cache;
    // What was wrong and where the damaged file went, for the log; nullopt when it was fine.
    std::optional<std::string> repaired;
};

// Why the file at `database_file` is not a usable cache (SQLite's reason or the first
// lines of quick_check), or nullopt when it is fine or does not exist yet.
std::optional<std::string> cache_damage(const std::filesystem::path& database_file);

// Throws StoreError only when even a fresh cache cannot be created (a disk that is full,
// read-only or gone): then nothing can be cached and the caller must say so.
OpenedCache open_cache_repairing(const std::filesystem::path& database_file,
                                 const std::filesystem::path& media_directory);

}  // namespace bangvang::store
