#include "kill/kill_rounds.hpp"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "support/build_paths.hpp"
#include "support/process.hpp"

extern char** environ;

namespace bangvang::kill_testing {

namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// The log so far holds the line the sync worker writes right after the commit.
bool log_says_applied(const std::filesystem::path& log_file, std::int64_t version) {
    std::ifstream input(log_file);
    std::stringstream text;
    text << input.rdbuf();
    return text.str().find("applied version " + std::to_string(version) + " (") != std::string::npos;
}

}  // namespace

KioskCommand kiosk_command(const std::filesystem::path& kiosk_folder) {
    const char* other = std::getenv("BANGVANG_KIOSK_BINARY");
    return KioskCommand{.binary = other ? other : bangvang::testing::paths::kiosk_program,
                        .config = (kiosk_folder / "kiosk.json").string(),
                        .screens = (kiosk_folder / "screens").string()};
}

int kill_count() {
    const char* count = std::getenv("BANGVANG_KILL_COUNT");
    return count ? std::atoi(count) : 30;
}

std::chrono::milliseconds kill_window_cap() {
    return std::getenv("BANGVANG_KILL_COUNT") ? std::chrono::milliseconds::max() : std::chrono::milliseconds(2500);
}

std::optional<std::chrono::seconds> kill_time_budget() {
    const char* seconds = std::getenv("BANGVANG_KILL_SECONDS");
    if (!seconds || std::atoi(seconds) <= 0) return std::nullopt;
    return std::chrono::seconds(std::atoi(seconds));
}

pid_t start_kiosk(const KioskCommand& command, const std::filesystem::path& log_file) {
    std::vector<char*> arguments{const_cast<char*>(command.binary.c_str()), const_cast<char*>("--config"),
                                 const_cast<char*>(command.config.c_str()), const_cast<char*>("--headless"),
                                 const_cast<char*>(command.screens.c_str()), const_cast<char*>("--once"), nullptr};
    const std::string log_name = log_file.empty() ? std::string("/dev/null") : log_file.string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, log_name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, command.binary.c_str(), &actions, nullptr,
                                    const_cast<char* const*>(arguments.data()), environ);
    posix_spawn_file_actions_destroy(&actions);
    return spawned == 0 ? pid : -1;
}

std::optional<UpdateTiming> time_one_update(const KioskCommand& command, const std::filesystem::path& log_file,
                                            std::int64_t version, bool stop_after_switch, std::chrono::seconds limit) {
    const auto started = Clock::now();
    const pid_t pid = start_kiosk(command, log_file);
    if (pid <= 0) return std::nullopt;
    std::optional<UpdateTiming> timing;
    int status = 0;
    bool ended = false;
    while (since(started) < limit) {
        ended = ::waitpid(pid, &status, WNOHANG) == pid;
        if (log_says_applied(log_file, version)) {
            timing = UpdateTiming{.to_switch = since(started)};
            break;
        }
        if (ended) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!ended) {
        if (!timing || stop_after_switch) ::kill(pid, timing ? SIGTERM : SIGKILL);
        ::waitpid(pid, &status, 0);
    }
    if (timing) timing->to_exit = since(started);
    return timing;
}

void KillMoments::set_upper(std::chrono::milliseconds upper) {
    upper_ = std::clamp(upper, std::chrono::milliseconds(40), kill_window_cap());
}

std::chrono::milliseconds KillMoments::draw() {
    std::uniform_int_distribution<std::int64_t> milliseconds(20, upper_.count());
    return std::chrono::milliseconds(milliseconds(random_));
}

std::size_t RequestLogCursor::media_requests_since_last() {
    std::ifstream input(file_);
    if (!input) return 0;
    input.seekg(static_cast<std::streamoff>(offset_));
    std::size_t requests = 0;
    std::string line;
    // Only whole lines: a line the server is still writing is read next time.
    while (std::getline(input, line) && !input.eof()) {
        offset_ += line.size() + 1;
        if (line.starts_with("/media/")) ++requests;
    }
    return requests;
}

void KillTally::count(bool new_version_in_cache, std::size_t media_requested) {
    if (new_version_in_cache) {
        ++after;
    } else if (media_requested > 0) {
        ++during;
    } else {
        ++before;
    }
}

KillRoundsResult run_kill_rounds(const KillRoundsPlan& plan, int kills, int retime_every) {
    KillRoundsResult result;
    std::vector<std::optional<UpdateTiming>> timing(plan.update_names.size());
    std::vector<int> timed_at(plan.update_names.size(), 0);
    bool untouched = true;  // no kill round has started on the pending version yet
    RequestLogCursor requests(plan.request_log);
    KillMoments moments;
    const auto started = Clock::now();
    const auto budget = kill_time_budget();
    for (int round = 0; round < kills;) {
        if (budget && Clock::now() - started > *budget) break;
        const std::size_t kind = plan.pending_kind();
        const std::int64_t version = plan.pending_version();
        INFO("round " << round << ", version " << version << " pending");
        if (untouched && (!timing[kind] || round - timed_at[kind] >= retime_every)) {
            timing[kind] = time_one_update(plan.command, plan.timing_log, version, plan.stop_after_switch);
            INFO("the kiosk's log:\n" << bangvang::testing::read_file(plan.timing_log));
            REQUIRE(timing[kind]);
            timed_at[kind] = round;
            ++result.tally.timing_runs;
            const std::string what = plan.name + " uninterrupted " + plan.update_names[kind];
            print_figure(what + ", exec to switch", static_cast<long long>(timing[kind]->to_switch.count()), "ms");
            if (!plan.stop_after_switch) {
                print_figure(what + ", exec to exit", static_cast<long long>(timing[kind]->to_exit.count()), "ms");
            }
            requests.media_requests_since_last();
            REQUIRE(plan.inspect());
            ++result.updates;
            plan.publish_next();
            continue;
        }
        const std::chrono::milliseconds past_switch = timing[kind]->to_switch * 3 / 2;
        moments.set_upper(plan.stop_after_switch ? past_switch : std::max(past_switch, timing[kind]->to_exit));
        result.longest_window = std::max(result.longest_window, moments.upper());
        untouched = false;
        const pid_t pid = start_kiosk(plan.command);
        REQUIRE(pid > 0);
        std::this_thread::sleep_for(moments.draw());
        const bool delivered = ::kill(pid, SIGKILL) == 0;
        int status = 0;
        ::waitpid(pid, &status, 0);
        ++result.tally.rounds;
        ++round;
        const bool switched = plan.inspect();
        const std::size_t media_requested = requests.media_requests_since_last();
        if (delivered) {
            ++result.tally.delivered;
            result.tally.count(switched, media_requested);
        }
        if (switched) {
            ++result.updates_between_kills;
            ++result.updates;
            plan.publish_next();
            untouched = true;
        }
    }
    return result;
}

void print_figure(const std::string& name, long long value, const std::string& unit) {
    std::printf("figure: %s: %lld %s\n", name.c_str(), value, unit.c_str());
    std::fflush(stdout);
}

void print_tally(const std::string& test, const KillTally& tally) {
    print_figure(test + " rounds", tally.rounds, "rounds");
    print_figure(test + " kills delivered to a running kiosk", tally.delivered, "kills");
    print_figure(test + " rounds the kiosk ended before its kill", tally.rounds - tally.delivered, "rounds");
    print_figure(test + " kills before the update's first media request", tally.before, "kills");
    print_figure(test + " kills during the update (before the switch)", tally.during, "kills");
    print_figure(test + " kills after the switch to the new version", tally.after, "kills");
    print_figure(test + " uninterrupted timing runs", tally.timing_runs, "runs");
}

void print_rounds(const std::string& test, int kills, const KillRoundsResult& result) {
    print_figure(test + " kills asked for", kills, "kills");
    print_tally(test, result.tally);
    print_figure(test + " longest kill window", static_cast<long long>(result.longest_window.count()), "ms");
    print_figure(test + " updates completed between kills", result.updates_between_kills, "updates");
    print_figure(test + " updates completed in all", result.updates, "updates");
}

}  // namespace bangvang::kill_testing
