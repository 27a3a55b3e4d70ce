#include "kiosk/display_command.hpp"

#include <cerrno>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bangvang::kiosk {

namespace {

constexpr std::size_t kept_output_bytes = 16 * 1024;

// The read end of a pipe, closed however run_command returns.
struct FileDescriptor {
    int fd = -1;
    ~FileDescriptor() {
        if (fd >= 0) ::close(fd);
    }
};

struct SpawnActions {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    SpawnActions() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attributes);
    }
    ~SpawnActions() {
        posix_spawnattr_destroy(&attributes);
        posix_spawn_file_actions_destroy(&actions);
    }
};

std::chrono::milliseconds since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

// Waits for the child to end for up to `grace`; true when it has (and fills `status`).
bool reap(pid_t pid, int& status, std::chrono::milliseconds grace) {
    const auto start = std::chrono::steady_clock::now();
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) return true;
        if (done < 0 && errno != EINTR) return true;  // not our child any more: nothing to wait for
        if (since(start) >= grace) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace

std::string CommandOutcome::describe() const {
    if (!started) return "could not start: " + error;
    const std::string after = " after " + std::to_string(duration.count()) + " ms";
    if (timed_out) return "killed" + after + " (timeout)";
    if (signal != 0) return "ended by signal " + std::to_string(signal) + after;
    return "exit " + std::to_string(exit_status) + after;
}

CommandOutcome run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
    CommandOutcome outcome;
    if (argv.empty() || argv.front().empty()) {
        outcome.error = "no command";
        return outcome;
    }
    int pipe_ends[2];
    if (::pipe2(pipe_ends, O_CLOEXEC) != 0) {
        outcome.error = std::string("pipe: ") + std::strerror(errno);
        return outcome;
    }
    FileDescriptor read_end{pipe_ends[0]};
    FileDescriptor write_end{pipe_ends[1]};

    SpawnActions spawn;
    // The child's stdout and stderr go to the pipe (dup2 clears close-on-exec on them);
    // stdin is /dev/null so that a command never waits for input.
    posix_spawn_file_actions_addopen(&spawn.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&spawn.actions, write_end.fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&spawn.actions, write_end.fd, STDERR_FILENO);
    // Its own process group: a timeout ends the helpers it started too (a script's
    // hung cec-ctl), not only the script.
    posix_spawnattr_setflags(&spawn.attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&spawn.attributes, 0);
    std::vector<char*> arguments;
    for (const std::string& argument : argv) arguments.push_back(const_cast<char*>(argument.c_str()));
    arguments.push_back(nullptr);

    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, arguments[0], &spawn.actions, &spawn.attributes, arguments.data(), environ);
    if (spawned != 0) {
        outcome.error = argv.front() + ": " + std::strerror(spawned);
        return outcome;
    }
    outcome.started = true;
    ::close(write_end.fd);
    write_end.fd = -1;

    // Read until the child closes its end (it exited, or handed the pipe to a
    // grandchild that still runs: the timeout covers both).
    char buffer[4096];
    for (;;) {
        const auto left = timeout - since(start);
        if (left.count() <= 0) {
            outcome.timed_out = true;
            break;
        }
        pollfd waiting{.fd = read_end.fd, .events = POLLIN, .revents = 0};
        const int ready = ::poll(&waiting, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;  // timed out: caught at the top
        const ssize_t got = ::read(read_end.fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        const std::size_t room = kept_output_bytes - std::min(kept_output_bytes, outcome.output.size());
        outcome.output.append(buffer, std::min(room, static_cast<std::size_t>(got)));
    }

    int status = 0;
    bool ended = false;
    if (!outcome.timed_out) {
        const auto left = timeout - since(start);
        ended = reap(pid, status, std::max(left, std::chrono::milliseconds(0)));
        outcome.timed_out = !ended;
    }
    if (!ended) {
        ::kill(-pid, SIGTERM);
        if (!reap(pid, status, std::chrono::seconds(1))) {
            ::kill(-pid, SIGKILL);
            reap(pid, status, std::chrono::seconds(5));
        }
    }
    outcome.duration = since(start);
    if (!outcome.timed_out) {
        if (WIFEXITED(status)) outcome.exit_status = WEXITSTATUS(status);
        if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
    }
    return outcome;
}

}  // namespace bangvang::kiosk
