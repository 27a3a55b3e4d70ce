#pragma once
// `bangvang-publish push` and `status`: a built feed folder onto the portal's web server
// (HTTP PUT, e.g. nginx with its dav module) or into a local folder, in the order that
// keeps kiosks safe: media first (skipping those already there), then
// manifest.json.sig, then manifest.json. Until the last upload the old manifest stays
// live, and its media are never removed, so an interrupted push changes nothing a
// kiosk accepts.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace bangvang::publish {

struct PushOptions {
    std::filesystem::path feed_directory{};  // manifest.json, manifest.json.sig?, media/
    std::string target{};                    // http(s)://… base URL, file://…, or a folder path
    std::string token{};                     // sent as "Authorization: Bearer <token>" over HTTP
    bool allow_older = false;              // push even when the target already has this version or newer
    std::function<void(const std::string&)> progress{};
};

struct PushReport {
    std::int64_t version = 0;
    std::optional<std::int64_t> previous_version;  // what was live before
    std::size_t media_uploaded = 0;
    std::size_t media_skipped = 0;  // already on the target
    std::uint64_t bytes_uploaded = 0;
};

// Throws PublishError naming the file, the target and the cause (HTTP status, curl
// error, disk error), or when the feed folder is incomplete.
PushReport push_feed(const PushOptions& options);

struct LiveFeed {
    std::int64_t version = 0;
    std::string source_id;
    std::string issued_at;
    std::string expires_at;
    bool signed_feed = false;  // manifest.json.sig is there
};

// nullopt when the target has no manifest yet; throws PublishError when it cannot be asked.
std::optional<LiveFeed> live_feed(const std::string& target);

}  // namespace bangvang::publish
