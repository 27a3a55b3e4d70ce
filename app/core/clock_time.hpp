#pragma once
// Time as the feed and the scheduler see it: Unix seconds, plus the kiosk's fixed
// UTC offset for wall-clock questions (Việt Nam has had no daylight saving since
// 1975, so a fixed offset is exact and keeps core free of the tz database).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "result.hpp"

namespace bangvang::core {

using UnixSeconds = std::int64_t;

inline constexpr int vietnam_utc_offset_minutes = 7 * 60;

// The wall clock as read, and whether a time service vouches for it. A Pi has no battery
// clock: until NTP answers it may still say the image's build date, and then no rule may
// refuse or flag anything for being expired (README "The clock"). Plain seconds convert to
// a synchronised reading, so code and tests with a known time stay as they were.
struct ClockReading {
    ClockReading(UnixSeconds seconds_, bool synchronized_ = true) : seconds(seconds_), synchronized(synchronized_) {}
    UnixSeconds seconds;
    bool synchronized;
    // `instant` has passed, as far as this clock can tell: never while unsynchronised.
    bool has_passed(UnixSeconds instant) const { return synchronized && instant <= seconds; }
};

struct CivilDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    auto operator<=>(const CivilDate&) const = default;
};

struct WallClock {
    CivilDate date;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int weekday = 1;  // ISO: 1 = Monday … 7 = Sunday
};

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(CivilDate date);
CivilDate civil_from_days(std::int64_t days);
bool is_valid_date(CivilDate date);

// Instants before year 0000 or after 9999 read as the first or last second of that range.
WallClock to_wall_clock(UnixSeconds instant, int utc_offset_minutes);

// "2024-05-07T08:00:00+07:00" or "...Z"; seconds and offset required.
Result<UnixSeconds> parse_rfc3339(std::string_view text);
// "2024-05-07"
Result<CivilDate> parse_iso_date(std::string_view text);
// "07:30" -> minutes since midnight; "24:00" allowed as an end of day.
Result<int> parse_hour_minute(std::string_view text);

std::string format_rfc3339(UnixSeconds instant, int utc_offset_minutes);
std::string format_iso_date(CivilDate date);

}  // namespace bangvang::core
