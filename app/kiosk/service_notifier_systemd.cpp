#include "kiosk/service_notifier.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>

namespace bangvang::kiosk {

ServiceNotifier::ServiceNotifier() {
    std::uint64_t microseconds = 0;
    // unset_environment = 0: the variables are harmless to keep, and a child that
    // inherits them is refused by systemd anyway (NotifyAccess=main).
    if (sd_watchdog_enabled(0, &microseconds) > 0 && microseconds > 0) {
        watchdog_interval_ = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::microseconds(static_cast<std::chrono::microseconds::rep>(microseconds)));
    }
}

// sd_notify returns an error only when the socket is unreachable; the kiosk keeps
// playing either way, so the result is deliberately ignored.
void ServiceNotifier::ready() { sd_notify(0, "READY=1\nSTATUS=Playing"); }

void ServiceNotifier::watchdog_ping() {
    if (watchdog_interval_) sd_notify(0, "WATCHDOG=1");
}

void ServiceNotifier::stopping() { sd_notify(0, "STOPPING=1"); }

}  // namespace bangvang::kiosk
