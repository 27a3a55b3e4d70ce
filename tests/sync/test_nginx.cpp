// Against Debian's nginx: the ETag / 304 behaviour of a real static file server.
#include <catch2/catch.hpp>

#include <chrono>

#include "store/content_cache.hpp"
#include "sync/remote_feed.hpp"
#include "support/nginx_server.hpp"
#include "sync_test_support.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using bangvang::testing::NginxServer;
using bangvang::testing::ScratchDirectory;

TEST_CASE("nginx: a full fetch, then 304s, then a new version", "[sync][http][nginx]") {
    if (!NginxServer::available()) {
        WARN("nginx is not installed (./run.sh installs it); skipped");
        return;
    }
    ScratchDirectory scratch("sync-nginx");
    NginxServer nginx(scratch.path() / "nginx");
    SecretKey district = generate_secret_key();
    FeedBuilder feed;
    feed.add_item_with_image("photo", valid_png());
    feed.items.push_back(announcement("plain"));
    feed.write_to(nginx.root(), {district});

    store::ContentCache cache(scratch.path() / "cache/content.sqlite3", scratch.path() / "cache/media");
    HttpClientOptions options;
    options.user_agent = user_agent_for("nginx-test");
    HttpClient client(options);
    ConditionalState conditional;
    const SourceTrust trust{.source_id = "quan-thanh-xuan", .configured_keys = {district.public_key()}};

    auto first = poll_remote_feed(nginx.url(), trust, cache, client, conditional, test_now);
    REQUIRE(first.ok());
    CHECK(first->sync.verdict == FeedVerdict::accept);
    CHECK_FALSE(conditional.etag.empty());

    const auto started = std::chrono::steady_clock::now();
    auto unchanged = poll_remote_feed(nginx.url(), trust, cache, client, conditional, test_now);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    REQUIRE(unchanged.ok());
    CHECK(unchanged->not_modified);
    CHECK(unchanged->bytes_received < 400);
    WARN("unchanged poll against nginx: " << unchanged->bytes_received << " bytes on the wire, "
                                          << std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()
                                          << " µs");

    feed.version = 2;
    feed.items.push_back(announcement("third"));
    feed.write_to(nginx.root(), {district});
    auto changed = poll_remote_feed(nginx.url(), trust, cache, client, conditional, test_now);
    REQUIRE(changed.ok());
    CHECK_FALSE(changed->not_modified);
    CHECK(changed->sync.version == 2);
    CHECK(cache.all_items().size() == 3);
}
