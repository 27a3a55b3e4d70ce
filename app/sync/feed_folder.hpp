#pragma once
// A signed feed on disk (a USB stick, the demo, an rsync target):
//   FOLDER/manifest.json, FOLDER/manifest.json.sig, FOLDER/media/<sha256>
// checked by verify_feed and applied by apply_verified_feed, exactly as a download is.
#include <filesystem>

#include "core/result.hpp"
#include "store/content_cache.hpp"
#include "sync/feed_applier.hpp"
#include "sync/feed_verifier.hpp"

namespace bangvang::sync {

struct FeedSync {
    FeedVerdict verdict = FeedVerdict::unchanged;
    std::int64_t version = 0;  // the version found (and, unless unchanged, applied)
    AppliedFeed applied;       // when verdict is accept
};

core::Result<FeedSync> sync_feed_folder(const std::filesystem::path& folder, const SourceTrust& trust,
                                        store::ContentCache& cache, core::ClockReading now,
                                        core::ScreenSize screen = {});

// Reads at most `limit` bytes; a larger file is a Problem. Missing file: a Problem.
core::Result<std::string> read_bounded_file(const std::filesystem::path& file, std::size_t limit);

}  // namespace bangvang::sync
