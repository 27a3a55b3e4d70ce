#include "kiosk/screen_schedule_config.hpp"

#include <array>

namespace bangvang::kiosk {

using core::Problem;
using Json = nlohmann::json;

namespace {

constexpr std::array<std::string_view, 7> day_names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::optional<std::size_t> day_index(std::string_view name) {
    for (std::size_t index = 0; index < day_names.size(); ++index) {
        if (day_names[index] == name) return index;
    }
    return std::nullopt;
}

// "mon" -> {0, 0}; "mon-fri" -> {0, 4}; nullopt for anything else (or "fri-mon").
std::optional<std::pair<std::size_t, std::size_t>> day_range(std::string_view key) {
    const auto dash = key.find('-');
    if (dash == std::string_view::npos) {
        auto day = day_index(key);
        if (!day) return std::nullopt;
        return std::pair{*day, *day};
    }
    auto first = day_index(key.substr(0, dash));
    auto last = day_index(key.substr(dash + 1));
    if (!first || !last || *first > *last) return std::nullopt;
    return std::pair{*first, *last};
}

void read_command(const core::JsonFieldReader& reader, const Json& object, const char* key,
                  std::vector<std::string>& command) {
    const std::string field = std::string("screen_schedule.") + key;
    auto found = object.find(key);
    if (found == object.end()) return;
    if (!found->is_array() || found->empty() || found->size() > 32) {
        reader.reject(field, "must be an array of 1 to 32 strings: the program and its arguments (no shell)");
    }
    for (std::size_t index = 0; index < found->size(); ++index) {
        const Json& argument = (*found)[index];
        if (!argument.is_string() || argument.get_ref<const std::string&>().find('\0') != std::string::npos) {
            reader.reject(core::element_path(field, index), "must be a string");
        }
        command.push_back(argument.get<std::string>());
    }
    if (command.front().empty()) reader.reject(field + "[0]", "must name a program");
}

// One day's (or range's) intervals: [{"from": "HH:MM", "to": "HH:MM"}, ...].
std::vector<core::ScreenInterval> read_intervals(const core::JsonFieldReader& reader, const Json& intervals,
                                                 const std::string& field) {
    if (!intervals.is_array()) reader.reject(field, "must be an array of {\"from\": \"HH:MM\", \"to\": \"HH:MM\"}");
    std::vector<core::ScreenInterval> day;
    for (std::size_t index = 0; index < intervals.size(); ++index) {
        const std::string interval_field = core::element_path(field, index);
        const Json& interval = intervals[index];
        auto from = interval.is_object() ? interval.find("from") : interval.end();
        auto to = interval.is_object() ? interval.find("to") : interval.end();
        if (!interval.is_object() || from == interval.end() || to == interval.end() || !from->is_string() ||
            !to->is_string()) {
            reader.reject(interval_field, "must be {\"from\": \"HH:MM\", \"to\": \"HH:MM\"}");
        }
        auto made = core::make_screen_interval(from->get_ref<const std::string&>(), to->get_ref<const std::string&>(),
                                               interval_field);
        if (!made) reader.reject(made.problem().field, made.problem().reason);
        day.push_back(*made);
    }
    return day;
}

core::ScreenSchedule read_hours(const core::JsonFieldReader& reader, const Json& value) {
    auto hours = value.find("hours");
    if (hours == value.end()) {
        reader.reject("screen_schedule.hours",
                      "is missing: name the days and hours the screen is on, e.g. {\"mon-fri\": "
                      "[{\"from\": \"07:00\", \"to\": \"17:30\"}]}");
    }
    if (!hours->is_object()) reader.reject("screen_schedule.hours", "must be an object of days");
    core::ScreenSchedule schedule;
    std::array<std::string, 7> named_by{};
    for (const auto& [key, intervals] : hours->items()) {
        const std::string field = "screen_schedule.hours." + key;
        auto range = day_range(key);
        if (!range) {
            reader.reject(field, "is not a day: use mon, tue, wed, thu, fri, sat, sun or a range like mon-fri");
        }
        std::vector<core::ScreenInterval> day = read_intervals(reader, intervals, field);
        for (std::size_t index = range->first; index <= range->second; ++index) {
            if (!named_by[index].empty()) {
                reader.reject(field, "names " + std::string(day_names[index]) + " again (already in \"" +
                                         named_by[index] + "\")");
            }
            named_by[index] = key;
            schedule.days[index] = day;
        }
    }
    return schedule;
}

}  // namespace

ScreenScheduleConfig read_screen_schedule(const core::JsonFieldReader& reader, const Json& value) {
    if (!value.is_object()) reader.reject("screen_schedule", "must be an object");
    ScreenScheduleConfig config;
    config.hours = read_hours(reader, value);
    read_command(reader, value, "display_off_command", config.display_off_command);
    read_command(reader, value, "display_on_command", config.display_on_command);
    if (auto timeout = value.find("command_timeout_seconds"); timeout != value.end()) {
        // The player waits for the command on its main loop; systemd's watchdog restarts a
        // kiosk silent for 30 s, and the last ping may be 15 s old when the command starts.
        if (!timeout->is_number_integer() || timeout->get<long long>() < 1 || timeout->get<long long>() > 10) {
            reader.reject("screen_schedule.command_timeout_seconds",
                          "must be a whole number from 1 to 10 (the watchdog restarts a kiosk silent for 30 s)");
        }
        config.command_timeout_seconds = timeout->get<int>();
    }
    return config;
}

core::Result<ScreenScheduleConfig> parse_screen_schedule(const Json& value, std::string_view origin) {
    const core::JsonFieldReader reader{std::string(origin)};
    return core::read_fields([&] { return read_screen_schedule(reader, value); });
}

}  // namespace bangvang::kiosk
