// x11_window_manager_runs (full_screen_window.hpp) through Xlib, on SDL's own connection.
#include <SDL_syswm.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>

#include "kiosk/full_screen_window.hpp"

namespace bangvang::kiosk {

namespace {

// The window a window's _NET_SUPPORTING_WM_CHECK names; None when it names none.
Window supporting_window(Display* display, Window window, Atom check) {
    Atom type = None;
    int format = 0;
    unsigned long items = 0;
    unsigned long bytes_after = 0;
    unsigned char* data = nullptr;
    const int status = XGetWindowProperty(display, window, check, 0, 1, False, XA_WINDOW, &type, &format, &items,
                                          &bytes_after, &data);
    Window named = None;
    if (status == Success && type == XA_WINDOW && format == 32 && items == 1 && data) {
        named = *reinterpret_cast<Window*>(data);
    }
    if (data) XFree(data);
    return named;
}

int ignore_x_error(Display*, XErrorEvent*) { return 0; }

}  // namespace

bool x11_window_manager_runs(SDL_Window* window) {
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11) return true;
    Display* display = info.info.x11.display;
    const Atom check = XInternAtom(display, "_NET_SUPPORTING_WM_CHECK", True);
    if (check == None) return false;  // no client ever named it: no EWMH window manager
    const Window wm = supporting_window(display, DefaultRootWindow(display), check);
    if (wm == None) return false;
    // A window manager that died leaves the root's property naming a window that is gone:
    // asking about it is an X error, which must not reach SDL's handler (it aborts).
    XSync(display, False);
    XErrorHandler previous = XSetErrorHandler(ignore_x_error);
    const bool alive = supporting_window(display, wm, check) == wm;
    XSync(display, False);
    XSetErrorHandler(previous);
    return alive;
}

}  // namespace bangvang::kiosk
