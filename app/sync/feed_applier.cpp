#include "sync/feed_applier.hpp"

#include <map>
#include <set>
#include <system_error>

#include "core/rendition_choice.hpp"
#include "media/image_check.hpp"
#include "media/screen_copy_writer.hpp"
#include "store/media_store.hpp"
#include "sync/report_delivery.hpp"

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
    if (!stored) {
        core::Problem problem = stored.problem();
        if (!fetched->origin.empty()) problem.where = fetched->origin;
        return problem.message();
    }
    if (std::optional<std::string> reason = media::check_image_file(*stored, media)) {
        std::error_code ignored;
        fs::remove(*stored, ignored);
        return (fetched->origin.empty() ? "media " + media.sha256 : fetched->origin) + ": " + *reason;
    }
    return std::nullopt;
}

std::string megabytes(std::uint64_t bytes, bool round_up) {
    constexpr std::uint64_t megabyte = 1024 * 1024;
    return std::to_string(round_up ? (bytes + megabyte - 1) / megabyte : bytes / megabyte);
}

// Bytes of `media` that an interrupted download already left in the cache (resumed with
// Range, so only the rest is fetched); 0 when none or when it is not a prefix of the file.
std::uint64_t partly_downloaded(const store::ContentCache& cache, const core::MediaRef& media) {
    std::error_code error;
    const std::uintmax_t size =
        fs::file_size(cache.media_directory() / store::partial_download_name(media.sha256), error);
    if (error || size > static_cast<std::uintmax_t>(media.size_bytes)) return 0;
    return size;
}

}  // namespace

std::optional<std::string> space_shortfall(const store::ContentCache& cache, const core::Manifest& manifest,
                                           std::optional<std::uint64_t> free_bytes) {
    std::uint64_t new_media = 0;
    std::uint64_t to_fetch = 0;
    for (const core::MediaRef& media : manifest.media) {
        if (already_stored(cache, media)) continue;
        const auto size = static_cast<std::uint64_t>(media.size_bytes);
        new_media += size;
        to_fetch += size - partly_downloaded(cache, media);
    }
    if (new_media == 0) return std::nullopt;
    // The screen-sized copies are made of whole files: their room is a tenth of those.
    const std::uint64_t needed = to_fetch + new_media / 10 + 2 * 1024 * 1024;
    if (!free_bytes || *free_bytes >= needed) return std::nullopt;
    const fs::path folder = cache.media_directory().has_parent_path() ? cache.media_directory().parent_path()
                                                                       : cache.media_directory();
    std::string partly;
    if (to_fetch < new_media) partly = ", " + megabytes(new_media - to_fetch, false) + " MB of them downloaded already";
    return "not enough space in " + folder.string() + ": need " + megabytes(needed, true) + " MB, " +
           megabytes(*free_bytes, false) + " MB free (the media of version " + std::to_string(manifest.version) +
           " not yet in the cache take " + megabytes(new_media, true) + " MB" + partly + "); nothing was downloaded";
}

core::Result<AppliedFeed> apply_verified_feed(const VerifiedFeed& feed, store::ContentCache& cache,
                                              const MediaFetcher& fetch, core::UnixSeconds now, std::string_view where,
                                              core::ScreenSize screen) {
    // From here on the manifest names the files this screen fetches: the renditions
    // chosen for it (core/rendition_choice.hpp), else the originals.
    const core::Manifest manifest = core::with_chosen_renditions(feed.manifest, screen);
    AppliedFeed applied;
    applied.version = manifest.version;
    std::map<std::string, std::string> failed;  // sha256 -> reason
    const auto make_screen_copy = [&](const core::MediaRef& media) {
        const media::ScreenCopyResult copy = media::write_screen_copy(cache.media_path(media.sha256), media, screen);
        if (copy.outcome == media::ScreenCopyOutcome::written) ++applied.screen_copies_written;
        if (!copy.failure.empty()) applied.screen_copy_failures.push_back(copy.failure);
    };
    const auto keeping = [&] {
        const auto state = cache.source_state(manifest.source_id);
        return state ? "; still playing version " + std::to_string(state->version) : std::string("; nothing cached yet");
    };
    if (std::optional<std::string> reason = space_shortfall(cache, manifest, free_disk_bytes(cache.media_directory()))) {
        return core::Problem{std::string(where), "media", *reason + keeping()};
    }
    for (const core::MediaRef& media : manifest.media) {
        if (already_stored(cache, media)) {
            // Stored by an older kiosk, or before the screen's size was known: a copy is
            // made once; a stat per file when one is there already.
            if (screen.known()) {
                std::error_code ignored;
                bool has_copy = false;
                for (const fs::path& copy : media::screen_copy_candidates(cache.media_path(media.sha256))) {
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

    if (feed.verdict == FeedVerdict::repair) {
        applied.repaired = true;
        applied.items_live = manifest.items.size();
        return applied;
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
    std::set<std::string> still_wanted;
    for (const auto& [sha256, reason] : failed) still_wanted.insert(sha256);
    store::remove_unreferenced_media(cache, still_wanted);
    return applied;
}

}  // namespace bangvang::sync
