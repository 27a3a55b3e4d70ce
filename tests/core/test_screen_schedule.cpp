// The screen schedule over a simulated week: office hours per weekday, several
// intervals a day, empty days, midnight, and times that are refused.
#include <catch2/catch.hpp>

#include "core/screen_schedule.hpp"

using namespace bangvang::core;

namespace {

constexpr int hanoi = vietnam_utc_offset_minutes;

// Monday 2024-11-25 at hh:mm in Hà Nội, plus `day` days.
UnixSeconds hanoi_time(int day, int hour, int minute, int second = 0) {
    return days_from_civil({2024, 11, 25}) * 86400 + day * 86400 + hour * 3600 + minute * 60 + second -
           hanoi * 60;
}

ScreenInterval interval(const char* from, const char* to) {
    auto made = make_screen_interval(from, to, "screen_schedule.hours");
    REQUIRE(made.ok());
    return *made;
}

// Mon–Fri 07:00–11:30 and 13:30–17:30, Saturday 07:00–11:30, Sunday off.
ScreenSchedule ward_office() {
    ScreenSchedule schedule;
    for (int day = 0; day < 5; ++day) schedule.days[day] = {interval("07:00", "11:30"), interval("13:30", "17:30")};
    schedule.days[5] = {interval("07:00", "11:30")};
    return schedule;
}

}  // namespace

TEST_CASE("office hours switch the screen on and off at their edges", "[screen_schedule]") {
    const ScreenSchedule schedule = ward_office();
    CHECK_FALSE(is_screen_on(schedule, hanoi_time(0, 6, 59, 59), hanoi));
    CHECK(is_screen_on(schedule, hanoi_time(0, 7, 0), hanoi));
    CHECK(is_screen_on(schedule, hanoi_time(0, 11, 29, 59), hanoi));
    CHECK_FALSE(is_screen_on(schedule, hanoi_time(0, 11, 30), hanoi));  // "to" is exclusive
    CHECK_FALSE(is_screen_on(schedule, hanoi_time(0, 12, 45), hanoi));  // lunch
    CHECK(is_screen_on(schedule, hanoi_time(0, 13, 30), hanoi));
    CHECK_FALSE(is_screen_on(schedule, hanoi_time(0, 17, 30), hanoi));
    CHECK(is_screen_on(schedule, hanoi_time(5, 9, 0), hanoi));        // Saturday morning
    CHECK_FALSE(is_screen_on(schedule, hanoi_time(5, 14, 0), hanoi));  // Saturday afternoon
    CHECK_FALSE(is_screen_on(schedule, hanoi_time(6, 9, 0), hanoi));   // Sunday

    CHECK(next_screen_change(schedule, hanoi_time(0, 6, 0), hanoi) == hanoi_time(0, 7, 0));
    CHECK(next_screen_change(schedule, hanoi_time(0, 7, 0), hanoi) == hanoi_time(0, 11, 30));
    CHECK(next_screen_change(schedule, hanoi_time(0, 11, 30), hanoi) == hanoi_time(0, 13, 30));
    // Friday evening: next on is Saturday 07:00; Saturday noon: Monday 07:00, over an empty Sunday.
    CHECK(next_screen_change(schedule, hanoi_time(4, 17, 30), hanoi) == hanoi_time(5, 7, 0));
    CHECK(next_screen_change(schedule, hanoi_time(5, 11, 30), hanoi) == hanoi_time(7, 7, 0));
    CHECK(next_screen_change(schedule, hanoi_time(6, 23, 59, 59), hanoi) == hanoi_time(7, 7, 0));
}

TEST_CASE("a simulated week minute by minute agrees with the next change", "[screen_schedule]") {
    const ScreenSchedule schedule = ward_office();
    int on_minutes = 0;
    int changes = 0;
    UnixSeconds expected_change = *next_screen_change(schedule, hanoi_time(0, 0, 0), hanoi);
    bool previous = is_screen_on(schedule, hanoi_time(0, 0, 0), hanoi);
    for (int minute = 1; minute < 7 * 24 * 60; ++minute) {
        const UnixSeconds now = hanoi_time(0, 0, 0) + minute * 60;
        const bool on = is_screen_on(schedule, now, hanoi);
        if (on) ++on_minutes;
        if (on != previous) {
            ++changes;
            INFO("minute " << minute);
            REQUIRE(now == expected_change);
            expected_change = *next_screen_change(schedule, now, hanoi);
        } else {
            REQUIRE(expected_change > now);
        }
        previous = on;
    }
    CHECK(on_minutes == 5 * (8 * 60 + 30) + 4 * 60 + 30);  // 8 h 30 a weekday, 4 h 30 on Saturday
    CHECK(changes == 5 * 4 + 2);
}

TEST_CASE("hours through midnight join across days, and 24:00 ends a day", "[screen_schedule]") {
    ScreenSchedule schedule;
    schedule.days[0] = {interval("22:00", "24:00")};  // Monday night …
    schedule.days[1] = {interval("00:00", "06:00")};  // … into Tuesday morning
    CHECK(is_screen_on(schedule, hanoi_time(0, 23, 59, 59), hanoi));
    CHECK(is_screen_on(schedule, hanoi_time(1, 0, 0), hanoi));
    CHECK(next_screen_change(schedule, hanoi_time(0, 22, 0), hanoi) == hanoi_time(1, 6, 0));  // not midnight
    CHECK(next_screen_change(schedule, hanoi_time(1, 6, 0), hanoi) == hanoi_time(7, 22, 0));
}

TEST_CASE("overlapping intervals are on in their union", "[screen_schedule]") {
    ScreenSchedule schedule;
    schedule.days[2] = {interval("08:00", "12:00"), interval("11:00", "14:00")};
    CHECK(next_screen_change(schedule, hanoi_time(2, 8, 0), hanoi) == hanoi_time(2, 14, 0));
}

TEST_CASE("a schedule that never changes has no next change", "[screen_schedule]") {
    ScreenSchedule always_on;
    for (auto& day : always_on.days) day = {interval("00:00", "24:00")};
    CHECK(is_screen_on(always_on, hanoi_time(3, 3, 3), hanoi));
    CHECK_FALSE(next_screen_change(always_on, hanoi_time(3, 3, 3), hanoi).has_value());

    ScreenSchedule always_off;
    CHECK_FALSE(is_screen_on(always_off, hanoi_time(3, 3, 3), hanoi));
    CHECK_FALSE(next_screen_change(always_off, hanoi_time(3, 3, 3), hanoi).has_value());
}

TEST_CASE("the weekday is read on the kiosk's wall clock, not in UTC", "[screen_schedule]") {
    ScreenSchedule schedule;
    schedule.days[0] = {interval("00:00", "07:00")};  // Monday before 07:00 Hà Nội = Sunday in UTC
    CHECK(is_screen_on(schedule, hanoi_time(0, 3, 0), hanoi));
    CHECK_FALSE(is_screen_on(schedule, hanoi_time(0, 3, 0), 0));
}

TEST_CASE("invalid times are refused with a problem naming the field", "[screen_schedule]") {
    auto check_refused = [](const char* from, const char* to, const std::string& field, const std::string& words) {
        auto made = make_screen_interval(from, to, "screen_schedule.hours.mon[1]");
        INFO(from << " - " << to);
        REQUIRE_FALSE(made.ok());
        CHECK(made.problem().field == field);
        CHECK_THAT(made.problem().reason, Catch::Contains(words));
    };
    check_refused("7:00", "17:30", "screen_schedule.hours.mon[1].from", "HH:MM");
    check_refused("07:00", "25:00", "screen_schedule.hours.mon[1].to", "between 00:00 and 24:00");
    check_refused("07:60", "17:30", "screen_schedule.hours.mon[1].from", "between 00:00 and 24:00");
    check_refused("17:30", "07:00", "screen_schedule.hours.mon[1].to", "must be after");
    check_refused("08:00", "08:00", "screen_schedule.hours.mon[1].to", "must be after");
    check_refused("24:00", "24:00", "screen_schedule.hours.mon[1].from", "24:00");
    check_refused("", "17:30", "screen_schedule.hours.mon[1].from", "HH:MM");
}
