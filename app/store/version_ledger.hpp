#pragma once
// Rollback protection that outlives the cache: the highest version accepted per source,
// kept in a small text file beside the cache (CACHE/accepted-versions.txt, one
// "<source id> <version>" line each). A cache that was deleted or rebuilt (it is only a
// copy: store/cache_repair.hpp) would otherwise accept an older, still valid signed
// version. The file is replaced atomically (temporary file, fsync, rename, fsync of the
// folder), so a power cut leaves the old or the new list.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "core/result.hpp"

namespace bangvang::store {

using VersionLedger = std::map<std::string, std::int64_t>;  // source id -> highest accepted version

// The ledger file that belongs to the cache `database_file` (same folder).
std::filesystem::path version_ledger_file(const std::filesystem::path& database_file);

// An absent file is an empty ledger. A damaged one is a Problem naming the file and line;
// StoreError when it cannot be read at all.
core::Result<VersionLedger> read_version_ledger(const std::filesystem::path& file);

// What can be read: a damaged line is skipped (read_version_ledger names it).
VersionLedger readable_version_ledger(const std::filesystem::path& file);

// Raises the recorded version of `source_id` to `version` (never lowers it). A damaged
// file is replaced by what can still be read of it plus this source. Throws StoreError
// when the file cannot be written: the caller must not accept the version then.
void record_accepted_version(const std::filesystem::path& file, const std::string& source_id, std::int64_t version);

}  // namespace bangvang::store
