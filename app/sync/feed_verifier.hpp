#pragma once
// The gate every fetched feed passes before anything of it is stored (content/FORMAT.md
// "Signatures"). A pure function of the configured trust, the fetched bytes, what the
// cache remembers of earlier accepted manifests, and the time: no I/O, no SQLite.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock_time.hpp"
#include "core/model.hpp"
#include "core/result.hpp"
#include "store/content_cache.hpp"
#include "sync/signing_keys.hpp"

namespace bangvang::sync {

// What the kiosk config says about a source.
struct SourceTrust {
    std::string source_id;
    std::vector<PublicKey> configured_keys;
};

// What the cache remembers about a source from manifests it accepted before.
struct AcceptedSourceState {
    std::int64_t accepted_version = 0;  // 0: nothing accepted yet
    std::size_t held_back_items = 0;    // items of that version still waiting for media
    // The highest version ever accepted (the version ledger outside the cache): nothing
    // older is accepted even when the cache is new.
    std::int64_t version_floor = 0;
    std::vector<PublicKey> introduced_keys;  // named by next_keys of an accepted manifest
    // Media of the version playing now that are missing or of the wrong size in the cache.
    std::size_t missing_media = 0;
};

AcceptedSourceState accepted_source_state(const store::ContentCache& cache, const std::string& source_id);

enum class FeedVerdict {
    accept,     // newer (or the same version still incomplete): fetch its media and apply it
    unchanged,  // the version already accepted, complete: nothing to do
    repair,     // the version already accepted, but media files of it went missing: fetch them again
};

struct VerifiedFeed {
    FeedVerdict verdict = FeedVerdict::accept;
    core::Manifest manifest;
    PublicKey signed_by;
};

// Accepts only when, in this order: the signature file verifies over the exact manifest
// bytes with a configured or introduced key (so nothing unsigned is even parsed); the
// manifest parses; it names the configured source; its version is above the last
// accepted one (lower is a rollback; equal is "unchanged" unless items are held back);
// and it has not expired at `now` (not judged while `now` is unsynchronised: a clock at the
// image's build date proves nothing). Otherwise a Problem whose reason says which rule failed.
core::Result<VerifiedFeed> verify_feed(const SourceTrust& trust, std::string_view manifest_bytes,
                                       std::string_view signature_bytes, const AcceptedSourceState& accepted,
                                       core::ClockReading now, std::string_view where);

}  // namespace bangvang::sync
