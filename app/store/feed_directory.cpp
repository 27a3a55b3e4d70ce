#include "store/feed_directory.hpp"

#include <cerrno>
#include <fstream>
#include <string>
#include <system_error>

#include "core/manifest_parser.hpp"
#include "store/media_store.hpp"

namespace bangvang::store {

namespace fs = std::filesystem;

namespace {

core::Problem file_problem(const fs::path& file, std::string reason) {
    return core::Problem{.where = file.string(), .field = "", .reason = std::move(reason)};
}

core::Result<std::string> read_manifest_bytes(const fs::path& manifest_file) {
    std::error_code error;
    const auto status = fs::status(manifest_file, error);
    if (!fs::exists(status)) return file_problem(manifest_file, "is missing: a feed directory needs a manifest.json");
    if (!fs::is_regular_file(status)) return file_problem(manifest_file, "is not a regular file");
    const std::uintmax_t size = fs::file_size(manifest_file, error);
    if (error) throw StoreError(manifest_file.string() + ": cannot read its size: " + error.message());
    const auto too_large = [&](std::uintmax_t bytes) {
        return file_problem(manifest_file, "is " + std::to_string(bytes) + " bytes, more than the limit of " +
                                               std::to_string(core::max_manifest_bytes));
    };
    // Refuse before reading: a huge manifest must not cost memory.
    if (size > core::max_manifest_bytes) return too_large(size);

    std::ifstream input(manifest_file, std::ios::binary);
    if (!input) throw StoreError(manifest_file.string() + ": cannot open for reading: " + std::generic_category().message(errno));
    // Read at most one byte past the limit, in case the file grew since we measured it.
    std::string bytes(core::max_manifest_bytes + 1, '\0');
    input.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (input.bad()) throw StoreError(manifest_file.string() + ": read error");
    bytes.resize(static_cast<std::size_t>(input.gcount()));
    if (bytes.size() > core::max_manifest_bytes) return too_large(bytes.size());
    return bytes;
}

}  // namespace

core::Result<FeedImport> import_feed_directory(const fs::path& feed_directory, ContentCache& cache,
                                               core::UnixSeconds now, const FeedImportOptions& options) {
    const fs::path manifest_file = feed_directory / "manifest.json";
    core::Result<std::string> bytes = read_manifest_bytes(manifest_file);
    if (!bytes) return bytes.problem();

    core::Result<core::Manifest> manifest = core::parse_manifest(*bytes, manifest_file.string());
    if (!manifest) return manifest.problem();
    if (options.expected_source_id && manifest->source_id != *options.expected_source_id) {
        return core::Problem{.where = manifest_file.string(),
                             .field = "source.id",
                             .reason = "is \"" + manifest->source_id + "\" but this feed directory is configured for source \"" +
                                       *options.expected_source_id + "\""};
    }

    if (const auto current = cache.source_state(manifest->source_id); current && current->version == manifest->version) {
        return FeedImport{.outcome = FeedOutcome::unchanged, .source = *current};
    }

    // Every media file is verified and stored before the one transaction that switches
    // versions; a bad file stops here, with the previous version still in place.
    const fs::path media_folder = feed_directory / "media";
    for (const core::MediaRef& media : manifest->media) {
        core::Result<fs::path> stored = import_media_file(media_folder / media.sha256, media, cache.media_directory());
        if (!stored) return stored.problem();
    }

    cache.apply(*manifest, now);
    const auto applied = cache.source_state(manifest->source_id);
    if (!applied) throw StoreError(cache.database_file().string() + ": source \"" + manifest->source_id + "\" vanished after apply");
    return FeedImport{.outcome = FeedOutcome::applied, .source = *applied};
}

}  // namespace bangvang::store
