#include "kiosk/full_screen_window.hpp"

namespace bangvang::kiosk {

render::WindowPtr show_x11_full_screen_window(const std::string& title) {
    SDL_Rect bounds{};
    if (SDL_GetDisplayBounds(0, &bounds) != 0) render::throw_sdl_error("SDL_GetDisplayBounds(0)");
    // Hidden until it is full-screen or not: mapping it is what SDL's wait follows.
    render::WindowPtr window(SDL_CreateWindow(title.c_str(), bounds.x, bounds.y, bounds.w, bounds.h,
                                              SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_HIDDEN));
    if (!window) {
        render::throw_sdl_error("SDL_CreateWindow(" + std::to_string(bounds.w) + "x" + std::to_string(bounds.h) + ")");
    }
    if (x11_window_manager_runs(window.get()) &&
        SDL_SetWindowFullscreen(window.get(), SDL_WINDOW_FULLSCREEN_DESKTOP) != 0) {
        render::throw_sdl_error("SDL_SetWindowFullscreen");
    }
    SDL_ShowWindow(window.get());
    return window;
}

}  // namespace bangvang::kiosk
