// verify_feed: the rules a fetched manifest must pass, each with its reason.
#include <catch2/catch.hpp>

#include "sync/feed_verifier.hpp"
#include "sync_test_support.hpp"

using namespace bangvang;
using namespace bangvang::sync;
using namespace bangvang::sync::testing;
using Catch::Contains;

namespace {

struct Signed {
    std::string manifest;
    std::string signature;
};

Signed signed_feed(const FeedBuilder& feed, const std::vector<SecretKey>& keys) {
    std::string bytes = core::write_manifest(feed.manifest());
    return {bytes, sign_manifest(bytes, keys)};
}

AcceptedSourceState accepted(std::int64_t version, std::size_t held_back_items = 0,
                             std::vector<PublicKey> introduced_keys = {}) {
    return AcceptedSourceState{
        .accepted_version = version, .held_back_items = held_back_items, .introduced_keys = std::move(introduced_keys)};
}

}  // namespace

TEST_CASE("verify_feed accepts a newer manifest signed by a configured key", "[sync][verify]") {
    const SecretKey district = generate_secret_key();
    const SourceTrust trust{.source_id = "quan-thanh-xuan", .configured_keys = {district.public_key()}};
    FeedBuilder feed;
    feed.version = 4;
    feed.items.push_back(announcement("a"));
    const Signed fetched = signed_feed(feed, {district});

    auto verified = verify_feed(trust, fetched.manifest, fetched.signature, {}, test_now, "feed");
    REQUIRE(verified.ok());
    CHECK(verified->verdict == FeedVerdict::accept);
    CHECK(verified->manifest.version == 4);
    CHECK(verified->signed_by == district.public_key());

    SECTION("the same version again is unchanged, unless items were held back") {
        auto again = verify_feed(trust, fetched.manifest, fetched.signature, accepted(4), test_now, "feed");
        REQUIRE(again.ok());
        CHECK(again->verdict == FeedVerdict::unchanged);
        auto retry = verify_feed(trust, fetched.manifest, fetched.signature,
                                 accepted(4, 2), test_now, "feed");
        REQUIRE(retry.ok());
        CHECK(retry->verdict == FeedVerdict::accept);
    }
    SECTION("an older version is a rollback") {
        auto rollback = verify_feed(trust, fetched.manifest, fetched.signature, accepted(5), test_now, "feed");
        REQUIRE_FALSE(rollback.ok());
        CHECK(rollback.problem().field == "version");
        CHECK_THAT(rollback.problem().reason, Contains("rollback refused") && Contains("keeping version 5"));
    }
}

TEST_CASE("verify_feed refuses tampering, unknown keys, other sources and expired feeds", "[sync][verify]") {
    const SecretKey district = generate_secret_key();
    const SecretKey stranger = generate_secret_key();
    const SourceTrust trust{.source_id = "quan-thanh-xuan", .configured_keys = {district.public_key()}};
    FeedBuilder feed;
    feed.version = 2;
    feed.items.push_back(announcement("a"));
    const Signed fetched = signed_feed(feed, {district});

    SECTION("one changed byte") {
        std::string tampered = fetched.manifest;
        tampered[tampered.find("Thông báo")] = 't';
        auto result = verify_feed(trust, tampered, fetched.signature, {}, test_now, "feed");
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.problem().reason, Contains("the manifest was altered"));
    }
    SECTION("signed by a key the source does not trust") {
        const Signed foreign = signed_feed(feed, {stranger});
        auto result = verify_feed(trust, foreign.manifest, foreign.signature, {}, test_now, "feed");
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.problem().reason, Contains("no signature by a trusted key") && Contains(stranger.public_key().id()));
    }
    SECTION("no signature file at all, or garbage in it") {
        auto result = verify_feed(trust, fetched.manifest, "", {}, test_now, "feed");
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.problem().reason, Contains("not a JSON object"));
    }
    SECTION("a manifest of another source, even correctly signed") {
        FeedBuilder ward = feed;
        ward.source_id = "phuong-nhan-chinh";
        const Signed other = signed_feed(ward, {district});
        auto result = verify_feed(trust, other.manifest, other.signature, {}, test_now, "feed");
        REQUIRE_FALSE(result.ok());
        CHECK(result.problem().field == "source.id");
    }
    SECTION("an expired manifest") {
        auto result = verify_feed(trust, fetched.manifest, fetched.signature, accepted(1),
                                  at("2025-01-20T08:00:00+07:00"), "feed");
        REQUIRE_FALSE(result.ok());
        CHECK(result.problem().field == "expires_at");
        CHECK_THAT(result.problem().reason, Contains("expired at 2025-01-20T08:00:00+07:00") && Contains("keeping version 1"));
    }
    SECTION("a signed manifest that does not parse is refused after the signature") {
        const std::string broken = R"({"format": "bangvang.feed/1"})";
        auto result = verify_feed(trust, broken, sign_manifest(broken, {district}), {}, test_now, "feed");
        REQUIRE_FALSE(result.ok());
        CHECK(result.problem().field == "source");
    }
}

TEST_CASE("a key introduced by next_keys of an accepted manifest is trusted", "[sync][verify][rotation]") {
    const SecretKey old_key = generate_secret_key();
    const SecretKey new_key = generate_secret_key();
    const SourceTrust trust{.source_id = "quan-thanh-xuan", .configured_keys = {old_key.public_key()}};
    FeedBuilder feed;
    feed.version = 9;
    const Signed rotated = signed_feed(feed, {new_key});

    auto before = verify_feed(trust, rotated.manifest, rotated.signature, accepted(8), test_now, "feed");
    CHECK_FALSE(before.ok());
    auto after = verify_feed(trust, rotated.manifest, rotated.signature,
                             accepted(8, 0, {new_key.public_key()}), test_now, "feed");
    REQUIRE(after.ok());
    CHECK(after->signed_by == new_key.public_key());
}
