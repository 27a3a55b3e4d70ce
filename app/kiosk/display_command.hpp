#pragma once
// Runs the config's display-off / display-on command: an argv array started with
// posix_spawnp (no shell, so nothing in the config is ever parsed by one), its output
// captured and logged, and killed when it outlives its timeout so that a hung CEC
// adapter cannot stall the player (or its watchdog) for long.
#include <chrono>
#include <string>
#include <vector>

namespace bangvang::kiosk {

struct CommandOutcome {
    bool started = false;
    bool timed_out = false;
    int exit_status = -1;     // the exit code; -1 when it did not exit normally
    int signal = 0;           // the signal that ended it, if one did
    std::string output;       // stdout and stderr together, at most 16 KiB
    std::string error;        // why it could not be started
    std::chrono::milliseconds duration{0};

    bool succeeded() const { return started && !timed_out && exit_status == 0; }
    // "exit 0 after 12 ms", "killed after the 10 s timeout", "could not start: …"
    std::string describe() const;
};

// Blocks until the command ends or `timeout` passes (then SIGTERM, and SIGKILL a
// second later). An empty argv is not run.
CommandOutcome run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

}  // namespace bangvang::kiosk
