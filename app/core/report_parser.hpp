#pragma once
// A kiosk's report as the portal receives it (content/FORMAT.md "Reports",
// `bangvang.report/1`): parsed from the exact bytes of one POST body with no I/O and no
// clock, so that tests and the fuzzer feed it strings. Anything a kiosk could not have
// sent is refused with a Problem naming the field: a wrong format, a malformed member,
// more records than a kiosk batches, a play longer than a day, a per-day count of more
// plays or milliseconds than a day holds. Whether the times are plausible *now* is a
// second, separate question (check_report_times), because it needs the portal's clock.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock_time.hpp"
#include "core/result.hpp"

namespace bangvang::core {

inline constexpr std::string_view report_format_name = "bangvang.report/1";
// The portal refuses larger bodies before parsing (413); a kiosk sends at most 500
// records of each kind a POST, well under this.
inline constexpr std::size_t max_report_bytes = 1024 * 1024;
inline constexpr std::size_t max_report_records = 2'000;  // of each kind, per report
inline constexpr std::int64_t milliseconds_per_day = 86'400'000;
inline constexpr std::int64_t max_plays_per_day = 86'400;  // one slide a second, all day

struct ReportedSource {
    std::string source_id;
    std::int64_t version = 0;
    std::optional<UnixSeconds> last_sync;
    std::string last_error;
};

struct ReportedError {
    UnixSeconds at = 0;
    std::string source_id;
    std::string message;
};

// The kiosk's last unattended update (firmware/update.sh's status.json, passed on as it
// is). `from_version` is the version before the attempt, `to_version` the one running
// after it: for "rolled_back" that is the old version again. A record the portal cannot
// read is kept as result "unreadable" with the reason, never a refused report.
struct ReportedUpdate {
    std::string result;  // "updated", "rolled_back", "failed", "unreadable", or what a newer kiosk says
    std::optional<UnixSeconds> at;
    std::string from_version;
    std::string to_version;
    std::string message;
};

struct ReportedHeartbeat {
    UnixSeconds at = 0;
    std::string program_version;
    std::int64_t uptime_seconds = 0;
    std::optional<std::int64_t> free_disk_bytes;
    std::optional<bool> clock_synchronized;      // absent from kiosks older than the member
    std::optional<ReportedUpdate> last_update;   // none: never updated (or an older kiosk)
    std::vector<ReportedSource> sources;
    std::vector<ReportedError> recent_errors;
};

struct ReportedPlay {
    std::string item_id;
    std::string source_id;
    UnixSeconds started_at = 0;
    std::int64_t duration_milliseconds = 0;
};

struct ReportedPlayCount {
    std::string item_id;
    std::string source_id;
    CivilDate day;
    std::int64_t plays = 0;
    std::int64_t duration_milliseconds = 0;
};

struct Report {
    std::string kiosk_id;
    std::string site;
    std::string source_id;
    UnixSeconds sent_at = 0;
    std::vector<ReportedHeartbeat> heartbeats;  // oldest first
    std::size_t damaged_heartbeats = 0;         // sent as null by the kiosk (a damaged outbox row)
    std::vector<ReportedPlay> plays;
    std::vector<ReportedPlayCount> play_counts;
};

// `body` is the POST body byte for byte. Problems name "report" and the field
// ("plays[3].duration_ms").
Result<Report> parse_report(std::string_view body);

// Refuses times a real kiosk could not have sent at `now` (the portal's clock), with
// `tolerance_seconds` for clocks that drift: a play, heartbeat or per-day count in the
// future. nullopt when all is plausible.
std::optional<Problem> check_report_times(const Report& report, UnixSeconds now, std::int64_t tolerance_seconds);

}  // namespace bangvang::core
