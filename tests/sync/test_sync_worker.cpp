// The sync thread: polls on its own connection, reports per-source status, tells the
// main thread when content changed, backs off after errors.
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "fault_server.hpp"
#include "store/content_cache.hpp"
#include "sync/sync_worker.hpp"
#include "sync_test_support.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using bangvang::testing::ScratchDirectory;
using Catch::Contains;

TEST_CASE("backoff doubles after errors up to the cap, with jitter, and resets", "[sync][worker]") {
    SyncWorkerOptions options;
    options.interval = std::chrono::seconds(300);
    options.first_retry = std::chrono::seconds(30);
    options.max_backoff = std::chrono::seconds(3600);
    CHECK(next_poll_delay(options, 0, 0.5).count() == 300);
    CHECK(next_poll_delay(options, 1, 0.5).count() == 30);
    CHECK(next_poll_delay(options, 2, 0.5).count() == 60);
    CHECK(next_poll_delay(options, 5, 0.5).count() == 480);
    CHECK(next_poll_delay(options, 50, 0.5).count() == 3600);
    CHECK(next_poll_delay(options, 1, 0.0).count() == 24);
    CHECK(next_poll_delay(options, 1, 0.999).count() == 36);
}

TEST_CASE("until its first success a source retries from 10 s doubling to a minute with jitter", "[sync][worker]") {
    SyncWorkerOptions options;
    options.interval = std::chrono::seconds(300);
    options.first_retry = std::chrono::seconds(30);
    options.max_backoff = std::chrono::seconds(3600);
    CHECK(first_sync_poll_delay(options, 1, 0.5).count() == 10);
    CHECK(first_sync_poll_delay(options, 2, 0.5).count() == 20);
    CHECK(first_sync_poll_delay(options, 3, 0.5).count() == 40);
    CHECK(first_sync_poll_delay(options, 4, 0.5).count() == 60);
    CHECK(first_sync_poll_delay(options, 500, 0.5).count() == 60);
    // Spread like any retry: kiosks that all booted after one power cut do not poll in step.
    CHECK(first_sync_poll_delay(options, 500, 0.0).count() == 48);
    CHECK(first_sync_poll_delay(options, 500, 0.999).count() == 72);
    SECTION("never slower than the interval, nor faster than 10 s") {
        options.interval = std::chrono::seconds(5);
        options.first_retry = std::chrono::seconds(5);  // as the kiosk sets it: at most the interval
        CHECK(first_sync_poll_delay(options, 1, 0.5).count() == 5);
        CHECK(first_sync_poll_delay(options, 2, 0.5).count() == 10);
        CHECK(first_sync_poll_delay(options, 50, 0.5).count() == 10);
        options.interval = std::chrono::seconds(30);
        options.first_retry = std::chrono::seconds(30);
        CHECK(first_sync_poll_delay(options, 50, 0.5).count() == 30);
    }
    SECTION("a short max_backoff still bounds it") {
        options.max_backoff = std::chrono::seconds(15);
        CHECK(first_sync_poll_delay(options, 50, 0.5).count() == 15);
    }
}

TEST_CASE("the worker syncs on its own thread, reports status, and syncs now on request", "[sync][worker]") {
    ScratchDirectory scratch("sync-worker");
    FaultServer server(scratch.path() / "server");
    SecretKey district = generate_secret_key();
    FeedBuilder feed;
    feed.add_item_with_image("photo", valid_png());
    feed.write_to(server.root(), {district});

    std::atomic<int> changes = 0;
    SyncWorkerOptions options;
    options.database_file = scratch.path() / "cache/content.sqlite3";
    options.media_directory = scratch.path() / "cache/media";
    options.http.user_agent = user_agent_for("worker-test");
    options.http.total_timeout = std::chrono::milliseconds(4000);
    options.clock = [] { return test_now; };
    options.on_content_changed = [&] { ++changes; };
    // The main thread's own connection, as the player has.
    store::ContentCache player_cache(options.database_file, options.media_directory);
    {
        SyncWorker worker({WorkerSource{.url = server.url(), .trust = {.source_id = "quan-thanh-xuan",
                                                                       .configured_keys = {district.public_key()}}},
                           WorkerSource{.url = "http://127.0.0.1:9/", .trust = {.source_id = "phuong-hong",
                                                                                 .configured_keys = {district.public_key()}}}},
                          options);
        worker.wait_for_first_round();
        auto status = worker.status();
        REQUIRE(status.size() == 2);
        CHECK(status[0].version == 1);
        CHECK(status[0].last_success == test_now);
        CHECK(status[0].last_error.empty());
        CHECK(status[0].next_poll >= test_now + 240);  // the interval, less at most 20 % jitter
        CHECK(status[0].next_poll <= test_now + 360);
        CHECK(status[1].consecutive_failures == 1);
        CHECK_FALSE(status[1].last_error.empty());
        CHECK(changes == 1);
        CHECK(player_cache.all_items().size() == 1);  // the other connection sees the commit

        feed.version = 2;
        feed.items.push_back(announcement("second"));
        feed.write_to(server.root(), {district});
        worker.sync_now();
        for (int tries = 0; tries < 100 && changes < 2; ++tries) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        CHECK(changes == 2);
        CHECK(worker.status()[0].version == 2);
    }
    CHECK(player_cache.all_items().size() == 2);
}

TEST_CASE("polls follow the monotonic clock: a wall clock jumping back a day changes nothing", "[sync][worker]") {
    ScratchDirectory scratch("sync-worker-clock-jump");
    FaultServer server(scratch.path() / "server");
    SecretKey district = generate_secret_key();
    FeedBuilder feed;
    feed.add_item_with_image("photo", valid_png());
    feed.write_to(server.root(), {district});

    std::atomic<core::UnixSeconds> wall = test_now;
    SyncWorkerOptions options;
    options.database_file = scratch.path() / "cache/content.sqlite3";
    options.media_directory = scratch.path() / "cache/media";
    options.interval = std::chrono::seconds(1);
    options.clock = [&] { return wall.load(); };
    SyncWorker worker({WorkerSource{.url = server.url(), .trust = {.source_id = "quan-thanh-xuan",
                                                                   .configured_keys = {district.public_key()}}}},
                      options);
    worker.wait_for_first_round();
    wall = test_now - 86400;  // NTP corrects a Pi without a real-time clock
    const auto polls = [&] {
        const std::string log = server.request_log();
        std::size_t count = 0;
        for (std::size_t at = log.find("/manifest.json "); at != std::string::npos; at = log.find("/manifest.json ", at + 1)) {
            ++count;
        }
        return count;
    };
    const std::size_t before = polls();
    for (int tries = 0; tries < 60 && polls() < before + 2; ++tries) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(polls() >= before + 2);  // the 1 s interval kept going (±20 %)
    CHECK(worker.status()[0].last_success == test_now - 86400);
}

TEST_CASE("a poll cut off by the worker stopping is said as info, not as an error", "[sync][worker]") {
    ScratchDirectory scratch("sync-worker-stopping");
    FaultServer server(scratch.path() / "server");
    SecretKey district = generate_secret_key();
    FeedBuilder feed;
    feed.add_item_with_image("photo", valid_png());
    feed.write_to(server.root(), {district});
    server.set_fault("trickle", {"manifest.json"});

    std::mutex lines_mutex;
    std::vector<std::pair<SyncLogLevel, std::string>> lines;
    SyncWorkerOptions options;
    options.database_file = scratch.path() / "cache/content.sqlite3";
    options.media_directory = scratch.path() / "cache/media";
    options.clock = [] { return test_now; };
    options.log = [&](SyncLogLevel level, const std::string& component, const std::string& message) {
        std::lock_guard lock(lines_mutex);
        lines.emplace_back(level, component + ": " + message);
    };
    {
        SyncWorker worker({WorkerSource{.url = server.url(), .trust = {.source_id = "quan-thanh-xuan",
                                                                       .configured_keys = {district.public_key()}}}},
                          options);
        // Stopped while the manifest trickles in.
        for (int tries = 0; tries < 100 && !Catch::Contains("/manifest.json").match(server.request_log()); ++tries) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        REQUIRE_THAT(server.request_log(), Contains("/manifest.json"));
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    std::lock_guard lock(lines_mutex);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].first == SyncLogLevel::info);
    CHECK_THAT(lines[0].second, Contains("sync quan-thanh-xuan: poll ended by the kiosk stopping") &&
                                    Contains("abandoned: the kiosk is stopping"));
}
