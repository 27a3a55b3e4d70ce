#pragma once
// bangvang-portal's config file (JSON, README "The district's portal"). Every mistake
// is refused naming the file and the field, in Vietnamese, for the district's staff.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "sync/signing_keys.hpp"

namespace bangvang::portal {

// A feed the district serves: its folder (manifest.json + manifest.json.sig, as
// bangvang-publish pushes it) and the keys that sign it. The fleet page compares each
// kiosk's version with the latest one found here.
struct ServedFeed {
    std::string source_id;
    std::filesystem::path directory;
    std::vector<sync::PublicKey> keys;
};

struct PortalConfig {
    std::string listen_address = "127.0.0.1";  // loopback only: nginx is the public face
    int port = 8090;
    std::filesystem::path database_file;       // SQLite (WAL)
    std::filesystem::path registry_file;       // kiosk id -> public key, site, place
    std::string district_name = "Quận";        // in the report's heading
    int utc_offset_minutes = 7 * 60;           // what a "day" of the report is
    int poll_interval_seconds = 300;           // the kiosks' sync.interval_seconds (fleet colours)
    int raw_play_days = 3;                     // single plays kept this long after arrival (re-sends are recognised), then daily counts
    int clock_tolerance_seconds = 300;         // a signature's timestamp may be this far from the portal's clock
    std::size_t max_connections = 2000;
    int connection_timeout_seconds = 15;       // a client silent this long is dropped (slowloris)
    std::vector<ServedFeed> feeds;
};

// `config_directory` anchors relative paths.
core::Result<PortalConfig> parse_portal_config(std::string_view json, std::string_view origin,
                                               const std::filesystem::path& config_directory);
core::Result<PortalConfig> load_portal_config(const std::filesystem::path& file);

// "portal.json: trường \"port\": phải là số nguyên từ 0 đến 65535"
std::string problem_text(const core::Problem& problem);

}  // namespace bangvang::portal
