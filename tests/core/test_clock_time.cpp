#include <catch2/catch.hpp>

#include <limits>

#include "core/clock_time.hpp"

using namespace bangvang::core;

TEST_CASE("days_from_civil and civil_from_days agree with known dates", "[clock_time]") {
    CHECK(days_from_civil({1970, 1, 1}) == 0);
    CHECK(days_from_civil({2000, 3, 1}) == 11017);
    CHECK(days_from_civil({1969, 12, 31}) == -1);
    CHECK(days_from_civil({1954, 10, 10}) == -5562);
    CHECK(civil_from_days(-5562) == CivilDate{1954, 10, 10});
    CHECK(civil_from_days(19722) == CivilDate{2023, 12, 31});
    for (std::int64_t day = -800000; day <= 800000; day += 997) {
        CHECK(days_from_civil(civil_from_days(day)) == day);
    }
}

TEST_CASE("is_valid_date knows month lengths and leap years", "[clock_time]") {
    CHECK(is_valid_date({2024, 2, 29}));
    CHECK_FALSE(is_valid_date({2023, 2, 29}));
    CHECK(is_valid_date({2000, 2, 29}));
    CHECK_FALSE(is_valid_date({1900, 2, 29}));
    CHECK_FALSE(is_valid_date({2024, 4, 31}));
    CHECK_FALSE(is_valid_date({2024, 13, 1}));
    CHECK_FALSE(is_valid_date({2024, 0, 1}));
    CHECK_FALSE(is_valid_date({2024, 1, 0}));
}

TEST_CASE("to_wall_clock applies the UTC offset and the ISO weekday", "[clock_time]") {
    // 2024-11-25T01:30:00Z is Monday 08:30 in Hà Nội.
    const WallClock hanoi = to_wall_clock(1732498200, vietnam_utc_offset_minutes);
    CHECK(hanoi.date == CivilDate{2024, 11, 25});
    CHECK(hanoi.hour == 8);
    CHECK(hanoi.minute == 30);
    CHECK(hanoi.second == 0);
    CHECK(hanoi.weekday == 1);

    const WallClock epoch = to_wall_clock(0, 0);
    CHECK(epoch.weekday == 4);  // Thursday
    const WallClock before_epoch = to_wall_clock(-1, 0);
    CHECK(before_epoch.date == CivilDate{1969, 12, 31});
    CHECK(before_epoch.hour == 23);
    CHECK(before_epoch.second == 59);
    CHECK(before_epoch.weekday == 3);

    // Sunday 17:30Z is already Monday 00:30 at +07:00.
    const WallClock crossing = to_wall_clock(1732469400, vietnam_utc_offset_minutes);
    CHECK(crossing.date == CivilDate{2024, 11, 25});
    CHECK(crossing.weekday == 1);
    CHECK(to_wall_clock(1732469400, 0).weekday == 7);
}

TEST_CASE("an instant beyond the years 0000 to 9999 is written as the nearest end, not overflowed", "[clock_time]") {
    // Found by the report fuzz target (tests/fuzz/regressions/report/instant-at-int64-min).
    CHECK(format_rfc3339(std::numeric_limits<UnixSeconds>::min(), -720) == "0000-01-01T00:00:00-12:00");
    CHECK(format_rfc3339(std::numeric_limits<UnixSeconds>::max(), 840) == "9999-12-31T23:59:59+14:00");
    CHECK(format_rfc3339(std::numeric_limits<UnixSeconds>::max(), 0) == "9999-12-31T23:59:59Z");
}

TEST_CASE("parse_rfc3339 accepts offsets, Z and fractions", "[clock_time]") {
    CHECK(*parse_rfc3339("1970-01-01T00:00:00Z") == 0);
    CHECK(*parse_rfc3339("2024-11-20T08:00:00+07:00") == 1732064400);
    CHECK(*parse_rfc3339("2024-11-20T01:00:00Z") == 1732064400);
    CHECK(*parse_rfc3339("2024-11-19T20:00:00-05:00") == 1732064400);
    CHECK(*parse_rfc3339("2024-11-20t01:00:00z") == 1732064400);
    CHECK(*parse_rfc3339("2024-11-20T01:00:00.123456Z") == 1732064400);
    CHECK(*parse_rfc3339("1954-10-10T00:00:00+07:00") == -5562 * 86400 - 7 * 3600);
}

TEST_CASE("parse_rfc3339 rejects malformed and impossible times", "[clock_time]") {
    for (const char* bad : {"", "2024-11-20", "2024-11-20T08:00+07:00", "2024-11-20T08:00:00",
                            "2024-11-20 08:00:00Z", "2024-13-20T08:00:00Z", "2024-02-30T08:00:00Z",
                            "2024-11-20T25:00:00Z", "2024-11-20T08:60:00Z", "2024-11-20T08:00:00+0700",
                            "2024-11-20T08:00:00+24:00", "2024-11-20T08:00:00.Z", "2024-11-20T08:00:00Zjunk",
                            "24-11-20T08:00:00Z", "2024-1a-20T08:00:00Z"}) {
        INFO(bad);
        const auto parsed = parse_rfc3339(bad);
        REQUIRE_FALSE(parsed.ok());
        CHECK_FALSE(parsed.problem().reason.empty());
    }
    CHECK_THAT(parse_rfc3339("2024-11-20T08:00:00").problem().reason, Catch::Contains("offset"));
    CHECK_THAT(parse_rfc3339("2024-02-30T08:00:00Z").problem().reason, Catch::Contains("calendar"));
}

TEST_CASE("parse_iso_date and parse_hour_minute", "[clock_time]") {
    CHECK(*parse_iso_date("1954-05-07") == CivilDate{1954, 5, 7});
    CHECK_FALSE(parse_iso_date("1954-5-7").ok());
    CHECK_FALSE(parse_iso_date("2023-02-29").ok());
    CHECK_FALSE(parse_iso_date("07/05/1954").ok());
    CHECK(*parse_hour_minute("00:00") == 0);
    CHECK(*parse_hour_minute("07:30") == 450);
    CHECK(*parse_hour_minute("23:59") == 1439);
    CHECK(*parse_hour_minute("24:00") == 1440);
    CHECK_FALSE(parse_hour_minute("24:01").ok());
    CHECK_FALSE(parse_hour_minute("7:30").ok());
    CHECK_FALSE(parse_hour_minute("07:60").ok());
    CHECK_FALSE(parse_hour_minute("07-30").ok());
}

TEST_CASE("format_rfc3339 and format_iso_date round-trip", "[clock_time]") {
    CHECK(format_rfc3339(1732064400, vietnam_utc_offset_minutes) == "2024-11-20T08:00:00+07:00");
    CHECK(format_rfc3339(1732064400, 0) == "2024-11-20T01:00:00Z");
    CHECK(format_rfc3339(1732064400, -330) == "2024-11-19T19:30:00-05:30");
    CHECK(*parse_rfc3339(format_rfc3339(-123456789, 420)) == -123456789);
    CHECK(format_iso_date({1954, 5, 7}) == "1954-05-07");
}
