// The kiosk's full-screen window under X11 (full_screen_window.hpp) on a real Xvfb:
// without a window manager it covers the display without being made full-screen (SDL's
// wait for a window manager, 100 ms of every start, never begins); with one announced the
// way EWMH window managers do, it is made full-screen as before.
#include <catch2/catch.hpp>

#if __has_include(<X11/Xlib.h>)
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "kiosk/full_screen_window.hpp"
#include "render/sdl_handles.hpp"

using namespace bangvang;

namespace {

bool xvfb_installed() { return std::system("command -v Xvfb >/dev/null 2>&1") == 0; }

// An Xvfb of 1024x768 on a display number it picks itself (-displayfd); stopped on destruction.
class Xvfb {
public:
    Xvfb() {
        int pipe_ends[2];
        REQUIRE(pipe(pipe_ends) == 0);
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            close(pipe_ends[0]);
            const int null = open("/dev/null", O_WRONLY);
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
            const std::string fd = std::to_string(pipe_ends[1]);
            // -noreset: by default Xvfb resets when its last client leaves, and refuses
            // connections while it does, so the test's first client failed after the probe
            // below had left (36 of 40 runs on a busy machine).
            execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "1024x768x24", "-nolisten", "tcp",
                   "-noreset", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(pipe_ends[1]);
        // The number, then a newline in a write of its own: the pipe stays open until that
        // came (closed earlier, Xvfb's second write fails and it exits).
        std::string number;
        for (char c = 0; read(pipe_ends[0], &c, 1) == 1 && c != '\n';) number += c;
        close(pipe_ends[0]);
        REQUIRE_FALSE(number.empty());
        name_ = ":" + number;
        // Ready once a client gets in (10 s at most).
        for (int attempt = 0; attempt < 200; ++attempt) {
            if (Display* probe = XOpenDisplay(name_.c_str())) {
                XCloseDisplay(probe);
                return;
            }
            usleep(50'000);
        }
        FAIL("Xvfb " << name_ << " accepted no client within 10 s");
    }
    ~Xvfb() {
        kill(pid_, SIGTERM);
        waitpid(pid_, nullptr, 0);
    }
    Xvfb(const Xvfb&) = delete;
    Xvfb& operator=(const Xvfb&) = delete;
    const std::string& name() const { return name_; }

private:
    pid_t pid_ = -1;
    std::string name_;
};

// What a window manager does to be found (EWMH): a window of its own whose
// _NET_SUPPORTING_WM_CHECK names itself, named by the root window's too.
class AnnouncedWindowManager {
public:
    explicit AnnouncedWindowManager(const std::string& display_name) : display_(XOpenDisplay(display_name.c_str())) {
        REQUIRE(display_);
        const Window root = DefaultRootWindow(display_);
        window_ = XCreateSimpleWindow(display_, root, 0, 0, 1, 1, 0, 0, 0);
        const Atom check = XInternAtom(display_, "_NET_SUPPORTING_WM_CHECK", False);
        XChangeProperty(display_, window_, check, XA_WINDOW, 32, PropModeReplace,
                        reinterpret_cast<const unsigned char*>(&window_), 1);
        XChangeProperty(display_, root, check, XA_WINDOW, 32, PropModeReplace,
                        reinterpret_cast<const unsigned char*>(&window_), 1);
        XSync(display_, False);
    }
    ~AnnouncedWindowManager() { XCloseDisplay(display_); }
    AnnouncedWindowManager(const AnnouncedWindowManager&) = delete;
    AnnouncedWindowManager& operator=(const AnnouncedWindowManager&) = delete;
    // The window manager's window goes; the root's property still names it (a crashed one).
    void lose_its_window() {
        XDestroyWindow(display_, window_);
        XSync(display_, False);
    }

private:
    Display* display_;
    Window window_ = None;
};

struct X11Session {
    explicit X11Session(const std::string& display_name)
        : display_set((setenv("DISPLAY", display_name.c_str(), 1), true)),
          session(render::SdlSessionOptions{.video_driver = "x11", .software_framebuffer = true}) {}
    bool display_set;
    render::SdlSession session;
};

}  // namespace

TEST_CASE("without a window manager the kiosk's X11 window covers the display without being made full-screen",
          "[display]") {
    if (!xvfb_installed()) {
        WARN("Xvfb (Debian package xvfb) is not installed: skipped");
        return;
    }
    Xvfb server;
    X11Session x11(server.name());
    render::WindowPtr window = kiosk::show_x11_full_screen_window("bangvang");
    CHECK_FALSE(kiosk::x11_window_manager_runs(window.get()));
    int x = -1, y = -1, width = 0, height = 0;
    SDL_GetWindowPosition(window.get(), &x, &y);
    SDL_GetWindowSize(window.get(), &width, &height);
    CHECK(x == 0);
    CHECK(y == 0);
    CHECK(width == 1024);
    CHECK(height == 768);
    const Uint32 flags = SDL_GetWindowFlags(window.get());
    CHECK((flags & SDL_WINDOW_SHOWN) != 0);
    CHECK((flags & SDL_WINDOW_FULLSCREEN) == 0);  // SDL's wait for a window manager never ran
}

TEST_CASE("with a window manager announced (EWMH) the kiosk's X11 window is made full-screen", "[display]") {
    if (!xvfb_installed()) {
        WARN("Xvfb (Debian package xvfb) is not installed: skipped");
        return;
    }
    Xvfb server;
    AnnouncedWindowManager manager(server.name());
    X11Session x11(server.name());
    render::WindowPtr window = kiosk::show_x11_full_screen_window("bangvang");
    CHECK(kiosk::x11_window_manager_runs(window.get()));
    const Uint32 flags = SDL_GetWindowFlags(window.get());
    CHECK((flags & SDL_WINDOW_FULLSCREEN_DESKTOP) == SDL_WINDOW_FULLSCREEN_DESKTOP);
    CHECK((flags & SDL_WINDOW_SHOWN) != 0);
    int width = 0, height = 0;
    SDL_GetWindowSize(window.get(), &width, &height);
    CHECK(width == 1024);
    CHECK(height == 768);

    SECTION("one that went away, leaving the root's property naming its window, counts as none") {
        manager.lose_its_window();
        CHECK_FALSE(kiosk::x11_window_manager_runs(window.get()));
    }
}
#endif
