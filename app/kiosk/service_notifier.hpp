#pragma once
// Tells the service manager how the kiosk is doing: ready once the screen is up,
// alive on every wake of the main loop (so a frozen renderer is restarted by the
// watchdog), stopping on the way out. Two sibling implementations are chosen by
// CMake: service_notifier_systemd.cpp (sd_notify) and service_notifier_none.cpp
// (no-op, for systems without libsystemd). Outside a notify service every call is
// a no-op, so headless and test runs need nothing.
#include <chrono>
#include <optional>

namespace bangvang::kiosk {

class ServiceNotifier {
public:
    // Reads the watchdog settings the service manager passed in the environment.
    ServiceNotifier();

    void ready();
    void watchdog_ping();
    void stopping();

    // How often the service manager expects a ping; empty when no watchdog runs.
    // The main loop must wake at least twice per interval.
    std::optional<std::chrono::milliseconds> watchdog_interval() const { return watchdog_interval_; }

private:
    std::optional<std::chrono::milliseconds> watchdog_interval_;
};

}  // namespace bangvang::kiosk
