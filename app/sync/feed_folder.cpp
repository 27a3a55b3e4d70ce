#include "sync/feed_folder.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "core/manifest_parser.hpp"
#include "sync/feed_signature.hpp"

namespace bangvang::sync {

namespace fs = std::filesystem;

core::Result<std::string> read_bounded_file(const fs::path& file, std::size_t limit) {
    const auto problem = [&](std::string reason) { return core::Problem{file.string(), "", std::move(reason)}; };
    std::error_code error;
    const auto status = fs::status(file, error);
    if (!fs::exists(status)) return problem("is missing");
    if (!fs::is_regular_file(status)) return problem("is not a regular file");
    std::ifstream input(file, std::ios::binary);
    if (!input) return problem(std::string("cannot be opened: ") + std::strerror(errno));
    // Read in pieces: a buffer of the limit's size (4 MB for a manifest) would be zeroed and
    // faulted in at every start for a file of a few kilobytes. Stops one piece past the limit.
    std::string bytes;
    char piece[64 * 1024];
    while (input.read(piece, sizeof piece) || input.gcount() > 0) {
        bytes.append(piece, static_cast<std::size_t>(input.gcount()));
        if (bytes.size() > limit) return problem("is larger than the limit of " + std::to_string(limit) + " bytes");
    }
    if (input.bad()) return problem("read error");
    return bytes;
}

core::Result<FeedSync> sync_feed_folder(const fs::path& folder, const SourceTrust& trust, store::ContentCache& cache,
                                        core::ClockReading now, core::ScreenSize screen) {
    const fs::path manifest_file = folder / "manifest.json";
    core::Result<std::string> manifest_bytes = read_bounded_file(manifest_file, core::max_manifest_bytes);
    if (!manifest_bytes) return manifest_bytes.problem();
    core::Result<std::string> signature_bytes =
        read_bounded_file(folder / signature_file_name, max_signature_file_bytes);
    if (!signature_bytes) {
        core::Problem problem = signature_bytes.problem();
        problem.reason += ": a feed must be signed (manifest.json.sig beside manifest.json)";
        return problem;
    }
    core::Result<VerifiedFeed> verified = verify_feed(trust, *manifest_bytes, *signature_bytes,
                                                      accepted_source_state(cache, trust.source_id), now,
                                                      manifest_file.string());
    if (!verified) return verified.problem();
    FeedSync result{.verdict = verified->verdict, .version = verified->manifest.version, .applied = {}};
    if (verified->verdict == FeedVerdict::unchanged) return result;

    const fs::path media_folder = folder / "media";
    const MediaFetcher from_folder = [&](const core::MediaRef& media) -> core::Result<FetchedMedia> {
        return FetchedMedia{.file = media_folder / media.sha256, .temporary = false};
    };
    core::Result<AppliedFeed> applied = apply_verified_feed(*verified, cache, from_folder, now.seconds, manifest_file.string(), screen);
    if (!applied) return applied.problem();
    result.applied = std::move(applied).value();
    return result;
}

}  // namespace bangvang::sync
