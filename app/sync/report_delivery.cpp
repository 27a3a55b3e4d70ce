#include "sync/report_delivery.hpp"

#include <sys/statvfs.h>

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "sync/feed_folder.hpp"
#include "sync/report_signing.hpp"

namespace bangvang::sync {

#ifndef BANGVANG_VERSION_TEXT
#define BANGVANG_VERSION_TEXT "0"
#endif

using Json = nlohmann::ordered_json;

namespace {

Json time_or_null(const std::optional<core::UnixSeconds>& instant, int utc_offset_minutes) {
    if (!instant) return nullptr;
    return core::format_rfc3339(*instant, utc_offset_minutes);
}

}  // namespace

std::string update_outcome_json(const std::filesystem::path& status_file) {
    constexpr std::size_t most_bytes = 4096;
    std::error_code error;
    if (!std::filesystem::exists(status_file, error)) return {};
    const std::string where = status_file.string();
    std::string reason;
    if (core::Result<std::string> bytes = read_bounded_file(status_file, most_bytes); !bytes) {
        reason = bytes.problem().reason;
    } else if (auto outcome = core::read_ordered_json(*bytes, where, {.max_bytes = most_bytes}); !outcome) {
        reason = outcome.problem().reason;
    } else if (!outcome->is_object()) {
        reason = "is not a JSON object";
    } else {
        return outcome->dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    // Said, not dropped: the fleet page shows that something went wrong there.
    return Json{{"result", "unreadable"}, {"message", where + ": " + reason}}.dump(-1, ' ', false,
                                                                                 Json::error_handler_t::replace);
}

std::string program_version() {
    return BANGVANG_VERSION_TEXT;
}

std::string heartbeat_json(const KioskReportIdentity& kiosk, const Heartbeat& heartbeat) {
    const int offset = kiosk.utc_offset_minutes;
    Json sources = Json::array();
    for (const HeartbeatSource& source : heartbeat.sources) {
        sources.push_back(Json{{"id", source.source_id},
                               {"version", source.version},
                               {"last_sync", time_or_null(source.last_sync, offset)},
                               {"last_error", source.last_error}});
    }
    Json errors = Json::array();
    for (const RecentError& error : heartbeat.recent_errors) {
        errors.push_back(Json{{"at", core::format_rfc3339(error.at, offset)},
                              {"source", error.source_id},
                              {"message", error.message}});
    }
    Json last_update = nullptr;
    if (auto outcome = core::read_ordered_json(heartbeat.last_update_json, "last_update"); outcome) last_update = *outcome;
    Json body{{"at", core::format_rfc3339(heartbeat.at, offset)},
              {"kiosk_id", kiosk.kiosk_id},
              {"site", kiosk.site},
              {"program_version", heartbeat.program_version},
              {"uptime_seconds", heartbeat.uptime_seconds},
              {"free_disk_bytes", heartbeat.free_disk_bytes ? Json(*heartbeat.free_disk_bytes) : Json(nullptr)},
              {"clock_synchronized", heartbeat.clock_synchronized},
              {"last_update", last_update},
              {"sources", std::move(sources)},
              {"recent_errors", std::move(errors)}};
    // Replace, not throw: an error message quoting a server may hold invalid UTF-8.
    return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string report_json(const KioskReportIdentity& kiosk, const store::PendingReport& pending, core::UnixSeconds sent_at) {
    const int offset = kiosk.utc_offset_minutes;
    Json heartbeats = Json::array();
    for (const store::StoredHeartbeat& heartbeat : pending.heartbeats) {
        // Stored as written by heartbeat_json; a damaged row is sent as null rather than lost silently.
        core::Result<Json> body = core::read_ordered_json(heartbeat.body_json, "heartbeat");
        heartbeats.push_back(body ? std::move(*body) : Json(nullptr));
    }
    Json plays = Json::array();
    for (const store::StoredPlay& stored : pending.plays) {
        plays.push_back(Json{{"item", stored.play.item_id},
                             {"source", stored.play.source_id},
                             {"started_at", core::format_rfc3339(stored.play.started_at, offset)},
                             {"duration_ms", stored.play.duration_milliseconds}});
    }
    Json counts = Json::array();
    for (const store::PlayCount& count : pending.play_counts) {
        counts.push_back(Json{{"item", count.item_id},
                              {"source", count.source_id},
                              {"day", count.day},
                              {"plays", count.plays},
                              {"duration_ms", count.duration_milliseconds}});
    }
    const Json body{{"format", report_format},
                    {"kiosk_id", kiosk.kiosk_id},
                    {"site", kiosk.site},
                    {"source", pending.source_id},
                    {"sent_at", core::format_rfc3339(sent_at, offset)},
                    {"heartbeats", std::move(heartbeats)},
                    {"plays", std::move(plays)},
                    {"play_counts", std::move(counts)}};
    return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<std::uint64_t> free_disk_bytes(const std::filesystem::path& folder) {
    struct statvfs file_system {};
    if (::statvfs(folder.c_str(), &file_system) != 0) return std::nullopt;
    return static_cast<std::uint64_t>(file_system.f_bavail) * static_cast<std::uint64_t>(file_system.f_frsize);
}

core::Result<Delivery> deliver_reports(store::ReportOutbox& outbox, HttpClient& client, const std::string& source_id,
                                       const std::string& report_url, const KioskReportIdentity& kiosk,
                                       core::UnixSeconds now, std::size_t batch_records) {
    Delivery delivery;
    // Bounded so that a huge backlog cannot keep the sync thread from polling for long.
    constexpr std::size_t most_posts_a_round = 200;
    std::int64_t last_timestamp = 0;
    while (delivery.posts < most_posts_a_round) {
        const store::PendingReport pending = outbox.pending(source_id, batch_records);
        if (pending.empty()) break;
        HttpPost post{.url = report_url, .body = report_json(kiosk, pending, now)};
        if (kiosk.signing_key) {
            const auto wall = std::chrono::system_clock::now().time_since_epoch();
            last_timestamp = std::max(last_timestamp + 1, std::chrono::duration_cast<std::chrono::milliseconds>(wall).count());
            post.headers.push_back(report_signature_header_line(*kiosk.signing_key, kiosk.kiosk_id, last_timestamp, post.body));
        }
        core::Result<HttpResponse> answer = client.post(post);
        if (!answer) return answer.problem();
        outbox.remove_delivered(pending);
        ++delivery.posts;
        delivery.records += pending.heartbeats.size() + pending.plays.size() + pending.play_counts.size();
        delivery.bytes_sent += answer->bytes_sent;
    }
    return delivery;
}

}  // namespace bangvang::sync
