#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "core/clock_time.hpp"

namespace bangvang::kiosk {

struct CommandLine {
    std::filesystem::path config_file;
    std::optional<std::filesystem::path> headless_directory;
    bool once = false;
    bool windowed = false;
    std::optional<core::UnixSeconds> start_at;
};

// Returns the parsed options, or nullopt after printing help or an error
// (`exit_code` then says how the process should end).
std::optional<CommandLine> parse_command_line(int argc, char** argv, int& exit_code);

}  // namespace bangvang::kiosk
