// The report outbox: plays and heartbeats kept until delivered, across reopening the
// file, bounded by folding old plays into per-day counts and coalescing heartbeats.
#include <catch2/catch.hpp>

#include <chrono>

#include "store/content_cache.hpp"
#include "store/report_outbox.hpp"
#include "store/sqlite_handle.hpp"
#include "store_test_support.hpp"

using namespace bangvang;
using namespace bangvang::store;
using namespace bangvang::store::testing;

namespace {

core::PlayRecord play(const std::string& item, const std::string& source, core::UnixSeconds started_at,
                      std::int64_t milliseconds = 15'000) {
    return core::PlayRecord{.item_id = item, .source_id = source, .started_at = started_at,
                            .duration_milliseconds = milliseconds};
}

}  // namespace

TEST_CASE("plays and heartbeats wait per destination until delivered, and survive reopening", "[store][outbox]") {
    TemporaryDirectory folder;
    const core::UnixSeconds morning = at("2024-11-21T08:00:00+07:00");
    {
        ContentCache cache(folder / "cache.sqlite", folder / "media");
        ReportOutbox outbox(cache);
        outbox.add_play(play("story-a", "quan-thanh-xuan", morning));
        outbox.add_play(play("story-b", "quan-thanh-xuan", morning + 15, 14'250));
        outbox.add_play(play("notice", "phuong-nhan-chinh", morning + 30));
        outbox.add_heartbeat("quan-thanh-xuan", morning, R"({"uptime_seconds":1})");
        CHECK(outbox.size().plays == 3);
        CHECK(outbox.size().heartbeats == 1);
    }
    ContentCache cache(folder / "cache.sqlite", folder / "media");  // as after a restart
    ReportOutbox outbox(cache);
    PendingReport district = outbox.pending("quan-thanh-xuan", 100);
    REQUIRE(district.plays.size() == 2);
    CHECK(district.plays[0].play.item_id == "story-a");
    CHECK(district.plays[1].play.item_id == "story-b");
    CHECK(district.plays[1].play.started_at == morning + 15);
    CHECK(district.plays[1].play.duration_milliseconds == 14'250);
    REQUIRE(district.heartbeats.size() == 1);
    CHECK(district.heartbeats[0].body_json == R"({"uptime_seconds":1})");
    CHECK(outbox.pending("phuong-nhan-chinh", 100).plays.size() == 1);
    CHECK(outbox.pending("nobody", 100).empty());
    CHECK(outbox.pending("quan-thanh-xuan", 1).plays.size() == 1);  // a batch is bounded

    outbox.add_play(play("story-c", "quan-thanh-xuan", morning + 45));  // arrives while the report is on its way
    outbox.remove_delivered(district);
    PendingReport rest = outbox.pending("quan-thanh-xuan", 100);
    REQUIRE(rest.plays.size() == 1);
    CHECK(rest.plays[0].play.item_id == "story-c");
    CHECK(rest.heartbeats.empty());
    CHECK(outbox.pending("phuong-nhan-chinh", 100).plays.size() == 1);  // other destinations untouched
}

TEST_CASE("only the newest heartbeats per destination are kept", "[store][outbox]") {
    TemporaryDirectory folder;
    ContentCache cache(folder / "cache.sqlite", folder / "media");
    ReportOutbox outbox(cache, OutboxLimits{.heartbeats_per_source = 3});
    const core::UnixSeconds start = at("2024-11-21T08:00:00+07:00");
    for (int minute = 0; minute < 10; ++minute) {
        outbox.add_heartbeat("quan-thanh-xuan", start + minute * 60, "{\"n\":" + std::to_string(minute) + "}");
    }
    outbox.add_heartbeat("phuong-nhan-chinh", start, "{}");
    PendingReport district = outbox.pending("quan-thanh-xuan", 100);
    REQUIRE(district.heartbeats.size() == 3);
    CHECK(district.heartbeats[0].body_json == R"({"n":7})");
    CHECK(district.heartbeats[2].body_json == R"({"n":9})");
    CHECK(outbox.pending("phuong-nhan-chinh", 100).heartbeats.size() == 1);
}

TEST_CASE("over the cap the oldest plays become counts per item, source and local day", "[store][outbox]") {
    TemporaryDirectory folder;
    ContentCache cache(folder / "cache.sqlite", folder / "media");
    ReportOutbox outbox(cache, OutboxLimits{.max_plays = 10, .plays_after_folding = 4});
    // 23:59:50 and 00:00:10 local time (+07:00) are two days, although one UTC day.
    const core::UnixSeconds late = at("2024-11-20T23:59:50+07:00");
    outbox.add_play(play("story-a", "quan-thanh-xuan", late, 10'000));
    outbox.add_play(play("story-a", "quan-thanh-xuan", late + 20, 15'000));
    outbox.add_play(play("story-a", "quan-thanh-xuan", late + 40, 15'000));
    outbox.add_play(play("story-b", "quan-thanh-xuan", late + 60, 15'000));
    outbox.add_play(play("notice", "phuong-nhan-chinh", late + 80, 15'000));
    for (int index = 0; index < 5; ++index) outbox.add_play(play("story-b", "quan-thanh-xuan", late + 3600 + index));
    CHECK(outbox.size().plays == 10);
    CHECK(outbox.size().play_counts == 0);

    outbox.add_play(play("story-c", "quan-thanh-xuan", late + 7200));  // the 11th: fold the oldest 7
    CHECK(outbox.size().plays == 4);
    PendingReport district = outbox.pending("quan-thanh-xuan", 100);
    REQUIRE(district.play_counts.size() == 3);
    CHECK(district.play_counts[0].item_id == "story-a");
    CHECK(district.play_counts[0].day == "2024-11-20");
    CHECK(district.play_counts[0].plays == 1);
    CHECK(district.play_counts[0].duration_milliseconds == 10'000);
    CHECK(district.play_counts[1].item_id == "story-a");
    CHECK(district.play_counts[1].day == "2024-11-21");
    CHECK(district.play_counts[1].plays == 2);
    CHECK(district.play_counts[1].duration_milliseconds == 30'000);
    CHECK(district.play_counts[2].item_id == "story-b");
    CHECK(district.play_counts[2].day == "2024-11-21");
    CHECK(district.play_counts[2].plays == 3);  // one single play and two of the later five
    CHECK(district.plays.size() == 4);          // the newest stay single
    const PendingReport ward = outbox.pending("phuong-nhan-chinh", 100);
    REQUIRE(ward.play_counts.size() == 1);
    CHECK(ward.play_counts[0].item_id == "notice");
    CHECK(ward.plays.empty());

    // Folded again before the report's acknowledgement (the four single plays it carries
    // among them): only what was not in the report stays owed, nothing twice.
    for (int index = 0; index < 7; ++index) outbox.add_play(play("story-b", "quan-thanh-xuan", late + 3700 + index));
    outbox.remove_delivered(district);
    const PendingReport after = outbox.pending("quan-thanh-xuan", 100);
    REQUIRE(after.play_counts.size() == 1);
    CHECK(after.play_counts[0].item_id == "story-b");
    CHECK(after.play_counts[0].plays == 3);
    CHECK(after.plays.size() == 4);
}

TEST_CASE("past the count cap the oldest days go, and the outbox says how many", "[store][outbox]") {
    TemporaryDirectory folder;
    ContentCache cache(folder / "cache.sqlite", folder / "media");
    ReportOutbox outbox(cache, OutboxLimits{.max_plays = 2, .plays_after_folding = 1, .max_play_counts = 3});
    const core::UnixSeconds first_day = at("2024-11-01T09:00:00+07:00");
    std::size_t dropped = 0;
    for (int day = 0; day < 6; ++day) dropped += outbox.add_play(play("story-a", "quan-thanh-xuan", first_day + day * 86'400));
    CHECK(outbox.size().play_counts == 3);
    CHECK(dropped == 1);  // four days folded (two folds of two), the cap is three: the first day went
    const PendingReport owed = outbox.pending("quan-thanh-xuan", 100);
    REQUIRE(owed.play_counts.size() == 3);
    CHECK(owed.play_counts.front().day == "2024-11-02");
    CHECK(owed.play_counts.back().day == "2024-11-04");
    CHECK(owed.plays.size() == 2);
}

// Minutes: one fsync-ed transaction per play, as on the kiosk.
TEST_CASE("benchmark: a month offline, one play every 15 s", "[.benchmark][store][outbox]") {
    TemporaryDirectory folder;
    ContentCache cache(folder / "cache.sqlite", folder / "media");
    ReportOutbox outbox(cache);
    const core::UnixSeconds start = at("2024-11-01T07:00:00+07:00");
    const int plays = 30 * 24 * 240;  // 30 days of 240 plays an hour (the screen never sleeps)
    double slowest_ms = 0;
    const auto began = std::chrono::steady_clock::now();
    for (int index = 0; index < plays; ++index) {
        const auto before = std::chrono::steady_clock::now();
        outbox.add_play(play("story-" + std::to_string(index % 40), "quan-thanh-xuan", start + index * 15));
        slowest_ms = std::max(slowest_ms, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - before).count());
    }
    const double total_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count();
    execute(cache.connection(), "PRAGMA wal_checkpoint(TRUNCATE)");
    const OutboxSize size = outbox.size();
    CHECK(size.plays <= OutboxLimits{}.max_plays);
    WARN(plays << " plays: " << total_ms / plays << " ms a play on average, slowest (a fold) " << slowest_ms
               << " ms; outbox now " << size.plays << " single plays and " << size.play_counts
               << " per-day counts; cache file " << std::filesystem::file_size(folder / "cache.sqlite") << " bytes");
}
