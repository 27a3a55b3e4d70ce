#include <catch2/catch.hpp>

#include <algorithm>

#include "store/media_store.hpp"
#include "store_test_support.hpp"

using namespace bangvang;
using namespace bangvang::store;
using namespace bangvang::store::testing;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> folder_names(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("sha256_hex gives the FIPS 180-2 test vectors", "[store][media]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(is_sha256_hex(sha256_hex("abc")));
}

TEST_CASE("sha256_of_file agrees with sha256_hex, also past one read chunk", "[store][media]") {
    TemporaryDirectory folder;
    std::string bytes;
    for (int index = 0; index < 200000; ++index) bytes += static_cast<char>(index * 31 % 251);
    write_file(folder / "big.bin", bytes);
    CHECK(sha256_of_file(folder / "big.bin") == sha256_hex(bytes));
    CHECK_THROWS_WITH(sha256_of_file(folder / "absent.bin"), Contains("absent.bin"));
}

TEST_CASE("is_sha256_hex accepts only 64 lowercase hex digits", "[store][media]") {
    CHECK(is_sha256_hex(std::string(64, '0')));
    CHECK_FALSE(is_sha256_hex(std::string(64, 'F')));
    CHECK_FALSE(is_sha256_hex(std::string(65, 'a')));
    CHECK_FALSE(is_sha256_hex("../" + std::string(61, 'a')));
    CHECK_FALSE(is_sha256_hex(""));
}

TEST_CASE("a matching media file is stored under its hash", "[store][media]") {
    TemporaryDirectory folder;
    const std::string bytes = photo_bytes("chan-dung");
    const core::MediaRef media = media_for(bytes);
    write_file(folder / "incoming" / "photo.jpg", bytes);

    const auto stored = import_media_file(folder / "incoming" / "photo.jpg", media, folder / "media");
    REQUIRE(stored.ok());
    CHECK(*stored == folder / "media" / media.sha256);
    CHECK(read_file(*stored) == bytes);
    CHECK(folder_names(folder / "media") == std::vector<std::string>{media.sha256});  // no temporary left behind

    // Importing it again is harmless and keeps the one file.
    const auto again = import_media_file(folder / "incoming" / "photo.jpg", media, folder / "media");
    REQUIRE(again.ok());
    CHECK(folder_names(folder / "media") == std::vector<std::string>{media.sha256});
}

TEST_CASE("a media file of the wrong size is refused before hashing", "[store][media][failure]") {
    TemporaryDirectory folder;
    const std::string bytes = photo_bytes("ngan");
    core::MediaRef media = media_for(bytes);
    media.size_bytes += 1;
    write_file(folder / "photo.jpg", bytes);

    const auto stored = import_media_file(folder / "photo.jpg", media, folder / "media");
    REQUIRE_FALSE(stored.ok());
    CHECK(stored.problem().where == (folder / "photo.jpg").string());
    CHECK_THAT(stored.problem().reason, Contains("size mismatch"));
    CHECK_THAT(stored.problem().reason, Contains(std::to_string(bytes.size()) + " bytes"));
    CHECK_FALSE(fs::exists(folder / "media" / media.sha256));
}

TEST_CASE("a media file with the wrong hash is refused and leaves nothing behind", "[store][media][failure]") {
    TemporaryDirectory folder;
    const std::string bytes = photo_bytes("that");
    const core::MediaRef media = media_for(bytes);
    std::string forged = bytes;
    forged[5] = '!';
    write_file(folder / "photo.jpg", forged);

    const auto stored = import_media_file(folder / "photo.jpg", media, folder / "media");
    REQUIRE_FALSE(stored.ok());
    CHECK_THAT(stored.problem().message(), Contains("photo.jpg"));
    CHECK_THAT(stored.problem().reason, Contains("hash mismatch"));
    CHECK_THAT(stored.problem().reason, Contains(sha256_hex(forged)));
    CHECK(folder_names(folder / "media").empty());
}

TEST_CASE("a corrupt feed copy is reported even when the media is already stored", "[store][media][failure]") {
    TemporaryDirectory folder;
    const std::string bytes = photo_bytes("da-co");
    const core::MediaRef media = media_for(bytes);
    write_file(folder / "good.jpg", bytes);
    REQUIRE(import_media_file(folder / "good.jpg", media, folder / "media").ok());

    std::string forged = bytes;
    forged[0] = '#';
    write_file(folder / "bad.jpg", forged);
    const auto stored = import_media_file(folder / "bad.jpg", media, folder / "media");
    REQUIRE_FALSE(stored.ok());
    CHECK_THAT(stored.problem().reason, Contains("hash mismatch"));
    CHECK(read_file(folder / "media" / media.sha256) == bytes);
}

TEST_CASE("a missing media file or a non-hash name is a problem, not an exception", "[store][media][failure]") {
    TemporaryDirectory folder;
    const core::MediaRef media = media_for(photo_bytes("vang"));
    const auto missing = import_media_file(folder / "nowhere.jpg", media, folder / "media");
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.problem().message(), Contains("nowhere.jpg"));
    CHECK_THAT(missing.problem().reason, Contains("missing"));

    write_file(folder / "photo.jpg", photo_bytes("vang"));
    core::MediaRef traversal = media;
    traversal.sha256 = "../../escape";
    const auto refused = import_media_file(folder / "photo.jpg", traversal, folder / "media");
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.problem().reason, Contains("not 64 lowercase hex digits"));
    CHECK_FALSE(fs::exists(folder / "escape"));
}

TEST_CASE("unreferenced media and leftover temporaries are removed, referenced media kept", "[store][media]") {
    TemporaryDirectory folder;
    ContentCache cache(folder / "cache.sqlite", folder / "media");
    const std::string kept_bytes = photo_bytes("giu");
    const std::string dropped_bytes = photo_bytes("bo");
    const core::MediaRef kept = media_for(kept_bytes);
    const core::MediaRef dropped = media_for(dropped_bytes);
    write_file(cache.media_path(kept.sha256), kept_bytes);
    write_file(cache.media_path(dropped.sha256), dropped_bytes);
    write_file(folder / "media" / (".incoming-" + dropped.sha256 + "-0011223344556677"), "half written");
    write_file(folder / "media" / "README", "not ours: left alone");
    cache.apply(manifest_of("quan-thanh-xuan", 1, {story_item("story-giu", kept.sha256)}, {kept}), 0);

    const MediaCleanup cleanup = remove_unreferenced_media(cache);
    CHECK(cleanup.files_removed == 2);
    CHECK(cleanup.bytes_removed == dropped_bytes.size() + std::string("half written").size());
    auto expected = std::vector<std::string>{"README", kept.sha256};
    std::sort(expected.begin(), expected.end());
    CHECK(folder_names(folder / "media") == expected);
}
