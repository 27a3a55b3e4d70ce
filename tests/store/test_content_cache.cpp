#include <catch2/catch.hpp>

#include "store/content_cache.hpp"
#include "store/sqlite_handle.hpp"
#include "store_test_support.hpp"

using namespace bangvang;
using namespace bangvang::store;
using namespace bangvang::store::testing;
using Catch::Contains;
using Ids = std::vector<std::string>;

namespace {

const core::KioskIdentity any_kiosk{.kiosk_id = "kiosk-01", .site = "phuong-nhan-chinh", .tags = {}};
constexpr int vietnam = core::vietnam_utc_offset_minutes;

struct CacheFixture {
    TemporaryDirectory folder;
    ContentCache cache{folder / "cache.sqlite", folder / "media"};

    core::MediaRef stored_media(const std::string& label) {
        const std::string bytes = photo_bytes(label);
        const core::MediaRef media = media_for(bytes);
        write_file(cache.media_path(media.sha256), bytes);
        return media;
    }
};

}  // namespace

TEST_CASE_METHOD(CacheFixture, "an applied manifest can be read back item by item", "[store][cache]") {
    const core::MediaRef photo = stored_media("hoa");
    const core::UnixSeconds applied_at = at("2024-11-21T08:00:00+07:00");
    cache.apply(manifest_of("quan-thanh-xuan", 7, {story_item("story-hoa", photo.sha256), announcement_item("phat-dong")},
                            {photo}),
                applied_at);

    const auto state = cache.source_state("quan-thanh-xuan");
    REQUIRE(state);
    CHECK(state->source_name == "UBND quan-thanh-xuan");
    CHECK(state->version == 7);
    CHECK(state->issued_at == at("2024-11-20T08:00:00+07:00"));
    CHECK(state->expires_at == at("2025-01-20T08:00:00+07:00"));
    CHECK(state->applied_at == applied_at);
    CHECK(state->item_count == 2);
    CHECK_FALSE(cache.source_state("phuong-khuong-trung"));

    const auto items = cache.all_items();
    REQUIRE(item_ids(items) == Ids{"story-hoa", "phat-dong"});
    CHECK(items[0].source_id == "quan-thanh-xuan");
    CHECK(items[0].source_name == "UBND quan-thanh-xuan");
    const auto* story = std::get_if<core::Story>(&items[0].item.content);
    REQUIRE(story);
    CHECK(story->person_name == "Nguyễn Thị Hoa");
    CHECK(story->body.size() == 2);
    CHECK(story->photo == photo.sha256);
    CHECK(items[1].item.kind == core::ItemKind::announcement);

    CHECK(item_ids(cache.playable_items(any_kiosk, at("2024-11-25T09:00:00+07:00"), vietnam)) ==
          Ids{"story-hoa", "phat-dong"});
    CHECK(cache.referenced_media() == std::set<std::string>{photo.sha256});
    CHECK(cache.media_path(photo.sha256) == folder.path() / "media" / photo.sha256);
}

TEST_CASE_METHOD(CacheFixture, "applying version 2 replaces version 1 entirely", "[store][cache]") {
    const core::MediaRef old_photo = stored_media("old");
    const core::MediaRef new_photo = stored_media("new");
    cache.apply(manifest_of("quan-thanh-xuan", 1,
                            {story_item("story-a", old_photo.sha256), announcement_item("b"), announcement_item("c")},
                            {old_photo}),
                at("2024-11-21T08:00:00+07:00"));
    cache.apply(manifest_of("quan-thanh-xuan", 2, {story_item("story-d", new_photo.sha256)}, {new_photo}),
                at("2024-11-22T08:00:00+07:00"));

    CHECK(item_ids(cache.all_items()) == Ids{"story-d"});
    const auto state = cache.source_state("quan-thanh-xuan");
    REQUIRE(state);
    CHECK(state->version == 2);
    CHECK(state->item_count == 1);
    CHECK(state->applied_at == at("2024-11-22T08:00:00+07:00"));
    CHECK(cache.referenced_media() == std::set<std::string>{new_photo.sha256});
    CHECK(cache.sources().size() == 1);
}

TEST_CASE_METHOD(CacheFixture, "sources live side by side and an apply touches only its own", "[store][cache]") {
    cache.apply(manifest_of("quan-thanh-xuan", 4, {announcement_item("quan-1"), announcement_item("quan-2")}),
                at("2024-11-21T08:00:00+07:00"));
    cache.apply(manifest_of("phuong-nhan-chinh", 9, {announcement_item("phuong-1")}), at("2024-11-21T09:00:00+07:00"));
    CHECK(item_ids(cache.all_items()) == Ids{"phuong-1", "quan-1", "quan-2"});  // by source id, then feed order

    cache.apply(manifest_of("quan-thanh-xuan", 5, {announcement_item("quan-3")}), at("2024-11-22T08:00:00+07:00"));
    CHECK(item_ids(cache.all_items()) == Ids{"phuong-1", "quan-3"});
    const auto sources = cache.sources();
    REQUIRE(sources.size() == 2);
    CHECK(sources[0].source_id == "phuong-nhan-chinh");
    CHECK(sources[0].version == 9);
    CHECK(sources[0].applied_at == at("2024-11-21T09:00:00+07:00"));
    CHECK(sources[1].source_id == "quan-thanh-xuan");
    CHECK(sources[1].version == 5);
}

TEST_CASE_METHOD(CacheFixture, "the same item id may appear in two sources", "[store][cache]") {
    cache.apply(manifest_of("quan-thanh-xuan", 1, {announcement_item("tet")}), 0);
    cache.apply(manifest_of("phuong-nhan-chinh", 1, {announcement_item("tet")}), 0);
    const auto items = cache.all_items();
    REQUIRE(items.size() == 2);
    CHECK(items[0].source_id == "phuong-nhan-chinh");
    CHECK(items[1].source_id == "quan-thanh-xuan");
}

TEST_CASE_METHOD(CacheFixture, "playable items follow the validity window", "[store][cache][schedule]") {
    core::Item windowed = announcement_item("thang-muoi");
    windowed.schedule.valid_from = at("2024-10-01T00:00:00+07:00");
    windowed.schedule.valid_until = at("2024-10-11T00:00:00+07:00");
    core::Item always = announcement_item("luon-luon");
    cache.apply(manifest_of("quan-thanh-xuan", 1, {windowed, always}), 0);

    const auto playable_at = [&](const char* instant) {
        return item_ids(cache.playable_items(any_kiosk, at(instant), vietnam));
    };
    CHECK(playable_at("2024-09-30T23:59:59+07:00") == Ids{"luon-luon"});
    CHECK(playable_at("2024-10-01T00:00:00+07:00") == Ids{"thang-muoi", "luon-luon"});
    CHECK(playable_at("2024-10-10T12:00:00+07:00") == Ids{"thang-muoi", "luon-luon"});
    CHECK(playable_at("2024-10-11T00:00:00+07:00") == Ids{"luon-luon"});  // valid_until is exclusive
    CHECK(playable_at("2025-03-01T00:00:00+07:00") == Ids{"luon-luon"});
}

TEST_CASE_METHOD(CacheFixture, "playable items follow weekdays and hours in Việt Nam time", "[store][cache][schedule]") {
    core::Item office_hours = announcement_item("gio-hanh-chinh");
    office_hours.schedule.weekdays = 0b0011111;  // Monday to Friday
    office_hours.schedule.hours = {{.from_minute = 7 * 60, .to_minute = 11 * 60 + 30}};
    core::Item weekend = announcement_item("cuoi-tuan");
    weekend.schedule.weekdays = 0b1100000;
    cache.apply(manifest_of("quan-thanh-xuan", 1, {office_hours, weekend}), 0);

    const auto playable_at = [&](const char* instant) {
        return item_ids(cache.playable_items(any_kiosk, at(instant), vietnam));
    };
    // 2024-11-25 is a Monday.
    CHECK(playable_at("2024-11-25T06:59:00+07:00").empty());
    CHECK(playable_at("2024-11-25T07:00:00+07:00") == Ids{"gio-hanh-chinh"});
    CHECK(playable_at("2024-11-25T02:00:00Z") == Ids{"gio-hanh-chinh"});  // 09:00 in Hà Nội
    CHECK(playable_at("2024-11-25T11:30:00+07:00").empty());
    CHECK(playable_at("2024-11-30T09:00:00+07:00") == Ids{"cuoi-tuan"});  // Saturday
    CHECK(playable_at("2024-12-01T23:00:00+07:00") == Ids{"cuoi-tuan"});  // Sunday night
}

TEST_CASE_METHOD(CacheFixture, "playable items follow the audience's sites and tags", "[store][cache][audience]") {
    core::Item for_ward = announcement_item("cho-phuong");
    for_ward.audience.sites = {"phuong-nhan-chinh"};
    core::Item for_schools = announcement_item("cho-truong-hoc");
    for_schools.audience.tags = {"truong-hoc"};
    core::Item for_everyone = announcement_item("cho-moi-nguoi");
    cache.apply(manifest_of("quan-thanh-xuan", 1, {for_ward, for_schools, for_everyone}), 0);

    const core::UnixSeconds now = at("2024-11-25T09:00:00+07:00");
    const core::KioskIdentity ward_hall{.kiosk_id = "k1", .site = "phuong-nhan-chinh", .tags = {"ubnd"}};
    const core::KioskIdentity school{.kiosk_id = "k2", .site = "thcs-khuong-dinh", .tags = {"truong-hoc", "thcs"}};
    const core::KioskIdentity elsewhere{.kiosk_id = "k3", .site = "phuong-khuong-trung", .tags = {}};
    CHECK(item_ids(cache.playable_items(ward_hall, now, vietnam)) == Ids{"cho-phuong", "cho-moi-nguoi"});
    CHECK(item_ids(cache.playable_items(school, now, vietnam)) == Ids{"cho-truong-hoc", "cho-moi-nguoi"});
    CHECK(item_ids(cache.playable_items(elsewhere, now, vietnam)) == Ids{"cho-moi-nguoi"});
}

TEST_CASE_METHOD(CacheFixture, "an apply with a missing media file changes nothing", "[store][cache][failure]") {
    cache.apply(manifest_of("quan-thanh-xuan", 1, {announcement_item("cu")}), at("2024-11-21T08:00:00+07:00"));
    const core::MediaRef absent = media_for(photo_bytes("never stored"));

    try {
        cache.apply(manifest_of("quan-thanh-xuan", 2, {story_item("story-moi", absent.sha256)}, {absent}),
                    at("2024-11-22T08:00:00+07:00"));
        FAIL("apply should refuse a manifest whose media is not stored");
    } catch (const StoreError& error) {
        CHECK_THAT(std::string(error.what()), Contains(absent.sha256));
        CHECK_THAT(std::string(error.what()), Contains("missing"));
        CHECK_THAT(std::string(error.what()), Contains("version 2"));
    }
    const auto state = cache.source_state("quan-thanh-xuan");
    REQUIRE(state);
    CHECK(state->version == 1);
    CHECK(state->applied_at == at("2024-11-21T08:00:00+07:00"));
    CHECK(item_ids(cache.all_items()) == Ids{"cu"});
}

TEST_CASE_METHOD(CacheFixture, "an apply with a media file of the wrong size changes nothing", "[store][cache][failure]") {
    cache.apply(manifest_of("quan-thanh-xuan", 1, {announcement_item("cu")}), 0);
    core::MediaRef photo = stored_media("truncated");
    photo.size_bytes += 10;
    CHECK_THROWS_WITH(cache.apply(manifest_of("quan-thanh-xuan", 2, {story_item("story-moi", photo.sha256)}, {photo}), 0),
                      Contains("expected " + std::to_string(photo.size_bytes)));
    CHECK(item_ids(cache.all_items()) == Ids{"cu"});
}

TEST_CASE_METHOD(CacheFixture, "a failure inside the transaction rolls the whole apply back", "[store][cache][failure]") {
    cache.apply(manifest_of("quan-thanh-xuan", 1, {announcement_item("cu")}), 0);
    // Duplicate ids get past apply's own checks and fail on the UNIQUE constraint,
    // after the old rows of the source have already been deleted in the transaction.
    CHECK_THROWS_AS(cache.apply(manifest_of("quan-thanh-xuan", 2, {announcement_item("trung"), announcement_item("trung")}), 0),
                    StoreError);
    const auto state = cache.source_state("quan-thanh-xuan");
    REQUIRE(state);
    CHECK(state->version == 1);
    CHECK(item_ids(cache.all_items()) == Ids{"cu"});
    // And the cache still works afterwards.
    cache.apply(manifest_of("quan-thanh-xuan", 3, {announcement_item("moi")}), 0);
    CHECK(item_ids(cache.all_items()) == Ids{"moi"});
}

TEST_CASE_METHOD(CacheFixture, "any version may be applied and every apply is recorded", "[store][cache]") {
    cache.apply(manifest_of("quan-thanh-xuan", 5, {announcement_item("nam")}), 100);
    cache.apply(manifest_of("quan-thanh-xuan", 3, {announcement_item("ba")}), 200);
    const auto state = cache.source_state("quan-thanh-xuan");
    REQUIRE(state);
    CHECK(state->version == 3);

    const DatabasePtr database = open_database(cache.database_file());
    Statement history(database.get(), "SELECT version, applied_at FROM applied_versions ORDER BY applied_at");
    REQUIRE(history.step());
    CHECK(history.integer(0) == 5);
    REQUIRE(history.step());
    CHECK(history.integer(0) == 3);
    CHECK_FALSE(history.step());
}

TEST_CASE_METHOD(CacheFixture, "media paths are only ever made from a sha256", "[store][cache]") {
    CHECK_THROWS_AS(cache.media_path("../../etc/passwd"), StoreError);
    CHECK_THROWS_AS(cache.media_path(std::string(64, 'A')), StoreError);  // uppercase is not how we name files
    CHECK_THROWS_AS(cache.media_path(std::string(63, 'a')), StoreError);
    CHECK_NOTHROW(cache.media_path(std::string(64, 'a')));
}

TEST_CASE_METHOD(CacheFixture, "a moved cache keeps working", "[store][cache]") {
    cache.apply(manifest_of("quan-thanh-xuan", 1, {announcement_item("mot")}), 0);
    ContentCache moved = std::move(cache);
    CHECK(item_ids(moved.all_items()) == Ids{"mot"});
}
