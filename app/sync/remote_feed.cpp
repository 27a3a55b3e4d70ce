#include "sync/remote_feed.hpp"

#include "core/manifest_parser.hpp"
#include "store/feed_validators.hpp"
#include "store/media_store.hpp"
#include "sync/feed_signature.hpp"

namespace bangvang::sync {

namespace {

std::string joined(const std::string& base, std::string_view tail) {
    return base.ends_with('/') ? base + std::string(tail) : base + "/" + std::string(tail);
}

// Every request ends within a deadline sized to what it fetches: the low-speed floor
// alone would let a server trickling 600 bytes/s hold a 4 MiB manifest for two hours.
constexpr std::chrono::seconds manifest_deadline{60};
constexpr std::chrono::seconds signature_deadline{30};
// Media: a minute, plus the file at 16 KiB/s (a 4 MiB photo: about five minutes).
constexpr std::size_t slowest_media_bytes_per_second = 16 * 1024;

HttpRequest request_for(std::string url, std::size_t max_bytes, std::chrono::milliseconds deadline) {
    HttpRequest request;
    request.url = std::move(url);
    request.max_bytes = max_bytes;
    request.deadline = deadline;
    return request;
}

std::chrono::milliseconds media_deadline(std::int64_t size_bytes) {
    return std::chrono::seconds(60 + static_cast<std::uint64_t>(size_bytes) / slowest_media_bytes_per_second);
}

// Remembers the validators in memory and in the cache file (for the next start).
void remember(ConditionalState& conditional, ConditionalState validators, const store::ContentCache& cache,
              const SourceTrust& trust, const std::string& base_url) {
    if (validators.etag == conditional.etag && validators.last_modified == conditional.last_modified) return;
    conditional = std::move(validators);
    store::save_feed_validators(cache, trust.source_id, base_url,
                                store::FeedValidators{.etag = conditional.etag, .last_modified = conditional.last_modified});
}

}  // namespace

core::Result<PollResult> poll_remote_feed(const std::string& base_url, const SourceTrust& trust,
                                          store::ContentCache& cache, HttpClient& client,
                                          ConditionalState& conditional, core::ClockReading now,
                                          core::ScreenSize screen) {
    PollResult result;
    const AcceptedSourceState accepted = accepted_source_state(cache, trust.source_id);
    // Only a version that is whole in the cache may be answered by a 304: with items held
    // back or media files lost, the manifest is fetched again to know what to fetch.
    const bool complete = accepted.accepted_version > 0 && accepted.held_back_items == 0 && accepted.missing_media == 0;
    if (conditional.etag.empty() && conditional.last_modified.empty()) {
        if (auto stored = store::load_feed_validators(cache, trust.source_id, base_url)) {
            conditional = ConditionalState{.etag = stored->etag, .last_modified = stored->last_modified};
        }
    }

    HttpRequest manifest_request = request_for(joined(base_url, "manifest.json"), core::max_manifest_bytes, manifest_deadline);
    if (complete && !conditional.etag.empty()) manifest_request.if_none_match = conditional.etag;
    if (complete && !conditional.last_modified.empty()) manifest_request.if_modified_since = conditional.last_modified;
    core::Result<HttpResponse> manifest = client.get(manifest_request);
    if (!manifest) return manifest.problem();
    result.bytes_received += manifest->bytes_received;
    if (manifest->not_modified) {
        result.not_modified = true;
        result.sync = FeedSync{.verdict = FeedVerdict::unchanged, .version = accepted.accepted_version, .applied = {}};
        return result;
    }

    core::Result<HttpResponse> signature =
        client.get(request_for(joined(base_url, signature_file_name), max_signature_file_bytes, signature_deadline));
    if (!signature) return signature.problem();
    result.bytes_received += signature->bytes_received;

    core::Result<VerifiedFeed> verified =
        verify_feed(trust, manifest->body, signature->body, accepted, now, manifest_request.url);
    if (!verified) return verified.problem();
    result.sync.verdict = verified->verdict;
    result.sync.version = verified->manifest.version;
    const ConditionalState validators{.etag = manifest->etag, .last_modified = manifest->last_modified};
    if (verified->verdict == FeedVerdict::unchanged) {
        remember(conditional, validators, cache, trust, base_url);
        return result;
    }

    std::size_t media_bytes = 0;
    const MediaFetcher download = [&](const core::MediaRef& media) -> core::Result<FetchedMedia> {
        // One name per file: what an interrupted try left is resumed with Range (the cache
        // folder's lock keeps other kiosks away from it).
        const std::filesystem::path file = cache.media_directory() / store::partial_download_name(media.sha256);
        FetchedMedia fetched{.file = file, .temporary = true};
        HttpRequest request = request_for(joined(base_url, "media/" + media.sha256),
                                          static_cast<std::size_t>(media.size_bytes), media_deadline(media.size_bytes));
        request.body_file = file;
        request.resume = true;
        fetched.origin = request.url;
        core::Result<HttpResponse> response = client.get(request);
        if (!response) {
            // Kept when something arrived: the next poll asks for the rest.
            std::error_code error;
            if (std::filesystem::file_size(file, error) == 0 || error) std::filesystem::remove(file, error);
            return response.problem();
        }
        media_bytes += response->bytes_received;
        return fetched;
    };
    core::Result<AppliedFeed> applied = apply_verified_feed(*verified, cache, download, now.seconds, manifest_request.url, screen);
    result.bytes_received += media_bytes;
    if (!applied) return applied.problem();
    result.sync.applied = std::move(applied).value();
    // Only a complete version may be skipped by a later 304.
    remember(conditional, result.sync.applied.held_back_items == 0 ? validators : ConditionalState{}, cache, trust,
             base_url);
    return result;
}

}  // namespace bangvang::sync
