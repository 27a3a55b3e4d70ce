#include "kiosk/session_bus.hpp"

#include <sys/stat.h>

#include <cstdlib>

namespace bangvang::kiosk {

bool session_bus_known() {
    const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    if (address && *address) return true;
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    if (!runtime || !*runtime) return false;
    struct stat status {};
    const std::string socket = std::string(runtime) + "/bus";
    return stat(socket.c_str(), &status) == 0 && S_ISSOCK(status.st_mode);
}

NoSessionBusAutolaunch::NoSessionBusAutolaunch() {
    if (session_bus_known()) return;
    active_ = setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 1) == 0;
}

NoSessionBusAutolaunch::~NoSessionBusAutolaunch() {
    if (active_) unsetenv("DBUS_SESSION_BUS_ADDRESS");
}

}  // namespace bangvang::kiosk
