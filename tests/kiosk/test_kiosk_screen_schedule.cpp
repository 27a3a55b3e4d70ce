// The real `bangvang` with office hours: outside them it stops drawing and runs the
// config's display-off command, and display-on when they begin. The commands touch
// files; `--now` puts the kiosk's clock a few seconds before a change.
#include <catch2/catch.hpp>

#include "support/process.hpp"
#include "support/build_paths.hpp"

using bangvang::testing::run_process;
using bangvang::testing::ScratchDirectory;
using bangvang::testing::shell_quote;
using bangvang::testing::write_file;

namespace {

const std::string kiosk_binary = bangvang::testing::paths::kiosk_program;

// Nothing to play is fine here: the waiting slide is drawn like any other.
void write_config(const std::filesystem::path& scratch) {
    const std::string off = (scratch / "display-off").string();
    const std::string on = (scratch / "display-on").string();
    write_file(scratch / "kiosk.json", R"({"kiosk_id": "k1", "site": "phuong-nhan-chinh", "cache_directory": "cache",
      "screen": {"width": 800, "height": 480, "transition_milliseconds": 0},
      "screen_schedule": {"hours": {"mon": [{"from": "09:00", "to": "17:00"}]},
        "display_off_command": ["touch", ")" + off + R"("],
        "display_on_command": ["touch", ")" + on + R"("]}})");
}

// Runs the windowed player (offscreen driver) from `now` for `seconds`, then SIGTERM.
bangvang::testing::ProcessResult run_for(const std::filesystem::path& scratch, const std::string& now, int seconds) {
    return run_process("SDL_VIDEODRIVER=offscreen " + shell_quote(kiosk_binary) + " --config " +
                           shell_quote((scratch / "kiosk.json").string()) + " --windowed --now " + now +
                           " & player=$!; sleep " + std::to_string(seconds) + "; kill -TERM $player; wait $player",
                       scratch / "run");
}

}  // namespace

TEST_CASE("outside office hours the display is turned off, and on when they begin", "[kiosk][integration][screen]") {
    ScratchDirectory scratch("kiosk-screen-schedule");
    write_config(scratch.path());

    SECTION("started before hours: off at once, on at 09:00") {
        auto run = run_for(scratch.path(), "2024-11-25T08:59:57+07:00", 5);
        INFO(run.standard_error);
        CHECK(run.exit_code == 0);
        CHECK(std::filesystem::exists(scratch.path() / "display-off"));
        CHECK(std::filesystem::exists(scratch.path() / "display-on"));
        const auto off = run.standard_error.find("display off: touch");
        const auto on = run.standard_error.find("display on: touch");
        REQUIRE(off != std::string::npos);
        REQUIRE(on != std::string::npos);
        CHECK(off < on);
        CHECK_THAT(run.standard_error, Catch::Contains("until 2024-11-25T09:00:00+07:00"));
    }
    SECTION("started in hours: on at once, off at 17:00, and SIGTERM while off ends it cleanly") {
        auto run = run_for(scratch.path(), "2024-11-25T16:59:57+07:00", 5);
        INFO(run.standard_error);
        CHECK(run.exit_code == 0);
        const auto on = run.standard_error.find("display on: touch");
        const auto off = run.standard_error.find("display off: touch");
        REQUIRE(on != std::string::npos);
        REQUIRE(off != std::string::npos);
        CHECK(on < off);
        // Next Monday 09:00 in Hà Nội: the whole week is off but that morning.
        CHECK_THAT(run.standard_error, Catch::Contains("until 2024-12-02T09:00:00+07:00"));
        CHECK_THAT(run.standard_error, Catch::Contains("stopping while the screen is off"));
    }
}
