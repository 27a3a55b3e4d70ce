// keygen and build --key: key files, signatures a kiosk verifies, versions that count on.
#include "publish_fixtures.hpp"
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "publish/feed_builder.hpp"
#include "publish/key_files.hpp"
#include "publish/publish_error.hpp"
#include "sync/feed_signature.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bangvang;
using namespace bangvang::publish_testing;




}  // namespace

TEST_CASE("keygen writes a private secret key and its public key, and never overwrites them", "[publish]") {
    const fs::path directory = fresh_directory("keygen");
    const auto files = publish::generate_key_files(directory / "keys" / "quan-thanh-xuan");
    CHECK(files.secret_file == directory / "keys" / "quan-thanh-xuan.secret");
    CHECK(files.public_file == directory / "keys" / "quan-thanh-xuan.public");
    struct stat status {};
    REQUIRE(::stat(files.secret_file.c_str(), &status) == 0);
    CHECK((status.st_mode & 0777) == 0600);

    const auto secret = sync::parse_secret_key(contents(files.secret_file), files.secret_file.string());
    REQUIRE(secret.ok());
    const auto public_key = sync::parse_public_key(contents(files.public_file), files.public_file.string());
    REQUIRE(public_key.ok());
    CHECK(secret->public_key() == *public_key);
    CHECK(files.public_key == *public_key);

    CHECK_THROWS_WITH(publish::generate_key_files(directory / "keys" / "quan-thanh-xuan"),
                      Catch::Contains("không ghi đè khóa đã có"));
}

TEST_CASE("build --key signs the exact manifest bytes, and the next build counts the version on", "[publish]") {
    const fs::path directory = fresh_directory("signed-build");
    const auto keys = publish::generate_key_files(directory / "staff");
    const fs::path feed = directory / "feed";
    const publish::BuildOptions options{.source_directory = sample_directory,
                                        .feed_directory = feed,
                                        .issued_at = "2024-11-20T08:00:00+07:00",
                                        .key_files = {keys.secret_file}};
    const auto first = publish::build_feed(options, fixed_now);
    REQUIRE(first.ok());
    CHECK_FALSE(first->previous_version.has_value());
    CHECK(first->manifest.version == fixed_now);  // a time-based start
    REQUIRE(first->signature_file == feed / "manifest.json.sig");
    const auto verified = sync::verify_manifest(contents(feed / "manifest.json"), contents(feed / "manifest.json.sig"),
                                                {keys.public_key}, "feed");
    CHECK(verified.ok());

    const auto second = publish::build_feed(options, fixed_now + 60);
    REQUIRE(second.ok());
    CHECK(second->previous_version == fixed_now);
    CHECK(second->manifest.version == fixed_now + 1);
    CHECK(sync::verify_manifest(contents(feed / "manifest.json"), contents(feed / "manifest.json.sig"),
                                {keys.public_key}, "feed")
              .ok());

    SECTION("an explicit version lower than the feed's is refused") {
        auto lower = options;
        lower.version = 5;
        const auto refused = publish::build_feed(lower, fixed_now);
        REQUIRE_FALSE(refused.ok());
        CHECK_THAT(refused.problem().message(), Catch::Contains("--version") && Catch::Contains("trở lên"));
    }
    SECTION("a build without a key removes a stale signature") {
        auto unsigned_options = options;
        unsigned_options.key_files.clear();
        REQUIRE(publish::build_feed(unsigned_options, fixed_now).ok());
        CHECK_FALSE(fs::exists(feed / "manifest.json.sig"));
    }
}

TEST_CASE("build takes an explicit expiry and refuses one before the issue time", "[publish]") {
    const fs::path feed = fresh_directory("expiry");
    publish::BuildOptions options{.source_directory = sample_directory,
                                  .feed_directory = feed,
                                  .issued_at = "2024-11-20T08:00:00+07:00",
                                  .expires_at = "2024-12-31T23:59:59+07:00"};
    const auto built = publish::build_feed(options, fixed_now);
    REQUIRE(built.ok());
    CHECK(built->manifest.expires_at == 1735664399);
    options.expires_at = "2024-11-01T00:00:00+07:00";
    const auto refused = publish::build_feed(options, fixed_now);
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.problem().message(), Catch::Contains("--expires-at") && Catch::Contains("phải sau"));
}

TEST_CASE("a key file that is not a key is refused naming the file", "[publish]") {
    const fs::path directory = fresh_directory("bad-key");
    {
        std::ofstream(directory / "wrong.secret") << "not a key\n";
    }
    const auto refused = publish::build_feed({.source_directory = sample_directory,
                                              .feed_directory = directory / "feed",
                                              .key_files = {directory / "wrong.secret"}},
                                             fixed_now);
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.problem().message(), Catch::Contains("wrong.secret"));
    CHECK_FALSE(fs::exists(directory / "feed" / "manifest.json"));
}
