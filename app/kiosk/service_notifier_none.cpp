// Built when libsystemd is not available: nothing supervises the kiosk.
#include "kiosk/service_notifier.hpp"

namespace bangvang::kiosk {

ServiceNotifier::ServiceNotifier() = default;
void ServiceNotifier::ready() {}
void ServiceNotifier::watchdog_ping() {}
void ServiceNotifier::stopping() {}

}  // namespace bangvang::kiosk
