#pragma once
// The size of the kiosk's screen in pixels, as the config gives it: what sync makes
// screen-sized copies for and what the renderer draws at. Pure data.
namespace bangvang::core {

struct ScreenSize {
    int width = 0;  // 0: unknown, no copies made
    int height = 0;
    bool known() const { return width > 0 && height > 0; }
};

}  // namespace bangvang::core
