#include "kiosk/command_line.hpp"

#include <CLI/CLI.hpp>

namespace bangvang::kiosk {

std::optional<CommandLine> parse_command_line(int argc, char** argv, int& exit_code) {
    CLI::App app{"bangvang: the kiosk player. Plays the cached feeds named in its config."};
    CommandLine options;
    std::string headless;
    std::string start_at;
    // A technician checks what is installed with --version alone, without a config.
    app.set_version_flag("--version", "bangvang " BANGVANG_VERSION_TEXT);
    app.add_option("--config", options.config_file, "kiosk config file (JSON)")->required();
    app.add_option("--headless", headless, "draw without a window and write one PNG per slide to this folder");
    app.add_flag("--once", options.once, "stop after one full rotation");
    app.add_flag("--windowed", options.windowed, "open a window instead of full screen");
    app.add_option("--now", start_at, "start the kiosk's clock at this RFC 3339 instant");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        exit_code = app.exit(error);
        return std::nullopt;
    }
    if (!headless.empty()) options.headless_directory = headless;
    if (!start_at.empty()) {
        auto instant = core::parse_rfc3339(start_at);
        if (!instant) {
            std::fprintf(stderr, "bangvang: --now %s: %s\n", start_at.c_str(), instant.problem().reason.c_str());
            exit_code = 2;
            return std::nullopt;
        }
        options.start_at = *instant;
    }
    return options;
}

}  // namespace bangvang::kiosk
