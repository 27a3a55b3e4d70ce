#include "publish/feed_builder.hpp"

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/manifest_parser.hpp"
#include "publish/atomic_file.hpp"
#include "publish/media_file.hpp"
#include "publish/publish_error.hpp"
#include "publish/source_document.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

constexpr core::UnixSeconds seconds_per_day = 24 * 60 * 60;
constexpr int max_valid_days = 10 * 366;

core::Problem option_problem(std::string option, std::string reason) {
    return core::Problem{.where = "bangvang-publish build", .field = std::move(option), .reason = std::move(reason)};
}

std::optional<std::string> read_text_file(const fs::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    if (stream.bad()) throw PublishError("cannot read " + file.string());
    return bytes;
}

struct Validity {
    std::int64_t version = 0;
    std::string issued_at;
    std::string expires_at;
};

core::Result<Validity> decide_validity(const BuildOptions& options, core::UnixSeconds now) {
    if (options.valid_days < 1 || options.valid_days > max_valid_days) {
        return option_problem("--valid-days", "must be between 1 and " + std::to_string(max_valid_days));
    }
    if (options.version && *options.version < 1) return option_problem("--version", "must be at least 1");
    core::UnixSeconds issued = now;
    std::string issued_text = core::format_rfc3339(now, core::vietnam_utc_offset_minutes);
    if (options.issued_at) {
        const auto parsed = core::parse_rfc3339(*options.issued_at);
        if (!parsed) return option_problem("--issued-at", parsed.problem().reason);
        issued = *parsed;
        issued_text = *options.issued_at;
    }
    return Validity{
        .version = options.version.value_or(issued),
        .issued_at = std::move(issued_text),
        .expires_at = core::format_rfc3339(issued + options.valid_days * seconds_per_day,
                                           core::vietnam_utc_offset_minutes),
    };
}

ordered_json media_entry(const core::MediaRef& media) {
    ordered_json entry;
    entry["sha256"] = media.sha256;
    entry["size"] = media.size_bytes;
    entry["width"] = media.width;
    entry["height"] = media.height;
    entry["type"] = media.mime_type;
    return entry;
}

// format and source first, then what the build adds, then the rest as the author wrote it.
ordered_json assemble_manifest(const ordered_json& source, const Validity& validity,
                               const std::vector<core::MediaRef>& media) {
    ordered_json manifest = ordered_json::object();
    for (const char* leading : {"format", "source"}) {
        if (source.contains(leading)) manifest[leading] = source.at(leading);
    }
    manifest["version"] = validity.version;
    manifest["issued_at"] = validity.issued_at;
    manifest["expires_at"] = validity.expires_at;
    manifest["media"] = ordered_json::array();
    for (const core::MediaRef& entry : media) manifest["media"].push_back(media_entry(entry));
    for (const auto& [member, value] : source.items()) {
        if (!manifest.contains(member)) manifest[member] = value;
    }
    return manifest;
}

struct MeasuredMedia {
    std::vector<core::MediaRef> media;     // distinct by hash, in order of first use
    std::vector<fs::path> files;           // the file each entry of `media` is copied from
    std::map<std::string, std::string> hash_of_path;  // relative path -> sha256
};

core::Result<MeasuredMedia> measure_media(const SourceDocument& document, const fs::path& source_directory) {
    MeasuredMedia measured;
    std::set<std::string> hashes;
    for (const MediaReference& reference : document.media_references) {
        if (measured.hash_of_path.contains(reference.relative_path)) continue;
        const fs::path file = source_directory / reference.relative_path;
        auto described = describe_media_file(file);
        if (!described) {
            return core::Problem{.where = reference.where,
                                 .field = reference.field,
                                 .reason = "picture " + file.string() + " " + described.problem().reason};
        }
        measured.hash_of_path[reference.relative_path] = described->sha256;
        if (hashes.insert(described->sha256).second) {
            measured.media.push_back(*described);
            measured.files.push_back(file);
        }
    }
    return measured;
}

}  // namespace

core::Result<BuiltFeed> build_feed(const BuildOptions& options, core::UnixSeconds now) {
    const fs::path source_file = options.source_directory / "source.json";
    const auto source_bytes = read_text_file(source_file);
    if (!source_bytes) {
        return core::Problem{.where = source_file.string(), .field = "", .reason = "cannot be opened (no such file?)"};
    }
    auto document = parse_source_document(*source_bytes, source_file.string());
    if (!document) return document.problem();

    auto validity = decide_validity(options, now);
    if (!validity) return validity.problem();
    auto measured = measure_media(*document, options.source_directory);
    if (!measured) return measured.problem();

    for (const MediaReference& reference : document->media_references) {
        document->json.at(ordered_json::json_pointer(reference.json_pointer)) =
            measured->hash_of_path.at(reference.relative_path);
    }
    const std::string manifest_text = assemble_manifest(document->json, *validity, measured->media).dump(2) + "\n";
    // Problems found here are mistakes in source.json (a missing name, a bad date): name that file.
    auto manifest = core::parse_manifest(manifest_text, source_file.string());
    if (!manifest) return manifest.problem();

    const fs::path media_directory = options.feed_directory / "media";
    std::error_code error;
    fs::create_directories(media_directory, error);
    if (error) throw PublishError("cannot create " + media_directory.string() + ": " + error.message());
    for (std::size_t index = 0; index < measured->media.size(); ++index) {
        copy_media_file(measured->files[index], measured->media[index], media_directory);
    }
    // The manifest goes last: a kiosk that reads the folder meanwhile sees the old
    // manifest, whose media are still there.
    const fs::path manifest_file = options.feed_directory / "manifest.json";
    write_file_atomically(manifest_file, manifest_text);
    return BuiltFeed{.manifest_file = manifest_file, .manifest = std::move(*manifest)};
}

}  // namespace bangvang::publish
