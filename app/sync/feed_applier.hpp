#pragma once
// Second half of a sync, after verify_feed accepted a manifest: bring every listed
// media file into the cache (size, hash, then image checks), then switch versions in
// one transaction.
//
// Partial media failures: a media file that fails (network, wrong hash, not an image)
// holds back only the items that use it. The others go live at once, with the version
// recorded as accepted but incomplete (held_back_items > 0), so the next poll fetches the
// same version again, retries only the missing media, and applies the whole version once
// they arrive. If every item of a non-empty manifest would be held back, nothing is
// applied: the previous version keeps playing rather than an empty screen.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/screen_size.hpp"
#include "store/content_cache.hpp"
#include "sync/feed_verifier.hpp"

namespace bangvang::sync {

struct FetchedMedia {
    std::filesystem::path file;
    bool temporary = false;  // removed once imported (a download); a feed folder's own file is left alone
    std::string origin{};    // where it came from (a URL), named when it fails its checks; empty: `file`
};

// Brings one media file's bytes to a local file, or says why it cannot.
using MediaFetcher = std::function<core::Result<FetchedMedia>(const core::MediaRef&)>;

struct MediaFailure {
    std::string sha256;
    std::string reason;
};

struct AppliedFeed {
    std::int64_t version = 0;
    std::size_t items_live = 0;
    std::size_t held_back_items = 0;
    std::size_t media_fetched = 0;  // files that were not in the cache yet
    std::vector<MediaFailure> media_failures;
    std::size_t screen_copies_written = 0;        // screen-sized copies made (media/screen_copy_writer.hpp)
    std::vector<std::string> screen_copy_failures;  // copies not made: the originals are drawn
    bool repaired = false;  // the version played already: only its missing media were fetched
};

// Why the media of `manifest` not yet in the cache cannot be fetched into `free_bytes`
// (the cache folder's free space; nullopt: unknown, not checked), or nullopt when they
// fit. What interrupted downloads left is counted as fetched already (it is resumed);
// room is kept for screen-sized copies (a tenth of the new files) and the database (2 MB).
std::optional<std::string> space_shortfall(const store::ContentCache& cache, const core::Manifest& manifest,
                                           std::optional<std::uint64_t> free_bytes);

// A feed verified as FeedVerdict::repair (the version playing, some of its media files
// lost) only has those files fetched again; the cache's versions are not touched.
// Problems: every item held back by failed media, or the cache refused the version as
// a rollback (another writer got there first). StoreError for failures of the disk.
// With a known `screen`, images larger than it get a screen-sized copy beside them.
core::Result<AppliedFeed> apply_verified_feed(const VerifiedFeed& feed, store::ContentCache& cache,
                                              const MediaFetcher& fetch, core::UnixSeconds now, std::string_view where,
                                              core::ScreenSize screen = {});

}  // namespace bangvang::sync
