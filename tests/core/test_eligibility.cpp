#include <catch2/catch.hpp>

#include "core/eligibility.hpp"

using namespace bangvang::core;

namespace {

// Local time in Hà Nội (+07:00) as Unix seconds.
UnixSeconds hanoi(CivilDate date, int hour, int minute) {
    return days_from_civil(date) * 86400 + hour * 3600 + minute * 60 - vietnam_utc_offset_minutes * 60;
}

constexpr CivilDate monday{2024, 11, 25};
constexpr CivilDate friday{2024, 11, 29};
constexpr CivilDate saturday{2024, 11, 30};
constexpr CivilDate sunday{2024, 12, 1};

std::uint8_t weekdays(std::initializer_list<int> iso_days) {
    std::uint8_t mask = 0;
    for (int day : iso_days) mask = static_cast<std::uint8_t>(mask | (1U << (day - 1)));
    return mask;
}

}  // namespace

TEST_CASE("empty schedule plays always", "[eligibility]") {
    const Schedule always;
    CHECK(is_scheduled_at(always, 0, vietnam_utc_offset_minutes));
    CHECK(is_scheduled_at(always, hanoi(sunday, 3, 0), vietnam_utc_offset_minutes));
}

TEST_CASE("validity: from inclusive, until exclusive", "[eligibility]") {
    Schedule schedule;
    schedule.valid_from = hanoi(monday, 8, 0);
    schedule.valid_until = hanoi(friday, 8, 0);
    CHECK_FALSE(is_scheduled_at(schedule, *schedule.valid_from - 1, vietnam_utc_offset_minutes));
    CHECK(is_scheduled_at(schedule, *schedule.valid_from, vietnam_utc_offset_minutes));
    CHECK(is_scheduled_at(schedule, *schedule.valid_until - 1, vietnam_utc_offset_minutes));
    CHECK_FALSE(is_scheduled_at(schedule, *schedule.valid_until, vietnam_utc_offset_minutes));
}

TEST_CASE("weekdays are read on the local wall clock", "[eligibility]") {
    Schedule schedule;
    schedule.weekdays = weekdays({1, 2, 3, 4, 5});
    CHECK(is_scheduled_at(schedule, hanoi(monday, 0, 30), vietnam_utc_offset_minutes));
    CHECK(is_scheduled_at(schedule, hanoi(friday, 23, 59), vietnam_utc_offset_minutes));
    CHECK_FALSE(is_scheduled_at(schedule, hanoi(saturday, 10, 0), vietnam_utc_offset_minutes));
    CHECK_FALSE(is_scheduled_at(schedule, hanoi(sunday, 10, 0), vietnam_utc_offset_minutes));
    // Monday 00:30 in Hà Nội is still Sunday in UTC: the offset decides.
    CHECK_FALSE(is_scheduled_at(schedule, hanoi(monday, 0, 30), 0));
}

TEST_CASE("hour windows: start inclusive, end exclusive, several windows", "[eligibility]") {
    Schedule schedule;
    schedule.hours = {{.from_minute = 7 * 60, .to_minute = 11 * 60 + 30}, {.from_minute = 13 * 60 + 30, .to_minute = 17 * 60}};
    const int offset = vietnam_utc_offset_minutes;
    CHECK_FALSE(is_scheduled_at(schedule, hanoi(monday, 6, 59), offset));
    CHECK(is_scheduled_at(schedule, hanoi(monday, 7, 0), offset));
    CHECK(is_scheduled_at(schedule, hanoi(monday, 11, 29), offset));
    CHECK_FALSE(is_scheduled_at(schedule, hanoi(monday, 11, 30), offset));
    CHECK_FALSE(is_scheduled_at(schedule, hanoi(monday, 12, 0), offset));
    CHECK(is_scheduled_at(schedule, hanoi(monday, 14, 0), offset));
    CHECK_FALSE(is_scheduled_at(schedule, hanoi(monday, 17, 0), offset));

    Schedule until_midnight;
    until_midnight.hours = {{.from_minute = 18 * 60, .to_minute = 24 * 60}};
    CHECK(is_scheduled_at(until_midnight, hanoi(monday, 23, 59), offset));
    CHECK_FALSE(is_scheduled_at(until_midnight, hanoi(monday, 0, 0), offset));
}

TEST_CASE("a window ending before it starts wraps past midnight", "[eligibility]") {
    Schedule schedule;
    schedule.hours = {{.from_minute = 22 * 60, .to_minute = 2 * 60}};
    const int offset = vietnam_utc_offset_minutes;
    CHECK(is_scheduled_at(schedule, hanoi(monday, 22, 0), offset));
    CHECK(is_scheduled_at(schedule, hanoi(monday, 23, 59), offset));
    CHECK(is_scheduled_at(schedule, hanoi(monday, 1, 59), offset));
    CHECK_FALSE(is_scheduled_at(schedule, hanoi(monday, 2, 0), offset));
    CHECK_FALSE(is_scheduled_at(schedule, hanoi(monday, 12, 0), offset));

    // Friday only: the after-midnight part belongs to Friday, so Saturday 01:00 plays
    // and Friday 01:00 (the tail of Thursday night) does not.
    schedule.weekdays = weekdays({5});
    CHECK(is_scheduled_at(schedule, hanoi(friday, 23, 0), offset));
    CHECK(is_scheduled_at(schedule, hanoi(saturday, 1, 0), offset));
    CHECK_FALSE(is_scheduled_at(schedule, hanoi(friday, 1, 0), offset));
    CHECK_FALSE(is_scheduled_at(schedule, hanoi(saturday, 23, 0), offset));

    // Sunday night wraps into Monday morning.
    schedule.weekdays = weekdays({7});
    CHECK(is_scheduled_at(schedule, hanoi(monday, 0, 30), offset));
}

TEST_CASE("audience: empty lists match everyone, otherwise site and any tag", "[eligibility]") {
    const KioskIdentity school{.kiosk_id = "k1", .site = "phuong-nhan-chinh", .tags = {"truong-hoc", "sanh-chinh"}};
    const KioskIdentity hall{.kiosk_id = "k2", .site = "phuong-khuong-trung", .tags = {}};

    CHECK(is_in_audience(Audience{}, school));
    CHECK(is_in_audience(Audience{}, hall));

    const Audience by_site{.sites = {"phuong-nhan-chinh"}, .tags = {}};
    CHECK(is_in_audience(by_site, school));
    CHECK_FALSE(is_in_audience(by_site, hall));

    const Audience by_tag{.sites = {}, .tags = {"nha-van-hoa", "truong-hoc"}};
    CHECK(is_in_audience(by_tag, school));
    CHECK_FALSE(is_in_audience(by_tag, hall));

    const Audience site_and_tag{.sites = {"phuong-nhan-chinh", "phuong-khuong-trung"}, .tags = {"sanh-chinh"}};
    CHECK(is_in_audience(site_and_tag, school));
    CHECK_FALSE(is_in_audience(site_and_tag, hall));
}

TEST_CASE("is_playable needs both audience and schedule", "[eligibility]") {
    Item item;
    item.audience.sites = {"phuong-nhan-chinh"};
    item.schedule.weekdays = weekdays({1});
    const KioskIdentity kiosk{.kiosk_id = "k1", .site = "phuong-nhan-chinh", .tags = {}};
    const KioskIdentity elsewhere{.kiosk_id = "k2", .site = "other", .tags = {}};
    CHECK(is_playable(item, kiosk, hanoi(monday, 9, 0), vietnam_utc_offset_minutes));
    CHECK_FALSE(is_playable(item, kiosk, hanoi(saturday, 9, 0), vietnam_utc_offset_minutes));
    CHECK_FALSE(is_playable(item, elsewhere, hanoi(monday, 9, 0), vietnam_utc_offset_minutes));
}
