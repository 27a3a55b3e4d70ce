#include "sync/remote_feed.hpp"

#include <sodium.h>

#include "core/manifest_parser.hpp"
#include "store/feed_validators.hpp"
#include "sync/feed_signature.hpp"

namespace bangvang::sync {

namespace {

std::string joined(const std::string& base, std::string_view tail) {
    return base.ends_with('/') ? base + std::string(tail) : base + "/" + std::string(tail);
}

std::string download_name(const std::string& sha256) {
    // Starts like the media store's temporaries, so a leftover is swept by its cleanup.
    return ".incoming-download-" + sha256 + "-" + std::to_string(randombytes_random());
}

HttpRequest request_for(std::string url, std::size_t max_bytes) {
    HttpRequest request;
    request.url = std::move(url);
    request.max_bytes = max_bytes;
    return request;
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
                                          ConditionalState& conditional, core::UnixSeconds now,
                                          render::ScreenSize screen) {
    PollResult result;
    const AcceptedSourceState accepted = accepted_source_state(cache, trust.source_id);
    const bool complete = accepted.accepted_version > 0 && accepted.held_back_items == 0;
    if (conditional.etag.empty() && conditional.last_modified.empty()) {
        if (auto stored = store::load_feed_validators(cache, trust.source_id, base_url)) {
            conditional = ConditionalState{.etag = stored->etag, .last_modified = stored->last_modified};
        }
    }

    HttpRequest manifest_request = request_for(joined(base_url, "manifest.json"), core::max_manifest_bytes);
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
        client.get(request_for(joined(base_url, signature_file_name), max_signature_file_bytes));
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
        const std::filesystem::path file = cache.media_directory() / download_name(media.sha256);
        FetchedMedia fetched{.file = file, .temporary = true};
        HttpRequest request = request_for(joined(base_url, "media/" + media.sha256),
                                          static_cast<std::size_t>(media.size_bytes));
        request.body_file = file;
        core::Result<HttpResponse> response = client.get(request);
        if (!response) {
            std::error_code ignored;
            std::filesystem::remove(file, ignored);
            return response.problem();
        }
        media_bytes += response->bytes_received;
        return fetched;
    };
    core::Result<AppliedFeed> applied = apply_verified_feed(*verified, cache, download, now, manifest_request.url, screen);
    result.bytes_received += media_bytes;
    if (!applied) return applied.problem();
    result.sync.applied = std::move(applied).value();
    // Only a complete version may be skipped by a later 304.
    remember(conditional, result.sync.applied.held_back_items == 0 ? validators : ConditionalState{}, cache, trust,
             base_url);
    return result;
}

}  // namespace bangvang::sync
