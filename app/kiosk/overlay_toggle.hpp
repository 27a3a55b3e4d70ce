#pragma once
// When the status overlay shows: F1 or I toggles it, so does holding a finger (or the
// mouse button) on the screen for 1.5 s, and it hides by itself after 30 s so that a
// forgotten panel never covers the slides for the rest of the day. Pure: the player
// feeds it events and SDL ticks.
#include <cstdint>
#include <optional>

namespace bangvang::kiosk {

struct OverlayToggleOptions {
    std::uint64_t long_press_milliseconds = 1500;
    std::uint64_t hide_after_milliseconds = 30000;
};

class OverlayToggle {
public:
    explicit OverlayToggle(OverlayToggleOptions options = {}) : options_(options) {}

    bool visible() const { return visible_; }
    void toggle(std::uint64_t now);

    // A press (mouse button or touch) began.
    void press(std::uint64_t now);
    // The press ended. True when it was a tap the player should act on (next /
    // previous), false when it was the long press that toggled the overlay.
    bool release(std::uint64_t now);

    // Time passing: a press held long enough toggles, a panel shown long enough hides.
    // True when visible() changed.
    bool update(std::uint64_t now);

    // When update() should run next (the long press's threshold or the panel's end);
    // nullopt when nothing is pending.
    std::optional<std::uint64_t> next_deadline() const;

private:
    OverlayToggleOptions options_;
    bool visible_ = false;
    std::uint64_t shown_at_ = 0;
    std::optional<std::uint64_t> pressed_at_;
    bool press_used_ = false;  // the held press already toggled: its release is no tap
};

}  // namespace bangvang::kiosk
