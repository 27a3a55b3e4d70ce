#include "kiosk/log.hpp"

#include <cstdio>
#include <string>

namespace bangvang::kiosk {

namespace {
std::string_view level_name(LogLevel level) {
    switch (level) {
        case LogLevel::debug: return "debug";
        case LogLevel::info: return "info";
        case LogLevel::warning: return "warning";
        case LogLevel::error: return "error";
    }
    return "info";
}
}  // namespace

void log(LogLevel level, std::string_view component, std::string_view message) {
    // One fprintf per line so that lines from different threads never interleave.
    std::string line = "bangvang[" + std::string(level_name(level)) + "] " + std::string(component) + ": " +
                       std::string(message) + "\n";
    std::fputs(line.c_str(), stderr);
}

}  // namespace bangvang::kiosk
