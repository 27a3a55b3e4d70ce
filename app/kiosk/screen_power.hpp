#pragma once
// The screen schedule at run time: whether the screen should be on now, the config's
// display-off / display-on commands run once per change, and the player's sleep
// outside office hours (nothing drawn; it wakes for SIGTERM, a closed window, Esc/Q,
// the sync's "content changed" and the watchdog, and at the next change).
#include <optional>

#include <SDL.h>

#include "core/clock_time.hpp"
#include "kiosk/kiosk_clock.hpp"
#include "kiosk/screen_schedule_config.hpp"
#include "kiosk/service_notifier.hpp"

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

private:
    ScreenScheduleConfig config_;
    int utc_offset_minutes_;
    std::optional<bool> known_on_;
};

struct ScreenSleepOptions {
    Uint32 content_changed_event = 0;             // 0 = no sync worker
    ServiceNotifier* service_notifier = nullptr;  // pinged while asleep
};

enum class ScreenSleepEnd { hours_began, quit };

struct ScreenSleepResult {
    ScreenSleepEnd end = ScreenSleepEnd::hours_began;
    bool content_changed = false;  // the sync applied something meanwhile
};

// Turns the display off and waits until office hours begin (or a quit). The caller has
// stopped drawing; afterwards it draws its next slide and then turns the display on
// (ScreenPower::turn(true)), so that the screen wakes to a slide, not to black.
ScreenSleepResult sleep_outside_hours(ScreenPower& power, const KioskClock& clock, const ScreenSleepOptions& options);

}  // namespace bangvang::kiosk
