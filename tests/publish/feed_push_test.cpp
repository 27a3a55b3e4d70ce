// push and status against a real nginx with its dav module on 127.0.0.1, and into a folder.
#include "publish_fixtures.hpp"
#include <catch2/catch.hpp>

#include <curl/curl.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "core/manifest_parser.hpp"
#include "publish/feed_builder.hpp"
#include "publish/feed_push.hpp"
#include "publish/key_files.hpp"
#include "publish/publish_error.hpp"
#include "support/nginx_server.hpp"
#include "sync/feed_signature.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bangvang;
using namespace bangvang::publish_testing;

const std::string token = "t0ken-for-tests";



// Two versions of the sample, signed: the second with smaller pictures, so new media.
struct TwoVersions {
    fs::path first;
    fs::path second;
    sync::PublicKey key;
};

TwoVersions build_two_versions(const fs::path& directory) {
    const auto keys = publish::generate_key_files(directory / "keys" / "staff");
    TwoVersions built{directory / "feed-1", directory / "feed-2", keys.public_key};
    REQUIRE(publish::build_feed({.source_directory = sample_directory, .feed_directory = built.first, .version = 10,
                                 .key_files = {keys.secret_file}},
                                fixed_now)
                .ok());
    const fs::path content = directory / "content";
    fs::copy(sample_directory, content, fs::copy_options::recursive);
    REQUIRE(publish::build_feed({.source_directory = content, .feed_directory = built.second, .version = 11,
                                 .key_files = {keys.secret_file}, .pictures = {.max_side = 640}},
                                fixed_now)
                .ok());
    return built;
}

std::optional<std::string> http_get(const std::string& url) {
    CURL* handle = curl_easy_init();
    std::string body;
    curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t count, void* user) {
        static_cast<std::string*>(user)->append(data, size * count);
        return size * count;
    });
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &body);
    const CURLcode result = curl_easy_perform(handle);
    long code = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_cleanup(handle);
    if (result != CURLE_OK || code != 200) return std::nullopt;
    return body;
}

}  // namespace

TEST_CASE("push to a folder: media first, manifest last, nothing copied twice", "[publish]") {
    const fs::path directory = fresh_directory("push-folder");
    const TwoVersions feeds = build_two_versions(directory);
    const fs::path portal = directory / "portal";
    CHECK_FALSE(publish::live_feed(portal.string()).has_value());

    const auto first = publish::push_feed({.feed_directory = feeds.first, .target = portal.string()});
    CHECK(first.version == 10);
    CHECK_FALSE(first.previous_version.has_value());
    CHECK(first.media_skipped == 0);
    CHECK(contents(portal / "manifest.json") == contents(feeds.first / "manifest.json"));
    CHECK(sync::verify_manifest(contents(portal / "manifest.json"), contents(portal / "manifest.json.sig"), {feeds.key},
                                "portal")
              .ok());
    const auto live = publish::live_feed("file://" + portal.string());
    REQUIRE(live.has_value());
    CHECK(live->version == 10);
    CHECK(live->signed_feed);

    const auto again = publish::push_feed({.feed_directory = feeds.first, .target = portal.string(), .allow_older = true});
    CHECK(again.media_uploaded == 0);
    CHECK_THROWS_WITH(publish::push_feed({.feed_directory = feeds.first, .target = portal.string()}),
                      Catch::Contains("đã có phiên bản 10"));
}

TEST_CASE("push to nginx with PUT, status, the token, and an interrupted push", "[publish][nginx]") {
    if (!testing::NginxServer::available()) {
        WARN("nginx is not installed (apt-get install nginx): skipped");
        return;
    }
    const fs::path directory = fresh_directory("push-nginx");
    const TwoVersions feeds = build_two_versions(directory);
    const fs::path root = directory / "www";
    std::optional<testing::NginxServer> server;
    const testing::NginxOptions nginx{.prefix = directory / "nginx", .root = root, .dav = true, .token = token};
    server.emplace(nginx);
    const std::string url = server->url() + "feed";

    CHECK_FALSE(publish::live_feed(url).has_value());
    CHECK_THROWS_WITH(publish::push_feed({.feed_directory = feeds.first, .target = url, .token = "wrong"}),
                      Catch::Contains("HTTP 401") && Catch::Contains("--token"));

    const auto first = publish::push_feed({.feed_directory = feeds.first, .target = url, .token = token});
    CHECK(first.version == 10);
    const auto manifest = core::parse_manifest(contents(feeds.first / "manifest.json"), "feed-1");
    REQUIRE(manifest.ok());
    std::size_t files = manifest->media.size();  // the pictures and their renditions
    for (const core::MediaRef& media : manifest->media) files += media.renditions.size();
    CHECK(first.media_uploaded == files);
    CHECK(http_get(url + "/manifest.json") == contents(feeds.first / "manifest.json"));
    CHECK(http_get(url + "/manifest.json.sig") == contents(feeds.first / "manifest.json.sig"));
    for (const core::MediaRef& media : manifest->media) {
        CHECK(http_get(url + "/media/" + media.sha256) == contents(feeds.first / "media" / media.sha256));
        for (const core::Rendition& rendition : media.renditions) {
            CHECK(http_get(url + "/media/" + rendition.sha256) == contents(feeds.first / "media" / rendition.sha256));
        }
    }
    const auto live = publish::live_feed(url);
    REQUIRE(live.has_value());
    CHECK(live->version == 10);
    CHECK(live->source_id == "quan-thanh-xuan");
    CHECK(live->signed_feed);

    SECTION("a push killed halfway leaves version 10 live and whole; the next push completes it") {
        std::size_t uploads = 0;
        CHECK_THROWS_AS(publish::push_feed({.feed_directory = feeds.second,
                                            .target = url,
                                            .token = token,
                                            .progress =
                                                [&](const std::string& line) {
                                                    if (line.find("đã tải lên") != std::string::npos && ++uploads == 3) {
                                                        server->kill_now();
                                                    }
                                                }}),
                        publish::PublishError);
        CHECK(uploads == 3);
        server.reset();
        server.emplace(nginx);
        const std::string restarted = server->url() + "feed";
        const auto manifest_bytes = http_get(restarted + "/manifest.json");
        const auto signature = http_get(restarted + "/manifest.json.sig");
        REQUIRE(manifest_bytes.has_value());
        REQUIRE(signature.has_value());
        CHECK(*manifest_bytes == contents(feeds.first / "manifest.json"));
        CHECK(sync::verify_manifest(*manifest_bytes, *signature, {feeds.key}, "portal").ok());
        for (const core::MediaRef& media : manifest->media) CHECK(http_get(restarted + "/media/" + media.sha256));

        const auto resumed = publish::push_feed({.feed_directory = feeds.second, .target = restarted, .token = token});
        CHECK(resumed.previous_version == 10);
        CHECK(resumed.version == 11);
        CHECK(resumed.media_skipped >= 3);
        CHECK(publish::live_feed(restarted)->version == 11);
    }
}

TEST_CASE("an unsigned build pushed over HTTP after a signed one removes the stale signature (DELETE)",
          "[publish][nginx]") {
    if (!testing::NginxServer::available()) {
        WARN("nginx is not installed (apt-get install nginx): skipped");
        return;
    }
    const fs::path directory = fresh_directory("push-unsigned-after-signed");
    const TwoVersions feeds = build_two_versions(directory);
    const fs::path unsigned_feed = directory / "feed-unsigned";
    REQUIRE(publish::build_feed({.source_directory = sample_directory, .feed_directory = unsigned_feed, .version = 12,
                                 .pictures = {.renditions = false}},
                                fixed_now)
                .ok());
    REQUIRE_FALSE(fs::exists(unsigned_feed / "manifest.json.sig"));
    const testing::NginxServer server({.prefix = directory / "nginx", .root = directory / "www", .dav = true, .token = token});
    const std::string url = server.url() + "feed";
    publish::push_feed({.feed_directory = feeds.first, .target = url, .token = token});
    REQUIRE(http_get(url + "/manifest.json.sig").has_value());

    // Before: the old signature stayed beside the new manifest, and kiosks called the
    // unsigned manifest "altered" (the signature by a trusted key does not verify).
    const auto pushed = publish::push_feed({.feed_directory = unsigned_feed, .target = url, .token = token});
    CHECK(pushed.version == 12);
    CHECK(http_get(url + "/manifest.json") == contents(unsigned_feed / "manifest.json"));
    CHECK_FALSE(http_get(url + "/manifest.json.sig").has_value());
    CHECK_FALSE(fs::exists(directory / "www" / "feed" / "manifest.json.sig"));
    const auto live = publish::live_feed(url);
    REQUIRE(live.has_value());
    CHECK_FALSE(live->signed_feed);
}
