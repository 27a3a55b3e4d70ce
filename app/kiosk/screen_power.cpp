#include "kiosk/screen_power.hpp"

#include <algorithm>
#include <sstream>

#include "kiosk/display_command.hpp"
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

std::chrono::milliseconds ScreenPower::wait_while_off(core::UnixSeconds now) const {
    const auto next = next_change(now);
    const core::UnixSeconds seconds =
        next ? std::clamp<core::UnixSeconds>(*next - now, 0, longest_sleep_seconds) : longest_sleep_seconds;
    // Land just after the change rather than just before it.
    return std::chrono::milliseconds(seconds * 1000 + (next ? 20 : 0));
}

void ScreenPower::log_going_dark(core::UnixSeconds now) const {
    const auto change = next_change(now);
    log(LogLevel::info, "screen",
        "outside office hours: not drawing" +
            (change ? " until " + core::format_rfc3339(*change, utc_offset_minutes_) : std::string(" (no office hours this week)")));
}

}  // namespace bangvang::kiosk
