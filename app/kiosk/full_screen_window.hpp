#pragma once
// The kiosk's full-screen window under X11, without the wait SDL adds for a window
// manager that is not there.
//
// SDL 2.26's x11 driver, once it has mapped a full-screen window, waits for a window
// manager to move and resize it: XSync, look, sleep 10 ms, up to 100 ms. With none
// running (a kiosk's bare X session, Xvfb) nothing ever moves it, so every start waited
// the whole 100 ms before its first frame (and again when the window closed). Without a
// window manager a window at the display's bounds already covers the display (only a
// window manager draws frames around windows), so the window is made full-screen, with
// SDL's wait, only where one runs: there full screen is what keeps it above panels.
#include <SDL.h>

#include <string>

#include "render/sdl_handles.hpp"

namespace bangvang::kiosk {

// Shown at display 0's bounds; full screen (SDL_WINDOW_FULLSCREEN_DESKTOP) when an X11
// window manager runs. Call after SDL_Init, with the x11 video driver current.
render::WindowPtr show_x11_full_screen_window(const std::string& title);

// True when an EWMH window manager runs on the X display of `window` (the root window's
// _NET_SUPPORTING_WM_CHECK names a window that names itself, as SDL checks); false when
// none runs; true when it cannot tell (not an X11 window, or built without Xlib), so
// that the window is made full-screen as before.
bool x11_window_manager_runs(SDL_Window* window);

}  // namespace bangvang::kiosk
