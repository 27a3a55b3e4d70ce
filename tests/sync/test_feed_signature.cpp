#include <catch2/catch.hpp>

#include "sync/feed_signature.hpp"

using namespace bangvang::sync;

namespace {
const std::string manifest = R"({"format": "bangvang.feed/1", "version": 3})";
}

TEST_CASE("a manifest signed by a trusted key verifies", "[sync][signature]") {
    SecretKey district = generate_secret_key();
    std::string envelope = sign_manifest(manifest, {district});
    auto verified = verify_manifest(manifest, envelope, {district.public_key()}, "feed quan-thanh-xuan");
    REQUIRE(verified.ok());
    CHECK(verified->key == district.public_key());
}

TEST_CASE("keys round-trip through their base64 lines", "[sync][signature]") {
    SecretKey secret = generate_secret_key();
    auto public_line = secret.public_key().to_base64();
    auto parsed_public = parse_public_key(public_line + "\n", "keys/quan.public");
    REQUIRE(parsed_public.ok());
    CHECK(*parsed_public == secret.public_key());
    CHECK(secret.public_key().id().size() == 16);
    auto parsed_secret = parse_secret_key(secret.to_base64(), "keys/quan.secret");
    REQUIRE(parsed_secret.ok());
    CHECK(parsed_secret->public_key() == secret.public_key());

    auto bad = parse_public_key("bm90IGEga2V5", "kiosk.json sources[0].keys[0]");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.problem().where == "kiosk.json sources[0].keys[0]");
    CHECK_THAT(bad.problem().reason, Catch::Contains("32 bytes"));
}

TEST_CASE("forged, tampered and unknown-key signatures are refused with the reason", "[sync][signature]") {
    SecretKey district = generate_secret_key();
    SecretKey stranger = generate_secret_key();
    std::string envelope = sign_manifest(manifest, {district});

    SECTION("one changed byte of the manifest") {
        std::string tampered = manifest;
        tampered[tampered.size() - 2] = '4';
        auto verified = verify_manifest(tampered, envelope, {district.public_key()}, "feed q");
        REQUIRE_FALSE(verified.ok());
        CHECK_THAT(verified.problem().reason, Catch::Contains("altered"));
    }
    SECTION("signed by a key the kiosk does not trust") {
        auto verified =
            verify_manifest(manifest, sign_manifest(manifest, {stranger}), {district.public_key()}, "feed q");
        REQUIRE_FALSE(verified.ok());
        CHECK_THAT(verified.problem().reason, Catch::Contains("no signature by a trusted key"));
        CHECK_THAT(verified.problem().reason, Catch::Contains(stranger.public_key().id()));
    }
    SECTION("not a signature file") {
        for (std::string junk : {std::string(""), std::string("[]"), std::string(R"({"format": "other"})"),
                                 std::string(R"({"format": "bangvang.signature/1", "signatures": []})"),
                                 std::string(R"({"format": "bangvang.signature/1", "signatures": [{"key_id": 1}]})"),
                                 std::string(100 * 1024, '{')}) {
            auto verified = verify_manifest(manifest, junk, {district.public_key()}, "feed q");
            REQUIRE_FALSE(verified.ok());
            CHECK(verified.problem().where == "feed q");
        }
    }
    SECTION("a signature that is not base64 of 64 bytes fails like a forgery") {
        std::string forged = R"({"format": "bangvang.signature/1", "signatures": [{"key_id": ")" +
                             district.public_key().id() + R"(", "signature": "AAAA"}]})";
        auto verified = verify_manifest(manifest, forged, {district.public_key()}, "feed q");
        REQUIRE_FALSE(verified.ok());
        CHECK_THAT(verified.problem().reason, Catch::Contains("does not verify"));
    }
}

TEST_CASE("during a key change either key's signature is enough", "[sync][signature]") {
    SecretKey old_key = generate_secret_key();
    SecretKey new_key = generate_secret_key();
    std::string envelope = sign_manifest(manifest, {old_key, new_key});
    CHECK(verify_manifest(manifest, envelope, {old_key.public_key()}, "q").ok());
    CHECK(verify_manifest(manifest, envelope, {new_key.public_key()}, "q").ok());
}
