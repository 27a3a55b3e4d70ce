#include "core/screen_schedule.hpp"

#include <algorithm>

namespace bangvang::core {

namespace {

constexpr std::int64_t seconds_per_day = 86400;
constexpr int days_per_week = 7;

std::int64_t floor_divide(std::int64_t numerator, std::int64_t denominator) {
    std::int64_t quotient = numerator / denominator;
    if ((numerator % denominator != 0) && ((numerator < 0) != (denominator < 0))) --quotient;
    return quotient;
}

// Local days since 1970-01-01 and seconds into that day.
struct LocalInstant {
    std::int64_t day = 0;
    std::int64_t second_of_day = 0;
};

LocalInstant local_instant(UnixSeconds instant, int utc_offset_minutes) {
    const std::int64_t local = instant + std::int64_t{utc_offset_minutes} * 60;
    const std::int64_t day = floor_divide(local, seconds_per_day);
    return {day, local - day * seconds_per_day};
}

// 1970-01-01 was a Thursday: index 3 when Monday is 0.
std::size_t weekday_index(std::int64_t local_day) {
    return static_cast<std::size_t>(((local_day + 3) % days_per_week + days_per_week) % days_per_week);
}

bool on_at(const ScreenSchedule& schedule, LocalInstant at) {
    for (const ScreenInterval& interval : schedule.days[weekday_index(at.day)]) {
        if (at.second_of_day >= std::int64_t{interval.from_minute} * 60 &&
            at.second_of_day < std::int64_t{interval.to_minute} * 60) {
            return true;
        }
    }
    return false;
}

}  // namespace

Result<ScreenInterval> make_screen_interval(std::string_view from, std::string_view to, const std::string& field) {
    auto from_minute = parse_hour_minute(from);
    if (!from_minute) return Problem{"", field + ".from", from_minute.problem().reason};
    auto to_minute = parse_hour_minute(to);
    if (!to_minute) return Problem{"", field + ".to", to_minute.problem().reason};
    if (*from_minute == 24 * 60) return Problem{"", field + ".from", "cannot be 24:00 (the day is over)"};
    if (*to_minute <= *from_minute) {
        return Problem{"", field + ".to",
                       "must be after \"from\" (" + std::string(from) + "); hours across midnight are two "
                       "intervals, one ending at 24:00 and one starting at 00:00 the next day"};
    }
    return ScreenInterval{*from_minute, *to_minute};
}

bool is_screen_on(const ScreenSchedule& schedule, UnixSeconds now, int utc_offset_minutes) {
    return on_at(schedule, local_instant(now, utc_offset_minutes));
}

std::optional<UnixSeconds> next_screen_change(const ScreenSchedule& schedule, UnixSeconds now,
                                              int utc_offset_minutes) {
    // The answer can only change at an interval's edge or at local midnight; between
    // two such instants it is constant. So the first candidate after `now` whose
    // answer differs from now's is the next change. Eight days cover a whole week
    // from any starting point.
    const LocalInstant start = local_instant(now, utc_offset_minutes);
    const bool on_now = on_at(schedule, start);
    const UnixSeconds start_of_today = now - start.second_of_day;
    std::vector<UnixSeconds> candidates;
    for (std::int64_t day_offset = 0; day_offset <= days_per_week; ++day_offset) {
        const UnixSeconds midnight = start_of_today + day_offset * seconds_per_day;
        candidates.push_back(midnight);
        for (const ScreenInterval& interval : schedule.days[weekday_index(start.day + day_offset)]) {
            candidates.push_back(midnight + std::int64_t{interval.from_minute} * 60);
            candidates.push_back(midnight + std::int64_t{interval.to_minute} * 60);
        }
    }
    std::sort(candidates.begin(), candidates.end());
    for (UnixSeconds candidate : candidates) {
        if (candidate <= now) continue;
        if (on_at(schedule, local_instant(candidate, utc_offset_minutes)) != on_now) return candidate;
    }
    return std::nullopt;
}

}  // namespace bangvang::core
