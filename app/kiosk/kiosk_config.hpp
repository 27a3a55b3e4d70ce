#pragma once
// The kiosk's config file (JSON, documented in README.md "Configuring a kiosk").
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/eligibility.hpp"
#include "core/result.hpp"
#include "kiosk/screen_schedule_config.hpp"
#include "sync/signing_keys.hpp"

namespace bangvang::kiosk {

struct SourceConfig {
    std::string id;                         // the source's id, as in its manifests
    std::filesystem::path feed_directory;   // file:// URL or path, resolved against the config's folder
    std::string url;                        // http:// or https:// base of the feed; empty for a folder
    std::vector<sync::PublicKey> keys;      // Ed25519 keys that may sign this source's manifests (>= 1)
    std::string report_url;                 // where heartbeats and proof of play go; empty = none

    bool is_remote() const { return !url.empty(); }
};

// How the sync worker talks to the portal ("sync" in the config; every member optional).
struct SyncConfig {
    int interval_seconds = 300;          // between polls of a healthy source
    int max_backoff_seconds = 3600;      // the longest wait after repeated errors
    std::filesystem::path ca_file;       // extra CA bundle; empty = the system's
    std::string pinned_public_key;       // "sha256//<base64>" (libcurl CURLOPT_PINNEDPUBLICKEY); empty = none
};

enum class Orientation { landscape, portrait };

struct ScreenConfig {
    int width = 1920;   // in landscape terms; portrait swaps them
    int height = 1080;
    Orientation orientation = Orientation::landscape;
    int transition_milliseconds = 700;
    // Frames a second a crossfade presents at most (each one a whole new frame); 0 = the
    // display's refresh rate.
    int transition_frames_per_second = 30;
    // Clockwise degrees (0, 90, 180, 270) the kiosk turns its frames before they reach
    // the output: a portrait-mounted screen under the Pi's KMS driver, which ignores
    // config.txt's display_rotate. 90/270 with no "orientation" imply portrait.
    int rotation = 0;
};

// The strip of scrolling announcements over the footer ("ticker" in the config).
struct TickerConfig {
    bool enabled = false;
    bool announcements = true;          // the titles of the announcements playing now
    std::vector<std::string> messages;  // and these lines, always
};

struct KioskConfig {
    core::KioskIdentity identity;
    std::string place_name;      // header text, "UBND phường Nhân Chính"
    int utc_offset_minutes = core::vietnam_utc_offset_minutes;
    std::filesystem::path cache_directory;
    std::filesystem::path theme_file;   // empty = the built-in theme
    ScreenConfig screen;
    TickerConfig ticker;
    std::vector<SourceConfig> sources;
    SyncConfig sync;
    ScreenScheduleConfig screen_schedule;  // office hours; none = always on
    // Exists once a time server set the clock (kiosk/clock_trust.hpp); "" = always believe it.
    std::filesystem::path clock_synchronized_file = "/run/systemd/timesync/synchronized";

    int screen_width() const;   // the slides' (logical) shape
    int screen_height() const;
    int output_width() const;   // the output's shape: the slides' turned by screen.rotation
    int output_height() const;
};

// `config_directory` anchors relative paths in the file.
core::Result<KioskConfig> parse_kiosk_config(std::string_view json, std::string_view origin,
                                              const std::filesystem::path& config_directory);

// Reads and parses the file; a file that cannot be read is a Problem too, so that
// main can print one clear line and exit.
core::Result<KioskConfig> load_kiosk_config(const std::filesystem::path& file);

}  // namespace bangvang::kiosk
