// Reports to the portal: the JSON a report URL receives, delivery only on 2xx, records
// kept through a dead server, a 500 and a restart, old plays arriving as per-day
// counts, and the sync worker reporting on its own thread.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

#include "fault_server.hpp"
#include "store/content_cache.hpp"
#include "store/report_outbox.hpp"
#include "sync/report_delivery.hpp"
#include "sync/sync_worker.hpp"
#include "sync_test_support.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using bangvang::testing::ScratchDirectory;
using Json = nlohmann::json;

namespace {

const KioskReportIdentity kiosk{.kiosk_id = "nhan-chinh-01", .site = "phuong-nhan-chinh"};

core::PlayRecord play(const std::string& item, core::UnixSeconds started_at, std::int64_t milliseconds = 15'000) {
    return core::PlayRecord{.item_id = item, .source_id = "quan-thanh-xuan", .started_at = started_at,
                            .duration_milliseconds = milliseconds};
}

HttpClient test_client() {
    HttpClientOptions options;
    options.user_agent = user_agent_for("nhan-chinh-01");
    options.connect_timeout = std::chrono::milliseconds(2000);
    options.total_timeout = std::chrono::milliseconds(3000);
    return HttpClient(options);
}

// Every report body the server received, in order.
std::vector<Json> received(const FaultServer& server) {
    std::vector<Json> bodies;
    std::istringstream lines(server.reports_received());
    for (std::string line; std::getline(lines, line);) {
        const Json record = Json::parse(line);
        CHECK(record.at("content_type") == "application/json");
        bodies.push_back(Json::parse(record.at("body").get<std::string>()));
    }
    return bodies;
}

}  // namespace

TEST_CASE("a report POST carries the documented JSON", "[sync][reports]") {
    ScratchDirectory scratch("reports-json");
    FaultServer server(scratch.path() / "server");
    store::ContentCache cache(scratch.path() / "cache/content.sqlite3", scratch.path() / "cache/media");
    store::ReportOutbox outbox(cache);
    const Heartbeat heartbeat{.at = test_now,
                              .program_version = program_version(),
                              .uptime_seconds = 3600,
                              .free_disk_bytes = free_disk_bytes(scratch.path()),
                              .sources = {HeartbeatSource{.source_id = "quan-thanh-xuan", .version = 7,
                                                          .last_sync = test_now - 60, .last_error = ""},
                                          HeartbeatSource{.source_id = "phuong-hong", .version = 0,
                                                          .last_sync = std::nullopt, .last_error = "connection refused"}},
                              .recent_errors = {RecentError{.at = test_now - 30, .source_id = "phuong-hong",
                                                            .message = "connection refused"}}};
    REQUIRE(heartbeat.free_disk_bytes);
    CHECK(*heartbeat.free_disk_bytes > 0);
    outbox.add_heartbeat("quan-thanh-xuan", test_now, heartbeat_json(kiosk, heartbeat));
    outbox.add_play(play("story-nguyen-thi-hoa", test_now - 20, 15'012));

    HttpClient client = test_client();
    core::Result<Delivery> delivered =
        deliver_reports(outbox, client, "quan-thanh-xuan", server.url("reports"), kiosk, test_now);
    REQUIRE(delivered);
    CHECK(delivered->posts == 1);
    CHECK(delivered->records == 2);
    CHECK(outbox.pending("quan-thanh-xuan", 100).empty());

    const std::vector<Json> bodies = received(server);
    REQUIRE(bodies.size() == 1);
    const Json& report = bodies[0];
    CHECK(report.at("format") == "bangvang.report/1");
    CHECK(report.at("kiosk_id") == "nhan-chinh-01");
    CHECK(report.at("site") == "phuong-nhan-chinh");
    CHECK(report.at("source") == "quan-thanh-xuan");
    CHECK(report.at("sent_at") == "2024-12-01T09:00:00+07:00");
    REQUIRE(report.at("plays").size() == 1);
    CHECK(report.at("plays")[0] == Json::parse(R"({"item": "story-nguyen-thi-hoa", "source": "quan-thanh-xuan",
        "started_at": "2024-12-01T08:59:40+07:00", "duration_ms": 15012})"));
    CHECK(report.at("play_counts").empty());
    REQUIRE(report.at("heartbeats").size() == 1);
    const Json& beat = report.at("heartbeats")[0];
    CHECK(beat.at("at") == "2024-12-01T09:00:00+07:00");
    CHECK(beat.at("kiosk_id") == "nhan-chinh-01");
    CHECK(beat.at("site") == "phuong-nhan-chinh");
    CHECK(beat.at("program_version") == program_version());
    CHECK(beat.at("uptime_seconds") == 3600);
    CHECK(beat.at("free_disk_bytes").get<std::uint64_t>() > 0);
    CHECK(beat.at("clock_synchronized") == true);
    CHECK(beat.at("last_update") == nullptr);
    CHECK(beat.at("sources") == Json::parse(R"([
        {"id": "quan-thanh-xuan", "version": 7, "last_sync": "2024-12-01T08:59:00+07:00", "last_error": ""},
        {"id": "phuong-hong", "version": 0, "last_sync": null, "last_error": "connection refused"}])"));
    CHECK(beat.at("recent_errors") == Json::parse(R"([
        {"at": "2024-12-01T08:59:30+07:00", "source": "phuong-hong", "message": "connection refused"}])"));
    CHECK_THAT(server.request_log(), Catch::Contains("POST /reports bangvang/"));
    WARN("heartbeat-only report: " << heartbeat_json(kiosk, heartbeat).size() << " bytes of heartbeat JSON");
}

TEST_CASE("records stay through a 500, a dead server and a restart, and arrive once it heals", "[sync][reports]") {
    ScratchDirectory scratch("reports-outage");
    const auto database = scratch.path() / "cache/content.sqlite3";
    const auto media = scratch.path() / "cache/media";
    HttpClient client = test_client();
    {
        store::ContentCache cache(database, media);
        store::ReportOutbox outbox(cache);
        for (int index = 0; index < 5; ++index) outbox.add_play(play("story-" + std::to_string(index), test_now + index * 15));

        // Nobody listens (the discard port): refused, nothing removed.
        core::Result<Delivery> refused = deliver_reports(outbox, client, "quan-thanh-xuan", "http://127.0.0.1:9/reports", kiosk, test_now);
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.problem().message(), Catch::Contains("127.0.0.1:9"));
        CHECK(outbox.size().plays == 5);

        FaultServer failing(scratch.path() / "failing");
        failing.set_fault("status500", {"reports"});
        core::Result<Delivery> refused_by_500 =
            deliver_reports(outbox, client, "quan-thanh-xuan", failing.url("reports"), kiosk, test_now);
        REQUIRE_FALSE(refused_by_500);
        CHECK_THAT(refused_by_500.problem().reason, Catch::Contains("HTTP 500"));
        CHECK(outbox.size().plays == 5);
        CHECK(failing.reports_received().empty());
    }
    // The process restarts: a new connection on the same file still owes the five plays.
    store::ContentCache cache(database, media);
    store::ReportOutbox outbox(cache);
    CHECK(outbox.size().plays == 5);
    FaultServer healed(scratch.path() / "healed");
    core::Result<Delivery> delivered =
        deliver_reports(outbox, client, "quan-thanh-xuan", healed.url("reports"), kiosk, test_now + 600, 2);
    REQUIRE(delivered);
    CHECK(delivered->posts == 3);  // batches of two
    CHECK(outbox.size().plays == 0);
    std::vector<std::string> items;
    for (const Json& report : received(healed)) {
        for (const Json& shown : report.at("plays")) items.push_back(shown.at("item"));
    }
    CHECK(items == std::vector<std::string>{"story-0", "story-1", "story-2", "story-3", "story-4"});
}

TEST_CASE("after weeks offline the oldest plays arrive as counts per item and day", "[sync][reports]") {
    ScratchDirectory scratch("reports-folded");
    FaultServer server(scratch.path() / "server");
    store::ContentCache cache(scratch.path() / "cache/content.sqlite3", scratch.path() / "cache/media");
    store::ReportOutbox outbox(cache, store::OutboxLimits{.max_plays = 50, .plays_after_folding = 20});
    // Three weeks of 20 plays a day of one item, 15 s each.
    for (int day = 0; day < 21; ++day) {
        for (int slot = 0; slot < 20; ++slot) outbox.add_play(play("story-a", test_now + day * 86'400 + slot * 60));
    }
    CHECK(outbox.size().plays <= 50);
    HttpClient client = test_client();
    REQUIRE(deliver_reports(outbox, client, "quan-thanh-xuan", server.url("reports"), kiosk, test_now + 21 * 86'400));
    std::int64_t plays = 0;
    std::int64_t milliseconds = 0;
    std::set<std::string> days;
    for (const Json& report : received(server)) {
        plays += static_cast<std::int64_t>(report.at("plays").size());
        for (const Json& shown : report.at("plays")) milliseconds += shown.at("duration_ms").get<std::int64_t>();
        for (const Json& count : report.at("play_counts")) {
            CHECK(count.at("item") == "story-a");
            CHECK(count.at("source") == "quan-thanh-xuan");
            plays += count.at("plays").get<std::int64_t>();
            milliseconds += count.at("duration_ms").get<std::int64_t>();
            days.insert(count.at("day").get<std::string>());
        }
    }
    CHECK(plays == 21 * 20);  // nothing lost, nothing twice
    CHECK(milliseconds == 21 * 20 * 15'000);
    CHECK(days.size() >= 19);
    CHECK(days.count("2024-12-01") == 1);
    CHECK(outbox.size().plays == 0);
    CHECK(outbox.size().play_counts == 0);
}

TEST_CASE("the worker sends heartbeats and the player's plays to each source's report URL", "[sync][reports][worker]") {
    ScratchDirectory scratch("reports-worker");
    FaultServer server(scratch.path() / "server");
    SecretKey district = generate_secret_key();
    FeedBuilder feed;
    feed.add_item_with_image("photo", valid_png());
    feed.write_to(server.root(), {district});

    SyncWorkerOptions options;
    options.database_file = scratch.path() / "cache/content.sqlite3";
    options.media_directory = scratch.path() / "cache/media";
    options.http.user_agent = user_agent_for("nhan-chinh-01");
    options.http.total_timeout = std::chrono::milliseconds(4000);
    options.clock = [] { return test_now; };
    options.reporting = kiosk;
    // The player's own connection adds plays before the worker starts (as after a restart).
    store::ContentCache player_cache(options.database_file, options.media_directory);
    store::ReportOutbox player_outbox(player_cache);
    player_outbox.add_play(play("photo", test_now - 100));
    player_outbox.add_play(core::PlayRecord{.item_id = "notice", .source_id = "phuong-hong", .started_at = test_now - 80,
                                            .duration_milliseconds = 20'000});
    {
        SyncWorker worker({WorkerSource{.url = server.url(),
                                        .trust = {.source_id = "quan-thanh-xuan", .configured_keys = {district.public_key()}},
                                        .report_url = server.url("reports")},
                           WorkerSource{.url = "http://127.0.0.1:9/",
                                        .trust = {.source_id = "phuong-hong", .configured_keys = {district.public_key()}},
                                        .report_url = "http://127.0.0.1:9/reports"}},
                          options);
        worker.wait_for_first_round();
        const auto status = worker.status();
        CHECK(status[0].last_report == test_now);
        CHECK(status[0].last_report_error.empty());
        CHECK_FALSE(status[1].last_report);
        CHECK_THAT(status[1].last_report_error, Catch::Contains("127.0.0.1:9"));
    }
    const std::vector<Json> bodies = received(server);
    REQUIRE(bodies.size() == 1);
    const Json& report = bodies[0];
    REQUIRE(report.at("plays").size() == 1);  // only this source's play
    CHECK(report.at("plays")[0].at("item") == "photo");
    REQUIRE(report.at("heartbeats").size() == 1);
    const Json& beat = report.at("heartbeats")[0];
    REQUIRE(beat.at("sources").size() == 2);  // cached sources first, then those with nothing cached
    CHECK(beat.at("sources")[0] == Json::parse(R"({"id": "quan-thanh-xuan", "version": 1,
        "last_sync": "2024-12-01T09:00:00+07:00", "last_error": ""})"));
    CHECK(beat.at("sources")[1].at("id") == "phuong-hong");
    CHECK(beat.at("sources")[1].at("version") == 0);
    CHECK(beat.at("sources")[1].at("last_sync").is_null());
    CHECK_THAT(beat.at("sources")[1].at("last_error").get<std::string>(), Catch::Contains("127.0.0.1:9"));
    REQUIRE(beat.at("recent_errors").size() == 1);
    CHECK(beat.at("recent_errors")[0].at("source") == "phuong-hong");
    // The other source's play and heartbeat wait for its report URL.
    const store::PendingReport waiting = player_outbox.pending("phuong-hong", 100);
    CHECK(waiting.plays.size() == 1);
    CHECK(waiting.heartbeats.size() == 1);
}

TEST_CASE("a heartbeat POST is small, and the client counts its bytes as the server does", "[sync][reports]") {
    ScratchDirectory scratch("reports-size");
    FaultServer server(scratch.path() / "server");
    store::ContentCache cache(scratch.path() / "cache/content.sqlite3", scratch.path() / "cache/media");
    store::ReportOutbox outbox(cache);
    // A kiosk with two sources, one failing: a typical heartbeat.
    const Heartbeat heartbeat{.at = test_now,
                              .program_version = program_version(),
                              .uptime_seconds = 86'400,
                              .free_disk_bytes = free_disk_bytes(scratch.path()),
                              .sources = {HeartbeatSource{.source_id = "quan-thanh-xuan", .version = 42,
                                                          .last_sync = test_now - 60, .last_error = ""},
                                          HeartbeatSource{.source_id = "truong-thcs-nhan-chinh", .version = 9,
                                                          .last_sync = test_now - 7200,
                                                          .last_error = "https://thcs.example/feed/manifest.json: the server answered HTTP 500"}},
                              .recent_errors = {RecentError{.at = test_now - 600, .source_id = "truong-thcs-nhan-chinh",
                                                            .message = "https://thcs.example/feed/manifest.json: the server answered HTTP 500"}}};
    outbox.add_heartbeat("quan-thanh-xuan", test_now, heartbeat_json(kiosk, heartbeat));
    HttpClient client = test_client();
    core::Result<Delivery> delivered =
        deliver_reports(outbox, client, "quan-thanh-xuan", server.url("reports"), kiosk, test_now);
    REQUIRE(delivered);
    std::istringstream lines(server.reports_received());
    std::string line;
    REQUIRE(std::getline(lines, line));
    const Json record = Json::parse(line);
    const auto body_bytes = record.at("body").get<std::string>().size();
    const auto request_bytes = record.at("request_bytes").get<std::size_t>();
    CHECK(delivered->bytes_sent == request_bytes);
    CHECK(request_bytes < 1500);  // one packet
    WARN("heartbeat POST: " << request_bytes << " bytes on the wire (" << body_bytes << " bytes of JSON body)");
}

TEST_CASE("the heartbeat carries the last unattended update as firmware/update.sh wrote it", "[sync][reports]") {
    ScratchDirectory scratch("reports-update");
    const std::filesystem::path status = scratch.path() / "update/status.json";
    CHECK(update_outcome_json(status).empty());  // never updated
    bangvang::testing::write_file(status, R"({"result": "rolled_back", "at": "2024-12-02T03:10:00+07:00",
        "from_version": "0.2.0-1", "to_version": "0.1.0-1",
        "message": "bangvang 0.2.0-1 was restarted 3 times; bangvang 0.1.0-1 reinstalled"})");
    const KioskReportIdentity kiosk{.kiosk_id = "nhan-chinh-01", .site = "phuong-nhan-chinh"};
    const Heartbeat heartbeat{.at = 1733090400, .clock_synchronized = false, .last_update_json = update_outcome_json(status)};
    const Json beat = Json::parse(heartbeat_json(kiosk, heartbeat));
    CHECK(beat.at("clock_synchronized") == false);
    CHECK(beat.at("last_update").at("result") == "rolled_back");
    CHECK(beat.at("last_update").at("to_version") == "0.1.0-1");

    bangvang::testing::write_file(status, "{\"result\": \"upd");  // cut by a power failure
    const Json damaged = Json::parse(update_outcome_json(status));
    CHECK(damaged.at("result") == "unreadable");
    CHECK_THAT(damaged.at("message").get<std::string>(), Catch::Contains("status.json: is not valid JSON"));
}
