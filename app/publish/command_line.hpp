#pragma once
// bangvang-publish's command line: its seven commands, their options and help in
// Vietnamese, and mistakes explained in Vietnamese (CLI11 says them in English).
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "publish/feed_builder.hpp"
#include "publish/feed_push.hpp"

namespace bangvang::publish {

struct KeygenCommand {
    std::filesystem::path key_name;  // FOLDER/NAME of NAME.secret and NAME.public
};
struct InitCommand {
    std::filesystem::path directory;
};
struct ValidateCommand {
    std::filesystem::path directory;
    bool skip_text_check = false;  // --no-text-check
};
struct PreviewCommand {
    std::filesystem::path source_directory;
    std::filesystem::path output_directory;
    std::vector<std::string> shapes;
    std::string site;
    std::vector<std::string> tags;
    std::string place_name;
    std::string at;  // RFC 3339; empty: now
    std::filesystem::path theme_file;
};
struct BuildCommand {
    BuildOptions options;
    bool skip_text_check = false;  // --no-text-check
};
struct PushCommand {
    PushOptions options;
};
struct StatusCommand {
    std::string target;
};

using PublishCommand =
    std::variant<KeygenCommand, InitCommand, ValidateCommand, PreviewCommand, BuildCommand, PushCommand, StatusCommand>;

// The command asked for, or the exit code after help was printed or the command line
// was refused (the reason already on stderr).
std::variant<PublishCommand, int> parse_command_line(int argc, char** argv);

}  // namespace bangvang::publish
