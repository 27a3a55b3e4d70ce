#include "core/report_parser.hpp"

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/json_field_reader.hpp"

namespace bangvang::core {

namespace {

using nlohmann::json;

constexpr int max_report_depth = 8;
constexpr std::size_t max_sources_a_heartbeat = 64;
constexpr std::size_t max_errors_a_heartbeat = 64;
constexpr std::int64_t max_count = std::int64_t{1} << 53;  // what JSON numbers hold exactly

const TextRules short_line{.max_graphemes = 64, .single_line = true, .required = false};
const TextRules message_line{.max_graphemes = 1000, .single_line = true, .required = false};

std::optional<UnixSeconds> optional_instant(const JsonFieldReader& reader, const json& object, std::string_view key,
                                            const std::string& field) {
    const json* value = reader.find(object, key);
    if (value == nullptr) return std::nullopt;
    return reader.instant(*value, field);
}

ReportedSource read_source(const JsonFieldReader& reader, const json& value, const std::string& path) {
    reader.object(value, path);
    return ReportedSource{
        .source_id = reader.identifier(reader.require(value, "id", member_path(path, "id")), member_path(path, "id")),
        .version = reader.integer(reader.require(value, "version", member_path(path, "version")), member_path(path, "version"), 0,
                                  max_count),
        .last_sync = optional_instant(reader, value, "last_sync", member_path(path, "last_sync")),
        .last_error = reader.text(reader.find(value, "last_error"), member_path(path, "last_error"), message_line)};
}

ReportedError read_error(const JsonFieldReader& reader, const json& value, const std::string& path) {
    reader.object(value, path);
    return ReportedError{.at = reader.instant(reader.require(value, "at", member_path(path, "at")), member_path(path, "at")),
                         .source_id = reader.text(reader.find(value, "source"), member_path(path, "source"), short_line),
                         .message = reader.text(reader.find(value, "message"), member_path(path, "message"), message_line)};
}

// Passed on from a file on the kiosk: a record that does not read is shown as such
// rather than refusing the plays and heartbeat around it.
ReportedUpdate read_update(const JsonFieldReader& reader, const json& value, const std::string& path) {
    try {
        reader.object(value, path);
        const auto text = [&](std::string_view key, const TextRules& rules) {
            return reader.text(reader.find(value, key), member_path(path, key), rules);
        };
        if (!reader.find(value, "result")) reader.reject(member_path(path, "result"), "is required but missing");
        return ReportedUpdate{.result = text("result", short_line),
                              .at = optional_instant(reader, value, "at", member_path(path, "at")),
                              .from_version = text("from_version", short_line),
                              .to_version = text("to_version", short_line),
                              .message = text("message", message_line)};
    } catch (const RejectedInput& rejected) {
        return ReportedUpdate{.result = "unreadable", .at = {}, .from_version = {}, .to_version = {},
                              .message = rejected.problem.field + " " + rejected.problem.reason};
    }
}

ReportedHeartbeat read_heartbeat(const JsonFieldReader& reader, const json& value, const std::string& path) {
    reader.object(value, path);
    ReportedHeartbeat heartbeat;
    heartbeat.at = reader.instant(reader.require(value, "at", member_path(path, "at")), member_path(path, "at"));
    heartbeat.program_version =
        reader.text(reader.find(value, "program_version"), member_path(path, "program_version"), short_line);
    if (const json* uptime = reader.find(value, "uptime_seconds")) {
        heartbeat.uptime_seconds = reader.integer(*uptime, member_path(path, "uptime_seconds"), 0, max_count);
    }
    if (const json* free_disk = reader.find(value, "free_disk_bytes")) {
        heartbeat.free_disk_bytes = reader.integer(*free_disk, member_path(path, "free_disk_bytes"), 0, max_count);
    }
    if (const json* synchronized = reader.find(value, "clock_synchronized")) {
        if (!synchronized->is_boolean()) {
            reader.reject(member_path(path, "clock_synchronized"),
                          "must be true or false, not " + std::string(json_type_name(*synchronized)));
        }
        heartbeat.clock_synchronized = synchronized->get<bool>();
    }
    if (const json* update = reader.find(value, "last_update")) {
        heartbeat.last_update = read_update(reader, *update, member_path(path, "last_update"));
    }
    if (const json* sources = reader.find(value, "sources")) {
        const std::string field = member_path(path, "sources");
        reader.array(*sources, field, 0, max_sources_a_heartbeat);
        for (std::size_t index = 0; index < sources->size(); ++index) {
            heartbeat.sources.push_back(read_source(reader, (*sources)[index], element_path(field, index)));
        }
    }
    if (const json* errors = reader.find(value, "recent_errors")) {
        const std::string field = member_path(path, "recent_errors");
        reader.array(*errors, field, 0, max_errors_a_heartbeat);
        for (std::size_t index = 0; index < errors->size(); ++index) {
            heartbeat.recent_errors.push_back(read_error(reader, (*errors)[index], element_path(field, index)));
        }
    }
    return heartbeat;
}

ReportedPlay read_play(const JsonFieldReader& reader, const json& value, const std::string& path) {
    reader.object(value, path);
    const auto member = [&](std::string_view key) { return member_path(path, key); };
    return ReportedPlay{
        .item_id = reader.identifier(reader.require(value, "item", member("item")), member("item")),
        .source_id = reader.identifier(reader.require(value, "source", member("source")), member("source")),
        .started_at = reader.instant(reader.require(value, "started_at", member("started_at")), member("started_at")),
        .duration_milliseconds = reader.integer(reader.require(value, "duration_ms", member("duration_ms")),
                                                member("duration_ms"), 0, milliseconds_per_day)};
}

ReportedPlayCount read_play_count(const JsonFieldReader& reader, const json& value, const std::string& path) {
    reader.object(value, path);
    const auto member = [&](std::string_view key) { return member_path(path, key); };
    ReportedPlayCount count{
        .item_id = reader.identifier(reader.require(value, "item", member("item")), member("item")),
        .source_id = reader.identifier(reader.require(value, "source", member("source")), member("source")),
        .day = reader.date(reader.require(value, "day", member("day")), member("day")),
        .plays = reader.integer(reader.require(value, "plays", member("plays")), member("plays"), 1, max_plays_per_day),
        .duration_milliseconds = reader.integer(reader.require(value, "duration_ms", member("duration_ms")),
                                                member("duration_ms"), 0, milliseconds_per_day)};
    return count;
}

template <typename Record, typename ReadOne>
std::vector<Record> read_list(const JsonFieldReader& reader, const json& document, std::string_view key, ReadOne read_one) {
    std::vector<Record> records;
    const json* list = reader.find(document, key);
    if (list == nullptr) return records;
    const std::string field(key);
    reader.array(*list, field, 0, max_report_records);
    records.reserve(list->size());
    for (std::size_t index = 0; index < list->size(); ++index) {
        records.push_back(read_one(reader, (*list)[index], element_path(field, index)));
    }
    return records;
}

}  // namespace

Result<Report> parse_report(std::string_view body) {
    constexpr std::string_view where = "report";
    Result<json> document = read_json(body, where, JsonLimits{.max_bytes = max_report_bytes, .max_depth = max_report_depth});
    if (!document) return document.problem();
    try {
        const JsonFieldReader reader{std::string(where)};
        const json& root = reader.object(*document, "");
        const json& format = reader.require(root, "format", "format");
        if (!format.is_string() || format.get_ref<const std::string&>() != report_format_name) {
            reader.reject("format", "must be \"" + std::string(report_format_name) + "\"");
        }
        Report report;
        report.kiosk_id = reader.identifier(reader.require(root, "kiosk_id", "kiosk_id"), "kiosk_id");
        report.site = reader.identifier(reader.require(root, "site", "site"), "site");
        report.source_id = reader.identifier(reader.require(root, "source", "source"), "source");
        report.sent_at = reader.instant(reader.require(root, "sent_at", "sent_at"), "sent_at");
        if (const json* heartbeats = reader.find(root, "heartbeats")) {
            reader.array(*heartbeats, "heartbeats", 0, max_report_records);
            for (std::size_t index = 0; index < heartbeats->size(); ++index) {
                const json& heartbeat = (*heartbeats)[index];
                if (heartbeat.is_null()) {
                    ++report.damaged_heartbeats;
                    continue;
                }
                report.heartbeats.push_back(read_heartbeat(reader, heartbeat, element_path("heartbeats", index)));
            }
        }
        report.plays = read_list<ReportedPlay>(reader, root, "plays", read_play);
        report.play_counts = read_list<ReportedPlayCount>(reader, root, "play_counts", read_play_count);
        return report;
    } catch (const RejectedInput& rejected) {
        return rejected.problem;
    }
}

std::optional<Problem> check_report_times(const Report& report, UnixSeconds now, std::int64_t tolerance_seconds) {
    const UnixSeconds latest = now + tolerance_seconds;
    const auto future = [](std::string field, UnixSeconds at) {
        return Problem{.where = "report",
                       .field = std::move(field),
                       .reason = "lies in the future (" + format_rfc3339(at, 0) + ")"};
    };
    for (std::size_t index = 0; index < report.plays.size(); ++index) {
        const ReportedPlay& play = report.plays[index];
        if (play.started_at > latest) return future(element_path("plays", index) + ".started_at", play.started_at);
    }
    for (std::size_t index = 0; index < report.heartbeats.size(); ++index) {
        const UnixSeconds at = report.heartbeats[index].at;
        if (at > latest) return future(element_path("heartbeats", index) + ".at", at);
    }
    // A day that begins after the latest possible moment anywhere (UTC+14) is in the future.
    for (std::size_t index = 0; index < report.play_counts.size(); ++index) {
        const UnixSeconds day_start = days_from_civil(report.play_counts[index].day) * 86'400 - 14 * 3600;
        if (day_start > latest) return future(element_path("play_counts", index) + ".day", day_start);
    }
    return std::nullopt;
}

}  // namespace bangvang::core
