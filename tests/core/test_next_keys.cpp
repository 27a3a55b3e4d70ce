// "next_keys": the public keys a manifest introduces for key rotation.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/manifest_parser.hpp"
#include "core/manifest_writer.hpp"

using namespace bangvang::core;
using nlohmann::json;

namespace {

// Base64 of 32 bytes: 0x00.. and 0xff.. (the last sextet before '=' has its low bits clear).
const std::string key_zero = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
const std::string key_ones = "//////////////////////////////////////////8=";

json minimal_manifest() {
    return json::parse(R"JSON({
      "format": "bangvang.feed/1",
      "source": {"id": "quan-thanh-xuan", "name": "UBND quận Thanh Xuân"},
      "version": 3,
      "issued_at": "2024-11-20T08:00:00+07:00",
      "expires_at": "2025-01-20T08:00:00+07:00",
      "items": []
    })JSON");
}

Result<Manifest> parse(const json& document) {
    return parse_manifest(document.dump(), "feed x");
}

}  // namespace

TEST_CASE("next_keys is optional and read in order", "[core][next_keys]") {
    const Result<Manifest> without = parse(minimal_manifest());
    REQUIRE(without.ok());
    CHECK(without->next_keys.empty());

    json document = minimal_manifest();
    document["next_keys"] = {key_zero, key_ones};
    const Result<Manifest> with = parse(document);
    REQUIRE(with.ok());
    CHECK(with->next_keys == std::vector<std::string>{key_zero, key_ones});
}

TEST_CASE("next_keys entries must be base64 public keys, unique, at most 8", "[core][next_keys]") {
    const auto problem_for = [](json keys) {
        json document = minimal_manifest();
        document["next_keys"] = std::move(keys);
        const Result<Manifest> parsed = parse(document);
        REQUIRE_FALSE(parsed.ok());
        return parsed.problem();
    };
    CHECK(problem_for("not an array").field == "next_keys");
    CHECK(problem_for(json::array({42})).field == "next_keys[0]");
    CHECK_THAT(problem_for(json::array({"c2hvcnQ="})).reason, Catch::Contains("base64 of 32 bytes"));
    // 44 characters but one is outside the alphabet.
    CHECK(problem_for(json::array({key_zero, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*="})).field == "next_keys[1]");
    // Bits past the 32nd byte set: not canonical base64.
    CHECK(problem_for(json::array({"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB="})).field == "next_keys[0]");
    CHECK_THAT(problem_for(json::array({key_zero, key_zero})).reason, Catch::Contains("repeats"));
    json nine = json::array();
    for (int index = 0; index < 9; ++index) nine.push_back(key_zero);
    CHECK(problem_for(nine).field == "next_keys");
}

TEST_CASE("next_keys survive a write and parse round trip", "[core][next_keys][writer]") {
    json document = minimal_manifest();
    document["next_keys"] = {key_ones};
    const Result<Manifest> parsed = parse(document);
    REQUIRE(parsed.ok());
    const std::string written = write_manifest(*parsed);
    CHECK_THAT(written, Catch::Contains("\"next_keys\""));
    const Result<Manifest> again = parse_manifest(written, "written");
    REQUIRE(again.ok());
    CHECK(again->next_keys == parsed->next_keys);

    // A manifest without next_keys is written without the member at all.
    CHECK_THAT(write_manifest(*parse(minimal_manifest())), !Catch::Contains("next_keys"));
}
