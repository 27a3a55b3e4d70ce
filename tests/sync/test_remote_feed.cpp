// poll_remote_feed against a real HTTP server on 127.0.0.1 that fails on request.
// Every fault must leave the old content in the cache, give a clear reason, and heal.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include "fault_server.hpp"
#include "store/content_cache.hpp"
#include "sync/remote_feed.hpp"
#include "sync_test_support.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using bangvang::testing::ScratchDirectory;
using Catch::Contains;

namespace {

HttpClientOptions quick_client() {
    HttpClientOptions options;
    options.user_agent = user_agent_for("test-kiosk-01");
    options.connect_timeout = std::chrono::milliseconds(2000);
    options.low_speed_bytes_per_second = 100;
    options.low_speed_time = std::chrono::seconds(2);
    options.total_timeout = std::chrono::milliseconds(4000);
    return options;
}

std::vector<std::string> item_ids(const store::ContentCache& cache) {
    std::vector<std::string> ids;
    for (const auto& stored : cache.all_items()) ids.push_back(stored.item.id);
    return ids;
}

// A port nothing listens on: bound, then closed.
int closed_port() {
    const int socket_handle = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(socket_handle, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(socket_handle, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(socket_handle);
    return ntohs(address.sin_port);
}

struct ServerFixture {
    ScratchDirectory scratch{"sync-remote"};
    FaultServer server{scratch.path() / "server"};
    SecretKey district = generate_secret_key();
    SourceTrust trust{.source_id = "quan-thanh-xuan", .configured_keys = {district.public_key()}};
    store::ContentCache cache{scratch.path() / "cache/content.sqlite3", scratch.path() / "cache/media"};
    HttpClient client{quick_client()};
    ConditionalState conditional;
    FeedBuilder feed;

    ServerFixture() {
        feed.version = 1;
        feed.add_item_with_image("v1-photo", valid_png());
        feed.items.push_back(announcement("v1-plain"));
        feed.write_to(server.root(), {district});
    }

    core::Result<PollResult> poll() { return poll_remote_feed(server.url(), trust, cache, client, conditional, test_now); }

    // Publishes version 2: new items, one new photo.
    void publish_version_two() {
        feed.version = 2;
        feed.items.clear();
        feed.media.clear();
        feed.add_item_with_image("v2-photo", valid_png("basn0g08.png"));
        feed.items.push_back(announcement("v2-plain"));
        feed.write_to(server.root(), {district});
    }
};

const std::vector<std::string> version_one{"v1-photo", "v1-plain"};
const std::vector<std::string> version_two{"v2-photo", "v2-plain"};

}  // namespace

TEST_CASE_METHOD(ServerFixture, "a feed is fetched, then polled with a conditional GET", "[sync][http]") {
    auto first = poll();
    REQUIRE(first.ok());
    CHECK(first->sync.verdict == FeedVerdict::accept);
    CHECK(first->sync.applied.media_fetched == 1);
    CHECK(item_ids(cache) == version_one);

    auto second = poll();
    REQUIRE(second.ok());
    CHECK(second->not_modified);
    CHECK(second->sync.verdict == FeedVerdict::unchanged);
    CHECK(second->bytes_received < 400);
    CHECK_THAT(server.request_log(), Contains("bangvang/") && Contains("(test-kiosk-01)"));

    publish_version_two();
    auto third = poll();
    REQUIRE(third.ok());
    CHECK(third->sync.version == 2);
    CHECK(item_ids(cache) == version_two);
}

TEST_CASE_METHOD(ServerFixture, "transport faults keep the old content and heal", "[sync][http][faults]") {
    REQUIRE(poll().ok());
    publish_version_two();

    std::string expected_reason;
    SECTION("500") {
        server.set_fault("status500");
        expected_reason = "HTTP 500";
    }
    SECTION("a hanging server") {
        server.set_fault("hang");
        expected_reason = "imeout";  // "Timeout was reached"
    }
    SECTION("a body cut short") {
        server.set_fault("cut_short", {"manifest.json"});
        expected_reason = "artial file";  // "Transferred a partial file"
    }
    SECTION("a slow drip below the low-speed limit") {
        server.set_fault("drip", {"manifest.json"});
        expected_reason = "imeout";
    }
    SECTION("a Content-Length longer than the body") {
        server.set_fault("wrong_length", {"manifest.json"});
        expected_reason = "artial file";
    }
    SECTION("a huge body") {
        server.set_fault("huge", {"manifest.json"});
        expected_reason = "larger than the limit of 4194304 bytes";
    }
    auto failed = poll();
    REQUIRE_FALSE(failed.ok());
    CHECK_THAT(failed.problem().message(), Contains(expected_reason) && Contains("manifest.json"));
    CHECK(item_ids(cache) == version_one);

    server.set_fault("");
    auto healed = poll();
    REQUIRE(healed.ok());
    CHECK(item_ids(cache) == version_two);
}

TEST_CASE_METHOD(ServerFixture, "connection refused is a clear error", "[sync][http][faults]") {
    REQUIRE(poll().ok());
    auto refused = poll_remote_feed("http://127.0.0.1:" + std::to_string(closed_port()) + "/", trust, cache, client,
                                    conditional, test_now);
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.problem().reason, Contains("onnect"));
    CHECK(item_ids(cache) == version_one);
}

TEST_CASE_METHOD(ServerFixture, "content faults keep the old content and heal", "[sync][http][faults]") {
    REQUIRE(poll().ok());
    std::string expected_reason;
    SECTION("a tampered manifest") {
        publish_version_two();
        std::string bytes = read_file(server.root() / "manifest.json");
        bytes.replace(bytes.find("v2-plain"), 8, "v2-PLAIN");
        write_file(server.root() / "manifest.json", bytes);
        expected_reason = "the manifest was altered";
    }
    SECTION("a manifest signed by an unknown key") {
        feed.version = 2;
        feed.write_to(server.root(), {generate_secret_key()});
        expected_reason = "no signature by a trusted key";
    }
    SECTION("an older version") {
        // Accept version 3 first, then the server offers version 2: a replay.
        feed.version = 3;
        feed.write_to(server.root(), {district});
        REQUIRE(poll().ok());
        feed.version = 2;
        feed.write_to(server.root(), {district});
        expected_reason = "rollback refused";
    }
    SECTION("an expired manifest") {
        feed.version = 2;
        feed.expires_at = test_now - 60;
        feed.write_to(server.root(), {district});
        expected_reason = "expired";
    }
    auto failed = poll();
    REQUIRE_FALSE(failed.ok());
    CHECK_THAT(failed.problem().reason, Contains(expected_reason));
    CHECK(item_ids(cache) == version_one);

    feed.expires_at = at("2025-01-20T08:00:00+07:00");
    publish_version_two();
    feed.version = 4;  // above any version accepted above
    feed.write_to(server.root(), {district});
    auto healed = poll();
    REQUIRE(healed.ok());
    CHECK(item_ids(cache) == version_two);
}

TEST_CASE_METHOD(ServerFixture, "a bad media file holds back its item only, until it is fixed", "[sync][http][media]") {
    REQUIRE(poll().ok());
    publish_version_two();
    const core::MediaRef photo = feed.media.front().first;
    SECTION("wrong hash") {
        write_file(server.root() / "media" / photo.sha256, std::string(static_cast<std::size_t>(photo.size_bytes), 'x'));
    }
    SECTION("media too long for its listed size") {
        write_file(server.root() / "media" / photo.sha256, feed.media.front().second + "trailing");
    }
    SECTION("500 for the media file") {
        server.set_fault("status500", {photo.sha256});
    }
    auto partial = poll();
    REQUIRE(partial.ok());
    CHECK(partial->sync.applied.held_back_items == 1);
    REQUIRE(partial->sync.applied.media_failures.size() == 1);
    CHECK(item_ids(cache) == std::vector<std::string>{"v2-plain"});

    server.set_fault("");
    feed.write_to(server.root(), {district});
    auto healed = poll();
    REQUIRE(healed.ok());
    CHECK_FALSE(healed->not_modified);  // an incomplete version is never skipped by a 304
    CHECK(item_ids(cache) == version_two);
}

TEST_CASE_METHOD(ServerFixture, "media that is not an image is refused with the reason", "[sync][http][media]") {
    REQUIRE(poll().ok());
    feed.version = 2;
    feed.add_item_with_image("not-image", "GIF89a pretending to be a PNG");
    feed.write_to(server.root(), {district});
    auto partial = poll();
    REQUIRE(partial.ok());
    REQUIRE(partial->sync.applied.media_failures.size() == 1);
    CHECK_THAT(partial->sync.applied.media_failures[0].reason, Contains("neither a PNG nor a JPEG"));
    CHECK(item_ids(cache) == version_one);  // v1 items stay as items of version 2; only not-image waits
}

TEST_CASE("file:// URLs work through the same client", "[sync][http]") {
    ScratchDirectory scratch("sync-file-url");
    SecretKey district = generate_secret_key();
    FeedBuilder feed;
    feed.add_item_with_image("photo", valid_png());
    feed.write_to(scratch.path() / "feed", {district});
    store::ContentCache cache(scratch.path() / "cache/content.sqlite3", scratch.path() / "cache/media");
    HttpClient client(quick_client());
    ConditionalState conditional;
    auto polled = poll_remote_feed("file://" + (scratch.path() / "feed").string(),
                                   {.source_id = "quan-thanh-xuan", .configured_keys = {district.public_key()}}, cache,
                                   client, conditional, test_now);
    REQUIRE(polled.ok());
    CHECK(item_ids(cache) == std::vector<std::string>{"photo"});
}
