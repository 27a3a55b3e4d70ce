#include "sync/feed_applier.hpp"

#include <map>
#include <system_error>

#include "store/media_store.hpp"
#include "sync/image_check.hpp"
#include "sync/screen_copy_writer.hpp"

namespace bangvang::sync {

namespace fs = std::filesystem;

namespace {

bool already_stored(const store::ContentCache& cache, const core::MediaRef& media) {
    std::error_code error;
    const std::uintmax_t size = fs::file_size(cache.media_path(media.sha256), error);
    return !error && size == static_cast<std::uintmax_t>(media.size_bytes);
}

// nullopt when the media file is now in the cache, verified; otherwise why not.
std::optional<std::string> bring_media(const core::MediaRef& media, store::ContentCache& cache, const MediaFetcher& fetch) {
    core::Result<FetchedMedia> fetched = fetch(media);
    if (!fetched) return fetched.problem().message();
    struct RemoveWhenTemporary {
        const FetchedMedia& media;
        ~RemoveWhenTemporary() {
            std::error_code ignored;
            if (media.temporary) fs::remove(media.file, ignored);
        }
    } remover{*fetched};
    core::Result<fs::path> stored = store::import_media_file(fetched->file, media, cache.media_directory());
    if (!stored) return stored.problem().message();
    if (std::optional<std::string> reason = check_image_file(*stored, media)) {
        std::error_code ignored;
        fs::remove(*stored, ignored);
        return "media " + media.sha256 + ": " + *reason;
    }
    return std::nullopt;
}

}  // namespace

core::Result<AppliedFeed> apply_verified_feed(const VerifiedFeed& feed, store::ContentCache& cache,
                                              const MediaFetcher& fetch, core::UnixSeconds now, std::string_view where,
                                              render::ScreenSize screen) {
    const core::Manifest& manifest = feed.manifest;
    AppliedFeed applied;
    applied.version = manifest.version;
    std::map<std::string, std::string> failed;  // sha256 -> reason
    const auto make_screen_copy = [&](const core::MediaRef& media) {
        const ScreenCopyResult copy = write_screen_copy(cache.media_path(media.sha256), media, screen);
        if (copy.outcome == ScreenCopyOutcome::written) ++applied.screen_copies_written;
        if (!copy.failure.empty()) applied.screen_copy_failures.push_back(copy.failure);
    };
    for (const core::MediaRef& media : manifest.media) {
        if (already_stored(cache, media)) {
            // Stored by an older kiosk, or before the screen's size was known: a copy is
            // made once; a stat per file when one is there already.
            if (screen.known()) {
                std::error_code ignored;
                bool has_copy = false;
                for (const fs::path& copy : render::screen_copy_candidates(cache.media_path(media.sha256))) {
                    has_copy = has_copy || fs::is_regular_file(copy, ignored);
                }
                if (!has_copy) make_screen_copy(media);
            }
            continue;
        }
        if (std::optional<std::string> reason = bring_media(media, cache, fetch)) {
            failed.emplace(media.sha256, *reason);
            applied.media_failures.push_back({media.sha256, *reason});
        } else {
            ++applied.media_fetched;
            make_screen_copy(media);
        }
    }

    core::Manifest live = manifest;
    if (!failed.empty()) {
        live.items.clear();
        for (const core::Item& item : manifest.items) {
            bool waits = false;
            for (const std::string& sha256 : core::media_used_by(item)) waits = waits || failed.contains(sha256);
            if (!waits) live.items.push_back(item);
        }
        std::erase_if(live.media, [&](const core::MediaRef& media) { return failed.contains(media.sha256); });
    }
    applied.items_live = live.items.size();
    applied.held_back_items = manifest.items.size() - live.items.size();

    const auto keeping = [&] {
        const auto state = cache.source_state(manifest.source_id);
        return state ? "; still playing version " + std::to_string(state->version) : std::string("; nothing cached yet");
    };
    if (!manifest.items.empty() && live.items.empty()) {
        return core::Problem{std::string(where), "media",
                             "every item waits for media that failed (" + std::to_string(failed.size()) +
                                 " files; first: " + applied.media_failures.front().reason + ")" + keeping()};
    }
    if (!cache.apply_accepted(live, now, applied.held_back_items)) {
        return core::Problem{std::string(where), "version",
                             "version " + std::to_string(manifest.version) + " is not newer than the accepted one: rollback refused" +
                                 keeping()};
    }
    store::remove_unreferenced_media(cache);
    return applied;
}

}  // namespace bangvang::sync
