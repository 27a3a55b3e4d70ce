#pragma once
// What both SIGKILL tests share: the kill rounds themselves, starting the real kiosk
// headless, timing one uninterrupted update on this machine at this moment, drawing kill
// moments from that timing, telling where each kill landed relative to the switch to the
// new version, and printing the figures. A fixed kill window does not follow the
// machine: on a loaded one the kiosk never reached the switch inside 2.5 s, so every
// kill landed before it.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace bangvang::kill_testing {

// The kiosk program under test: BANGVANG_KIOSK_BINARY (a kept copy for a long benchmark
// run, a sanitizer build) or this build's; headless, one rotation, in `kiosk_folder`.
struct KioskCommand {
    std::string binary;
    std::string config;
    std::string screens;
};
KioskCommand kiosk_command(const std::filesystem::path& kiosk_folder);

// BANGVANG_KILL_COUNT, or 30 (the ctest run).
int kill_count();

// The ctest run (no BANGVANG_KILL_COUNT) keeps its kill window under 2.5 s, as before the
// window followed the machine, so that it stays short on a loaded one; its uninterrupted
// timing runs still carry each size of update through the switch. A benchmark run
// (BANGVANG_KILL_COUNT set) has no cap.
std::chrono::milliseconds kill_window_cap();

// BANGVANG_KILL_SECONDS: no kill round starts after that many seconds of kill rounds (the
// figures say how many ran), so that a benchmark fits the time a shared machine has; the
// checks at the end run as always. Unset: no limit.
std::optional<std::chrono::seconds> kill_time_budget();

// Starts the kiosk with its output to /dev/null, or its log (stderr) to `log_file`; -1 on failure.
pid_t start_kiosk(const KioskCommand& command, const std::filesystem::path& log_file = {});

// One uninterrupted update as the kiosk takes it now: from exec until its log says it
// applied `version` (the switch: the cache commit), and until it exited.
struct UpdateTiming {
    std::chrono::milliseconds to_switch{0};
    std::chrono::milliseconds to_exit{0};
};

// Runs the kiosk without killing it while `version` is published and waits for the
// switch; then SIGTERM when `stop_after_switch` (a headless kiosk stops after its current
// slide), else waits for it to end. nullopt when it ended without applying `version` or
// took longer than `limit`.
std::optional<UpdateTiming> time_one_update(const KioskCommand& command, const std::filesystem::path& log_file,
                                            std::int64_t version, bool stop_after_switch,
                                            std::chrono::seconds limit = std::chrono::seconds(900));

// Kill moments drawn uniformly over [20 ms, upper].
class KillMoments {
public:
    KillMoments() : random_(std::random_device{}()) {}
    void set_upper(std::chrono::milliseconds upper);
    std::chrono::milliseconds upper() const { return upper_; }
    std::chrono::milliseconds draw();

private:
    std::mt19937 random_;
    std::chrono::milliseconds upper_{2500};
};

// The fault server's request log read from where the last call stopped: how many media
// files were asked for since (GET /media/...). During an update the kiosk asks only for
// the new version's media; the old version's are in its cache.
class RequestLogCursor {
public:
    explicit RequestLogCursor(std::filesystem::path log_file) : file_(std::move(log_file)) {}
    std::size_t media_requests_since_last();

private:
    std::filesystem::path file_;
    std::uintmax_t offset_ = 0;
};

// Where kills landed while a new version was pending: before the kiosk asked for any of
// its media, during the update (media asked for, the old version still in the cache), or
// after the switch (the new version in the cache).
struct KillTally {
    int rounds = 0;
    int delivered = 0;  // SIGKILLs that reached a running kiosk
    int before = 0;
    int during = 0;
    int after = 0;
    int timing_runs = 0;
    // One delivered kill: where it landed.
    void count(bool new_version_in_cache, std::size_t media_requested);
};

// What differs between the kill tests; the rounds themselves (run_kill_rounds) are the same.
struct KillRoundsPlan {
    std::string name;  // the figures' prefix: "kill-update"
    KioskCommand command;
    std::filesystem::path request_log;  // the fault server's
    std::filesystem::path timing_log;   // the kiosk's log in an uninterrupted run
    std::function<std::int64_t()> pending_version;  // published, not yet in the cache
    // Kinds of update timed apart (a large and a small one take very different times),
    // as the figures name them ("large (150 photos) update"), and the kind pending now.
    std::vector<std::string> update_names{"run"};
    std::function<std::size_t()> pending_kind = [] { return std::size_t{0}; };
    // true: an uninterrupted run is stopped after the switch and kills are drawn over
    // 1.5 x its switch; false: it runs to its end, and kills are drawn to its end when later.
    bool stop_after_switch = true;
    // The cache inspected after every run (REQUIREs what must hold after any kill):
    // true when it holds the version pending.
    std::function<bool()> inspect;
    std::function<void()> publish_next;  // after a switch: the next version, pending
};

struct KillRoundsResult {
    KillTally tally;
    int updates_between_kills = 0;  // switches a killed run completed
    int updates = 0;                // in all, with the uninterrupted runs'
    std::chrono::milliseconds longest_window{0};
};

// Up to `kills` rounds, fewer when BANGVANG_KILL_SECONDS runs out. Before the first round
// on a pending version whose kind was not timed yet (or not for retime_every rounds),
// one uninterrupted run of it is timed, which must switch; otherwise the kiosk is
// started and killed at a moment drawn from that timing. After each run the cache is
// inspected; when it holds the pending version, the next is published.
KillRoundsResult run_kill_rounds(const KillRoundsPlan& plan, int kills, int retime_every = 100);

// One `figure: NAME: VALUE UNIT` line on stdout (run.sh and the reports collect them).
void print_figure(const std::string& name, long long value, const std::string& unit);
void print_tally(const std::string& test, const KillTally& tally);
// The kills asked for, the tally, the longest window and the updates.
void print_rounds(const std::string& test, int kills, const KillRoundsResult& result);

}  // namespace bangvang::kill_testing
