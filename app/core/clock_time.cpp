#include "core/clock_time.hpp"

#include <algorithm>
#include <cstdio>

namespace bangvang::core {

namespace {

constexpr std::int64_t seconds_per_day = 86400;

std::int64_t floor_divide(std::int64_t numerator, std::int64_t denominator) {
    std::int64_t quotient = numerator / denominator;
    if ((numerator % denominator != 0) && ((numerator < 0) != (denominator < 0))) --quotient;
    return quotient;
}

bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap_year(year)) return 29;
    return lengths[month - 1];
}

// Reads exactly `count` ASCII digits starting at `position`; nullopt otherwise.
std::optional<int> read_digits(std::string_view text, std::size_t position, std::size_t count) {
    if (position + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t index = position; index < position + count; ++index) {
        const char character = text[index];
        if (character < '0' || character > '9') return std::nullopt;
        value = value * 10 + (character - '0');
    }
    return value;
}

// The reason quotes the text, with anything that is not printable ASCII shown as '?':
// the input is untrusted and the reason ends up in logs and on the status screen.
Problem time_problem(std::string_view text, std::string reason) {
    std::string shown;
    for (char character : text.substr(0, 40)) {
        const bool printable = character >= 0x20 && character < 0x7f && character != '"';
        shown += printable ? character : '?';
    }
    if (text.size() > 40) shown += "...";
    return Problem{.where = "", .field = "", .reason = "\"" + shown + "\" " + std::move(reason)};
}

}  // namespace

std::int64_t days_from_civil(CivilDate date) {
    const std::int64_t year = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
    const std::int64_t era = floor_divide(year, 400);
    const std::int64_t year_of_era = year - era * 400;                                   // [0, 399]
    const std::int64_t month_from_march = (date.month + 9) % 12;                        // [0, 11]
    const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;    // [0, 365]
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = floor_divide(days, 146097);
    const std::int64_t day_of_era = days - era * 146097;                                             // [0, 146096]
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;          // [0, 399]
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;                              // [0, 11]
    const std::int64_t day = day_of_year - (153 * month_from_march + 2) / 5 + 1;                    // [1, 31]
    const std::int64_t month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9; // [1, 12]
    const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return CivilDate{.year = static_cast<int>(year), .month = static_cast<int>(month), .day = static_cast<int>(day)};
}

bool is_valid_date(CivilDate date) {
    if (date.month < 1 || date.month > 12) return false;
    return date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

WallClock to_wall_clock(UnixSeconds instant, int utc_offset_minutes) {
    // Years 0000 to 9999 (what RFC 3339 can write); an instant outside, which only a
    // damaged record holds, reads as the nearest end instead of overflowing.
    constexpr UnixSeconds first_second = -62'167'219'200;  // 0000-01-01T00:00:00
    constexpr UnixSeconds last_second = 253'402'300'799;   // 9999-12-31T23:59:59
    const std::int64_t local = std::clamp(std::clamp(instant, first_second, last_second) +
                                              static_cast<std::int64_t>(utc_offset_minutes) * 60,
                                          first_second, last_second);
    const std::int64_t days = floor_divide(local, seconds_per_day);
    const std::int64_t second_of_day = local - days * seconds_per_day;
    WallClock clock;
    clock.date = civil_from_days(days);
    clock.hour = static_cast<int>(second_of_day / 3600);
    clock.minute = static_cast<int>(second_of_day / 60 % 60);
    clock.second = static_cast<int>(second_of_day % 60);
    // 1970-01-01 was a Thursday (ISO 4).
    clock.weekday = static_cast<int>((days + 3) - floor_divide(days + 3, 7) * 7) + 1;
    return clock;
}

Result<CivilDate> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return time_problem(text, "is not a date of the form YYYY-MM-DD");
    }
    const auto year = read_digits(text, 0, 4);
    const auto month = read_digits(text, 5, 2);
    const auto day = read_digits(text, 8, 2);
    if (!year || !month || !day) return time_problem(text, "is not a date of the form YYYY-MM-DD");
    const CivilDate date{.year = *year, .month = *month, .day = *day};
    if (!is_valid_date(date)) return time_problem(text, "is not a real calendar date");
    return date;
}

Result<UnixSeconds> parse_rfc3339(std::string_view text) {
    constexpr std::string_view expected_shape = "is not an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS with Z or ±HH:MM)";
    if (text.size() < 19) return time_problem(text, std::string(expected_shape));
    auto date = parse_iso_date(text.substr(0, 10));
    if (!date) {
        if (read_digits(text, 0, 4) && text[4] == '-' && read_digits(text, 5, 2) && text[7] == '-' &&
            read_digits(text, 8, 2)) {
            return time_problem(text, "is not a real calendar date");
        }
        return time_problem(text, std::string(expected_shape));
    }
    const char separator = text[10];
    if (separator != 'T' && separator != 't') return time_problem(text, std::string(expected_shape));
    const auto hour = read_digits(text, 11, 2);
    const auto minute = read_digits(text, 14, 2);
    const auto second = read_digits(text, 17, 2);
    if (!hour || !minute || !second || text[13] != ':' || text[16] != ':') {
        return time_problem(text, std::string(expected_shape));
    }
    // 60 would be a leap second; accept it and fold it into the next minute like POSIX time does.
    if (*hour > 23 || *minute > 59 || *second > 60) return time_problem(text, "has an hour, minute or second out of range");

    std::size_t position = 19;
    if (position < text.size() && text[position] == '.') {
        ++position;
        const std::size_t fraction_start = position;
        while (position < text.size() && text[position] >= '0' && text[position] <= '9') ++position;
        if (position == fraction_start) return time_problem(text, std::string(expected_shape));
    }
    if (position >= text.size()) return time_problem(text, "has no UTC offset (add Z or ±HH:MM)");

    int offset_minutes = 0;
    const char zone = text[position];
    if (zone == 'Z' || zone == 'z') {
        ++position;
    } else if (zone == '+' || zone == '-') {
        const auto offset_hours = read_digits(text, position + 1, 2);
        const auto offset_rest = read_digits(text, position + 4, 2);
        if (!offset_hours || !offset_rest || position + 3 >= text.size() || text[position + 3] != ':') {
            return time_problem(text, std::string(expected_shape));
        }
        if (*offset_hours > 23 || *offset_rest > 59) return time_problem(text, "has a UTC offset out of range");
        offset_minutes = (*offset_hours * 60 + *offset_rest) * (zone == '-' ? -1 : 1);
        position += 6;
    } else {
        return time_problem(text, "has no UTC offset (add Z or ±HH:MM)");
    }
    if (position != text.size()) return time_problem(text, "has trailing characters after the UTC offset");

    const std::int64_t local_seconds = days_from_civil(*date) * seconds_per_day + *hour * 3600 + *minute * 60 + *second;
    return local_seconds - static_cast<std::int64_t>(offset_minutes) * 60;
}

Result<int> parse_hour_minute(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return time_problem(text, "is not a time of day of the form HH:MM");
    const auto hour = read_digits(text, 0, 2);
    const auto minute = read_digits(text, 3, 2);
    if (!hour || !minute) return time_problem(text, "is not a time of day of the form HH:MM");
    if (*minute > 59 || *hour > 24 || (*hour == 24 && *minute != 0)) {
        return time_problem(text, "is not between 00:00 and 24:00");
    }
    return *hour * 60 + *minute;
}

std::string format_rfc3339(UnixSeconds instant, int utc_offset_minutes) {
    const WallClock clock = to_wall_clock(instant, utc_offset_minutes);
    char buffer[48];
    if (utc_offset_minutes == 0) {
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", clock.date.year, clock.date.month,
                      clock.date.day, clock.hour, clock.minute, clock.second);
    } else {
        const int magnitude = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", clock.date.year,
                      clock.date.month, clock.date.day, clock.hour, clock.minute, clock.second,
                      utc_offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
    }
    return buffer;
}

std::string format_iso_date(CivilDate date) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buffer;
}

}  // namespace bangvang::core
