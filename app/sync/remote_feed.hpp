#pragma once
// One poll of a feed served over HTTP(S) (or file://):
//   BASE/manifest.json        conditional GET (ETag / Last-Modified); 304 = unchanged
//   BASE/manifest.json.sig    then verify_feed
//   BASE/media/<sha256>       each missing file, into a temporary file capped at its
//                             listed size, then apply_verified_feed checks and stores it
// The validators of the last manifest fully applied are kept in `conditional` and in the
// cache file (store/feed_validators.hpp), so a restarted kiosk polls conditionally at once.
#include <string>

#include "core/result.hpp"
#include "store/content_cache.hpp"
#include "sync/feed_folder.hpp"
#include "sync/http_client.hpp"

namespace bangvang::sync {

struct ConditionalState {
    std::string etag;
    std::string last_modified;
};

struct PollResult {
    FeedSync sync;
    std::size_t bytes_received = 0;  // on the wire, all requests of this poll
    bool not_modified = false;       // answered 304
};

core::Result<PollResult> poll_remote_feed(const std::string& base_url, const SourceTrust& trust,
                                          store::ContentCache& cache, HttpClient& client,
                                          ConditionalState& conditional, core::ClockReading now,
                                          core::ScreenSize screen = {});

}  // namespace bangvang::sync
