#pragma once
// Where the player's frames go: composed at the slide's shape, turned for a screen
// that hangs rotated, presented at the display's refresh. With vsync SDL_RenderPresent
// waits for the display; without it (the software renderer) present() sleeps until
// the next refresh, so animation never runs faster than the screen can show it.
#include <SDL.h>

#include "render/frame_rotation.hpp"
#include "render/sdl_handles.hpp"

namespace bangvang::kiosk {

class FrameOutput {
public:
    FrameOutput(SDL_Renderer* renderer, const render::FrameShape& shape);

    // Makes the render target the place where a slide-shaped frame is composed.
    void begin_frame();
    // Turns the frame onto the output when the screen is rotated, presents it and
    // paces to the refresh rate.
    void present();

    // The last frame is still there after present() (the software renderer's window
    // surface, or the rotation texture), so the next frame may draw only what changed.
    // GPU back buffers are undefined after a present: there every frame is whole.
    bool keeps_frame() const { return keeps_frame_; }
    // A tap at output coordinates, as a point on the slide.
    SDL_Point slide_point(SDL_Point output) const;

    double refresh_hz() const { return refresh_hz_; }
    bool has_vsync() const { return vsync_; }
    // The render targets were lost (SDL_RENDER_TARGETS_RESET): make the rotation texture again.
    void recreate_targets();

private:
    SDL_Renderer* renderer_;
    render::FrameShape shape_;
    render::TexturePtr turned_frame_;  // only for a rotated screen
    double refresh_hz_ = 60;
    bool vsync_ = false;
    bool keeps_frame_ = false;
    Uint64 next_present_counter_ = 0;
};

}  // namespace bangvang::kiosk
