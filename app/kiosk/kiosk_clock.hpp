#pragma once
// The kiosk's notion of "now". Normally the system clock; `--now` shifts it to a
// fixed starting instant so that tests and screenshots are reproducible. Whether the
// clock can be believed comes from the time service (clock_trust.hpp) either way.
#include <chrono>
#include <filesystem>
#include <optional>

#include "core/clock_time.hpp"
#include "kiosk/clock_trust.hpp"

namespace bangvang::kiosk {

class KioskClock {
public:
    // `synchronized_file`: see clock_trust.hpp; empty: the clock is always believed.
    explicit KioskClock(std::optional<core::UnixSeconds> start_at = std::nullopt,
                        std::filesystem::path synchronized_file = {})
        : synchronized_file_(std::move(synchronized_file)) {
        if (start_at) shift_seconds_ = *start_at - system_seconds();
    }

    core::UnixSeconds now() const { return system_seconds() + shift_seconds_; }
    ClockTrust trust() const { return read_clock_trust(synchronized_file_); }
    core::ClockReading read() const { return core::ClockReading(now(), is_believed(trust())); }

private:
    static core::UnixSeconds system_seconds() {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    std::filesystem::path synchronized_file_;
    core::UnixSeconds shift_seconds_ = 0;
};

}  // namespace bangvang::kiosk
