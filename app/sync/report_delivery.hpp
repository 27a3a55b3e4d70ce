#pragma once
// Reports to the portal (content/FORMAT.md "Reports"): what a heartbeat says, the JSON
// body of one report POST, and delivering a destination's outbox batch by batch. A
// batch leaves the outbox only after its report URL answered 2xx.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/clock_time.hpp"
#include "core/result.hpp"
#include "store/report_outbox.hpp"
#include "sync/http_client.hpp"
#include "sync/signing_keys.hpp"

namespace bangvang::sync {

inline constexpr std::string_view report_format = "bangvang.report/1";

struct KioskReportIdentity {
    std::string kiosk_id;
    std::string site;
    int utc_offset_minutes = core::vietnam_utc_offset_minutes;  // for the times written
    // The kiosk's own report key (report_signing.hpp): every POST is signed with it.
    // None: reports go unsigned (a portal that checks refuses them).
    std::optional<SecretKey> signing_key{};
};

struct HeartbeatSource {
    std::string source_id;
    std::int64_t version = 0;  // 0: nothing of it cached
    std::optional<core::UnixSeconds> last_sync{};  // last successful poll by this process
    std::string last_error{};  // empty when the last poll succeeded
};

struct RecentError {
    core::UnixSeconds at = 0;
    std::string source_id;
    std::string message;
};

struct Heartbeat {
    core::UnixSeconds at = 0;
    std::string program_version{};
    std::int64_t uptime_seconds = 0;
    std::optional<std::uint64_t> free_disk_bytes{};  // of the cache folder; unknown when statvfs fails
    bool clock_synchronized = true;                // core::ClockReading: `at` is vouched for
    std::string last_update_json{};  // the kiosk's last unattended update (update_outcome_json); "" = none
    std::vector<HeartbeatSource> sources{};
    std::vector<RecentError> recent_errors{};  // newest last
};

std::string heartbeat_json(const KioskReportIdentity& kiosk, const Heartbeat& heartbeat);

// What firmware/update.sh wrote in STATE/status.json about the last unattended update
// (a JSON object of at most 4 KiB: result, at, from_version, to_version, message), ""
// when there is none; a file that is not such an object comes back as an object saying so.
std::string update_outcome_json(const std::filesystem::path& status_file);

// The body of one POST to `pending.source_id`'s report URL.
std::string report_json(const KioskReportIdentity& kiosk, const store::PendingReport& pending, core::UnixSeconds sent_at);

// Bytes free to an unprivileged writer on the file system holding `folder` (statvfs).
std::optional<std::uint64_t> free_disk_bytes(const std::filesystem::path& folder);

// This build's version ("0.1.0"), as in the User-Agent.
std::string program_version();

struct Delivery {
    std::size_t posts = 0;
    std::size_t records = 0;     // heartbeats, plays and per-day counts acknowledged
    std::size_t bytes_sent = 0;  // request lines, headers and bodies
};

// POSTs everything the outbox owes `source_id`, at most `batch_records` of each kind a
// request, until it owes nothing or a request fails. Each POST is signed when the kiosk
// has a key, with the wall clock's milliseconds, never the same twice in one call. A Problem names the URL and why;
// what was not acknowledged stays in the outbox for the next round.
core::Result<Delivery> deliver_reports(store::ReportOutbox& outbox, HttpClient& client, const std::string& source_id,
                                       const std::string& report_url, const KioskReportIdentity& kiosk,
                                       core::UnixSeconds now, std::size_t batch_records = 500);

}  // namespace bangvang::sync
