#include "kiosk/overlay_toggle.hpp"

#include <algorithm>

namespace bangvang::kiosk {

void OverlayToggle::toggle(std::uint64_t now) {
    visible_ = !visible_;
    shown_at_ = now;
}

void OverlayToggle::press(std::uint64_t now) {
    pressed_at_ = now;
    press_used_ = false;
}

bool OverlayToggle::release(std::uint64_t now) {
    if (!pressed_at_) return true;
    update(now);  // a long press whose threshold passed between two wakes still counts
    const bool tap = !press_used_;
    pressed_at_.reset();
    press_used_ = false;
    return tap;
}

bool OverlayToggle::update(std::uint64_t now) {
    const bool was_visible = visible_;
    if (pressed_at_ && !press_used_ && now - *pressed_at_ >= options_.long_press_milliseconds) {
        toggle(now);
        press_used_ = true;
    }
    if (visible_ && now - shown_at_ >= options_.hide_after_milliseconds) visible_ = false;
    return visible_ != was_visible;
}

std::optional<std::uint64_t> OverlayToggle::next_deadline() const {
    std::optional<std::uint64_t> deadline;
    if (pressed_at_ && !press_used_) deadline = *pressed_at_ + options_.long_press_milliseconds;
    if (visible_) {
        const std::uint64_t hide_at = shown_at_ + options_.hide_after_milliseconds;
        deadline = deadline ? std::min(*deadline, hide_at) : hide_at;
    }
    return deadline;
}

}  // namespace bangvang::kiosk
