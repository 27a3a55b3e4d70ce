// The portal's reading of a kiosk report (core/report_parser.hpp) and of its signature
// header (core/report_signature.hpp): the documented example parses, and each kind of
// bad input is refused naming its field.
#include <catch2/catch.hpp>

#include <string>

#include "core/report_parser.hpp"
#include "core/report_signature.hpp"

using namespace bangvang::core;

namespace {

// The example of content/FORMAT.md "Reports".
const std::string documented_report = R"json({
  "format": "bangvang.report/1",
  "kiosk_id": "nhan-chinh-01",
  "site": "phuong-nhan-chinh",
  "source": "quan-thanh-xuan",
  "sent_at": "2024-12-01T09:00:00+07:00",
  "heartbeats": [{
    "at": "2024-12-01T09:00:00+07:00",
    "kiosk_id": "nhan-chinh-01",
    "site": "phuong-nhan-chinh",
    "program_version": "0.1.0",
    "uptime_seconds": 3600,
    "free_disk_bytes": 5120004096,
    "clock_synchronized": true,
    "last_update": {"result": "updated", "at": "2024-12-01T03:12:40+07:00", "from_version": "0.1.0-1",
                    "to_version": "0.2.0-1", "message": "bangvang 0.2.0-1 is running (ready)"},
    "sources": [
      {"id": "quan-thanh-xuan", "version": 7, "last_sync": "2024-12-01T08:59:00+07:00", "last_error": ""},
      {"id": "phuong-hong", "version": 0, "last_sync": null, "last_error": "http://…/manifest.json: Couldn't connect to server"}
    ],
    "recent_errors": [
      {"at": "2024-12-01T08:59:30+07:00", "source": "phuong-hong", "message": "http://…/manifest.json: Couldn't connect to server"}
    ]
  }],
  "plays": [
    {"item": "story-nguyen-thi-hoa", "source": "quan-thanh-xuan", "started_at": "2024-12-01T08:59:40+07:00", "duration_ms": 15012}
  ],
  "play_counts": [
    {"item": "story-nguyen-thi-hoa", "source": "quan-thanh-xuan", "day": "2024-11-20", "plays": 240, "duration_ms": 3600000}
  ]
})json";

std::string with_plays(const std::string& plays) {
    return R"({"format": "bangvang.report/1", "kiosk_id": "k-1", "site": "s-1", "source": "quan",
               "sent_at": "2024-12-01T09:00:00+07:00", "plays": )" + plays + "}";
}

std::string with_counts(const std::string& counts) {
    return R"({"format": "bangvang.report/1", "kiosk_id": "k-1", "site": "s-1", "source": "quan",
               "sent_at": "2024-12-01T09:00:00+07:00", "play_counts": )" + counts + "}";
}

}  // namespace

TEST_CASE("the documented report parses with every member", "[core][report]") {
    const Result<Report> report = parse_report(documented_report);
    REQUIRE(report.ok());
    CHECK(report->kiosk_id == "nhan-chinh-01");
    CHECK(report->site == "phuong-nhan-chinh");
    CHECK(report->source_id == "quan-thanh-xuan");
    REQUIRE(report->heartbeats.size() == 1);
    const ReportedHeartbeat& heartbeat = report->heartbeats[0];
    CHECK(heartbeat.program_version == "0.1.0");
    CHECK(heartbeat.uptime_seconds == 3600);
    CHECK(heartbeat.free_disk_bytes == 5120004096);
    CHECK(heartbeat.clock_synchronized == true);
    REQUIRE(heartbeat.last_update.has_value());
    CHECK(heartbeat.last_update->result == "updated");
    CHECK(heartbeat.last_update->at == *parse_rfc3339("2024-12-01T03:12:40+07:00"));
    CHECK(heartbeat.last_update->from_version == "0.1.0-1");
    CHECK(heartbeat.last_update->to_version == "0.2.0-1");
    CHECK(heartbeat.last_update->message == "bangvang 0.2.0-1 is running (ready)");
    REQUIRE(heartbeat.sources.size() == 2);
    CHECK(heartbeat.sources[0].version == 7);
    CHECK(heartbeat.sources[1].last_sync == std::nullopt);
    REQUIRE(heartbeat.recent_errors.size() == 1);
    REQUIRE(report->plays.size() == 1);
    CHECK(report->plays[0].item_id == "story-nguyen-thi-hoa");
    CHECK(report->plays[0].started_at == *parse_rfc3339("2024-12-01T08:59:40+07:00"));
    CHECK(report->plays[0].duration_milliseconds == 15012);
    REQUIRE(report->play_counts.size() == 1);
    CHECK(report->play_counts[0].day == CivilDate{2024, 11, 20});
    CHECK(report->play_counts[0].plays == 240);
}

TEST_CASE("a report with unknown members and a damaged heartbeat still parses", "[core][report]") {
    const Result<Report> report = parse_report(R"({"format": "bangvang.report/1", "kiosk_id": "k-1", "site": "s-1",
        "source": "quan", "sent_at": "2024-12-01T09:00:00Z", "later_member": {"x": 1},
        "heartbeats": [null, {"at": "2024-12-01T09:00:00Z", "free_disk_bytes": null}]})");
    REQUIRE(report.ok());
    CHECK(report->damaged_heartbeats == 1);
    CHECK(report->heartbeats.size() == 1);
    CHECK(report->heartbeats[0].free_disk_bytes == std::nullopt);
    CHECK(report->heartbeats[0].clock_synchronized == std::nullopt);  // a kiosk older than the member
    CHECK(report->heartbeats[0].last_update == std::nullopt);
}

TEST_CASE("a damaged update record is kept as unreadable, a clock state that is not true or false is refused",
          "[core][report]") {
    const auto heartbeat = [](const std::string& members) {
        return R"({"format": "bangvang.report/1", "kiosk_id": "k-1", "site": "s-1", "source": "quan",
                   "sent_at": "2024-12-01T09:00:00Z", "heartbeats": [{"at": "2024-12-01T09:00:00Z", )" + members + "}]}";
    };
    const Result<Report> damaged = parse_report(heartbeat(R"("last_update": {"result": 5, "at": "yesterday"})"));
    REQUIRE(damaged.ok());
    REQUIRE(damaged->heartbeats[0].last_update.has_value());
    CHECK(damaged->heartbeats[0].last_update->result == "unreadable");
    CHECK_THAT(damaged->heartbeats[0].last_update->message, Catch::Contains("heartbeats[0].last_update.result"));
    const Result<Report> rolled_back = parse_report(heartbeat(
        R"("clock_synchronized": false, "last_update": {"result": "rolled_back", "from_version": "0.2.0-1", "to_version": "0.1.0-1"})"));
    REQUIRE(rolled_back.ok());
    CHECK(rolled_back->heartbeats[0].clock_synchronized == false);
    CHECK(rolled_back->heartbeats[0].last_update->result == "rolled_back");
    CHECK(rolled_back->heartbeats[0].last_update->at == std::nullopt);
    const Result<Report> clock = parse_report(heartbeat(R"("clock_synchronized": "yes")"));
    REQUIRE_FALSE(clock.ok());
    CHECK(clock.problem().field == "heartbeats[0].clock_synchronized");
}

TEST_CASE("malformed JSON is refused", "[core][report]") {
    for (const std::string& body : {std::string(""), std::string("{"), std::string("[1,2"), std::string("{\"format\": }"),
                                   std::string("{\"a\": 1}\0", 10), std::string(100, '[')}) {
        const Result<Report> report = parse_report(body);
        REQUIRE_FALSE(report.ok());
        CHECK(report.problem().where == "report");
    }
}

TEST_CASE("a report of another format is refused naming the format", "[core][report]") {
    std::string body = documented_report;
    body.replace(body.find("bangvang.report/1"), 17, "bangvang.report/2");
    const Result<Report> report = parse_report(body);
    REQUIRE_FALSE(report.ok());
    CHECK(report.problem().field == "format");
    CHECK_FALSE(parse_report("[]").ok());
    CHECK(parse_report(R"({"kiosk_id": "k"})").problem().field == "format");
}

TEST_CASE("counts no kiosk could have sent are refused", "[core][report]") {
    const Result<Report> billion = parse_report(
        with_counts(R"([{"item": "a", "source": "quan", "day": "2024-11-20", "plays": 1000000000, "duration_ms": 1}])"));
    REQUIRE_FALSE(billion.ok());
    CHECK(billion.problem().field == "play_counts[0].plays");
    const Result<Report> long_day = parse_report(
        with_counts(R"([{"item": "a", "source": "quan", "day": "2024-11-20", "plays": 5, "duration_ms": 86400001}])"));
    CHECK(long_day.problem().field == "play_counts[0].duration_ms");
    const Result<Report> zero = parse_report(
        with_counts(R"([{"item": "a", "source": "quan", "day": "2024-11-20", "plays": 0, "duration_ms": 0}])"));
    CHECK(zero.problem().field == "play_counts[0].plays");
    const Result<Report> negative = parse_report(
        with_plays(R"([{"item": "a", "source": "quan", "started_at": "2024-12-01T08:00:00Z", "duration_ms": -5}])"));
    CHECK(negative.problem().field == "plays[0].duration_ms");
    const Result<Report> bad_item = parse_report(
        with_plays(R"([{"item": "A/../b", "source": "quan", "started_at": "2024-12-01T08:00:00Z", "duration_ms": 5}])"));
    CHECK(bad_item.problem().field == "plays[0].item");
    const Result<Report> float_count = parse_report(
        with_plays(R"([{"item": "a", "source": "quan", "started_at": "2024-12-01T08:00:00Z", "duration_ms": 1.5}])"));
    CHECK(float_count.problem().field == "plays[0].duration_ms");
}

TEST_CASE("more plays in one report than a kiosk batches are refused", "[core][report]") {
    std::string plays = "[";
    for (std::size_t index = 0; index <= max_report_records; ++index) {
        plays += std::string(index ? "," : "") +
                 R"({"item": "a", "source": "quan", "started_at": "2024-12-01T08:00:00Z", "duration_ms": 5})";
    }
    const Result<Report> report = parse_report(with_plays(plays + "]"));
    REQUIRE_FALSE(report.ok());
    CHECK(report.problem().field == "plays");
}

TEST_CASE("plays, heartbeats and days in the future are refused", "[core][report]") {
    const UnixSeconds now = *parse_rfc3339("2024-12-01T09:00:00+07:00");
    const Result<Report> fine = parse_report(documented_report);
    REQUIRE(fine.ok());
    CHECK_FALSE(check_report_times(*fine, now, 300).has_value());

    const Result<Report> future_play = parse_report(
        with_plays(R"([{"item": "a", "source": "quan", "started_at": "2024-12-01T09:10:00+07:00", "duration_ms": 5}])"));
    REQUIRE(future_play.ok());
    const std::optional<Problem> play_problem = check_report_times(*future_play, now, 300);
    REQUIRE(play_problem.has_value());
    CHECK(play_problem->field == "plays[0].started_at");
    CHECK_FALSE(check_report_times(*future_play, now, 900).has_value());

    const Result<Report> future_day = parse_report(
        with_counts(R"([{"item": "a", "source": "quan", "day": "2024-12-03", "plays": 5, "duration_ms": 5}])"));
    REQUIRE(future_day.ok());
    const std::optional<Problem> day_problem = check_report_times(*future_day, now, 300);
    REQUIRE(day_problem.has_value());
    CHECK(day_problem->field == "play_counts[0].day");
}

TEST_CASE("a signature header round-trips and its mistakes are named", "[core][report]") {
    const ReportSignatureHeader header{.kiosk_id = "nhan-chinh-01", .timestamp_milliseconds = 1733018400123,
                                       .signature_base64 = "QUJD"};
    const std::string text = format_report_signature_header(header);
    CHECK(text == "kiosk=nhan-chinh-01, t=1733018400123, ed25519=QUJD");
    const Result<ReportSignatureHeader> parsed = parse_report_signature_header(text);
    REQUIRE(parsed.ok());
    CHECK(parsed->kiosk_id == header.kiosk_id);
    CHECK(parsed->timestamp_milliseconds == header.timestamp_milliseconds);
    CHECK(parsed->signature_base64 == header.signature_base64);
    CHECK(parse_report_signature_header("t=5, ed25519=QUJD").problem().field == "kiosk");
    CHECK(parse_report_signature_header("kiosk=a, ed25519=QUJD").problem().field == "t");
    CHECK(parse_report_signature_header("kiosk=a, t=5").problem().field == "ed25519");
    CHECK(parse_report_signature_header("kiosk=A B, t=5, ed25519=QUJD").problem().field == "kiosk");
    CHECK(parse_report_signature_header("kiosk=a, t=-5, ed25519=QUJD").problem().field == "t");
    CHECK(parse_report_signature_header("kiosk=a, t=5x, ed25519=QUJD").problem().field == "t");
    CHECK_FALSE(parse_report_signature_header("garbage").ok());
    // The signed message binds kiosk, time and the exact body.
    CHECK(report_signed_message("a", 5, "{}") != report_signed_message("a", 6, "{}"));
    CHECK(report_signed_message("a", 5, "{}") != report_signed_message("b", 5, "{}"));
    CHECK(report_signed_message("a", 5, "{}") != report_signed_message("a", 5, "{} "));
}
