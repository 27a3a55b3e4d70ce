#include "publish/feed_builder.hpp"

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/manifest_parser.hpp"
#include "files/bounded_read.hpp"
#include "publish/atomic_file.hpp"
#include "publish/content_folder.hpp"
#include "publish/media_file.hpp"
#include "publish/picture_renditions.hpp"
#include "publish/publish_error.hpp"
#include "publish/staff_messages.hpp"
#include "publish/source_document.hpp"
#include "sync/feed_signature.hpp"
#include "sync/signing_keys.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

constexpr core::UnixSeconds seconds_per_day = 24 * 60 * 60;
constexpr int max_valid_days = 10 * 366;

// A mistake in the command's options: `where` is the command.
core::Problem option_problem(const StaffMessage& said) { return staff_problem(std::string(build_command_name), said); }

// A source.json or an earlier manifest.json: nullopt when there is none; refused beyond
// twice a manifest's size (a source is a manifest without its media list).
std::optional<std::string> read_text_file(const fs::path& file) {
    std::error_code error;
    if (!fs::is_regular_file(file, error)) return std::nullopt;
    try {
        return files::read_whole_file(file, 2 * core::max_manifest_bytes);
    } catch (const files::FileError& failure) {
        throw PublishError(say::cannot_read(file.string(), failure.what()));
    }
}

struct Validity {
    std::int64_t version = 0;
    std::string issued_at;
    std::string expires_at;
};

// The version of the manifest already in the feed folder, if any (the next build counts on from it).
std::optional<std::int64_t> previous_version(const fs::path& feed_directory) {
    const auto bytes = read_text_file(feed_directory / "manifest.json");
    if (!bytes) return std::nullopt;
    const core::Result<nlohmann::json> json = core::read_json(*bytes, (feed_directory / "manifest.json").string());
    if (!json || !json->is_object()) return std::nullopt;
    const auto version = json->find("version");
    if (version == json->end() || !version->is_number_integer()) return std::nullopt;
    return version->get<std::int64_t>();
}

core::Result<Validity> decide_validity(const BuildOptions& options, core::UnixSeconds now,
                                       std::optional<std::int64_t> previous) {
    if (options.valid_days < 1 || options.valid_days > max_valid_days) {
        return option_problem(say::option_refused("--valid-days", "phải từ 1 đến " + std::to_string(max_valid_days) + " ngày"));
    }
    if (options.version && *options.version < 1) return option_problem(say::option_refused("--version", "phải từ 1 trở lên"));
    core::UnixSeconds issued = now;
    std::string issued_text = core::format_rfc3339(now, core::vietnam_utc_offset_minutes);
    if (options.issued_at) {
        const auto parsed = core::parse_rfc3339(*options.issued_at);
        if (!parsed) return option_problem(say::option_refused("--issued-at", say::moment_unknown(*options.issued_at, parsed.problem().reason)));
        issued = *parsed;
        issued_text = *options.issued_at;
    }
    // Equal is allowed (re-signing the same build); lower would be ignored by every kiosk.
    if (options.version && previous && *options.version < *previous) {
        return option_problem(say::version_below_previous(*previous));
    }
    std::string expires_text = core::format_rfc3339(issued + options.valid_days * seconds_per_day,
                                                    core::vietnam_utc_offset_minutes);
    if (options.expires_at) {
        const auto expires = core::parse_rfc3339(*options.expires_at);
        if (!expires) return option_problem(say::option_refused("--expires-at", say::moment_unknown(*options.expires_at, expires.problem().reason)));
        if (*expires <= issued) return option_problem(say::expiry_not_after_issue(issued_text));
        expires_text = *options.expires_at;
    }
    std::int64_t version = previous ? *previous + 1 : issued;
    if (options.version) version = *options.version;
    return Validity{.version = version, .issued_at = std::move(issued_text), .expires_at = std::move(expires_text)};
}

ordered_json media_entry(const core::MediaRef& media) {
    ordered_json entry;
    entry["sha256"] = media.sha256;
    entry["size"] = media.size_bytes;
    entry["width"] = media.width;
    entry["height"] = media.height;
    entry["type"] = media.mime_type;
    for (const core::Rendition& rendition : media.renditions) {
        ordered_json written{{"sha256", rendition.sha256},
                             {"size", rendition.size_bytes},
                             {"width", rendition.width},
                             {"height", rendition.height}};
        if (rendition.crop) {
            written["screen"] = std::to_string(rendition.screen_width) + "x" + std::to_string(rendition.screen_height);
            written["crop"] = ordered_json{{"x", rendition.crop->x},
                                           {"y", rendition.crop->y},
                                           {"width", rendition.crop->width},
                                           {"height", rendition.crop->height}};
        }
        entry["renditions"].push_back(std::move(written));
    }
    for (const core::MediaBox& box : media.boxes) {
        entry["boxes"].push_back(ordered_json{
            {"screen", std::to_string(box.screen_width) + "x" + std::to_string(box.screen_height)},
            {"width", box.width},
            {"height", box.height}});
    }
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

struct PreparedPictures {
    std::vector<core::MediaRef> media;                // distinct by hash, in order of first use
    std::map<std::string, std::string> hash_of_path;  // relative path -> sha256
};

void report(const BuildOptions& options, const std::string& line) {
    if (options.progress) options.progress(line);
}

// Prepares every picture and writes it to FEED/media/<sha256> at once (they are named by
// content, so a later failure leaves only harmless files behind, never a manifest).
core::Result<PreparedPictures> prepare_pictures(const SourceDocument& document, const BuildOptions& options,
                                                const fs::path& media_directory) {
    std::vector<const MediaReference*> distinct;
    std::set<std::string> seen_paths;
    for (const MediaReference& reference : document.media_references) {
        if (seen_paths.insert(reference.relative_path).second) distinct.push_back(&reference);
    }
    PreparedPictures prepared;
    std::set<std::string> hashes;
    for (std::size_t index = 0; index < distinct.size(); ++index) {
        const MediaReference& reference = *distinct[index];
        const fs::path file = options.source_directory / reference.relative_path;
        auto picture = prepare_media_file(file, options.pictures);
        if (!picture) {
            return staff_problem(reference.where, say::picture_unusable(reference.relative_path, picture.problem().reason));
        }
        report(options, say::picture_progress(index + 1, distinct.size(), reference.relative_path,
                                              picture->media.width, picture->media.height, picture->re_encoded));
        prepared.hash_of_path[reference.relative_path] = picture->media.sha256;
        if (hashes.insert(picture->media.sha256).second) {
            const fs::path target = media_directory / picture->media.sha256;
            if (!fs::exists(target)) write_file_atomically(target, picture->bytes);
            prepared.media.push_back(std::move(picture->media));
        }
    }
    return prepared;
}

core::Result<std::vector<sync::SecretKey>> read_keys(const std::vector<fs::path>& key_files) {
    std::vector<sync::SecretKey> keys;
    for (const fs::path& file : key_files) {
        const auto text = read_text_file(file);
        if (!text) return option_problem(say::key_file_unreadable(file.string()));
        auto key = sync::parse_secret_key(*text, file.string());
        if (!key) return option_problem(say::key_file_invalid(file.string(), key.problem().reason));
        keys.push_back(*key);
    }
    return keys;
}

}  // namespace

core::Result<LoadedSource> load_source(const fs::path& source_directory) {
    const fs::path source_file = source_directory / "source.json";
    if (fs::exists(source_file) || !is_content_folder(source_directory)) {
        const auto source_bytes = read_text_file(source_file);
        if (!source_bytes) {
            return core::Problem{.where = source_directory.string(),
                                 .field = "",
                                 .reason = say::not_a_content_folder(source_directory.string()).text + " [not_content_folder]"};
        }
        auto document = parse_source_document(*source_bytes, source_file.string());
        if (!document) return document.problem();
        return LoadedSource{.name = source_file.string(), .document = std::move(*document), .findings = {}, .item_files = {}};
    }
    ContentFolder folder = read_content_files(load_content_files(source_directory));
    const std::size_t errors = count_errors(folder.findings);
    if (errors > 0) {
        std::string listing;
        for (const Finding& finding : folder.findings) {
            if (finding.severity == Severity::error) listing += "\n  " + finding.to_string();
        }
        return core::Problem{.where = source_directory.string(), .field = "", .reason = say::build_refused(errors) + listing};
    }
    return LoadedSource{.name = source_directory.string(),
                        .document = std::move(folder.document),
                        .findings = std::move(folder.findings),
                        .item_files = std::move(folder.item_files)};
}

core::Result<PreparedFeed> prepare_feed(const BuildOptions& options, core::UnixSeconds now) {
    auto loaded = load_source(options.source_directory);
    if (!loaded) return loaded.problem();
    SourceDocument* document = &loaded->document;

    const auto previous = previous_version(options.feed_directory);
    auto validity = decide_validity(options, now, previous);
    if (!validity) return validity.problem();
    auto keys = read_keys(options.key_files);
    if (!keys) return keys.problem();

    const fs::path media_directory = options.feed_directory / "media";
    std::error_code error;
    fs::create_directories(media_directory, error);
    if (error) throw PublishError(say::cannot_create_folder(media_directory.string(), error.message()));
    auto prepared = prepare_pictures(*document, options, media_directory);
    if (!prepared) return prepared.problem();

    for (const MediaReference& reference : document->media_references) {
        document->json.at(ordered_json::json_pointer(reference.json_pointer)) =
            prepared->hash_of_path.at(reference.relative_path);
    }
    std::string manifest_text = assemble_manifest(document->json, *validity, prepared->media).dump(2) + "\n";
    // Problems found here are mistakes in the source (a missing name, a bad date): name it.
    auto manifest = core::parse_manifest(manifest_text, loaded->name);
    if (!manifest) return manifest.problem();
    if (options.pictures.renditions) {
        // Measured on the manifest as kiosks will read it, then listed in it.
        auto media = add_renditions(prepared->media, *manifest, media_directory, options.pictures,
                                    options.progress);
        if (!media) return media.problem();
        manifest_text = assemble_manifest(document->json, *validity, *media).dump(2) + "\n";
        manifest = core::parse_manifest(manifest_text, loaded->name);
        if (!manifest) return manifest.problem();
    }
    return PreparedFeed{.source_name = loaded->name,
                        .manifest_text = std::move(manifest_text),
                        .manifest = std::move(*manifest),
                        .previous_version = previous,
                        .keys = std::move(*keys)};
}

BuiltFeed publish_prepared_feed(const BuildOptions& options, PreparedFeed prepared) {
    // The signature goes before the manifest and the manifest last: a kiosk reading the
    // folder meanwhile sees the old manifest, whose media are still there, and a
    // signature that does not match it yet (it retries) rather than a forged pairing.
    BuiltFeed built{.manifest_file = options.feed_directory / "manifest.json",
                    .signature_file = std::nullopt,
                    .previous_version = prepared.previous_version,
                    .manifest = {}};
    if (!prepared.keys.empty()) {
        built.signature_file = options.feed_directory / std::string(sync::signature_file_name);
        write_file_atomically(*built.signature_file, sync::sign_manifest(prepared.manifest_text, prepared.keys));
    } else {
        std::error_code ignored;
        fs::remove(options.feed_directory / std::string(sync::signature_file_name), ignored);
    }
    write_file_atomically(built.manifest_file, prepared.manifest_text);
    built.manifest = std::move(prepared.manifest);
    return built;
}

core::Result<BuiltFeed> build_feed(const BuildOptions& options, core::UnixSeconds now) {
    auto prepared = prepare_feed(options, now);
    if (!prepared) return prepared.problem();
    return publish_prepared_feed(options, std::move(*prepared));
}

}  // namespace bangvang::publish
