#include <catch2/catch.hpp>

#include "core/vietnamese_dates.hpp"

using namespace bangvang::core;

TEST_CASE("Vietnamese weekday names", "[vietnamese_dates]") {
    CHECK(vietnamese_weekday(1) == "Thứ Hai");
    CHECK(vietnamese_weekday(2) == "Thứ Ba");
    CHECK(vietnamese_weekday(3) == "Thứ Tư");
    CHECK(vietnamese_weekday(4) == "Thứ Năm");
    CHECK(vietnamese_weekday(5) == "Thứ Sáu");
    CHECK(vietnamese_weekday(6) == "Thứ Bảy");
    CHECK(vietnamese_weekday(7) == "Chủ Nhật");
    CHECK(vietnamese_weekday(0).empty());
    CHECK(vietnamese_weekday(8).empty());
}

TEST_CASE("Vietnamese long and short dates", "[vietnamese_dates]") {
    CHECK(vietnamese_long_date(to_wall_clock(1732498200, vietnam_utc_offset_minutes)) == "Thứ Hai, 25/11/2024");
    CHECK(vietnamese_long_date(to_wall_clock(1732469400 - 3600, vietnam_utc_offset_minutes)) == "Chủ Nhật, 24/11/2024");
    CHECK(vietnamese_short_date({1954, 5, 7}) == "07/05/1954");
    CHECK(vietnamese_short_date({2024, 12, 22}) == "22/12/2024");
}

TEST_CASE("commemoration countdown before, on and after the anniversary", "[vietnamese_dates]") {
    const CivilDate origin{1954, 10, 10};
    const CivilDate anniversary{2024, 10, 10};

    const Countdown before = commemoration_countdown({2024, 9, 28}, anniversary, origin);
    CHECK(before.days_until == 12);
    CHECK(before.years_since_origin == 70);
    CHECK(before.label == "Còn 12 ngày");

    const Countdown across_year = commemoration_countdown({2023, 12, 31}, {2024, 1, 1}, {1930, 1, 1});
    CHECK(across_year.label == "Còn 1 ngày");

    const Countdown today = commemoration_countdown(anniversary, anniversary, origin);
    CHECK(today.days_until == 0);
    CHECK(today.label == "Hôm nay");

    const Countdown after = commemoration_countdown({2024, 10, 15}, anniversary, origin);
    CHECK(after.days_until == -5);
    CHECK(after.years_since_origin == 70);
    CHECK(after.label == "70 năm");
}
