#pragma once
// Loads a feed directory (what `bangvang-publish build` writes) into the cache:
//   FEED/manifest.json  and  FEED/media/<sha256>
// The directory is untrusted input: anything wrong with its content comes back as a
// Problem naming the file and the reason, and the cache keeps what it had. Failures
// of the machine itself (unreadable disk, SQLite error) throw StoreError.
#include <filesystem>
#include <optional>
#include <string>

#include "core/clock_time.hpp"
#include "core/result.hpp"
#include "store/content_cache.hpp"

namespace bangvang::store {

enum class FeedOutcome {
    applied,    // the cache now holds this version
    unchanged,  // this source and version were already applied; nothing was done
};

struct FeedImport {
    FeedOutcome outcome = FeedOutcome::applied;
    SourceState source;  // the cache's state for the source afterwards
};

struct FeedImportOptions {
    // When set, a manifest naming any other source is refused before anything is
    // stored: a feed directory configured for the ward must not replace the district.
    std::optional<std::string> expected_source_id;
};

core::Result<FeedImport> import_feed_directory(const std::filesystem::path& feed_directory, ContentCache& cache,
                                               core::UnixSeconds now, const FeedImportOptions& options = {});

}  // namespace bangvang::store
