// What one poll does to a source's status and to the log (sync/poll_outcome), without
// a network or a cache: the worker applies this under its lock after the I/O is done.
#include <catch2/catch.hpp>

#include "sync/poll_outcome.hpp"

using namespace bangvang;
using namespace bangvang::sync;

namespace {

PollResult unchanged_poll(std::int64_t version, std::size_t bytes) {
    PollResult result;
    result.sync.verdict = FeedVerdict::unchanged;
    result.sync.version = version;
    result.bytes_received = bytes;
    return result;
}

PlayingNow playing(std::int64_t version, core::UnixSeconds expires_at) {
    store::SourceState state;
    state.source_id = "quan-thanh-xuan";
    state.version = version;
    state.expires_at = expires_at;
    return PlayingNow{.state = state, .accepted = store::AcceptedVersion{.version = version, .held_back_items = 0},
                      .cache_problem = std::nullopt};
}

}  // namespace

TEST_CASE("a failed poll counts a failure, keeps the error and says what still plays", "[sync]") {
    SourceStatus status{.source_id = "quan-thanh-xuan"};
    const core::Result<PollResult> failed = core::Problem{"https://cong.example/feed", "", "connection refused"};
    const PollOutcome first = record_poll(status, failed, playing(7, 0), core::ClockReading(1000));
    CHECK(first.failed);
    CHECK(first.level == SyncLogLevel::error);
    CHECK(first.message.find("connection refused") != std::string::npos);
    CHECK(first.message.find("still playing version 7") != std::string::npos);
    CHECK_FALSE(first.content_changed);
    CHECK(status.consecutive_failures == 1);
    CHECK(status.last_attempt == 1000);
    CHECK_FALSE(status.last_success);
    CHECK(status.version == 7);
    record_poll(status, failed, PlayingNow{}, core::ClockReading(1060));
    CHECK(status.consecutive_failures == 2);
}

TEST_CASE("an unchanged poll clears the error and the failures", "[sync]") {
    SourceStatus status{.source_id = "quan-thanh-xuan", .last_error = "timeout", .consecutive_failures = 3};
    const PollOutcome outcome = record_poll(status, unchanged_poll(7, 412), playing(7, 0), core::ClockReading(2000));
    CHECK_FALSE(outcome.failed);
    CHECK(outcome.level == SyncLogLevel::info);
    CHECK(outcome.message == "version 7 unchanged (412 bytes)");
    CHECK(status.consecutive_failures == 0);
    CHECK(status.last_error.empty());
    CHECK(status.last_success == 2000);
    CHECK(status.last_poll_bytes == 412);
}

TEST_CASE("media that failed count as a failure for the backoff and name the first reason", "[sync]") {
    SourceStatus status{.source_id = "quan-thanh-xuan"};
    PollResult accepted;
    accepted.sync.verdict = FeedVerdict::accept;
    accepted.sync.version = 8;
    accepted.sync.applied.version = 8;
    accepted.sync.applied.items_live = 4;
    accepted.sync.applied.held_back_items = 2;
    accepted.sync.applied.media_fetched = 3;
    accepted.sync.applied.media_failures = {MediaFailure{.sha256 = "ab", .reason = "not enough space"}};
    const PollOutcome outcome = record_poll(status, accepted, playing(8, 0), core::ClockReading(3000));
    CHECK(outcome.content_changed);
    CHECK(outcome.level == SyncLogLevel::warning);
    CHECK(status.consecutive_failures == 1);
    CHECK(status.last_error == "2 items wait for media: not enough space");
    CHECK(outcome.message.find("applied version 8 (4 items, 3 media files fetched") == 0);
}

TEST_CASE("an expired version is said only while the clock is believed", "[sync]") {
    SourceStatus status{.source_id = "quan-thanh-xuan"};
    const PollOutcome believed = record_poll(status, unchanged_poll(7, 10), playing(7, 5000), core::ClockReading(6000, true));
    CHECK(believed.message.find("expired") != std::string::npos);
    const PollOutcome doubted = record_poll(status, unchanged_poll(7, 10), playing(7, 5000), core::ClockReading(6000, false));
    CHECK(doubted.message.find("expired") == std::string::npos);
}

TEST_CASE("a damaged cache is said in the log, not thrown", "[sync]") {
    SourceStatus status{.source_id = "quan-thanh-xuan", .version = 5};
    const PollOutcome outcome = record_poll(status, unchanged_poll(5, 10),
                                            PlayingNow{.cache_problem = std::string("database disk image is malformed")},
                                            core::ClockReading(100));
    CHECK(outcome.message.find("the cache cannot say what plays: database disk image is malformed") != std::string::npos);
    CHECK(status.version == 5);
}
