#include "core/vietnamese_dates.hpp"

#include <array>
#include <cstdio>

namespace bangvang::core {

std::string vietnamese_weekday(int iso_weekday) {
    static constexpr std::array<const char*, 7> names = {"Thứ Hai", "Thứ Ba",  "Thứ Tư",  "Thứ Năm",
                                                          "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"};
    if (iso_weekday < 1 || iso_weekday > 7) return {};
    return names[static_cast<std::size_t>(iso_weekday - 1)];
}

std::string vietnamese_short_date(CivilDate date) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", date.day, date.month, date.year);
    return buffer;
}

std::string vietnamese_long_date(const WallClock& clock) {
    return vietnamese_weekday(clock.weekday) + ", " + vietnamese_short_date(clock.date);
}

Countdown commemoration_countdown(CivilDate today, CivilDate anniversary, CivilDate origin) {
    Countdown countdown;
    countdown.days_until = days_from_civil(anniversary) - days_from_civil(today);
    countdown.years_since_origin = anniversary.year - origin.year;
    if (countdown.days_until > 0) {
        countdown.label = "Còn " + std::to_string(countdown.days_until) + " ngày";
    } else if (countdown.days_until == 0) {
        countdown.label = "Hôm nay";
    } else {
        countdown.label = std::to_string(countdown.years_since_origin) + " năm";
    }
    return countdown;
}

}  // namespace bangvang::core
