// The screen schedule's config member, and the display commands it runs.
#include <catch2/catch.hpp>

#include <signal.h>

#include <thread>

#include "kiosk/display_command.hpp"
#include "kiosk/screen_power.hpp"
#include "kiosk/kiosk_config.hpp"
#include "kiosk/screen_schedule_config.hpp"
#include "support/process.hpp"

using namespace bangvang;
using bangvang::testing::ScratchDirectory;

namespace {

core::Result<kiosk::ScreenScheduleConfig> parse(const std::string& json) {
    return kiosk::parse_screen_schedule(nlohmann::json::parse(json), "kiosk.json");
}

void check_refused(const std::string& json, const std::string& field, const std::string& words) {
    auto parsed = parse(json);
    INFO(json);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.problem().where == "kiosk.json");
    CHECK(parsed.problem().field == field);
    CHECK_THAT(parsed.problem().reason, Catch::Contains(words));
}

}  // namespace

TEST_CASE("office hours are read per day and per range of days", "[kiosk][screen]") {
    auto parsed = parse(R"({"hours": {
        "mon-fri": [{"from": "07:00", "to": "11:30"}, {"from": "13:30", "to": "17:30"}],
        "sat": [{"from": "07:00", "to": "11:30"}], "sun": []},
      "display_off_command": ["/usr/libexec/bangvang/display-power", "off"],
      "display_on_command": ["display-power", "on"], "command_timeout_seconds": 5})");
    REQUIRE(parsed.ok());
    REQUIRE(parsed->hours);
    const core::ScreenSchedule& hours = *parsed->hours;
    for (int day = 0; day < 5; ++day) {
        CHECK(hours.days[day] == std::vector<core::ScreenInterval>{{7 * 60, 11 * 60 + 30}, {13 * 60 + 30, 17 * 60 + 30}});
    }
    CHECK(hours.days[5] == std::vector<core::ScreenInterval>{{7 * 60, 11 * 60 + 30}});
    CHECK(hours.days[6].empty());
    CHECK(parsed->display_off_command == std::vector<std::string>{"/usr/libexec/bangvang/display-power", "off"});
    CHECK(parsed->display_on_command == std::vector<std::string>{"display-power", "on"});
    CHECK(parsed->command_timeout_seconds == 5);
}

TEST_CASE("a day left out of the hours is off", "[kiosk][screen]") {
    auto parsed = parse(R"({"hours": {"wed": [{"from": "08:00", "to": "09:00"}]}})");
    REQUIRE(parsed.ok());
    CHECK(parsed->hours->days[0].empty());
    CHECK(parsed->hours->days[2].size() == 1);
    CHECK(parsed->display_off_command.empty());
    CHECK(parsed->command_timeout_seconds == 10);
}

TEST_CASE("mistakes in the screen schedule are refused naming the field", "[kiosk][screen]") {
    check_refused(R"({"display_off_command": ["x"]})", "screen_schedule.hours", "is missing");
    check_refused(R"({"hours": {"monday": []}})", "screen_schedule.hours.monday", "is not a day");
    check_refused(R"({"hours": {"fri-mon": []}})", "screen_schedule.hours.fri-mon", "is not a day");
    check_refused(R"({"hours": {"mon-fri": [], "wed": []}})", "screen_schedule.hours.wed", "names wed again");
    check_refused(R"({"hours": {"mon": [{"from": "07:00", "to": "25:00"}]}})", "screen_schedule.hours.mon[0].to",
                  "between 00:00 and 24:00");
    check_refused(R"({"hours": {"mon": [{"from": "8:00", "to": "17:00"}]}})", "screen_schedule.hours.mon[0].from",
                  "HH:MM");
    check_refused(R"({"hours": {"sat": [{"from": "07:00", "to": "11:30"}, {"from": "17:00", "to": "08:00"}]}})",
                  "screen_schedule.hours.sat[1].to", "must be after");
    check_refused(R"({"hours": {"mon": ["07:00-17:00"]}})", "screen_schedule.hours.mon[0]", "\"from\"");
    check_refused(R"({"hours": {}, "display_off_command": "display-power off"})", "screen_schedule.display_off_command",
                  "array");
    check_refused(R"({"hours": {}, "display_on_command": [""]})", "screen_schedule.display_on_command[0]",
                  "program");
    check_refused(R"({"hours": {}, "command_timeout_seconds": 0})", "screen_schedule.command_timeout_seconds",
                  "1 to 10");
    check_refused(R"([1])", "screen_schedule", "object");
}

TEST_CASE("display commands run without a shell, with their output and a timeout", "[kiosk][screen]") {
    using namespace std::chrono_literals;
    SECTION("exit status and output") {
        auto outcome = kiosk::run_command({"sh", "-c", "echo screen off; echo oops >&2; exit 3"}, 5s);
        CHECK(outcome.started);
        CHECK_FALSE(outcome.succeeded());
        CHECK(outcome.exit_status == 3);
        CHECK(outcome.output == "screen off\noops\n");
        CHECK_THAT(outcome.describe(), Catch::StartsWith("exit 3 after"));
    }
    SECTION("arguments reach the program as they are: no shell reads them") {
        ScratchDirectory scratch("display-command");
        const auto file = scratch.path() / "a file; rm -rf *";
        auto outcome = kiosk::run_command({"touch", file.string()}, 5s);
        CHECK(outcome.succeeded());
        CHECK(std::filesystem::exists(file));
    }
    SECTION("a program that does not exist") {
        auto outcome = kiosk::run_command({"/nonexistent/display-power", "off"}, 5s);
        CHECK_FALSE(outcome.started);
        CHECK_THAT(outcome.describe(), Catch::Contains("could not start") && Catch::Contains("/nonexistent"));
    }
    SECTION("a hung command is killed at its timeout") {
        const auto start = std::chrono::steady_clock::now();
        auto outcome = kiosk::run_command({"sleep", "30"}, 300ms);
        CHECK(outcome.timed_out);
        CHECK_FALSE(outcome.succeeded());
        CHECK(std::chrono::steady_clock::now() - start < 3s);
        CHECK_THAT(outcome.describe(), Catch::Contains("timeout"));
    }
    SECTION("a command that leaves a child holding its output still ends at its timeout") {
        const auto start = std::chrono::steady_clock::now();
        ScratchDirectory scratch("display-command-group");
        const auto pid_file = scratch.path() / "pid";
        auto outcome = kiosk::run_command(
            {"sh", "-c", "sleep 30 & echo $! > '" + pid_file.string() + "'; echo started"}, 500ms);
        CHECK(std::chrono::steady_clock::now() - start < 3s);
        CHECK_THAT(outcome.output, Catch::Contains("started"));
        CHECK(outcome.timed_out);
        // The helper it left behind was ended with it (its process group).
        const int helper = std::stoi(bangvang::testing::read_file(pid_file));
        bool gone = false;
        for (int attempt = 0; attempt < 100 && !gone; ++attempt) {
            gone = ::kill(helper, 0) != 0 || bangvang::testing::read_file("/proc/" + std::to_string(helper) + "/stat")
                                                     .find(") Z") != std::string::npos;
            if (!gone) std::this_thread::sleep_for(10ms);
        }
        CHECK(gone);
    }
}

TEST_CASE("the screen's commands run once per change, the first one always", "[kiosk][screen]") {
    ScratchDirectory scratch("screen-power");
    auto config = parse(R"({"hours": {"mon-sun": [{"from": "07:00", "to": "17:00"}]},
        "display_off_command": ["sh", "-c", "echo off >> )" + (scratch.path() / "log").string() + R"("],
        "display_on_command": ["sh", "-c", "echo on >> )" + (scratch.path() / "log").string() + R"("]})");
    REQUIRE(config.ok());
    kiosk::ScreenPower power(*config, core::vietnam_utc_offset_minutes);
    CHECK(power.scheduled());
    power.turn(true);
    power.turn(true);
    power.turn(false);
    power.turn(false);
    power.turn(true);
    CHECK(bangvang::testing::read_file(scratch.path() / "log") == "on\noff\non\n");

    kiosk::ScreenPower always_on(kiosk::ScreenScheduleConfig{}, core::vietnam_utc_offset_minutes);
    CHECK_FALSE(always_on.scheduled());
    CHECK(always_on.should_be_on(0));
    CHECK_FALSE(always_on.next_change(0));
}

TEST_CASE("the kiosk config carries the screen schedule, and without one the screen is always on", "[kiosk][screen]") {
    const std::string base = R"({"kiosk_id": "k1", "site": "s", "cache_directory": "cache")";
    auto without = kiosk::parse_kiosk_config(base + "}", "kiosk.json", "/etc/bangvang");
    REQUIRE(without.ok());
    CHECK_FALSE(without->screen_schedule.hours);

    auto with = kiosk::parse_kiosk_config(
        base + R"(, "screen_schedule": {"hours": {"sat": [{"from": "07:00", "to": "11:30"}]},
                   "display_off_command": ["/usr/libexec/bangvang/display-power", "off"]}})",
        "kiosk.json", "/etc/bangvang");
    REQUIRE(with.ok());
    REQUIRE(with->screen_schedule.hours);
    CHECK(with->screen_schedule.hours->days[5].size() == 1);
    CHECK(with->screen_schedule.display_off_command.size() == 2);

    auto mistaken = kiosk::parse_kiosk_config(
        base + R"(, "screen_schedule": {"hours": {"sat": [{"from": "11:30", "to": "07:00"}]}}})", "kiosk.json",
        "/etc/bangvang");
    REQUIRE_FALSE(mistaken.ok());
    CHECK(mistaken.problem().message() ==
          "kiosk.json: field \"screen_schedule.hours.sat[0].to\": must be after \"from\" (11:30); hours across "
          "midnight are two intervals, one ending at 24:00 and one starting at 00:00 the next day");
}
