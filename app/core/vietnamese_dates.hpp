#pragma once
// Dates as a Vietnamese reader expects them on screen.
#include <cstdint>
#include <string>

#include "clock_time.hpp"

namespace bangvang::core {

// "Thứ Hai", …, "Chủ Nhật"
std::string vietnamese_weekday(int iso_weekday);
// "Thứ Hai, 25/11/2024"
std::string vietnamese_long_date(const WallClock& clock);
// "07/05/1954": day and month always two digits, so columns of dates line up.
std::string vietnamese_short_date(CivilDate date);

// For a commemoration, the label drawn next to the event:
//   before the anniversary: "Còn 12 ngày"  (days_until > 0)
//   on the anniversary day: "Hôm nay"      (days_until == 0)
//   after it:               "70 năm"       (days_until < 0; years = anniversary.year - origin.year)
// years_since_origin is filled in every case so a slide can also say "kỷ niệm 70 năm".
struct Countdown {
    std::int64_t days_until = 0;  // negative once passed
    int years_since_origin = 0;
    std::string label;            // ready to draw
};
Countdown commemoration_countdown(CivilDate today, CivilDate anniversary, CivilDate origin);

}  // namespace bangvang::core
