#include "kiosk/frame_output.hpp"

namespace bangvang::kiosk {

FrameOutput::FrameOutput(SDL_Renderer* renderer, const render::FrameShape& shape)
    : renderer_(renderer), shape_(shape) {
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(renderer_, &info) == 0) {
        // SDL 2.26's software renderer reports PRESENTVSYNC but never waits for the display.
        keeps_frame_ = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
        vsync_ = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0 && !keeps_frame_;
    }
    if (SDL_Window* window = SDL_RenderGetWindow(renderer_)) {
        SDL_DisplayMode mode{};
        if (SDL_GetWindowDisplayMode(window, &mode) == 0 && mode.refresh_rate >= 20) refresh_hz_ = mode.refresh_rate;
    }
    // A desktop of another size than the config's: SDL scales frames and taps to fit.
    int output_width = 0, output_height = 0;
    if (SDL_GetRendererOutputSize(renderer_, &output_width, &output_height) == 0 &&
        (output_width != shape_.output_width() || output_height != shape_.output_height())) {
        SDL_RenderSetLogicalSize(renderer_, shape_.output_width(), shape_.output_height());
    }
    recreate_targets();
}

void FrameOutput::recreate_targets() {
    if (shape_.rotation == 0) return;
    turned_frame_ = render::create_target_texture(renderer_, shape_.width, shape_.height);
    keeps_frame_ = true;
}

void FrameOutput::begin_frame() { SDL_SetRenderTarget(renderer_, turned_frame_.get()); }

void FrameOutput::present() {
    if (turned_frame_) {
        SDL_SetRenderTarget(renderer_, nullptr);
        render::copy_turned(renderer_, turned_frame_.get(), shape_);
    }
    if (!vsync_) {
        // Sleep to the next refresh: SDL_Delay has millisecond grain, the counter finer.
        const Uint64 frequency = SDL_GetPerformanceFrequency();
        const auto interval = static_cast<Uint64>(static_cast<double>(frequency) / refresh_hz_);
        const Uint64 now = SDL_GetPerformanceCounter();
        if (next_present_counter_ > now) {
            SDL_Delay(static_cast<Uint32>((next_present_counter_ - now) * 1000 / frequency));
        }
        // Late frames do not bunch up: the next one waits a whole interval again.
        next_present_counter_ = next_present_counter_ + interval > now ? next_present_counter_ + interval : now + interval;
    }
    SDL_RenderPresent(renderer_);
}

SDL_Point FrameOutput::slide_point(SDL_Point output) const {
    return render::slide_point_from_output(shape_, output);
}

}  // namespace bangvang::kiosk
