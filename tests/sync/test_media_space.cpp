// The free-space check before a version's media are downloaded (sync/feed_applier.hpp):
// what is in the cache already, whole or partly downloaded, is not asked for again.
#include <catch2/catch.hpp>

#include "store/content_cache.hpp"
#include "store/media_store.hpp"
#include "sync/feed_applier.hpp"
#include "sync_test_support.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using bangvang::testing::ScratchDirectory;
using Catch::Contains;

namespace {

constexpr std::uint64_t megabyte = 1024 * 1024;

core::MediaRef media_of_size(char hex_digit, std::int64_t size) {
    return core::MediaRef{.sha256 = std::string(64, hex_digit), .size_bytes = size, .width = 1200, .height = 1000,
                          .mime_type = "image/jpeg"};
}

}  // namespace

TEST_CASE("the free-space check counts only what is still to download", "[sync][store]") {
    ScratchDirectory scratch("media-space");
    store::ContentCache cache(scratch.path() / "cache/content.sqlite3", scratch.path() / "cache/media");
    std::filesystem::create_directories(cache.media_directory());
    core::Manifest manifest = FeedBuilder{}.manifest();
    manifest.version = 7;
    manifest.media = {media_of_size('a', 3 * megabyte), media_of_size('b', 3 * megabyte)};
    // Whole: 6 MB + a tenth for screen copies + 2 MB for the database.
    const std::uint64_t free_bytes = 4 * megabyte;

    SECTION("nothing there yet: refused, with what it needs and what is free") {
        const auto shortfall = space_shortfall(cache, manifest, free_bytes);
        REQUIRE(shortfall);
        CHECK_THAT(*shortfall, Contains("not enough space in " + (scratch.path() / "cache").string()) &&
                                   Contains("need 9 MB, 4 MB free") && Contains("version 7") &&
                                   Contains("take 6 MB)"));
        CHECK_FALSE(space_shortfall(cache, manifest, 9 * megabyte));
    }
    SECTION("unknown free space: not checked") { CHECK_FALSE(space_shortfall(cache, manifest, std::nullopt)); }
    SECTION("interrupted downloads count as fetched: only their rest is needed") {
        for (const core::MediaRef& media : manifest.media) {
            write_file(cache.media_directory() / store::partial_download_name(media.sha256),
                       std::string(static_cast<std::size_t>(media.size_bytes) - 100'000, 'x'));
        }
        // 0.2 MB still to fetch + 0.6 MB + 2 MB.
        CHECK_FALSE(space_shortfall(cache, manifest, free_bytes));
        const auto tight = space_shortfall(cache, manifest, 2 * megabyte);
        REQUIRE(tight);
        CHECK_THAT(*tight, Contains("need 3 MB, 2 MB free") && Contains("5 MB of them downloaded already"));
    }
    SECTION("a leftover longer than its file is not a prefix of it: not counted") {
        write_file(cache.media_directory() / store::partial_download_name(manifest.media[0].sha256),
                   std::string(4 * megabyte, 'x'));
        CHECK(space_shortfall(cache, manifest, free_bytes));
    }
    SECTION("a file already in the cache needs nothing") {
        write_file(cache.media_path(manifest.media[0].sha256), std::string(3 * megabyte, 'x'));
        // 3 MB + 0.3 MB + 2 MB.
        CHECK(space_shortfall(cache, manifest, 5 * megabyte));
        CHECK_FALSE(space_shortfall(cache, manifest, 6 * megabyte));
        write_file(cache.media_path(manifest.media[1].sha256), std::string(3 * megabyte, 'x'));
        CHECK_FALSE(space_shortfall(cache, manifest, 0));
    }
}
