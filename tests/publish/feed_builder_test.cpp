// bangvang-publish build: the sample content becomes a feed every kiosk accepts.
#include "publish_fixtures.hpp"
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/manifest_parser.hpp"
#include "core/text.hpp"
#include "publish/content_folder.hpp"
#include "publish/feed_builder.hpp"
#include "publish/source_document.hpp"
#include "store/media_store.hpp"
#include "support/build_paths.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bangvang;
using namespace bangvang::publish_testing;




void write_file(const fs::path& file, const std::string& bytes) {
    std::ofstream stream(file, std::ios::binary);
    stream << bytes;
}

publish::BuildOptions sample_options(const fs::path& feed_directory) {
    return {.source_directory = sample_directory,
            .feed_directory = feed_directory,
            .version = 7,
            .issued_at = "2024-11-20T08:00:00+07:00"};
}

template <typename Content>
std::vector<const Content*> contents_of(const core::Manifest& manifest) {
    std::vector<const Content*> found;
    for (const core::Item& item : manifest.items) {
        if (const auto* content = std::get_if<Content>(&item.content)) found.push_back(content);
    }
    return found;
}

// A copy of the sample folder that a test may break.
fs::path copy_of_sample(const std::string& name) {
    const fs::path directory = fresh_directory(name);
    fs::copy(sample_directory, directory / "content", fs::copy_options::recursive);
    return directory / "content";
}

// The sample in the older authoring form: the same items as one source.json (which
// wins over the text files when both are present), the pictures where they are.
const fs::path sample_source_json = fs::path(bangvang::testing::paths::checkout) / "tests" / "publish" / "sample_source.json";

fs::path copy_of_sample_as_source_json(const std::string& name) {
    const fs::path content = copy_of_sample(name);
    fs::copy_file(sample_source_json, content / "source.json");
    return content;
}

std::string failure_message(const publish::BuildOptions& options) {
    const auto built = publish::build_feed(options, fixed_now);
    REQUIRE_FALSE(built.ok());
    return built.problem().message();
}

}  // namespace

TEST_CASE("the sample content builds into a manifest a kiosk accepts", "[publish]") {
    const fs::path feed = fresh_directory("sample");
    const auto built = publish::build_feed(sample_options(feed), fixed_now);
    REQUIRE(built.ok());
    REQUIRE(built->manifest_file == feed / "manifest.json");

    const auto manifest = core::parse_manifest(contents(feed / "manifest.json"), "built manifest");
    INFO((manifest.ok() ? std::string() : manifest.problem().message()));
    REQUIRE(manifest.ok());
    CHECK(manifest->source_id == "quan-thanh-xuan");
    CHECK(manifest->version == 7);
    CHECK(manifest->issued_at == fixed_now);
    CHECK(manifest->expires_at == fixed_now + 60 * 24 * 60 * 60);

    CHECK(contents_of<core::Story>(*manifest).size() >= 8);
    const auto standings = contents_of<core::Standings>(*manifest);
    REQUIRE(standings.size() >= 2);
    for (const core::Standings* table : standings) CHECK(table->rows.size() >= 8);
    const auto honour_rolls = contents_of<core::HonorRoll>(*manifest);
    REQUIRE(honour_rolls.size() == 1);
    CHECK(honour_rolls.front()->entries.size() >= 25);
    CHECK(contents_of<core::Announcement>(*manifest).size() == 3);
    CHECK(contents_of<core::Commemoration>(*manifest).size() == 4);

    for (const core::Story* story : contents_of<core::Story>(*manifest)) {
        CHECK(story->photo.has_value());
        CHECK(story->portal_url.starts_with("https://"));
        CHECK(story->body.size() >= 2);
        CHECK(story->body.size() <= 4);
    }
}

TEST_CASE("every media file is stored under its own hash with the listed size and dimensions", "[publish]") {
    const fs::path feed = fresh_directory("media");
    const auto built = publish::build_feed(sample_options(feed), fixed_now);
    REQUIRE(built.ok());
    const core::Manifest& manifest = built->manifest;
    REQUIRE_FALSE(manifest.media.empty());

    std::set<std::string> listed;
    std::set<std::string> files;
    for (const core::MediaRef& media : manifest.media) {
        const fs::path file = feed / "media" / media.sha256;
        REQUIRE(fs::is_regular_file(file));
        CHECK(store::sha256_of_file(file) == media.sha256);
        CHECK(static_cast<std::int64_t>(fs::file_size(file)) == media.size_bytes);
        CHECK(media.mime_type == "image/jpeg");
        const bool portrait = media.width == 800 && media.height == 1000;
        const bool landscape = media.width == 1600 && media.height == 900;
        CHECK((portrait || landscape));
        listed.insert(media.sha256);
        // Renditions: same picture, smaller, in the media folder under their hash.
        for (const core::Rendition& rendition : media.renditions) {
            const fs::path copy = feed / "media" / rendition.sha256;
            REQUIRE(fs::is_regular_file(copy));
            CHECK(store::sha256_of_file(copy) == rendition.sha256);
            CHECK(static_cast<std::int64_t>(fs::file_size(copy)) == rendition.size_bytes);
            CHECK(rendition.width < media.width);
            if (rendition.crop) {
                // Cut for one screen: the part the cover crop keeps, shrunk to the box there.
                const core::MediaCrop& crop = *rendition.crop;
                CHECK((crop.x + crop.width <= media.width && crop.y + crop.height <= media.height));
                CHECK(std::abs(rendition.height - rendition.width * crop.height / crop.width) <= 1);
                const auto box = std::find_if(media.boxes.begin(), media.boxes.end(), [&](const core::MediaBox& b) {
                    return b.screen_width == rendition.screen_width && b.screen_height == rendition.screen_height;
                });
                REQUIRE(box != media.boxes.end());
                CHECK((box->width == rendition.width && box->height == rendition.height));
            } else {
                CHECK(std::abs(rendition.height - rendition.width * media.height / media.width) <= 1);
            }
            files.insert(rendition.sha256);
        }
        files.insert(media.sha256);
    }
    CHECK(listed.size() == manifest.media.size());
    // Nothing else in the media folder (no leftover temporary files).
    CHECK(static_cast<std::size_t>(std::distance(fs::directory_iterator(feed / "media"), fs::directory_iterator())) ==
          files.size());
    // Every picture an item uses is listed.
    for (const core::Item& item : manifest.items) {
        for (const std::string& hash : core::media_used_by(item)) CHECK(listed.contains(hash));
    }
}

TEST_CASE("building twice gives identical media files and, with the same options, the same manifest", "[publish]") {
    const fs::path first = fresh_directory("twice-first");
    const fs::path second = fresh_directory("twice-second");
    REQUIRE(publish::build_feed(sample_options(first), fixed_now).ok());
    REQUIRE(publish::build_feed(sample_options(second), fixed_now).ok());
    // Building again into the same folder replaces it cleanly.
    REQUIRE(publish::build_feed(sample_options(second), fixed_now).ok());

    std::map<std::string, std::string> first_media;
    for (const auto& entry : fs::directory_iterator(first / "media")) {
        first_media[entry.path().filename().string()] = contents(entry.path());
    }
    std::map<std::string, std::string> second_media;
    for (const auto& entry : fs::directory_iterator(second / "media")) {
        second_media[entry.path().filename().string()] = contents(entry.path());
    }
    CHECK(first_media == second_media);
    CHECK(contents(first / "manifest.json") == contents(second / "manifest.json"));
}

TEST_CASE("the version defaults to issued_at in seconds and issued_at to now", "[publish]") {
    const fs::path feed = fresh_directory("defaults");
    SECTION("issued_at given") {
        const auto built = publish::build_feed(
            {.source_directory = sample_directory, .feed_directory = feed, .issued_at = "2024-11-20T01:00:00Z"},
            fixed_now);
        REQUIRE(built.ok());
        CHECK(built->manifest.version == fixed_now);
        CHECK(built->manifest.issued_at == fixed_now);
    }
    SECTION("nothing given: now, valid for the chosen days") {
        const auto built = publish::build_feed(
            {.source_directory = sample_directory, .feed_directory = feed, .valid_days = 30}, fixed_now + 5);
        REQUIRE(built.ok());
        CHECK(built->manifest.version == fixed_now + 5);
        CHECK(built->manifest.issued_at == fixed_now + 5);
        CHECK(built->manifest.expires_at == fixed_now + 5 + 30 * 24 * 60 * 60);
    }
}

TEST_CASE("the sample's text is already clean NFC Vietnamese", "[publish]") {
    std::size_t lines = 0;
    for (const auto& entry : fs::recursive_directory_iterator(sample_directory)) {
        const std::string extension = entry.path().extension().string();
        if (extension != ".txt" && extension != ".csv") continue;
        std::istringstream stream(contents(entry.path()));
        for (std::string line; std::getline(stream, line);) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            INFO(entry.path().string() << ": " << line);
            CHECK(core::is_valid_utf8(line));
            CHECK(core::is_nfc(line));
            CHECK(core::strip_markup(line) == line);
            ++lines;
        }
    }
    CHECK(lines > 150);
}

TEST_CASE("the sample folder and its source.json form build the same items", "[publish]") {
    const fs::path folder_feed = fresh_directory("forms-folder");
    const fs::path json_content = copy_of_sample_as_source_json("forms-json");
    const fs::path json_feed = json_content.parent_path() / "feed";
    REQUIRE(publish::build_feed(sample_options(folder_feed), fixed_now).ok());
    REQUIRE(publish::build_feed({.source_directory = json_content,
                                 .feed_directory = json_feed,
                                 .version = 7,
                                 .issued_at = "2024-11-20T08:00:00+07:00"},
                                fixed_now)
                .ok());
    const auto from_folder = nlohmann::json::parse(contents(folder_feed / "manifest.json"));
    const auto from_json = nlohmann::json::parse(contents(json_feed / "manifest.json"));
    REQUIRE(from_folder["items"].size() == 20);
    CHECK(from_folder["source"] == from_json["source"]);
    CHECK(from_folder["media"] == from_json["media"]);
    for (std::size_t index = 0; index < from_folder["items"].size(); ++index) {
        INFO(from_folder["items"][index]["id"]);
        CHECK(from_folder["items"][index] == from_json["items"][index]);
    }
}

TEST_CASE("a missing picture is reported with its path and item, and nothing is written", "[publish]") {
    const fs::path content = copy_of_sample_as_source_json("missing-photo");
    fs::remove(content / "guong-dien-hinh" / "story-tran-van-minh.jpg");
    const fs::path feed = content.parent_path() / "feed";
    const std::string message = failure_message({.source_directory = content, .feed_directory = feed});
    CHECK_THAT(message, Catch::Contains("guong-dien-hinh/story-tran-van-minh.jpg"));
    CHECK_THAT(message, Catch::Contains("không có: đặt ảnh vào đúng thư mục"));
    CHECK_THAT(message, Catch::Contains("story-tran-van-minh"));
    CHECK_FALSE(fs::exists(feed / "manifest.json"));
}

TEST_CASE("bad source folders are refused with the file and the reason", "[publish]") {
    const fs::path content = copy_of_sample_as_source_json("bad-source");
    const fs::path feed = content.parent_path() / "feed";
    const publish::BuildOptions options{.source_directory = content, .feed_directory = feed};
    const fs::path source_file = content / "source.json";
    auto source = nlohmann::ordered_json::parse(contents(source_file));

    SECTION("neither source.json nor the folder form") {
        fs::remove(source_file);
        fs::remove(content / "nguon.txt");
        for (const auto& layout : publish::content_folder_layout) fs::remove_all(content / layout.folder);
        const std::string message = failure_message(options);
        CHECK_THAT(message, Catch::Contains("source.json"));
        CHECK_THAT(message, Catch::Contains("nguon.txt"));
        CHECK_THAT(message, Catch::Contains("không phải thư mục nội dung"));
    }
    SECTION("not JSON") {
        write_file(source_file, "{\"format\": \"bangvang.feed/1\", \"items\": [");
        const std::string message = failure_message(options);
        CHECK_THAT(message, Catch::Contains("source.json"));
        CHECK_THAT(message, Catch::Contains("is not valid JSON"));
    }
    SECTION("a member the build adds") {
        source["version"] = 3;
        write_file(source_file, source.dump());
        const std::string message = failure_message(options);
        CHECK_THAT(message, Catch::Contains("\"version\""));
        CHECK_THAT(message, Catch::Contains("is added by bangvang-publish build"));
    }
    SECTION("a picture outside the content folder") {
        source["items"][0]["story"]["photo"] = "../../secret.jpg";
        write_file(source_file, source.dump());
        const std::string message = failure_message(options);
        CHECK_THAT(message, Catch::Contains("items[0]"));
        CHECK_THAT(message, Catch::Contains("must be a path inside the content folder"));
    }
    SECTION("a file that is not a picture") {
        write_file(content / "guong-dien-hinh" / "notes.jpg", "not a picture at all");
        source["items"][1]["story"]["photo"] = "guong-dien-hinh/notes.jpg";
        write_file(source_file, source.dump());
        const std::string message = failure_message(options);
        CHECK_THAT(message, Catch::Contains("guong-dien-hinh/notes.jpg"));
        CHECK_THAT(message, Catch::Contains("không phải ảnh JPEG hoặc PNG"));
    }
    SECTION("an item the manifest parser rejects") {
        source["items"][2]["story"].erase("name");
        write_file(source_file, source.dump());
        const std::string message = failure_message(options);
        CHECK_THAT(message, Catch::Contains("source.json"));
        CHECK_THAT(message, Catch::Contains("story-le-thu-trang"));
        CHECK_THAT(message, Catch::Contains("name"));
    }
    SECTION("bad options") {
        auto bad = options;
        bad.issued_at = "20 November 2024";
        CHECK_THAT(failure_message(bad), Catch::Contains("--issued-at"));
        bad = options;
        bad.valid_days = 0;
        CHECK_THAT(failure_message(bad), Catch::Contains("--valid-days"));
    }
    CHECK_FALSE(fs::exists(feed / "manifest.json"));
}

TEST_CASE("picture paths must stay inside the content folder", "[publish]") {
    CHECK(publish::is_safe_relative_path("photos/a.jpg"));
    CHECK(publish::is_safe_relative_path("a.jpg"));
    CHECK(publish::is_safe_relative_path("photos/..hidden.jpg"));
    CHECK_FALSE(publish::is_safe_relative_path(""));
    CHECK_FALSE(publish::is_safe_relative_path("/etc/passwd"));
    CHECK_FALSE(publish::is_safe_relative_path("../a.jpg"));
    CHECK_FALSE(publish::is_safe_relative_path("photos/../../a.jpg"));
    CHECK_FALSE(publish::is_safe_relative_path("photos/.."));
    CHECK_FALSE(publish::is_safe_relative_path("photos\\a.jpg"));
}
