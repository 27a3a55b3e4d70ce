// What the status overlay is given: sources in config order with what the start-up
// load said about them, the cache's bytes on disk, and the process's memory.
#include <catch2/catch.hpp>

#include "kiosk/clock_trust.hpp"
#include "kiosk/content_loader.hpp"
#include "kiosk/kiosk_clock.hpp"
#include "kiosk/status_report.hpp"
#include "support/process.hpp"

using namespace bangvang;
using bangvang::testing::ScratchDirectory;
using bangvang::testing::write_file;

TEST_CASE("the status report names each source and why it failed", "[kiosk][status]") {
    ScratchDirectory scratch("status-report");
    write_file(scratch.path() / "broken/manifest.json", R"({"format": "bangvang.feed/1", "items": [)");
    auto config = kiosk::parse_kiosk_config(R"({"kiosk_id": "k-07", "site": "phuong-nhan-chinh",
        "place_name": "UBND phường Nhân Chính", "cache_directory": "cache",
        "sources": [{"id": "phuong-hong", "url": "broken", "keys": ["xmohhM3vsTFU5jnLUS7jWX5/NB0W25IIg1mSvaRjutY="]}]})",
                                            "kiosk.json", scratch.path());
    REQUIRE(config.ok());
    std::filesystem::create_directories(config->cache_directory / "media");
    store::ContentCache cache(config->cache_directory / "content.sqlite3", config->cache_directory / "media");
    write_file(config->cache_directory / "media/one", std::string(3000, 'x'));
    write_file(config->cache_directory / "media/two", std::string(1000, 'y'));

    const core::UnixSeconds now = 1732496700;
    kiosk::LoadSummary loaded = kiosk::load_sources(*config, cache, now);
    kiosk::StatusReporter reporter(*config, cache, nullptr, loaded.statuses);
    render::StatusOverlayData data = reporter.collect(
        now, kiosk::PlayerFigures{.playable_items = 0, .texture_bytes = 5, .texture_budget_bytes = 10});

    CHECK(data.kiosk_id == "k-07");
    CHECK(data.place_name == "UBND phường Nhân Chính");
    CHECK(data.now == now);
    CHECK(data.texture_budget_bytes == 10);
    REQUIRE(data.sources.size() == 1);
    const render::StatusSourceLine& source = data.sources[0];
    CHECK(source.id == "phuong-hong");
    CHECK_FALSE(source.remote);
    CHECK(source.version == 0);
    CHECK(source.last_attempt == now);
    CHECK_FALSE(source.last_success);
    CHECK_THAT(source.last_error, Catch::Contains("manifest.json"));
    CHECK(data.media_files == 2);
    CHECK(data.media_bytes == 4000);
    CHECK(data.database_bytes > 0);
    // A test program holds at least a few megabytes: the figure is read, not made up.
    CHECK(data.resident_bytes > (1u << 20));
    CHECK(data.resident_bytes == Approx(double(kiosk::resident_set_bytes())).epsilon(0.5));
}

TEST_CASE("an unreadable media folder counts as empty", "[kiosk][status]") {
    const kiosk::FolderUse use = kiosk::folder_use("/nonexistent/bangvang/media");
    CHECK(use.bytes == 0);
    CHECK(use.files == 0);
}

TEST_CASE("slides of stale content say so: expired, or failing for a day", "[kiosk][status]") {
    const core::UnixSeconds now = 1732496700;  // Monday 25/11/2024 08:05 in Hà Nội
    const int hanoi = core::vietnam_utc_offset_minutes;
    const core::UnixSeconds started = now - 3 * 3600;
    render::StatusSourceLine fresh{.id = "quan-thanh-xuan", .remote = true, .version = 7,
                                   .expires_at = now + 30 * 86400, .last_success = now - 300};
    CHECK(kiosk::freshness_notice(fresh, now, hanoi, started).empty());

    render::StatusSourceLine expired = fresh;
    expired.expires_at = now - 2 * 86400;
    CHECK(kiosk::freshness_notice(expired, now, hanoi, started) == "Nội dung hết hạn từ 23/11/2024");

    render::StatusSourceLine failing = fresh;
    failing.last_error = "HTTP 503";
    failing.last_success = now - 23 * 3600;
    CHECK(kiosk::freshness_notice(failing, now, hanoi, started).empty());  // not a day yet
    failing.last_success = now - 5 * 86400;
    CHECK(kiosk::freshness_notice(failing, now, hanoi, started) == "Chưa cập nhật được từ 20/11/2024");
    failing.last_error.clear();  // the last poll worked (an unchanged feed): nothing to say
    CHECK(kiosk::freshness_notice(failing, now, hanoi, started).empty());

    SECTION("no success since a start two days ago") {
        render::StatusSourceLine offline = fresh;
        offline.last_success.reset();
        offline.last_error = "could not connect";
        CHECK(kiosk::freshness_notice(offline, now, hanoi, now - 3600).empty());
        CHECK(kiosk::freshness_notice(offline, now, hanoi, now - 2 * 86400) == "Chưa cập nhật được từ 23/11/2024");
    }
    SECTION("folder sources are loaded at start: only their expiry counts") {
        render::StatusSourceLine folder = failing;
        folder.remote = false;
        folder.last_error = "manifest.json: cannot be opened";
        CHECK(kiosk::freshness_notice(folder, now, hanoi, started).empty());
    }
    SECTION("an unsynchronised clock flags nothing as expired (it may say the image's build date)") {
        CHECK(kiosk::freshness_notice(expired, core::ClockReading(now, false), hanoi, started).empty());
    }
    SECTION("a source with nothing cached has no slides to mark") {
        render::StatusSourceLine empty = expired;
        empty.version = 0;
        CHECK(kiosk::freshness_notice(empty, now, hanoi, started).empty());
    }
}

TEST_CASE("the clock is believed once timesyncd says so, or where timesyncd does not run", "[kiosk][status]") {
    ScratchDirectory scratch("clock-trust");
    const std::filesystem::path flag = scratch.path() / "timesync/synchronized";
    CHECK(kiosk::read_clock_trust(flag) == kiosk::ClockTrust::not_watched);  // no timesyncd: a PC, a container
    CHECK(kiosk::read_clock_trust("") == kiosk::ClockTrust::not_watched);
    std::filesystem::create_directories(flag.parent_path());  // timesyncd runs, no server answered yet
    CHECK(kiosk::read_clock_trust(flag) == kiosk::ClockTrust::waiting);
    CHECK_FALSE(kiosk::is_believed(kiosk::read_clock_trust(flag)));
    write_file(flag, "");
    CHECK(kiosk::read_clock_trust(flag) == kiosk::ClockTrust::synchronized);

    // The status panel says which, and flags no expiry while the clock waits.
    std::filesystem::remove(flag);
    auto config = kiosk::parse_kiosk_config(R"({"kiosk_id": "k-07", "site": "s", "cache_directory": "cache",
        "clock_synchronized_file": "timesync/synchronized", "sources": []})", "kiosk.json", scratch.path());
    REQUIRE(config.ok());
    CHECK(config->clock_synchronized_file == flag);
    std::filesystem::create_directories(config->cache_directory / "media");
    store::ContentCache cache(config->cache_directory / "content.sqlite3", config->cache_directory / "media");
    kiosk::StatusReporter reporter(*config, cache, nullptr, {});
    const kiosk::KioskClock clock(core::UnixSeconds{1577811600}, config->clock_synchronized_file);  // 01/01/2020
    render::StatusOverlayData data = reporter.collect(clock.read(), kiosk::PlayerFigures{});
    CHECK_FALSE(data.clock_synchronized);
    CHECK(data.clock_state == "chưa đồng bộ (chờ máy chủ giờ)");
    write_file(flag, "");
    data = reporter.collect(clock.read(), kiosk::PlayerFigures{});
    CHECK(data.clock_synchronized);
    CHECK(data.clock_state == "đã đồng bộ");
}

// #11 point 4: the footer reads what the sync worker published with its last poll and the
// deck's source states as of its last refresh, never the cache or the worker's lock.
TEST_CASE("the footer's notice comes from the worker's published status and the deck's states", "[kiosk][status]") {
    ScratchDirectory scratch("status-notice-snapshot");
    // Nothing listens on port 1: every poll fails at once.
    auto config = kiosk::parse_kiosk_config(R"({"kiosk_id": "k-07", "site": "s", "cache_directory": "cache",
        "sources": [{"id": "quan-thanh-xuan", "url": "http://127.0.0.1:1/feed",
                     "keys": ["xmohhM3vsTFU5jnLUS7jWX5/NB0W25IIg1mSvaRjutY="]}]})", "kiosk.json", scratch.path());
    REQUIRE(config.ok());
    std::filesystem::create_directories(config->cache_directory / "media");
    store::ContentCache cache(config->cache_directory / "content.sqlite3", config->cache_directory / "media");
    const core::UnixSeconds now = 1732496700;  // Monday 25/11/2024 08:05 in Hà Nội
    sync::SyncWorkerOptions options;
    options.database_file = config->cache_directory / "content.sqlite3";
    options.media_directory = config->cache_directory / "media";
    options.clock = [now] { return now; };
    sync::SyncWorker worker({sync::WorkerSource{.url = config->sources[0].url,
                                                .trust = sync::SourceTrust{.source_id = "quan-thanh-xuan",
                                                                           .configured_keys = config->sources[0].keys}}},
                            options);
    // Published at construction, before any poll: nothing failed yet.
    REQUIRE(worker.latest_status() != nullptr);
    REQUIRE(worker.latest_status()->size() == 1);

    const kiosk::StatusReporter reporter(*config, cache, &worker, {}, now - 3600);
    const std::vector<store::SourceState> playing{
        {.source_id = "quan-thanh-xuan", .source_name = "Quận", .version = 7, .expires_at = now + 30 * 86400}};
    worker.wait_for_first_round();
    const sync::SyncWorker::StatusSnapshot published = worker.latest_status();
    REQUIRE_FALSE(published->front().last_error.empty());
    CHECK_FALSE(published->front().last_success);

    // Failing since the start an hour ago: nothing to say yet; two days on, it is said.
    CHECK(reporter.notice_for("quan-thanh-xuan", core::ClockReading(now, true), playing).empty());
    CHECK(reporter.notice_for("quan-thanh-xuan", core::ClockReading(now + 2 * 86400, true), playing) ==
          "Chưa cập nhật được từ 25/11/2024");
    // Expired content is said from the deck's states alone; a source with nothing playing has no slides to mark.
    std::vector<store::SourceState> expired = playing;
    expired[0].expires_at = now - 2 * 86400;
    CHECK(reporter.notice_for("quan-thanh-xuan", core::ClockReading(now, true), expired) ==
          "Nội dung hết hạn từ 23/11/2024");
    CHECK(reporter.notice_for("quan-thanh-xuan", core::ClockReading(now + 2 * 86400, true), {}).empty());
    CHECK(reporter.notice_for("another-source", core::ClockReading(now + 2 * 86400, true), playing).empty());
}
