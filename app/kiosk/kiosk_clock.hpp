#pragma once
// The kiosk's notion of "now". Normally the system clock; `--now` shifts it to a
// fixed starting instant so that tests and screenshots are reproducible.
#include <chrono>
#include <optional>

#include "core/clock_time.hpp"

namespace bangvang::kiosk {

class KioskClock {
public:
    explicit KioskClock(std::optional<core::UnixSeconds> start_at = std::nullopt) {
        if (start_at) shift_seconds_ = *start_at - system_seconds();
    }

    core::UnixSeconds now() const { return system_seconds() + shift_seconds_; }

private:
    static core::UnixSeconds system_seconds() {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    core::UnixSeconds shift_seconds_ = 0;
};

}  // namespace bangvang::kiosk
