#include <catch2/catch.hpp>

#include "core/manifest_parser.hpp"
#include "core/manifest_writer.hpp"
#include "store/feed_directory.hpp"
#include "store_test_support.hpp"

using namespace bangvang;
using namespace bangvang::store;
using namespace bangvang::store::testing;
using Catch::Contains;
using Ids = std::vector<std::string>;
namespace fs = std::filesystem;

namespace {

struct FeedFixture {
    TemporaryDirectory folder;
    ContentCache cache{folder / "cache" / "cache.sqlite", folder / "cache" / "media"};
    const core::UnixSeconds first_import = at("2024-11-21T08:00:00+07:00");
    const core::UnixSeconds later = at("2024-11-22T08:00:00+07:00");

    // Writes FEED/manifest.json and FEED/media/<sha256> the way the publisher does.
    fs::path write_feed(const std::string& name, const core::Manifest& manifest, const std::vector<std::string>& media_bytes) {
        const fs::path feed = folder / name;
        write_file(feed / "manifest.json", core::write_manifest(manifest));
        for (const std::string& bytes : media_bytes) write_file(feed / "media" / sha256_hex(bytes), bytes);
        return feed;
    }

    // Version 1 of the district feed, applied: the content every failure must keep.
    void import_version_one() {
        const std::string photo = photo_bytes("v1");
        const fs::path feed = write_feed("feed-v1", manifest_of("quan-thanh-xuan", 1,
                                                                {story_item("story-v1", sha256_hex(photo)), announcement_item("a-v1")},
                                                                {media_for(photo)}),
                                         {photo});
        const auto imported = import_feed_directory(feed, cache, first_import);
        REQUIRE(imported.ok());
    }

    void require_version_one_intact() {
        const auto state = cache.source_state("quan-thanh-xuan");
        REQUIRE(state);
        CHECK(state->version == 1);
        CHECK(state->applied_at == first_import);
        CHECK(item_ids(cache.all_items()) == Ids{"story-v1", "a-v1"});
        CHECK(fs::exists(cache.media_path(sha256_hex(photo_bytes("v1")))));
    }

    // A valid version 2 with one photo, for the failure cases to break.
    core::Manifest version_two(const std::string& photo) {
        return manifest_of("quan-thanh-xuan", 2, {story_item("story-v2", sha256_hex(photo))}, {media_for(photo)});
    }
};

}  // namespace

TEST_CASE_METHOD(FeedFixture, "a good feed directory is imported with its media", "[store][feed]") {
    const std::string photo = photo_bytes("hoa");
    const fs::path feed = write_feed("feed", manifest_of("quan-thanh-xuan", 7, {story_item("story-hoa", sha256_hex(photo))},
                                                         {media_for(photo)}),
                                     {photo});

    const auto imported = import_feed_directory(feed, cache, first_import);
    REQUIRE(imported.ok());
    CHECK(imported->outcome == FeedOutcome::applied);
    CHECK(imported->source.source_id == "quan-thanh-xuan");
    CHECK(imported->source.version == 7);
    CHECK(imported->source.item_count == 1);
    CHECK(imported->source.applied_at == first_import);
    CHECK(read_file(cache.media_path(sha256_hex(photo))) == photo);
    CHECK(item_ids(cache.all_items()) == Ids{"story-hoa"});
}

TEST_CASE_METHOD(FeedFixture, "the same source and version is reported unchanged and not applied again", "[store][feed]") {
    import_version_one();
    const auto again = import_feed_directory(folder / "feed-v1", cache, later);
    REQUIRE(again.ok());
    CHECK(again->outcome == FeedOutcome::unchanged);
    CHECK(again->source.version == 1);
    CHECK(again->source.applied_at == first_import);
    require_version_one_intact();
}

TEST_CASE_METHOD(FeedFixture, "a newer feed replaces the older one", "[store][feed]") {
    import_version_one();
    const std::string photo = photo_bytes("v2");
    const auto imported = import_feed_directory(write_feed("feed-v2", version_two(photo), {photo}), cache, later);
    REQUIRE(imported.ok());
    CHECK(imported->outcome == FeedOutcome::applied);
    CHECK(imported->source.version == 2);
    CHECK(item_ids(cache.all_items()) == Ids{"story-v2"});
}

TEST_CASE_METHOD(FeedFixture, "a corrupt manifest is refused naming the file, old content intact", "[store][feed][failure]") {
    import_version_one();
    const std::string photo = photo_bytes("v2");
    const fs::path feed = write_feed("feed-v2", version_two(photo), {photo});
    const std::string whole = read_file(feed / "manifest.json");
    write_file(feed / "manifest.json", whole.substr(0, whole.size() / 2));  // cut off mid-transfer

    const auto imported = import_feed_directory(feed, cache, later);
    REQUIRE_FALSE(imported.ok());
    CHECK_THAT(imported.problem().message(), Contains((feed / "manifest.json").string()));
    INFO(imported.problem().message());
    CHECK_FALSE(imported.problem().reason.empty());
    require_version_one_intact();
    CHECK_FALSE(fs::exists(cache.media_path(sha256_hex(photo))));
}

TEST_CASE_METHOD(FeedFixture, "a media file with the wrong hash is refused naming it, old content intact",
                 "[store][feed][failure]") {
    import_version_one();
    const std::string photo = photo_bytes("v2");
    const fs::path feed = write_feed("feed-v2", version_two(photo), {photo});
    const fs::path media_file = feed / "media" / sha256_hex(photo);
    std::string forged = photo;
    forged[3] = '?';  // same size, different bytes
    write_file(media_file, forged);

    const auto imported = import_feed_directory(feed, cache, later);
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.problem().where == media_file.string());
    CHECK_THAT(imported.problem().reason, Contains("hash mismatch"));
    require_version_one_intact();
    CHECK_FALSE(fs::exists(cache.media_path(sha256_hex(photo))));
}

TEST_CASE_METHOD(FeedFixture, "a missing media file is refused naming it, old content intact", "[store][feed][failure]") {
    import_version_one();
    const std::string photo = photo_bytes("v2");
    const fs::path feed = write_feed("feed-v2", version_two(photo), {});

    const auto imported = import_feed_directory(feed, cache, later);
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.problem().where == (feed / "media" / sha256_hex(photo)).string());
    CHECK_THAT(imported.problem().reason, Contains("missing"));
    require_version_one_intact();
}

TEST_CASE_METHOD(FeedFixture, "a media file of the wrong size is refused naming it", "[store][feed][failure]") {
    import_version_one();
    const std::string photo = photo_bytes("v2");
    const fs::path feed = write_feed("feed-v2", version_two(photo), {});
    write_file(feed / "media" / sha256_hex(photo), photo + "trailing bytes");

    const auto imported = import_feed_directory(feed, cache, later);
    REQUIRE_FALSE(imported.ok());
    CHECK_THAT(imported.problem().message(), Contains(sha256_hex(photo)));
    CHECK_THAT(imported.problem().reason, Contains("size mismatch"));
    require_version_one_intact();
}

TEST_CASE_METHOD(FeedFixture, "a feed directory without a manifest is refused", "[store][feed][failure]") {
    import_version_one();
    fs::create_directories(folder / "empty-feed");
    const auto imported = import_feed_directory(folder / "empty-feed", cache, later);
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.problem().where == (folder / "empty-feed" / "manifest.json").string());
    CHECK_THAT(imported.problem().reason, Contains("missing"));
    require_version_one_intact();
}

TEST_CASE_METHOD(FeedFixture, "an oversized manifest is refused before it is read", "[store][feed][failure]") {
    import_version_one();
    const fs::path feed = folder / "huge-feed";
    write_file(feed / "manifest.json", "{");
    fs::resize_file(feed / "manifest.json", core::max_manifest_bytes + 1);  // sparse: costs no disk

    const auto imported = import_feed_directory(feed, cache, later);
    REQUIRE_FALSE(imported.ok());
    CHECK_THAT(imported.problem().message(), Contains("manifest.json"));
    CHECK_THAT(imported.problem().reason, Contains("more than the limit"));
    require_version_one_intact();
}

TEST_CASE_METHOD(FeedFixture, "a feed for another source leaves the first one alone", "[store][feed]") {
    import_version_one();
    const fs::path feed = write_feed("feed-school", manifest_of("thcs-nhan-chinh", 1, {announcement_item("khai-giang")}), {});
    const auto imported = import_feed_directory(feed, cache, later);
    REQUIRE(imported.ok());
    CHECK(imported->source.source_id == "thcs-nhan-chinh");
    CHECK(cache.source_state("quan-thanh-xuan")->version == 1);
    CHECK(item_ids(cache.all_items()) == Ids{"story-v1", "a-v1", "khai-giang"});
}

TEST_CASE_METHOD(FeedFixture, "a feed naming another source than expected is refused", "[store][feed][failure]") {
    import_version_one();
    const fs::path feed = write_feed("feed-impostor", manifest_of("quan-thanh-xuan", 99, {announcement_item("gia-mao")}), {});
    const auto imported =
        import_feed_directory(feed, cache, later, FeedImportOptions{.expected_source_id = "phuong-nhan-chinh"});
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.problem().field == "source.id");
    CHECK_THAT(imported.problem().reason, Contains("configured for source \"phuong-nhan-chinh\""));
    require_version_one_intact();
}
