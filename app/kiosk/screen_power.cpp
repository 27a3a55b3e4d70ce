#include "kiosk/screen_power.hpp"

#include <algorithm>
#include <sstream>

#include "kiosk/display_command.hpp"
#include "kiosk/event_wait.hpp"
#include "kiosk/log.hpp"

namespace bangvang::kiosk {

namespace {

// Asleep, the kiosk still looks at the clock now and then: a wall clock set forward
// by NTP after boot must not leave the screen dark until a stale deadline.
constexpr core::UnixSeconds longest_sleep_seconds = 60;

std::string quoted_command(const std::vector<std::string>& argv) {
    std::string text;
    for (const std::string& argument : argv) text += (text.empty() ? "" : " ") + argument;
    return text;
}

void log_output(const std::string& output) {
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) log(LogLevel::info, "screen", "  " + line);
    }
}

}  // namespace

ScreenPower::ScreenPower(ScreenScheduleConfig config, int utc_offset_minutes)
    : config_(std::move(config)), utc_offset_minutes_(utc_offset_minutes) {}

bool ScreenPower::should_be_on(core::UnixSeconds now) const {
    return !config_.hours || core::is_screen_on(*config_.hours, now, utc_offset_minutes_);
}

std::optional<core::UnixSeconds> ScreenPower::next_change(core::UnixSeconds now) const {
    if (!config_.hours) return std::nullopt;
    return core::next_screen_change(*config_.hours, now, utc_offset_minutes_);
}

void ScreenPower::turn(bool on) {
    if (!scheduled() || known_on_ == on) return;
    known_on_ = on;
    const std::vector<std::string>& command = on ? config_.display_on_command : config_.display_off_command;
    const char* name = on ? "display on" : "display off";
    if (command.empty()) {
        log(LogLevel::info, "screen", std::string(name) + " (no command configured)");
        return;
    }
    const CommandOutcome outcome =
        run_command(command, std::chrono::seconds(config_.command_timeout_seconds));
    log(outcome.succeeded() ? LogLevel::info : LogLevel::warning, "screen",
        std::string(name) + ": " + quoted_command(command) + ": " + outcome.describe());
    log_output(outcome.output);
}

ScreenSleepResult sleep_outside_hours(ScreenPower& power, const KioskClock& clock, const ScreenSleepOptions& options) {
    ScreenSleepResult result;
    const auto change = power.next_change(clock.now());
    log(LogLevel::info, "screen",
        "outside office hours: not drawing" +
            (change ? " until " + core::format_rfc3339(*change, power.utc_offset_minutes()) : std::string(" (no office hours this week)")));
    power.turn(false);
    while (!power.should_be_on(clock.now())) {
        const core::UnixSeconds now = clock.now();
        const auto next = power.next_change(now);
        core::UnixSeconds seconds = next ? std::clamp<core::UnixSeconds>(*next - now, 0, longest_sleep_seconds)
                                         : longest_sleep_seconds;
        Uint64 wait = Uint64(seconds) * 1000;
        // Land just after the change rather than just before it.
        if (next) wait += 20;
        const auto watchdog = options.service_notifier ? options.service_notifier->watchdog_interval() : std::nullopt;
        if (watchdog) wait = std::min<Uint64>(wait, Uint64(watchdog->count()) / 2);

        SDL_Event event;
        bool got_event = wait_for_event(event, static_cast<Uint32>(std::max<Uint64>(wait, 1)));
        if (options.service_notifier) options.service_notifier->watchdog_ping();
        while (got_event) {
            if (options.content_changed_event != 0 && event.type == options.content_changed_event) {
                result.content_changed = true;
            }
            if (event.type == SDL_QUIT ||
                (event.type == SDL_KEYDOWN && (event.key.keysym.sym == SDLK_ESCAPE || event.key.keysym.sym == SDLK_q))) {
                log(LogLevel::info, "screen", "stopping while the screen is off");
                result.end = ScreenSleepEnd::quit;
                return result;
            }
            got_event = SDL_PollEvent(&event) == 1;
        }
    }
    log(LogLevel::info, "screen", "office hours begin: drawing again");
    return result;
}

}  // namespace bangvang::kiosk
