#pragma once
// Waiting for the next event without burning the CPU of a Pi.
#include <SDL.h>

namespace bangvang::kiosk {

// Like SDL_WaitEventTimeout. SDL2 sleeps in the kernel only on X11 and Wayland; on
// KMS/DRM (a Pi's console), offscreen and dummy it polls every millisecond, which
// costs several per cent of a core on a static slide. There this polls 20 times a
// second instead (input answers within 50 ms).
bool wait_for_event(SDL_Event& event, Uint32 timeout_ms);

}  // namespace bangvang::kiosk
