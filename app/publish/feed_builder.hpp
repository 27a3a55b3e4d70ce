#pragma once
// `bangvang-publish build`: turns a content folder (source.json + pictures) into a
// feed directory the kiosk loads:
//   FEED/manifest.json   the manifest, pictures named by hash, version and validity added
//   FEED/media/<sha256>  every picture, named by its hash
// The manifest is checked with core::parse_manifest before anything is written, so a
// feed this builds is one every kiosk accepts.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/clock_time.hpp"
#include "core/model.hpp"
#include "core/result.hpp"

namespace bangvang::publish {

inline constexpr int default_valid_days = 60;

struct BuildOptions {
    std::filesystem::path source_directory{};  // holds source.json
    std::filesystem::path feed_directory{};    // created when missing
    std::optional<std::int64_t> version{};   // default: issued_at in Unix seconds, so every build is newer
    std::optional<std::string> issued_at{};  // RFC 3339; default: `now` at Việt Nam's offset
    int valid_days = default_valid_days;     // expires_at = issued_at + valid_days
};

struct BuiltFeed {
    std::filesystem::path manifest_file;
    core::Manifest manifest;  // as a kiosk will read it
};

// Mistakes in the content or the options come back as a Problem naming the file (and
// item) and the reason; nothing is written then. Failures of the disk throw PublishError.
core::Result<BuiltFeed> build_feed(const BuildOptions& options, core::UnixSeconds now);

}  // namespace bangvang::publish
