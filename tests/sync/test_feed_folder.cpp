// sync_feed_folder: a signed feed folder into the cache, end to end, with the media
// checks and the held-back items of a partial media failure.
#include <catch2/catch.hpp>

#include "store/content_cache.hpp"
#include "sync/feed_folder.hpp"
#include "media/image_check.hpp"
#include "sync_test_support.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::media;
using namespace bangvang::sync::testing;
using bangvang::testing::ScratchDirectory;
using Catch::Contains;

namespace {

std::vector<std::string> item_ids(const store::ContentCache& cache) {
    std::vector<std::string> ids;
    for (const auto& stored : cache.all_items()) ids.push_back(stored.item.id);
    return ids;
}

struct FolderFixture {
    ScratchDirectory scratch{"sync-folder"};
    SecretKey district = generate_secret_key();
    SourceTrust trust{.source_id = "quan-thanh-xuan", .configured_keys = {district.public_key()}};
    store::ContentCache cache{scratch.path() / "cache/content.sqlite3", scratch.path() / "cache/media"};
    std::filesystem::path folder = scratch.path() / "feed";
};

}  // namespace

TEST_CASE_METHOD(FolderFixture, "a signed folder is applied, then found unchanged", "[sync][folder]") {
    FeedBuilder feed;
    feed.version = 3;
    feed.add_item_with_image("with-photo", valid_png());
    feed.items.push_back(announcement("plain"));
    feed.write_to(folder, {district});

    auto first = sync_feed_folder(folder, trust, cache, test_now);
    REQUIRE(first.ok());
    CHECK(first->verdict == FeedVerdict::accept);
    CHECK(first->applied.items_live == 2);
    CHECK(first->applied.media_fetched == 1);
    CHECK(item_ids(cache) == std::vector<std::string>{"with-photo", "plain"});
    CHECK(cache.accepted_version("quan-thanh-xuan")->version == 3);

    auto second = sync_feed_folder(folder, trust, cache, test_now);
    REQUIRE(second.ok());
    CHECK(second->verdict == FeedVerdict::unchanged);
}

TEST_CASE_METHOD(FolderFixture, "refusals keep the old content", "[sync][folder]") {
    FeedBuilder feed;
    feed.version = 5;
    feed.items.push_back(announcement("old"));
    feed.write_to(folder, {district});
    REQUIRE(sync_feed_folder(folder, trust, cache, test_now).ok());

    SECTION("unsigned") {
        feed.version = 6;
        feed.write_to(folder, {district});
        std::filesystem::remove(folder / "manifest.json.sig");
        auto result = sync_feed_folder(folder, trust, cache, test_now);
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.problem().message(), Contains("manifest.json.sig") && Contains("must be signed"));
    }
    SECTION("rolled back") {
        feed.version = 4;
        feed.items = {announcement("older")};
        feed.write_to(folder, {district});
        auto result = sync_feed_folder(folder, trust, cache, test_now);
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.problem().reason, Contains("rollback refused"));
    }
    SECTION("expired") {
        feed.version = 6;
        feed.expires_at = test_now - 1;
        feed.items = {announcement("expired")};
        feed.write_to(folder, {district});
        auto result = sync_feed_folder(folder, trust, cache, test_now);
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.problem().reason, Contains("expired"));
    }
    CHECK(item_ids(cache) == std::vector<std::string>{"old"});
    CHECK(cache.source_state("quan-thanh-xuan")->version == 5);
}

TEST_CASE_METHOD(FolderFixture, "items whose media fails wait, the others go live, a healed feed completes",
                 "[sync][folder][media]") {
    FeedBuilder feed;
    feed.version = 2;
    feed.add_item_with_image("good", valid_png());
    const core::MediaRef bad = feed.add_item_with_image("bad", valid_png("basn0g08.png"));
    feed.items.push_back(announcement("plain"));
    feed.write_to(folder, {district});

    SECTION("a media file with the wrong bytes") {
        write_file(folder / "media" / bad.sha256, std::string(static_cast<std::size_t>(bad.size_bytes), 'x'));
    }
    SECTION("a media file that is missing") {
        std::filesystem::remove(folder / "media" / bad.sha256);
    }
    auto partial = sync_feed_folder(folder, trust, cache, test_now);
    REQUIRE(partial.ok());
    CHECK(partial->applied.held_back_items == 1);
    REQUIRE(partial->applied.media_failures.size() == 1);
    CHECK(partial->applied.media_failures[0].sha256 == bad.sha256);
    CHECK(item_ids(cache) == std::vector<std::string>{"good", "plain"});
    CHECK(cache.accepted_version("quan-thanh-xuan")->held_back_items == 1);

    feed.write_to(folder, {district});  // healed: same version, right bytes
    auto healed = sync_feed_folder(folder, trust, cache, test_now);
    REQUIRE(healed.ok());
    CHECK(healed->verdict == FeedVerdict::accept);
    CHECK(healed->applied.held_back_items == 0);
    CHECK(item_ids(cache) == std::vector<std::string>{"good", "bad", "plain"});
    CHECK(sync_feed_folder(folder, trust, cache, test_now)->verdict == FeedVerdict::unchanged);
}

TEST_CASE_METHOD(FolderFixture, "media that is not an image holds its item back with the reason", "[sync][folder][media]") {
    FeedBuilder feed;
    feed.version = 2;
    feed.add_item_with_image("text-file", "this is not a picture at all");
    feed.write_to(folder, {district});
    auto result = sync_feed_folder(folder, trust, cache, test_now);
    REQUIRE_FALSE(result.ok());  // its only item waits: nothing is applied
    CHECK_THAT(result.problem().reason, Contains("every item waits") && Contains("neither a PNG nor a JPEG"));
    CHECK_FALSE(cache.source_state("quan-thanh-xuan"));
}

TEST_CASE("the image check reads headers before decoding", "[sync][image]") {
    std::string reason;
    auto png = read_image_header(corpus("pngsuite/basn2c08.png"), reason);
    REQUIRE(png);
    CHECK(png->mime_type == "image/png");
    CHECK(png->width == 32);
    auto jpeg = read_image_header(corpus("jpeg-odd/pillow/hopper_orientation_6.jpg"), reason);
    REQUIRE(jpeg);
    CHECK(jpeg->mime_type == "image/jpeg");

    const auto huge = corpus("jpeg-odd/corrupt/max_size.jpg");
    auto header = read_image_header(huge, reason);
    REQUIRE(header);
    CHECK(header->width == 65535);
    CHECK(header->height == 65535);
    const std::string bytes = read_file(huge);
    auto refusal = check_image_file(huge, media_for_bytes(bytes, "image/jpeg"));
    REQUIRE(refusal);
    CHECK_THAT(*refusal, Contains("65535x65535") && Contains("refused before decoding"));
}

// fuzz_media_check found a PNG of 344 bytes whose pHYs chunk claimed 754 974 729 bytes:
// libpng checksummed that much past the end (SDL_image ignores the short reads) and the
// check ran for over ten minutes. Such a PNG is refused before it reaches the decoder.
TEST_CASE("a PNG chunk longer than the file is refused before decoding (from a file and from bytes)", "[sync][image]") {
    std::string bytes = read_file(corpus("pngsuite/basn2c08.png"));
    REQUIRE(bytes.substr(37, 4) != "IEND");  // the chunk after IHDR (8 + 25 bytes)
    const std::string type = bytes.substr(37, 4);
    bytes[33] = '\x2d', bytes[34] = '\x00', bytes[35] = '\x00', bytes[36] = '\x09';  // 754 974 729
    ScratchDirectory scratch{"png-chunk-length"};
    const auto file = scratch.path() / "chunk.png";
    write_file(file, bytes);
    const core::MediaRef listed = media_for_bytes(bytes, "image/png");
    for (const std::optional<std::string>& refusal : {check_image_file(file, listed), check_image_bytes(bytes, listed)}) {
        REQUIRE(refusal);
        CHECK_THAT(*refusal, Contains("PNG chunk \"" + type + "\" at byte 33 says it holds 754974729 bytes, but only " +
                                      std::to_string(bytes.size() - 45) + " follow"));
    }
    // The fuzzer's own input, kept in tests/fuzz/regressions/media_check/, is refused the same way.
    const std::string found = read_file(std::filesystem::path(bangvang::testing::paths::checkout) /
                                        "tests/fuzz/regressions/media_check/png-phys-chunk-length-past-end.png");
    const auto refusal = check_image_bytes(found, media_for_bytes(found, "image/png"));
    REQUIRE(refusal);
    CHECK_THAT(*refusal, Contains("PNG chunk \"pHYs\" at byte 64 says it holds 754974729 bytes"));
}

// The fuzz target checks bytes in memory; the sync thread checks files. Over every odd
// PNG and JPEG of the corpora (damaged, truncated, CMYK, huge, interlaced, 16-bit) both
// must give the same answer, listed as either type.
TEST_CASE("the image check gives the same answer from a file and from its bytes", "[sync][image]") {
    std::vector<std::filesystem::path> files;
    for (const char* folder : {"pngsuite", "jpeg-odd"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus(folder))) {
            if (entry.is_regular_file()) files.push_back(entry.path());
        }
    }
    REQUIRE(files.size() > 100);
    int refused = 0;
    for (const auto& file : files) {
        const std::string bytes = read_file(file);
        std::string file_reason, bytes_reason;
        const auto from_file = read_image_header(file, file_reason);
        const auto from_bytes = read_image_header_from_bytes(bytes, bytes_reason);
        INFO(file);
        REQUIRE(from_file.has_value() == from_bytes.has_value());
        CHECK(file_reason == bytes_reason);
        if (from_file) {
            CHECK(from_file->mime_type == from_bytes->mime_type);
            CHECK(from_file->width == from_bytes->width);
            CHECK(from_file->height == from_bytes->height);
        }
        for (const char* type : {"image/jpeg", "image/png"}) {
            const core::MediaRef listed = media_for_bytes(bytes, type);
            const std::optional<std::string> file_answer = check_image_file(file, listed);
            const std::optional<std::string> bytes_answer = check_image_bytes(bytes, listed);
            REQUIRE(file_answer.has_value() == bytes_answer.has_value());
            if (!file_answer) continue;
            ++refused;
            // The JPEG decoder names its input: the file's path, or "in memory".
            std::string expected = *file_answer;
            if (const auto at = expected.find(file.string()); at != std::string::npos) {
                expected.replace(at, file.string().size(), "in memory");
            }
            CHECK(*bytes_answer == expected);
        }
    }
    CHECK(refused > 0);
}
