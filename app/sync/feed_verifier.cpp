#include "sync/feed_verifier.hpp"

#include <algorithm>

#include "core/manifest_parser.hpp"
#include "sync/feed_signature.hpp"

namespace bangvang::sync {

AcceptedSourceState accepted_source_state(const store::ContentCache& cache, const std::string& source_id) {
    AcceptedSourceState state;
    if (const auto accepted = cache.accepted_version(source_id)) {
        state.accepted_version = accepted->version;
        state.held_back_items = accepted->held_back_items;
    }
    state.version_floor = cache.version_floor(source_id);
    state.missing_media = cache.missing_media(source_id).size();
    for (const std::string& base64 : cache.introduced_keys(source_id)) {
        // Validated by the manifest parser before they were stored; a damaged row is skipped
        // rather than trusted.
        if (auto key = parse_public_key(base64, "cache")) state.introduced_keys.push_back(*key);
    }
    return state;
}

namespace {

// BASE/manifest.json -> BASE/manifest.json.sig (a URL or a file); anything else gets it appended.
std::string signature_location(std::string_view manifest_location) {
    constexpr std::string_view manifest_name = "manifest.json";
    if (manifest_location.ends_with(manifest_name)) {
        return std::string(manifest_location.substr(0, manifest_location.size() - manifest_name.size())) +
               std::string(signature_file_name);
    }
    return std::string(manifest_location) + "/" + std::string(signature_file_name);
}

}  // namespace

core::Result<VerifiedFeed> verify_feed(const SourceTrust& trust, std::string_view manifest_bytes,
                                       std::string_view signature_bytes, const AcceptedSourceState& accepted,
                                       core::ClockReading now, std::string_view where) {
    const auto refuse = [&](std::string field, std::string reason) {
        return core::Problem{std::string(where), std::move(field), std::move(reason)};
    };
    if (manifest_bytes.size() > core::max_manifest_bytes) {
        return refuse("", "manifest is " + std::to_string(manifest_bytes.size()) + " bytes, more than the limit of " +
                              std::to_string(core::max_manifest_bytes));
    }
    std::vector<PublicKey> trusted = trust.configured_keys;
    for (const PublicKey& key : accepted.introduced_keys) {
        if (std::find(trusted.begin(), trusted.end(), key) == trusted.end()) trusted.push_back(key);
    }
    core::Result<VerifiedSignature> signature =
        verify_manifest(manifest_bytes, signature_bytes, trusted, signature_location(where));
    if (!signature) return signature.problem();

    core::Result<core::Manifest> manifest = core::parse_manifest(manifest_bytes, where);
    if (!manifest) return manifest.problem();
    if (manifest->source_id != trust.source_id) {
        return refuse("source.id", "is \"" + manifest->source_id + "\" but this feed is configured for source \"" +
                                       trust.source_id + "\"");
    }
    const std::string kept = accepted.accepted_version > 0
                                 ? "; keeping version " + std::to_string(accepted.accepted_version)
                                 : "";
    if (manifest->version < accepted.accepted_version) {
        return refuse("version", "is " + std::to_string(manifest->version) + ", older than the accepted version " +
                                     std::to_string(accepted.accepted_version) + ": rollback refused" + kept);
    }
    if (manifest->version < accepted.version_floor) {
        return refuse("version", "is " + std::to_string(manifest->version) + ", older than version " +
                                     std::to_string(accepted.version_floor) +
                                     " this kiosk accepted before (kept outside the cache): rollback refused" + kept);
    }
    const bool same_and_complete = manifest->version == accepted.accepted_version && accepted.held_back_items == 0;
    const bool unchanged = same_and_complete && accepted.missing_media == 0;
    if (!same_and_complete && now.has_passed(manifest->expires_at)) {
        return refuse("expires_at", "the manifest expired at " +
                                        core::format_rfc3339(manifest->expires_at, core::vietnam_utc_offset_minutes) +
                                        ": refused" + kept);
    }
    const FeedVerdict verdict = unchanged            ? FeedVerdict::unchanged
                                : same_and_complete ? FeedVerdict::repair
                                                    : FeedVerdict::accept;
    return VerifiedFeed{.verdict = verdict,
                        .manifest = std::move(manifest).value(),
                        .signed_by = signature->key};
}

}  // namespace bangvang::sync
