// ETag / Last-Modified survive a restart: the first poll of a new process (a fresh
// connection on the same cache file, no validators in memory) is a conditional GET
// that Debian's nginx answers 304.
#include <catch2/catch.hpp>

#include "store/content_cache.hpp"
#include "store/feed_validators.hpp"
#include "support/nginx_server.hpp"
#include "sync/remote_feed.hpp"
#include "sync_test_support.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using bangvang::testing::NginxServer;
using bangvang::testing::ScratchDirectory;

TEST_CASE("nginx: after a restart the first poll is a conditional GET answered 304", "[sync][http][nginx]") {
    if (!NginxServer::available()) {
        WARN("nginx is not installed (./run.sh installs it); skipped");
        return;
    }
    ScratchDirectory scratch("sync-nginx-restart");
    NginxServer nginx({.prefix = scratch.path() / "nginx", .root = {}, .dav = false, .token = {}});
    SecretKey district = generate_secret_key();
    FeedBuilder feed;
    feed.add_item_with_image("photo", valid_png());
    feed.write_to(nginx.root(), {district});
    const auto database = scratch.path() / "cache/content.sqlite3";
    const auto media = scratch.path() / "cache/media";
    const SourceTrust trust{.source_id = "quan-thanh-xuan", .configured_keys = {district.public_key()}};
    HttpClientOptions options;
    options.user_agent = user_agent_for("nginx-restart-test");
    {
        store::ContentCache cache(database, media);
        HttpClient client(options);
        ConditionalState conditional;
        auto first = poll_remote_feed(nginx.url(), trust, cache, client, conditional, test_now);
        REQUIRE(first.ok());
        CHECK(first->sync.verdict == FeedVerdict::accept);
        const auto stored = store::load_feed_validators(cache, "quan-thanh-xuan", nginx.url());
        REQUIRE(stored);
        CHECK(stored->etag == conditional.etag);
        CHECK(stored->last_modified == conditional.last_modified);
        CHECK_FALSE(stored->etag.empty());
        // Another URL for the same source does not use them.
        CHECK_FALSE(store::load_feed_validators(cache, "quan-thanh-xuan", nginx.url() + "elsewhere/"));
    }
    store::ContentCache cache(database, media);  // the new process
    HttpClient client(options);
    ConditionalState conditional;  // nothing in memory
    auto after_restart = poll_remote_feed(nginx.url(), trust, cache, client, conditional, test_now);
    REQUIRE(after_restart.ok());
    CHECK(after_restart->not_modified);
    CHECK(after_restart->sync.verdict == FeedVerdict::unchanged);
    CHECK(after_restart->bytes_received < 400);
    WARN("first poll after a restart: " << after_restart->bytes_received << " bytes on the wire (304)");

    SECTION("a new version after the restart is fetched whole and its validators replace the old") {
        const std::string old_etag = conditional.etag;
        feed.version = 2;
        feed.items.push_back(announcement("second"));
        feed.write_to(nginx.root(), {district});
        auto changed = poll_remote_feed(nginx.url(), trust, cache, client, conditional, test_now);
        REQUIRE(changed.ok());
        CHECK(changed->sync.version == 2);
        CHECK(store::load_feed_validators(cache, "quan-thanh-xuan", nginx.url())->etag != old_etag);
    }
}
