#pragma once
// GET /fleet and /fleet.json: every enrolled kiosk, silent ones first, with how long
// since its last heartbeat (green within 2 poll intervals, amber within 12, red beyond,
// grey "chưa từng báo" when it never reported), its program version, per source the
// version it plays against the latest the district serves, its last error, free disk
// and uptime, whether its clock is synchronised ("Đồng hồ chưa đồng bộ" in amber when
// not) and its last unattended update (a rolled-back or failed one in red).
// Server-rendered HTML that reads on a phone; no script.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock_time.hpp"
#include "portal/kiosk_registry.hpp"
#include "portal/portal_database.hpp"
#include "portal/served_feeds.hpp"

namespace bangvang::portal {

enum class Freshness { never, silent, late, fresh };  // the order of the page

struct FleetSource {
    std::string source_id;
    std::int64_t version = 0;
    std::optional<std::int64_t> latest;  // what the district serves; none when unknown
    bool behind = false;
    std::string last_error;
};

struct FleetRow {
    std::string kiosk_id;
    std::string site;
    std::string place;
    Freshness freshness = Freshness::never;
    std::optional<std::int64_t> seconds_since_heartbeat;
    std::string program_version;
    std::vector<FleetSource> sources;
    std::string last_error;
    std::optional<std::int64_t> free_disk_bytes;
    std::optional<std::int64_t> uptime_seconds;
    std::optional<bool> clock_synchronized;          // none: the kiosk does not say (older kiosks)
    std::optional<core::ReportedUpdate> last_update;  // none: never updated unattended
};

struct FleetView {
    core::UnixSeconds now = 0;
    int utc_offset_minutes = 7 * 60;
    int poll_interval_seconds = 300;
    std::string site_filter;          // empty: every site
    std::vector<std::string> sites;   // every enrolled site, for the filter links
    std::vector<FleetRow> rows;       // silent first
    std::vector<ServedFeedState> feeds;
    std::map<std::string, std::int64_t> refusals{};  // reports refused since the database began, by reason
};

FleetView fleet_view(const KioskRegistry& registry, const std::vector<KioskState>& states,
                     std::vector<ServedFeedState> feeds, core::UnixSeconds now, int poll_interval_seconds,
                     int utc_offset_minutes, const std::string& site_filter);

std::string fleet_html(const FleetView& view);
std::string fleet_json(const FleetView& view);

std::string_view freshness_name(Freshness freshness);  // "never", "silent", "late", "fresh"

// A rolled-back or failed update, or one whose record is damaged: the fleet marks it.
bool update_went_wrong(const core::ReportedUpdate& update);

}  // namespace bangvang::portal
