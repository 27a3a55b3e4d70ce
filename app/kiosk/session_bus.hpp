#pragma once
// No D-Bus session bus started for the kiosk where there is none.
//
// SDL_Init opens the D-Bus session bus (SDL 2.26 uses it to inhibit a desktop's screen
// saver and for input methods). With neither DBUS_SESSION_BUS_ADDRESS nor a bus at
// $XDG_RUNTIME_DIR/bus, as in a kiosk's bare X session or a service, libdbus
// "autolaunches" one: it forks the kiosk and runs dbus-launch, which finds or starts a
// private dbus-daemon for the X display, on every start before the first frame. No
// screen saver listens on a bus made that way (one that runs has the session's bus), so
// nothing is lost without it: the X screen saver is still held off through X11.
#include <string>

namespace bangvang::kiosk {

class NoSessionBusAutolaunch {
public:
    // Where no session bus is known, points libdbus at an address it refuses at once
    // ("disabled:"); where one is, changes nothing.
    NoSessionBusAutolaunch();
    // Unsets it again, so that programs the kiosk runs see the environment it was given.
    // SDL does not try the bus again after a failure: destroy this after SDL_Init.
    ~NoSessionBusAutolaunch();
    NoSessionBusAutolaunch(const NoSessionBusAutolaunch&) = delete;
    NoSessionBusAutolaunch& operator=(const NoSessionBusAutolaunch&) = delete;

    bool active() const { return active_; }

private:
    bool active_ = false;
};

// Whether libdbus would find a session bus: DBUS_SESSION_BUS_ADDRESS set, or a socket at
// $XDG_RUNTIME_DIR/bus (what systemd's user session provides).
bool session_bus_known();

}  // namespace bangvang::kiosk
