#include "core/eligibility.hpp"

#include <algorithm>

namespace bangvang::core {

namespace {

bool contains(const std::vector<std::string>& values, const std::string& wanted) {
    return std::find(values.begin(), values.end(), wanted) != values.end();
}

// A window whose end is before its start runs past midnight ("22:00"–"02:00").
// Equal ends mean the whole day: authors write 00:00–00:00 or 00:00–24:00 for that.
bool is_inside(const HourWindow& window, int minute_of_day) {
    if (window.from_minute < window.to_minute) {
        return minute_of_day >= window.from_minute && minute_of_day < window.to_minute;
    }
    if (window.from_minute == window.to_minute) return true;
    return minute_of_day >= window.from_minute || minute_of_day < window.to_minute;
}

}  // namespace

bool is_in_audience(const Audience& audience, const KioskIdentity& kiosk) {
    if (!audience.sites.empty() && !contains(audience.sites, kiosk.site)) return false;
    if (audience.tags.empty()) return true;
    return std::any_of(kiosk.tags.begin(), kiosk.tags.end(),
                       [&](const std::string& tag) { return contains(audience.tags, tag); });
}

bool is_scheduled_at(const Schedule& schedule, UnixSeconds now, int utc_offset_minutes) {
    if (schedule.valid_from && now < *schedule.valid_from) return false;
    if (schedule.valid_until && now >= *schedule.valid_until) return false;

    const WallClock clock = to_wall_clock(now, utc_offset_minutes);
    // The weekday of a wrapped window's after-midnight part is the day it started on:
    // "Friday 22:00–02:00" still plays at 01:00 on Saturday.
    const auto weekday_allowed = [&](int iso_weekday) { return (schedule.weekdays >> (iso_weekday - 1)) & 1U; };
    if (schedule.hours.empty()) return weekday_allowed(clock.weekday);

    const int minute_of_day = clock.hour * 60 + clock.minute;
    const int previous_weekday = clock.weekday == 1 ? 7 : clock.weekday - 1;
    for (const HourWindow& window : schedule.hours) {
        if (!is_inside(window, minute_of_day)) continue;
        const bool in_after_midnight_part =
            window.to_minute < window.from_minute && minute_of_day < window.to_minute;
        if (weekday_allowed(in_after_midnight_part ? previous_weekday : clock.weekday)) return true;
    }
    return false;
}

bool is_playable(const Item& item, const KioskIdentity& kiosk, UnixSeconds now, int utc_offset_minutes) {
    return is_in_audience(item.audience, kiosk) && is_scheduled_at(item.schedule, now, utc_offset_minutes);
}

}  // namespace bangvang::core
