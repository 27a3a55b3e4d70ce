#pragma once
// The "screen_schedule" member of the kiosk config (README "Configuring a kiosk"):
//   "screen_schedule": {
//     "hours": {"mon-fri": [{"from": "07:00", "to": "17:30"}], "sat": [{"from": "07:00", "to": "11:30"}]},
//     "display_off_command": ["/usr/libexec/bangvang/display-power", "off"],
//     "display_on_command": ["/usr/libexec/bangvang/display-power", "on"],
//     "command_timeout_seconds": 10 }   (1 to 10)
// Days are mon tue wed thu fri sat sun, or a range "mon-fri"; a day not named is off.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_field_reader.hpp"
#include "core/result.hpp"
#include "core/screen_schedule.hpp"

namespace bangvang::kiosk {

struct ScreenScheduleConfig {
    std::optional<core::ScreenSchedule> hours{};     // none: the screen is always on
    std::vector<std::string> display_off_command{};  // argv; empty = only stop drawing
    std::vector<std::string> display_on_command{};
    int command_timeout_seconds = 10;
};

// `value` is the member's JSON; problems name "screen_schedule.…" and come from `origin`.
core::Result<ScreenScheduleConfig> parse_screen_schedule(const nlohmann::json& value, std::string_view origin);
// The same inside parse_kiosk_config: a problem is thrown by `reader` (core::RejectedInput).
ScreenScheduleConfig read_screen_schedule(const core::JsonFieldReader& reader, const nlohmann::json& value);

}  // namespace bangvang::kiosk
