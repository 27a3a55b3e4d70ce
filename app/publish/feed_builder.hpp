#pragma once
// `bangvang-publish build`: turns a content folder (source.json + pictures) into a
// feed directory the kiosk loads:
//   FEED/manifest.json   the manifest, pictures named by hash, version and validity added
//   FEED/media/<sha256>  every picture, named by its hash
// The manifest is checked with core::parse_manifest before anything is written, so a
// feed this builds is one every kiosk accepts.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock_time.hpp"
#include "core/model.hpp"
#include "core/result.hpp"
#include "publish/content_findings.hpp"
#include "publish/media_file.hpp"
#include "publish/source_document.hpp"
#include "sync/signing_keys.hpp"

namespace bangvang::publish {

inline constexpr int default_valid_days = 60;
// Problem::where of a mistake in the build's options.
inline constexpr std::string_view build_command_name = "bangvang-publish build";

struct BuildOptions {
    std::filesystem::path source_directory{};  // holds source.json
    std::filesystem::path feed_directory{};    // created when missing
    // Default: one more than the version of FEED/manifest.json when there is one,
    // else issued_at in Unix seconds. An explicit version must exceed the previous one.
    std::optional<std::int64_t> version{};
    std::optional<std::string> issued_at{};  // RFC 3339; default: `now` at Việt Nam's offset
    int valid_days = default_valid_days;     // expires_at = issued_at + valid_days
    std::optional<std::string> expires_at{};  // RFC 3339; overrides valid_days
    // NAME.secret files (keygen): each signs FEED/manifest.json.sig. None: unsigned.
    std::vector<std::filesystem::path> key_files{};
    PictureOptions pictures{};
    // Told one line per long step ("picture 12/300 …"); may be empty.
    std::function<void(const std::string&)> progress{};
};

struct BuiltFeed {
    std::filesystem::path manifest_file;
    std::optional<std::filesystem::path> signature_file;  // when keys were given
    std::optional<std::int64_t> previous_version;          // of the manifest replaced
    core::Manifest manifest;  // as a kiosk will read it
};

// A content folder read into the source form: the folder form (nguon.txt and the kind
// folders, see content_folder.hpp) or, when present, source.json. Errors in the folder
// form come back as one Problem listing them all; warnings are kept in `findings`.
struct LoadedSource {
    std::string name;  // the file or folder, for messages
    SourceDocument document;
    std::vector<Finding> findings;
    std::vector<std::string> item_files;  // folder form: the file of each item
};
core::Result<LoadedSource> load_source(const std::filesystem::path& source_directory);

// A feed ready to be published: its pictures already in FEED/media (named by their
// content, so harmless if it never is), its manifest checked by the kiosk's parser but
// not yet written.
struct PreparedFeed {
    std::string source_name;
    std::string manifest_text;
    core::Manifest manifest;
    std::optional<std::int64_t> previous_version;
    std::vector<sync::SecretKey> keys;
};
core::Result<PreparedFeed> prepare_feed(const BuildOptions& options, core::UnixSeconds now);
// Writes FEED/manifest.json.sig (or removes a stale one) and then FEED/manifest.json.
BuiltFeed publish_prepared_feed(const BuildOptions& options, PreparedFeed prepared);

// prepare_feed then publish_prepared_feed. Mistakes in the content or the options come
// back as a Problem naming the file (and item) and the reason; nothing is written then.
// Failures of the disk throw PublishError. `build` and `preview` go through
// content_validation.hpp's build_checked_feed instead, which lists every mistake.
core::Result<BuiltFeed> build_feed(const BuildOptions& options, core::UnixSeconds now);

}  // namespace bangvang::publish
