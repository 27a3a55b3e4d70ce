#pragma once
// Dates as a Vietnamese reader expects them on screen.
#include <string>

#include "clock_time.hpp"

namespace bangvang::core {

// "Thứ Hai", …, "Chủ Nhật"
std::string vietnamese_weekday(int iso_weekday);
// "Thứ Hai, 25/11/2024"
std::string vietnamese_long_date(const WallClock& clock);
// "07/5/1954" style used in official documents is "07/5/1954"; we print "07/05/1954".
std::string vietnamese_short_date(CivilDate date);

// For a commemoration: "Còn 12 ngày" before the date, "Hôm nay" on it,
// "70 năm" (years since the original event) on and after the anniversary.
struct Countdown {
    std::int64_t days_until = 0;  // negative once passed
    int years_since_origin = 0;
    std::string label;            // ready to draw
};
Countdown commemoration_countdown(CivilDate today, CivilDate anniversary, CivilDate origin);

}  // namespace bangvang::core
