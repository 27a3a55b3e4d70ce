// Every file of the PngSuite and jpeg-odd corpora served as media through a signed
// feed folder: valid images go live, broken ones hold back their item with a reason,
// and the 65535x65535 JPEG is refused before it is decoded.
#include <catch2/catch.hpp>

#include <map>

#include "store/content_cache.hpp"
#include "sync/feed_folder.hpp"
#include "sync_test_support.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using bangvang::testing::ScratchDirectory;
using Catch::Contains;

namespace {

struct CorpusRun {
    std::map<std::string, std::string> refused;  // file name -> reason
    std::set<std::string> accepted;
};

CorpusRun serve_corpus(const std::filesystem::path& corpus_folder, const std::string& extension, const std::string& type) {
    ScratchDirectory scratch("sync-corpus");
    SecretKey key = generate_secret_key();
    FeedBuilder feed;
    std::map<std::string, std::string> file_of_item;
    std::map<std::string, std::string> item_of_hash;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus_folder)) {
        if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (std::size_t index = 0; index < files.size(); ++index) {
        const std::string bytes = read_file(files[index]);
        if (bytes.empty()) continue;  // a media entry needs size >= 1; empty.jpg cannot even be listed
        const std::string id = "media-" + std::to_string(index);
        const core::MediaRef ref = feed.add_item_with_image(id, bytes, type);
        file_of_item[id] = files[index].filename().string();
        item_of_hash.emplace(ref.sha256, id);
    }
    feed.write_to(scratch.path() / "feed", {key});
    store::ContentCache cache(scratch.path() / "cache/content.sqlite3", scratch.path() / "cache/media");
    auto synced = sync_feed_folder(scratch.path() / "feed", {.source_id = "quan-thanh-xuan", .configured_keys = {key.public_key()}},
                                   cache, test_now);
    REQUIRE(synced.ok());
    CorpusRun run;
    for (const auto& stored : cache.all_items()) run.accepted.insert(file_of_item.at(stored.item.id));
    for (const MediaFailure& failure : synced->applied.media_failures) {
        // Several files may share bytes; name every one of them.
        for (const auto& [id, file] : file_of_item) {
            if (item_of_hash.at(failure.sha256) == id) run.refused[file] = failure.reason;
        }
    }
    return run;
}

}  // namespace

TEST_CASE("PngSuite: valid PNGs go live, the x* files are refused with a reason", "[sync][media][corpus]") {
    const CorpusRun run = serve_corpus(corpus("pngsuite"), ".png", "image/png");
    std::size_t valid = 0;
    for (const auto& file : run.accepted) {
        INFO(file);
        CHECK(file[0] != 'x');
        ++valid;
    }
    for (const auto& [file, reason] : run.refused) {
        INFO(file << ": " << reason);
        CHECK((file[0] == 'x' || file == "PngSuite.png"));
        CHECK_FALSE(reason.empty());
    }
    CHECK(valid >= 150);
    CHECK(run.refused.size() >= 10);
}

TEST_CASE("jpeg-odd: odd but valid JPEGs go live, corrupt ones are refused, the huge one before decoding",
          "[sync][media][corpus]") {
    const CorpusRun run = serve_corpus(corpus("jpeg-odd"), ".jpg", "image/jpeg");
    REQUIRE(run.refused.contains("max_size.jpg"));
    CHECK_THAT(run.refused.at("max_size.jpg"), Contains("65535x65535") && Contains("refused before decoding"));
    for (const auto& [file, reason] : run.refused) {
        INFO(file << ": " << reason);
        CHECK_FALSE(reason.empty());
    }
    for (const char* valid : {"mozilla_jpg-progressive.jpg", "mozilla_jpg-gray.jpg", "mozilla_jpg-cmyk-1.jpg",
                              "hopper_orientation_6.jpg", "restarts.jpg",
                              // Five junk bytes after a comment segment, before the DQT marker: libjpeg
                              // skips them ("extraneous bytes before marker") and decodes; so does the check.
                              "junk_jpeg_header.jpg",
                              // An Adobe APP14 segment whose length is one byte short leaves one stray
                              // byte before DQT: skipped the same way.
                              "truncated_app14.jpg"}) {
        INFO(valid);
        CHECK(run.accepted.contains(valid));
    }
    std::string listing;
    for (const auto& [file, reason] : run.refused) listing += file + ": " + reason + "\n";
    WARN("refused " << run.refused.size() << ", accepted " << run.accepted.size() << "\n" << listing);
}
