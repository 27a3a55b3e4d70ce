#pragma once
// When the kiosk's screen is on: office hours per weekday, several intervals a day
// (Mon–Fri 07:00–17:30, Sat 07:00–11:30, Sunday off). Outside them the player stops
// drawing and turns the display off. Pure: the kiosk config parses the file, this
// answers "on at this instant?" and "when does that change next?".
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock_time.hpp"
#include "core/result.hpp"

namespace bangvang::core {

// [from, to) in minutes since local midnight; 0 <= from < to <= 24 * 60.
struct ScreenInterval {
    int from_minute = 0;
    int to_minute = 24 * 60;
    bool operator==(const ScreenInterval&) const = default;
};

struct ScreenSchedule {
    // Index 0 = Monday … 6 = Sunday (ISO weekday - 1). A day with no interval is off
    // all day; intervals may touch or overlap (the screen is on in their union), and an
    // interval ending at 24:00 joins one starting at 00:00 the next day.
    std::array<std::vector<ScreenInterval>, 7> days;
};

// "07:00", "17:30" -> an interval; the problem names `field` ("…[0]") and says why:
// not HH:MM, outside 00:00–24:00, or not ending after it starts (a night shift across
// midnight is two intervals, one on each day).
Result<ScreenInterval> make_screen_interval(std::string_view from, std::string_view to, const std::string& field);

// Is the screen on at `now` on the wall clock at `utc_offset_minutes`?
bool is_screen_on(const ScreenSchedule& schedule, UnixSeconds now, int utc_offset_minutes);

// The first instant after `now` at which is_screen_on() gives the other answer;
// nullopt when it never does (on all week, or off all week).
std::optional<UnixSeconds> next_screen_change(const ScreenSchedule& schedule, UnixSeconds now,
                                              int utc_offset_minutes);

}  // namespace bangvang::core
