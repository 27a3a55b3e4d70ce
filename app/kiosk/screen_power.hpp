#pragma once
// The screen schedule at run time: whether the screen should be on now, the config's
// display-off / display-on commands run once per change, and how long the player may
// wait outside office hours before it looks at the clock again. The sleep itself is a
// state of the player's one event loop (player_loop.cpp: nothing drawn; it wakes for
// SIGTERM, a closed window, Esc/Q, the sync's "content changed", the watchdog, and at
// the next change).
#include <chrono>
#include <optional>

#include "core/clock_time.hpp"
#include "kiosk/screen_schedule_config.hpp"

namespace bangvang::kiosk {

class ScreenPower {
public:
    ScreenPower(ScreenScheduleConfig config, int utc_offset_minutes);

    // No hours in the config: always on, and no command ever runs.
    bool scheduled() const { return config_.hours.has_value(); }
    bool should_be_on(core::UnixSeconds now) const;
    std::optional<core::UnixSeconds> next_change(core::UnixSeconds now) const;
    int utc_offset_minutes() const { return utc_offset_minutes_; }

    // Runs display-on or display-off unless the screen is known to be in that state
    // already (at start it is not known, so the first call always runs its command:
    // a kiosk restarted in the morning turns on a screen its last run turned off).
    void turn(bool on);

    // Outside office hours: until just after the next change, and at most a minute (a wall
    // clock set forward by NTP after boot must not leave the screen dark until a stale deadline).
    std::chrono::milliseconds wait_while_off(core::UnixSeconds now) const;
    // "outside office hours: not drawing until …", logged as the screen goes dark.
    void log_going_dark(core::UnixSeconds now) const;

private:
    ScreenScheduleConfig config_;
    int utc_offset_minutes_;
    std::optional<bool> known_on_;
};

}  // namespace bangvang::kiosk
