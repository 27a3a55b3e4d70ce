#pragma once
// One line per event on stderr, with a level and the component that speaks;
// journald adds the time and keeps the history.
#include <string_view>

namespace bangvang::kiosk {

enum class LogLevel { debug, info, warning, error };

void log(LogLevel level, std::string_view component, std::string_view message);

}  // namespace bangvang::kiosk
