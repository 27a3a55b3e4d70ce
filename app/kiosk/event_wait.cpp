#include "kiosk/event_wait.hpp"

#include <algorithm>
#include <cstring>

namespace bangvang::kiosk {

namespace {

constexpr Uint64 poll_interval_ms = 50;

bool driver_can_wait() {
    const char* driver = SDL_GetCurrentVideoDriver();
    return driver && (std::strcmp(driver, "x11") == 0 || std::strcmp(driver, "wayland") == 0);
}

}  // namespace

bool wait_for_event(SDL_Event& event, Uint32 timeout_ms) {
    if (driver_can_wait()) return SDL_WaitEventTimeout(&event, static_cast<int>(timeout_ms)) == 1;
    const Uint64 deadline = SDL_GetTicks64() + timeout_ms;
    for (;;) {
        if (SDL_PollEvent(&event) == 1) return true;
        const Uint64 now = SDL_GetTicks64();
        if (now >= deadline) return false;
        SDL_Delay(static_cast<Uint32>(std::min(poll_interval_ms, deadline - now)));
    }
}

}  // namespace bangvang::kiosk
