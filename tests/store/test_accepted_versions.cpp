// The signed path into the cache: last accepted version, rollback refusal under the
// write lock, held-back items, and keys introduced by next_keys.
#include <catch2/catch.hpp>

#include "store/content_cache.hpp"
#include "store_test_support.hpp"

using namespace bangvang;
using namespace bangvang::store;
using namespace bangvang::store::testing;

namespace {
const std::string next_key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
}

TEST_CASE("apply_accepted records the version and refuses to go back", "[store][accepted]") {
    TemporaryDirectory folder;
    ContentCache cache(folder / "cache.sqlite", folder / "media");
    const core::UnixSeconds now = at("2024-11-21T08:00:00+07:00");
    CHECK_FALSE(cache.accepted_version("quan-thanh-xuan"));

    core::Manifest five = manifest_of("quan-thanh-xuan", 5, {announcement_item("a")}, {});
    five.next_keys = {next_key};
    REQUIRE(cache.apply_accepted(five, now, 0));
    REQUIRE(cache.accepted_version("quan-thanh-xuan"));
    CHECK(cache.accepted_version("quan-thanh-xuan")->version == 5);
    CHECK(cache.introduced_keys("quan-thanh-xuan") == std::vector<std::string>{next_key});
    CHECK(cache.introduced_keys("phuong-hong").empty());

    SECTION("an older or the same complete version changes nothing") {
        CHECK_FALSE(cache.apply_accepted(manifest_of("quan-thanh-xuan", 4, {announcement_item("old")}, {}), now, 0));
        CHECK_FALSE(cache.apply_accepted(manifest_of("quan-thanh-xuan", 5, {announcement_item("same")}, {}), now, 0));
        CHECK(cache.source_state("quan-thanh-xuan")->version == 5);
        CHECK(cache.all_items().at(0).item.id == "a");
    }
    SECTION("the guard outlives an unsigned apply of an older version") {
        cache.apply(manifest_of("quan-thanh-xuan", 2, {announcement_item("by-hand")}, {}), now);
        CHECK_FALSE(cache.apply_accepted(manifest_of("quan-thanh-xuan", 3, {announcement_item("x")}, {}), now, 0));
        CHECK(cache.apply_accepted(manifest_of("quan-thanh-xuan", 6, {announcement_item("b")}, {}), now, 0));
        CHECK(cache.accepted_version("quan-thanh-xuan")->version == 6);
    }
    SECTION("a version with held-back items may be applied again until complete") {
        REQUIRE(cache.apply_accepted(manifest_of("quan-thanh-xuan", 6, {announcement_item("b")}, {}), now, 1));
        CHECK(cache.accepted_version("quan-thanh-xuan")->held_back_items == 1);
        REQUIRE(cache.apply_accepted(
            manifest_of("quan-thanh-xuan", 6, {announcement_item("b"), announcement_item("c")}, {}), now, 0));
        CHECK(cache.accepted_version("quan-thanh-xuan")->held_back_items == 0);
        CHECK(cache.all_items().size() == 2);
        CHECK_FALSE(cache.apply_accepted(manifest_of("quan-thanh-xuan", 6, {announcement_item("d")}, {}), now, 0));
    }
    SECTION("the record survives reopening the file") {
        ContentCache reopened(folder / "cache.sqlite", folder / "media");
        CHECK(reopened.accepted_version("quan-thanh-xuan")->version == 5);
        CHECK(reopened.introduced_keys("quan-thanh-xuan").size() == 1);
    }
}
